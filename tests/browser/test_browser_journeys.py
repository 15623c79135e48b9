"""Readers' journeys on the real corpus, with a mouse (or a finger): search, citation previews, the
links between paragraphs, sources, the timeline, tables and figures, acronyms, page numbers, dark
mode, print, copy buttons and the reading language."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from harness import ARTIFACTS, CHAPTER, RHEE_PARAGRAPH, highlighted, in_viewport, is_target, scheme_of, search

pytestmark = pytest.mark.browser


def wait_for_hash(page, fragment: str):
    """Waits until the address ends in #fragment, on a page that has loaded."""
    page.wait_for_function("h => location.hash === h && document.readyState === 'complete'", arg=f"#{fragment}")


# ---------------------------------------------------------------------------------------- search


def test_search_finds_the_paragraph_and_lands_on_its_anchor(page):
    page.goto("")
    results = search(page, "Syngman-Rhee")
    hit = results.filter(has_text="Syngman").and_(page.locator(f'[href*="{CHAPTER}"]')).first
    hit.click()
    wait_for_hash(page, RHEE_PARAGRAPH)
    assert page.url.split("?")[0].endswith(CHAPTER)
    assert is_target(page, RHEE_PARAGRAPH)
    assert highlighted(page, RHEE_PARAGRAPH)
    assert in_viewport(page, f"#{RHEE_PARAGRAPH}")
    # Material marks the words found, in the paragraph landed on.
    marks = page.locator(f"#{RHEE_PARAGRAPH} .as-para__text mark[data-md-highlight]:visible")
    marks.first.wait_for(state="visible")
    assert "syngman" in marks.first.inner_text().lower()


def test_search_in_english_lands_on_the_paragraph(page):
    """Issue 10: the English edition is searchable; "armistice" is only in the translation."""
    page.goto(CHAPTER)
    page.click('.as-lang button[data-as-view="en"]')
    results = search(page, "armistice")
    results.and_(page.locator(f'[href*="{CHAPTER}"][href*="#sec-"]')).first.click()
    wait_for_hash(page, RHEE_PARAGRAPH)
    assert is_target(page, RHEE_PARAGRAPH)
    assert in_viewport(page, f"#{RHEE_PARAGRAPH}")
    english = page.locator(f"#{RHEE_PARAGRAPH} .as-tr[lang=en]")
    assert english.is_visible() and "armistice" in english.inner_text()
    english.locator("mark[data-md-highlight]").first.wait_for(state="visible")
    assert page.evaluate("localStorage.getItem('alliance-site.view')") == "en"


def test_search_in_english_from_the_original_shows_the_translation(page):
    """Reading the original, a hit in the translation is shown beside it, without changing the
    reader's choice of language."""
    page.goto(CHAPTER)
    results = search(page, "armistice")
    results.and_(page.locator(f'[href*="{CHAPTER}"][href*="#sec-"]')).first.click()
    wait_for_hash(page, RHEE_PARAGRAPH)
    assert page.locator(f"#{RHEE_PARAGRAPH} .as-tr[lang=en]").is_visible()
    assert page.locator(f"#{RHEE_PARAGRAPH} .as-orig").is_visible()
    assert page.evaluate("localStorage.getItem('alliance-site.view')") is None
    page.goto(CHAPTER)
    assert not page.locator(f"#{RHEE_PARAGRAPH} .as-tr[lang=en]").is_visible()


# ---------------------------------------------------------------------------------------- citations

BBC_CITE = 'a.as-cite[data-refs="ref-bbc2016"]'


def test_citation_preview_on_hover_and_focus_then_the_source(page):
    page.clock.install()  # the page's timers on a clock the test moves (time still flows on its own)
    page.goto(CHAPTER)
    cite = page.locator(f".as-orig {BBC_CITE}").first
    reference = page.inner_text("#ref-bbc2016").strip()
    assert "North Korea" in reference  # the formatted reference, with its title

    cite.hover()
    tip = page.locator("#as-tip")
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == reference
    assert cite.get_attribute("aria-describedby") == "as-tip"
    assert tip.get_attribute("role") == "tooltip"
    # The preview can be hovered itself (WCAG 1.4.13), then goes when the pointer leaves both.
    box = tip.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
    page.clock.run_for(400)  # past the 300 ms hide timer: had leaving the citation set it, it has fired
    assert tip.is_visible()
    page.mouse.move(5, 400)
    tip.wait_for(state="hidden")

    cite.focus()
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == reference
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")

    cite.click()
    page.wait_for_url("**/bibliography/bbc2016/")
    assert "BBC" in page.inner_text("h1")


def test_citation_preview_on_tap(new_context):
    context = new_context(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(CHAPTER)
    cite = page.locator(f".as-orig {BBC_CITE}").first
    reference = page.inner_text("#ref-bbc2016").strip()
    cite.scroll_into_view_if_needed()
    cite.tap()
    tip = page.locator("#as-tip")
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == reference
    assert page.url.split("#")[0].endswith(CHAPTER)  # the first tap previews
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, "the preview fits the phone's width"

    page.locator("h1").tap()  # a tap elsewhere closes it
    tip.wait_for(state="hidden")

    cite.tap()
    tip.wait_for(state="visible")
    cite.tap()  # a second tap follows the link
    page.wait_for_url("**/bibliography/bbc2016/")


class _CitedIn(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and "as-cited-in" in (attrs.get("class") or ""):
            self.inside = True
        elif tag == "a" and self.inside:
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "ol":
            self.inside = False


def test_cited_in_links_land_on_the_exact_paragraph(page, built_site):
    """Every "cited in" link of every source page lands on its paragraph, marked, and that paragraph
    cites the source; one source's links are followed by clicking."""
    links = []
    for source_page in sorted((built_site / "bibliography").glob("*/index.html")):
        parser = _CitedIn()
        parser.feed(source_page.read_text("utf-8"))
        links += [(source_page.parent.name, href) for href in parser.hrefs]
    assert len(links) >= 17

    page.goto("bibliography/defense-ro-2016/")
    count = page.locator(".as-cited-in a").count()
    assert count >= 2
    for i in range(count):
        page.goto("bibliography/defense-ro-2016/")
        link = page.locator(".as-cited-in a").nth(i)
        fragment = link.get_attribute("href").split("#")[1]
        link.click()
        wait_for_hash(page, fragment)
        assert is_target(page, fragment) and highlighted(page, fragment)
        assert in_viewport(page, f"#{fragment}")

    page.goto(CHAPTER)
    for source, href in links:
        chapter_path, fragment = href.split("#")
        assert chapter_path.endswith(CHAPTER), href
        page.goto(f"{CHAPTER}#{fragment}")  # same document: no reload
        wait_for_hash(page, fragment)
        assert is_target(page, fragment), href
        assert highlighted(page, fragment), href
        assert in_viewport(page, f"#{fragment}"), href
        assert page.locator(f'#{fragment} a.as-cite[href*="/bibliography/{source}/"]').count(), (
            f"{fragment} does not cite {source}"
        )


# ---------------------------------------------------------------------------------------- cross-links


def test_timeline_to_paragraph_and_back(page):
    page.goto("timeline/")
    page.locator(f'#evt-armistice-1953 .as-event__told a[href$="#{RHEE_PARAGRAPH}"]').click()
    wait_for_hash(page, RHEE_PARAGRAPH)
    assert page.url.split("#")[0].endswith(CHAPTER)
    assert is_target(page, RHEE_PARAGRAPH) and in_viewport(page, f"#{RHEE_PARAGRAPH}")

    page.locator(f'#{RHEE_PARAGRAPH} a.as-link-event[href$="#evt-armistice-1953"]').click()
    wait_for_hash(page, "evt-armistice-1953")
    assert page.url.split("#")[0].endswith("timeline/")
    assert page.evaluate("document.getElementById('evt-armistice-1953').matches(':target')")
    assert in_viewport(page, "#evt-armistice-1953")

    page.go_back()
    wait_for_hash(page, RHEE_PARAGRAPH)
    assert page.url.split("#")[0].endswith(CHAPTER)


def test_timeline_strip_marks_link_to_their_events(page):
    page.goto("timeline/")
    mark = page.locator('.as-timeline-strip svg a[href="#evt-invasion-1950"]')
    mark.click()
    wait_for_hash(page, "evt-invasion-1950")
    assert in_viewport(page, "#evt-invasion-1950")


def test_paragraph_to_table_and_back(page):
    page.goto(f"{CHAPTER}#p-latihan-iiss")
    page.locator('#p-latihan-iiss a.as-link-table[href$="tables/rok-forces-iiss/"]').click()
    page.wait_for_url("**/tables/rok-forces-iiss/")
    page.locator('td.as-value a[href$="#p-latihan-iiss"]').first.click()
    wait_for_hash(page, "p-latihan-iiss")
    assert page.url.split("#")[0].endswith(CHAPTER)
    assert is_target(page, "p-latihan-iiss") and in_viewport(page, "#p-latihan-iiss")


def test_paragraph_to_figure_and_back(page):
    page.goto(f"{CHAPTER}#p-latihan-iiss")
    placement = page.locator("#figure-command-structure-2015")
    assert placement.is_visible()
    placement.locator("figcaption a").click()
    page.wait_for_url("**/figures/command-structure-2015/")
    page.locator('.md-content a[href$="#p-latihan-iiss"]').first.click()
    wait_for_hash(page, "p-latihan-iiss")
    assert is_target(page, "p-latihan-iiss") and in_viewport(page, "#p-latihan-iiss")
    page.go_back()
    page.wait_for_url("**/figures/command-structure-2015/")
    page.locator('.md-content a[href$="#figure-command-structure-2015"]').first.click()
    wait_for_hash(page, "figure-command-structure-2015")
    assert in_viewport(page, "#figure-command-structure-2015")


# ---------------------------------------------------------------------------------------- the text


def test_acronyms_show_their_expansion(page):
    page.goto(CHAPTER)
    abbr = page.locator(".as-orig abbr:visible", has_text=re.compile(r"^ROK$")).first
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == "Republik Korea"
    described = abbr.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").inner_text().strip() == "Republik Korea"


def test_page_numbers_are_visible_and_linkable(page):
    page.goto(CHAPTER)
    for number in (2, 10):
        marker = page.locator(f"a.as-page#page-{number}")
        assert marker.is_visible()
        assert marker.get_attribute("href") == f"#page-{number}"
        assert str(number) in marker.inner_text()
        box = marker.bounding_box()
        assert box["width"] > 5 and box["height"] > 5
    page.locator("a.as-page#page-2").click()
    wait_for_hash(page, "page-2")
    page.goto(f"{CHAPTER}#page-10")
    assert in_viewport(page, "#page-10")

    # A page number of the original stays reachable while English is shown.
    page.click('.as-lang button[data-as-view="en"]')
    page.goto("glossary/")
    page.goto(f"{CHAPTER}#page-2")
    assert page.locator("#page-2").is_visible()
    assert in_viewport(page, "#page-2")


# ---------------------------------------------------------------------------------------- display


def test_dark_mode_toggles_and_is_remembered(page):
    page.goto(CHAPTER)
    assert scheme_of(page) == "default"
    page.locator("form[data-md-component=palette] label:visible").click()
    assert scheme_of(page) == "slate"
    page.reload()
    assert scheme_of(page) == "slate"
    page.goto("timeline/")
    assert scheme_of(page) == "slate"
    page.locator("form[data-md-component=palette] label:visible").click()
    assert scheme_of(page) == "default"
    page.reload()
    assert scheme_of(page) == "default"


def test_the_chapter_prints_cleanly(page):
    page.goto(CHAPTER)
    references = page.locator(".as-references > li").count()
    assert references >= 17
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ".as-lang",
        ".as-para__meta",
        ".md-top",
    ):
        hidden = page.locator(selector).evaluate_all("els => els.every(e => !e.checkVisibility())")
        assert hidden, f"{selector} is printed"
    assert page.locator("h1").is_visible()
    assert page.locator(f"#{RHEE_PARAGRAPH} .as-orig").is_visible()
    assert page.locator(".as-references").is_visible()
    assert page.locator(".as-references > li:visible").count() == references
    assert page.locator("a.as-page#page-2").is_visible()
    # The text uses the page's width: the sidebars leave no empty columns.
    width = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
    assert width > 0.8 * page.viewport_size["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=ARTIFACTS / "chapter-print.pdf", format="A4")


# ---------------------------------------------------------------------------------------- copy, language


def test_copy_buttons_copy(new_context, site_url):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("bibliography/bbc2016/")
    page.locator("details.as-cite-source > summary").click()  # the exports wait, folded, after "Cited in"
    button = page.locator("button.as-copy").first
    assert button.inner_text().startswith("Copy")
    target = button.get_attribute("data-copy")
    button.click()
    status = page.locator(f"#{button.get_attribute('data-status')}")
    page.wait_for_function("el => el.textContent.trim() !== ''", arg=status.element_handle())
    # Material renames the id of a <pre> it mounts as a code block.
    text = page.locator(f"#{target}, #__code_{target}").first.inner_text().strip()
    assert text.startswith("@") and "bbc2016" in text
    assert page.evaluate("navigator.clipboard.readText()").strip() == text

    # "Cite this paragraph": the citation with its permalink, never the search query of the address.
    page.goto(f"{CHAPTER}?h=armistice")
    details = page.locator(f"#{RHEE_PARAGRAPH} details.as-cite-para")
    details.locator("summary").click()
    details.locator("button.as-copy").click()
    page.wait_for_function(
        "el => el.textContent.trim() !== ''", arg=details.locator(".as-copy-status").element_handle()
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"{site_url}{CHAPTER}#{RHEE_PARAGRAPH}" in copied
    assert "?h=" not in copied
    assert "¶ 5" in copied


def test_copy_buttons_without_the_clipboard_api(new_context):
    """Where navigator.clipboard is missing the button falls back to a selection and execCommand."""
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    page.goto("bibliography/bbc2016/")
    page.locator("details.as-cite-source > summary").click()
    button = page.locator("button.as-copy").nth(1)
    button.click()
    status = page.locator(f"#{button.get_attribute('data-status')}")
    page.wait_for_function("el => el.textContent.trim() !== ''", arg=status.element_handle())
    assert button.get_attribute("data-copied") == "true"


def test_language_switch_is_remembered_and_keeps_anchors(page):
    page.goto(CHAPTER)
    ids = page.eval_on_selector_all(".as-para", "els => els.map(e => e.id)")
    original = page.locator(f"#{RHEE_PARAGRAPH} .as-orig")
    english = page.locator(f"#{RHEE_PARAGRAPH} .as-tr[lang=en]")
    assert original.is_visible() and not english.is_visible()

    page.click('.as-lang button[data-as-view="en"]')
    assert english.is_visible() and not original.is_visible()
    assert page.get_attribute('.as-lang button[data-as-view="en"]', "aria-pressed") == "true"
    page.reload()
    assert english.is_visible() and not original.is_visible()
    page.goto("timeline/")
    # The view is remembered on another page; an event (the editors' English, no separate original)
    # shows in it as in every view.
    assert page.get_attribute('.as-lang button[data-as-view="en"]', "aria-pressed") == "true"
    assert page.locator("#evt-force-comparison-1988 .as-event__title").is_visible()
    page.goto("tables/force-comparison-1988/")
    # A column label whose English differs from its original: the English shows, the original gives way.
    assert page.locator("th .as-tr[lang=en]", has_text="North Korea").first.is_visible()
    assert not page.locator("th .as-orig--inline", has_text="Korea Utara").first.is_visible()

    page.goto(f"{CHAPTER}#{RHEE_PARAGRAPH}")
    assert page.eval_on_selector_all(".as-para", "els => els.map(e => e.id)") == ids
    assert is_target(page, RHEE_PARAGRAPH) and in_viewport(page, f"#{RHEE_PARAGRAPH}")
    assert english.is_visible()
    heading = page.locator("#sec-peningkatan-kapabilitas .as-tr[lang=en]")
    assert heading.is_visible()

    page.click('.as-lang button[data-as-view="both"]')
    assert english.is_visible() and original.is_visible()
    page.click('.as-lang button[data-as-view="orig"]')
    assert original.is_visible() and not english.is_visible()
    page.reload()
    assert original.is_visible() and not english.is_visible()
