"""Every page kind, light and dark, desktop (1280 px) and phone (375 px): a screenshot of each under
test-artifacts/screenshots/, axe-core's WCAG 2.2 A/AA rules with 0 violations at both widths, no
sideways scrolling on a phone, and nothing fetched from another host (see conftest.py)."""

from __future__ import annotations

import pytest
from harness import PAGE_KINDS, axe_violations, scheme_of, sideways

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 375, "height": 812}


def _shoot(page, path):
    """A full-page PNG screenshot."""
    page.screenshot(path=path.with_suffix(".png"), full_page=True)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_kind(new_context, axe, screenshots, kind, scheme):
    context = new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(PAGE_KINDS[kind])
    assert scheme_of(page) == SCHEMES[scheme]
    assert page.locator("h1").first.is_visible()

    _shoot(page, screenshots / f"{kind}-{scheme}-desktop")
    report = axe_violations(axe, page, f"{kind}-{scheme}-desktop")
    assert not report, report

    page.set_viewport_size(PHONE)  # Material's layout follows the width: no reload needed
    page.wait_for_function("w => document.documentElement.clientWidth <= w", arg=PHONE["width"])
    _shoot(page, screenshots / f"{kind}-{scheme}-phone")
    width, client = sideways(page)
    assert width <= client, f"{kind} scrolls sideways at 375 px: {width} > {client}"
    report = axe_violations(axe, page, f"{kind}-{scheme}-phone")
    assert not report, report


@pytest.mark.parametrize(
    "path",
    [
        "tables/force-comparison-1988/",
        "tables/dprk-navy/",
        "tables/unit-structure-2016/",
        "tables/us-forces-in-rok/",
        "tables/us-support-rok/",
        "figures/gfp-korea-selatan-2016-2020/",
        "figures/gfp-korea-utara-2016-2020/",
        "timeline/invasion-1950/",
    ],
)
def test_other_data_pages(page, axe, path):
    """The other tables and figures (charts, placeholders) and another event: axe-core, and the phone width."""
    page.goto(path)
    report = axe_violations(axe, page, path.strip("/").replace("/", "-"))
    assert not report, report
    page.set_viewport_size(PHONE)
    page.wait_for_function("w => document.documentElement.clientWidth <= w", arg=PHONE["width"])
    width, client = sideways(page)
    assert width <= client, f"{path} scrolls sideways at 375 px: {width} > {client}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_chapter_states(new_context, axe, screenshots, scheme):
    """The chapter as a reader changes it: both languages side by side, a citation preview open, the
    search dialog open with results (a dialog with a name), the phone's navigation drawer open."""
    context = new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(PAGE_KINDS["chapter"])
    page.click('.as-lang button[data-as-view="both"]')
    # The whole page had its check in test_page_kind; here the first section, with both languages shown.
    first_section = [[f"#{p}"] for p in page.eval_on_selector_all(".as-para", "els => els.slice(0, 8).map(e => e.id)")]
    report = axe_violations(axe, page, f"chapter-both-{scheme}", context={"include": first_section})
    assert not report, report
    page.screenshot(path=screenshots / f"chapter-both-{scheme}-desktop.png")

    page.locator("a.as-cite:visible").first.hover()
    page.locator("#as-tip").wait_for(state="visible")
    page.screenshot(path=screenshots / f"chapter-citation-preview-{scheme}-desktop.png")
    report = axe_violations(axe, page, f"chapter-tip-{scheme}", context={"include": [["#as-tip"], ["a.as-cite"]]})
    assert not report, report

    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("alliance")
    page.locator(".md-search-result__link").first.wait_for(state="visible")
    assert page.get_by_role("dialog", name="Search").count() == 1
    page.screenshot(path=screenshots / f"search-{scheme}-desktop.png")
    report = axe_violations(axe, page, f"chapter-search-{scheme}", context={"include": [[".md-search"]]})
    assert not report, report
    page.keyboard.press("Escape")

    page.set_viewport_size(PHONE)
    page.reload()
    width, client = sideways(page)
    assert width <= client, f"the side-by-side chapter scrolls sideways at 375 px: {width} > {client}"
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    page.wait_for_timeout(300)  # the drawer slides in
    page.screenshot(path=screenshots / f"chapter-menu-{scheme}-phone.png")
    report = axe_violations(axe, page, f"chapter-menu-{scheme}-phone", context={"include": [[".md-sidebar--primary"]]})
    assert not report, report
