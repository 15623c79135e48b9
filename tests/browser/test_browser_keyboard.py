"""The journeys again, with the keyboard alone: Tab, Shift+Tab, Enter, Escape and the arrows, and a
visible focus on every element reached (tab_to checks it)."""

from __future__ import annotations

import re

import pytest
from harness import (
    CHAPTER,
    RHEE_PARAGRAPH,
    focus_visible,
    focused,
    in_viewport,
    is_target,
    scheme_of,
    tab_to,
    wait_for_settled_results,
)

pytestmark = pytest.mark.browser


def wait_for_hash(page, fragment: str):
    page.wait_for_function("h => location.hash === h && document.readyState === 'complete'", arg=f"#{fragment}")


def active(page, script: str = "el => el.outerHTML"):
    return page.evaluate(f"({script})(document.activeElement)")


def test_skip_link_then_content(page):
    page.goto(CHAPTER)
    page.keyboard.press("Tab")
    assert active(page, "el => el.className").startswith("md-skip")
    assert page.locator(".md-skip").is_visible()
    assert focus_visible(page)
    page.keyboard.press("Enter")
    tab_to(page, ".md-content a, .md-content button, .md-content summary")
    assert page.evaluate("document.querySelector('.md-content').contains(document.activeElement)")


def test_search_by_keyboard_lands_on_the_paragraph(page):
    page.goto("")
    page.keyboard.press("/")  # Material's shortcut; Tab reaches the box as well
    assert active(page, "el => el.matches('.md-search__input')")
    page.keyboard.type("Syngman-Rhee", delay=20)
    page.locator(".md-search-result__link").first.wait_for(state="visible")
    wait_for_settled_results(page)  # a redraw would take the focus away from the arrow keys
    for _ in range(30):
        page.keyboard.press("ArrowDown")
        href = active(page, "el => el.getAttribute('href') || ''")
        if CHAPTER in href and "#sec-" in href:
            break
    else:
        raise AssertionError("the chapter's result was not reached with the arrow keys")
    assert focus_visible(page)
    page.keyboard.press("Enter")
    wait_for_hash(page, RHEE_PARAGRAPH)
    assert is_target(page, RHEE_PARAGRAPH) and in_viewport(page, f"#{RHEE_PARAGRAPH}")


def test_search_closes_with_escape(page):
    page.goto(CHAPTER)
    tab_to(page, ".md-search__input")
    page.keyboard.type("armistice")
    page.locator(".md-search-result__link").first.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not page.locator(".md-search-result__link").first.is_visible()


def test_citation_preview_on_focus_then_the_source(page):
    page.goto(CHAPTER)
    tab_to(page, ".as-orig a.as-cite")
    tip = page.locator("#as-tip")
    tip.wait_for(state="visible")
    refs = active(page, "el => el.getAttribute('data-refs')")
    assert tip.inner_text().strip() == page.inner_text(f"#{refs.split()[0]}").strip()
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    href = active(page, "el => el.getAttribute('href')")
    page.keyboard.press("Enter")
    source = href.replace("../", "")
    page.wait_for_url(lambda url: url.endswith(source))


def test_cited_in_by_keyboard(page):
    page.goto("bibliography/cumings2011/")
    tab_to(page, ".as-cited-in a")
    fragment = active(page, "el => el.getAttribute('href')").split("#")[1]
    page.keyboard.press("Enter")
    wait_for_hash(page, fragment)
    assert is_target(page, fragment) and in_viewport(page, f"#{fragment}")


def test_timeline_to_paragraph_and_back_by_keyboard(page):
    page.goto("timeline/")
    tab_to(page, f'#evt-armistice-1953 .as-event__told a[href$="#{RHEE_PARAGRAPH}"]')
    page.keyboard.press("Enter")
    wait_for_hash(page, RHEE_PARAGRAPH)
    assert is_target(page, RHEE_PARAGRAPH)
    # Focus navigation starts at the paragraph the address points to.
    tab_to(page, f'#{RHEE_PARAGRAPH} a.as-link-event[href$="#evt-armistice-1953"]', limit=40)
    page.keyboard.press("Enter")
    wait_for_hash(page, "evt-armistice-1953")
    assert in_viewport(page, "#evt-armistice-1953")
    page.go_back()  # the browser's Back (Alt+Left belongs to the browser's own window, not to the page)
    wait_for_hash(page, RHEE_PARAGRAPH)


def test_paragraph_to_table_and_back_by_keyboard(page):
    page.goto(f"{CHAPTER}#p-latihan-iiss")
    tab_to(page, "#p-latihan-iiss a.as-link-table", limit=60)
    page.keyboard.press("Enter")
    page.wait_for_url("**/tables/rok-forces-iiss/")
    tab_to(page, 'td.as-value a[href$="#p-latihan-iiss"]')
    page.keyboard.press("Enter")
    wait_for_hash(page, "p-latihan-iiss")
    assert is_target(page, "p-latihan-iiss") and in_viewport(page, "#p-latihan-iiss")


def test_paragraph_to_figure_and_back_by_keyboard(page):
    page.goto(f"{CHAPTER}#p-latihan-iiss")
    tab_to(page, "#figure-command-structure-2015 figcaption a", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url("**/figures/command-structure-2015/")
    tab_to(page, '.md-content a[href$="#p-latihan-iiss"]')
    page.keyboard.press("Enter")
    wait_for_hash(page, "p-latihan-iiss")
    assert in_viewport(page, "#p-latihan-iiss")


def test_acronym_expansion_on_focus(page):
    page.goto(CHAPTER)
    tab_to(page, "abbr")
    expansion = page.locator(".md-tooltip2--active")
    expansion.wait_for(state="visible")
    described = active(page, "el => el.getAttribute('aria-describedby')")
    assert expansion.inner_text().strip() == page.inner_text(f"#{described}").strip() != ""
    # Only the first of each acronym in a block is a tab stop: the chapter stays quick to tab through.
    stops = page.eval_on_selector_all("abbr[tabindex='0']", "els => els.length")
    assert 0 < stops < page.locator("abbr").count()


def test_page_marker_by_keyboard(page):
    page.goto(CHAPTER)
    tab_to(page, "a.as-page")
    page.keyboard.press("Enter")
    wait_for_hash(page, "page-2")
    assert in_viewport(page, "#page-2")


def test_dark_mode_by_keyboard(page):
    page.goto(CHAPTER)
    tab_to(page, "input.md-option")
    page.keyboard.press("Enter")
    assert scheme_of(page) == "slate"
    page.reload()
    assert scheme_of(page) == "slate"
    tab_to(page, "input.md-option")
    page.keyboard.press("Enter")
    assert scheme_of(page) == "default"


def test_language_switch_by_keyboard(page):
    page.goto(CHAPTER)
    tab_to(page, '.as-lang button[data-as-view="en"]')
    page.keyboard.press("Enter")
    assert page.locator(f"#{RHEE_PARAGRAPH} .as-tr[lang=en]").is_visible()
    assert active(page, "el => el.getAttribute('aria-pressed')") == "true"
    page.reload()
    assert page.locator(f"#{RHEE_PARAGRAPH} .as-tr[lang=en]").is_visible()
    tab_to(page, '.as-lang button[data-as-view="orig"]', key="Tab")
    page.keyboard.press("Space")
    assert page.locator(f"#{RHEE_PARAGRAPH} .as-orig").is_visible()


def test_cite_this_paragraph_by_keyboard(new_context, site_url):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{CHAPTER}#{RHEE_PARAGRAPH}")
    tab_to(page, f"#{RHEE_PARAGRAPH} details.as-cite-para summary", limit=40)
    page.keyboard.press("Enter")
    assert page.locator(f"#{RHEE_PARAGRAPH} details.as-cite-para").get_attribute("open") is not None
    tab_to(page, f"#{RHEE_PARAGRAPH} button.as-copy", limit=10)
    page.keyboard.press("Enter")
    status = page.locator(f"#{RHEE_PARAGRAPH} .as-copy-status")
    page.wait_for_function("el => el.textContent.trim() !== ''", arg=status.element_handle())
    assert f"{CHAPTER}#{RHEE_PARAGRAPH}" in page.evaluate("navigator.clipboard.readText()")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert re.search("summary", active(page, "el => el.tagName").lower())


@pytest.mark.parametrize("path", ["", "timeline/", "tables/rok-forces-iiss/", "bibliography/bbc2016/", "glossary/"])
def test_every_tab_stop_shows_its_focus_on_screen(page, path):
    """Tab through the whole page: each element shows its focus and is on screen, not under the header."""
    page.goto(path)
    problems, stops = [], 0
    for _ in range(400):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None:  # past the last stop: focus went back to the document
            break
        stops += 1
        if not info["shown"] or not info["visible"] or info["obscured"]:
            problems.append(info)
    assert stops > 10
    assert not problems, problems


def test_tabbing_backwards_keeps_focus_out_from_under_the_header(page):
    page.goto(f"{CHAPTER}#references")
    problems = []
    for _ in range(150):
        page.keyboard.press("Shift+Tab")
        info = focused(page)
        if info and (info["obscured"] or not info["visible"]):
            problems.append(info)
    assert not problems, problems
