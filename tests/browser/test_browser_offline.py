"""The site read from disk (file://), built with `mkdocs build -f mkdocs.offline.yml`: pages link to
pages, search works (Material's offline plugin, with the iframe-worker shim shipped in the theme), and
nothing at all is requested over the network."""

from __future__ import annotations

import pytest
from harness import RHEE_PARAGRAPH, Guard, in_viewport

pytestmark = pytest.mark.browser


def test_offline_build_is_self_contained(offline_site):
    index = (offline_site / "index.html").read_text("utf-8")
    assert "unpkg.com" not in index and "iframe-worker/shim.js" in index
    assert (offline_site / "assets/javascripts/iframe-worker/shim.js").is_file()
    assert (offline_site / "search/search_index.js").read_text("utf-8").startswith("var __index =")
    assert (offline_site / "chapters/bab-iv.html").is_file()  # no directory URLs


def test_the_site_works_from_disk_search_included(browser, offline_site):
    guard = Guard("file://")
    context = guard.attach(browser.new_context(viewport={"width": 1280, "height": 900}))
    try:
        page = context.new_page()
        page.goto((offline_site / "index.html").as_uri())
        assert page.locator("h1").first.is_visible()

        page.locator(".md-nav--primary a.md-nav__link", has_text="Timeline").first.click()
        page.wait_for_url("**/timeline/index.html")
        page.locator(f'#evt-armistice-1953 .as-event__told a[href$="#{RHEE_PARAGRAPH}"]').click()
        page.wait_for_url(f"**/chapters/bab-iv.html#{RHEE_PARAGRAPH}")
        assert in_viewport(page, f"#{RHEE_PARAGRAPH}")

        box = page.locator(".md-search__input")
        box.click()
        box.press_sequentially("Syngman-Rhee", delay=20)
        results = page.locator(".md-search-result__link")
        results.first.wait_for(state="visible")
        results.filter(has_text="Syngman").and_(page.locator('[href*="chapters/bab-iv.html"]')).first.click()
        page.wait_for_function(
            "h => location.hash === h && document.readyState === 'complete'", arg=f"#{RHEE_PARAGRAPH}"
        )
        assert page.url.startswith("file://")
        assert page.evaluate(f"document.getElementById('{RHEE_PARAGRAPH}').classList.contains('as-highlight')")
        assert in_viewport(page, f"#{RHEE_PARAGRAPH}")

        page.locator(f"#{RHEE_PARAGRAPH} .as-orig a.as-cite").first.click()
        page.wait_for_url("**/bibliography/cumings2011.html")
        assert "Cumings" in page.inner_text("h1")
    finally:
        context.close()
    guard.check()
