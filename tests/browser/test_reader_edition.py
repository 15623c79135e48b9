"""The reader's edition, as Chromium shows it on the real corpus: a landing page that orients, source
pages that lead with where the chapter cites them, no text shown twice in any reading view, and a
printed chapter (Playwright's page.pdf, read back with poppler's pdftotext) that keeps the chapter's
words and the original's page numbers and drops the site's controls.

What the pages must hold is read from the YAML under content/ here, not from the generator."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from harness import ARTIFACTS, CHAPTER, axe_violations

from alliance_site.render.labels import labels_for
from alliance_site.text.markup import Text, parse
from support.corpus_yaml import CONTENT, read_yaml, sources_named

pytestmark = pytest.mark.browser

L = labels_for("en")


def _entries(kind: str) -> dict[str, dict]:
    return {p.stem: read_yaml(p) for p in sorted((CONTENT / kind).glob("*.yml"))}


CORPUS = read_yaml(CONTENT / "corpus.yml")
CHAPTER_YAML = read_yaml(CONTENT / "chapters" / "bab-iv.yml")


def _walk(node: dict):
    """(kind, data) of every section and block of the chapter YAML, in reading order."""
    for block in node.get("blocks") or []:
        if "table" in block or "figure" in block:
            yield ("placement", block)
        else:
            yield ("paragraph", block)
    for section in node.get("sections") or []:
        yield ("section", section)
        yield from _walk(section)


def _words(text: str) -> list[str]:
    """Lower-case words; a hyphen joins (pdftotext drops the one of a word broken at a line's end)."""
    return re.findall(r"\w+", text.lower().replace("-", ""))


def _plain(text: str) -> str:
    """A paragraph's own words: its markup's text, without citations or cross-references."""
    return " ".join(t.text for t in parse(text) if isinstance(t, Text))


# ---------------------------------------------------------------------------------------- the landing page


def test_home_page_orients_the_reader(page, screenshots):
    page.goto("")
    article = page.locator("article")
    assert page.locator(".as-lead").inner_text().split()[:6] == CORPUS["description"].split()[:6]

    # The outline: the chapter and each of its sections, each linked to its heading.
    sections = [data for kind, data in _walk(CHAPTER_YAML) if kind == "section"]
    assert sections, "the chapter has sections"
    outline = page.locator(".as-outline")
    links = outline.locator("a").evaluate_all("as => as.map(a => [a.textContent.trim(), a.href])")
    assert links[0][1].endswith(CHAPTER)
    for section in sections:
        href = [h for text, h in links if section["title"] in text]
        assert href, f"section {section['title']!r} missing from the outline"
        assert href[0].endswith(f"{CHAPTER}#sec-{section['id']}"), href
    # Each outline link leads to a heading that exists.
    page.goto(links[1][1])
    assert page.locator(f"h2#sec-{sections[0]['id']}, h3#sec-{sections[0]['id']}").is_visible()
    page.goto("")

    # What the edition holds: counts that agree with the content, each a link to its page.
    paragraphs = sum(1 for kind, _ in _walk(CHAPTER_YAML) if kind == "paragraph")
    wanted = {
        "paragraphs": (paragraphs, CHAPTER),
        "sources": (len(_entries("sources")), "bibliography/"),
        "tables": (len(_entries("tables")), "tables/"),
        "figures": (len(_entries("figures")), "figures/"),
        "events": (len(_entries("events")), "timeline/"),
        "glossary": (len(read_yaml(CONTENT / "glossary.yml")["entries"]), "glossary/"),
    }
    wanted = {L[f"count_{kind}"].split("|")[n != 1]: (n, path) for kind, (n, path) in wanted.items()}
    shown = {}
    for text, href in page.locator(".as-counts a").evaluate_all("as => as.map(a => [a.textContent.trim(), a.href])"):
        number, _, what = text.partition(" ")
        shown[what] = (int(number), href)
    assert set(shown) == set(wanted)
    for what, (number, path) in wanted.items():
        assert shown[what][0] == number, (what, shown[what], number)
        assert shown[what][1].endswith(path), (what, shown[what])

    # The timeline strip, whose marks lead to the timeline's events.
    marks = page.locator(".as-timeline-strip svg a")
    assert marks.count() == len(_entries("events"))
    hrefs = marks.evaluate_all("as => as.map(a => new URL(a.getAttribute('href'), location.href).href)")
    assert all("/timeline/#evt-" in h for h in hrefs), hrefs

    # Known particulars are listed; the unknown ones are named once, in one sentence, not one row each.
    unknown = [k for k in ("author", "institution", "year", "licence") if not CORPUS.get(k)]
    assert unknown, "the real corpus leaves some particulars empty"
    terms = page.locator(".as-meta dt").all_inner_texts()
    assert L["original_title"] in terms and L["language"] in terms
    assert not {L[k] for k in unknown} & set(terms)
    sentence = page.locator(".as-unknown")
    assert sentence.count() == 1
    text = sentence.inner_text()
    assert text.count(".") == 1 and text.endswith(".")
    for key in unknown:
        assert L[key].lower() in text
    assert L["not_given"] not in article.inner_text()
    page.screenshot(path=screenshots / "reader-home-desktop.png", full_page=True)


# ---------------------------------------------------------------------------------------- a source page


def test_source_page_leads_with_where_it_is_cited(page, screenshots):
    key = "kwak2010"
    page.goto(f"bibliography/{key}/")
    order = page.evaluate(
        """() => [...document.querySelectorAll('article .as-reference--full, article h2, article details.as-cite-source')]
               .map(el => el.matches('h2') ? el.id : el.className)"""
    )
    assert order == ["as-reference as-reference--full", "cited-in", "relied-on-by", "as-cite-source"], order

    # "Cited in": one entry per citation of the source in the chapter, with a snippet of the words before it.
    citing = [
        b for kind, b in _walk(CHAPTER_YAML) if kind == "paragraph" and re.search(rf"@{re.escape(key)}\b", b["text"])
    ]
    items = page.locator(".as-cited-in > li")
    assert items.count() >= len(citing) > 0
    first = items.first
    assert first.locator("a").get_attribute("href").endswith(f"#{citing[0]['id']}")
    snippet = first.locator(".as-snippet").inner_text().lstrip("…")
    assert set(_words(snippet)) <= set(_words(_plain(citing[0]["text"])))

    # Then what relies on it, by kind, as the YAML of tables, figures and events names it.
    for kind, label in (("tables", L["tables"]), ("figures", L["figures"]), ("events", L["events"])):
        relying = sorted(i for i, d in _entries(kind).items() if key in sources_named(d))
        listed = page.locator(f".as-relied-on--{kind[:-1]} a").evaluate_all("as => as.map(a => a.href)")
        assert sorted(h.rstrip("/").rsplit("/", 1)[1] for h in listed) == relying, kind
        if relying:
            assert page.locator(".as-relied-on__kind", has_text=label).count() == 1

    # The exports are folded away, their copy buttons kept.
    details = page.locator("details.as-cite-source")
    assert not details.evaluate("d => d.open")
    assert not page.locator("pre.as-export__text").first.is_visible()
    page.screenshot(path=screenshots / "reader-source-desktop.png", full_page=True)
    details.locator("summary").click()
    assert page.locator(".as-export strong").all_inner_texts() == ["BibTeX", "CSL-JSON", "RIS"]
    assert page.locator("button.as-copy:visible").count() == 3
    page.screenshot(path=screenshots / "reader-source-cite-open-desktop.png", full_page=True)


# ---------------------------------------------------------------------------------------- nothing doubled

# Each visible element of the article, against its next visible sibling: the same words twice in a
# row is text shown twice (an original and its identical "translation", a title shown as both).
_REPEATS = """() => {
    const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
    const shown = el => el instanceof HTMLElement && el.checkVisibility({opacityProperty: true, visibilityProperty: true});
    const out = [];
    for (const parent of [document.querySelector('article.md-content__inner'), ...document.querySelectorAll('article.md-content__inner *')]) {
        if (!shown(parent)) continue;
        // What a reader sees inside it, in order: its words (text nodes) and its visible elements.
        const items = [];
        for (const node of parent.childNodes) {
            if (node.nodeType === 3 && /\\w/.test(node.textContent)) items.push([node.textContent, '#text']);
            else if (shown(node)) items.push([node.innerText, node.tagName + '.' + node.className]);
        }
        for (let i = 1; i < items.length; i++) {
            const a = norm(items[i - 1][0]), b = norm(items[i][0]);
            if (a.length >= 4 && a === b) out.push(items[i - 1][1] + ' then ' + items[i][1] + ': ' + a.slice(0, 80));
        }
    }
    return out;
}"""

_SIBLING_PAGES = [
    "",
    CHAPTER,
    "timeline/",
    "timeline/force-comparison-1988/",
    "bibliography/",
    "bibliography/kwak2010/",
    "tables/force-comparison-1988/",
    "figures/command-structure-2015/",
    "glossary/",
]


@pytest.mark.parametrize("view", ["orig", "en", "both"])
def test_no_visible_element_repeats_its_sibling(page, axe, screenshots, view):
    problems = {}
    for path in _SIBLING_PAGES:
        page.goto(path)
        button = page.locator(f'.as-lang button[data-as-view="{view}"]')
        if button.count():
            button.click()
        page.locator("details.as-cite-source > summary").evaluate_all("ss => ss.forEach(s => s.click())")
        repeats = page.evaluate(_REPEATS)
        if repeats:
            problems[path or "home"] = repeats
        if path == "timeline/":
            page.screenshot(path=screenshots / f"reader-timeline-{view}-desktop.png", full_page=True)
            report = axe_violations(axe, page, f"timeline-{view}")  # each reading view stays accessible
            assert not report, report
    assert not problems, problems


def test_timeline_shows_each_event_once_in_every_view(page):
    """The example of the issue: the editors' English event text ("... (Tabel 1.1)") was shown as an
    "original" beside an English "translation" ("... (Table 1.1)"). An event is the editors' summary
    and says the language it is written in (``language: en``): it has no separate original, so every
    reading view shows its title and description once, marked with that language."""
    events = _entries("events")
    assert events and all(d.get("language") == "en" for d in events.values())
    page.goto("timeline/")
    for view in ("orig", "en", "both"):
        page.click(f'.as-lang button[data-as-view="{view}"]')
        for ident, data in events.items():
            item = page.locator(f"#evt-{ident}")
            title = item.locator(".as-event__title")
            assert title.inner_text().strip() == data["title"], (view, ident)
            assert title.locator("[lang]").get_attribute("lang") == data["language"]
            if data.get("description"):
                shown = " ".join(item.locator(".as-event__desc").inner_text().split())
                assert shown == " ".join(data["description"].split()), (view, ident)
            assert item.locator(".as-tr").count() == 0, (view, ident)


# ---------------------------------------------------------------------------------------- the print edition


def _pdftotext(pdf: Path, *args: str) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is missing: `bash scripts/test` installs it (apt-get install poppler-utils)")
    return subprocess.run([tool, *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


class _Words(HTMLParser):
    """Words of `pdftotext -bbox` output: (page, xMin, xMax, word)."""

    def __init__(self):
        super().__init__()
        self.page = 0
        self.words: list[tuple[int, float, float, str]] = []
        self._box = None

    def handle_starttag(self, tag, attrs):
        if tag == "page":
            self.page += 1
        elif tag == "word":
            a = dict(attrs)
            self._box = (float(a["xmin"]), float(a["xmax"]))

    def handle_data(self, data):
        if self._box is not None:
            self.words.append((self.page, *self._box, data.strip()))
            self._box = None


def _in_order(words: list[str], haystack: list[str], max_gap: int = 12) -> bool:
    """``words`` occur in ``haystack`` in order, with at most ``max_gap`` other words between two of
    them (where the edition marks a [sic], a note or a citation, or a page number stands in the margin)."""
    for start in (i for i, w in enumerate(haystack) if w == words[0]):
        at = start
        for word in words[1:]:
            window = haystack[at + 1 : at + 2 + max_gap]
            if word not in window:
                break
            at += 1 + window.index(word)
        else:
            return True
    return False


@pytest.fixture(scope="module")
def printed_chapter(browser, site_url):
    """The chapter printed to PDF (A4) by Chromium after a reader has hovered a citation (so a preview
    was open), as a file under test-artifacts/."""
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(CHAPTER)
    page.locator("a.as-cite:visible").first.hover()
    page.locator("#as-tip").wait_for(state="visible")
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => {
            const cite = document.querySelector('.as-orig a.as-cite');
            const s = getComputedStyle(cite), p = getComputedStyle(cite.closest('p'));
            return {color: s.color, text: p.color, decoration: s.textDecorationLine,
                    tip: document.getElementById('as-tip').checkVisibility()};
        }"""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "chapter-reader-print.pdf"
    page.pdf(path=pdf, format="A4")
    context.close()
    return pdf, styles


def test_printed_chapter_has_the_chapters_words(printed_chapter):
    pdf, styles = printed_chapter
    text = _pdftotext(pdf)
    words = _words(text)
    assert _in_order(_words(CHAPTER_YAML["title"]), words[:40])
    missing = []
    for kind, data in _walk(CHAPTER_YAML):
        if kind == "paragraph" and not _in_order(_words(_plain(data["text"])), words):
            missing.append(data["id"])
        if kind == "section" and not _in_order(_words(data["title"]), words):
            missing.append(data["id"])
    assert not missing, f"not in the printed chapter: {missing}"
    # Citations read as text: the colour of the words around them, not underlined.
    assert styles["color"] == styles["text"] and styles["decoration"] == "none", styles


def test_printed_chapter_has_page_numbers_in_the_margin(printed_chapter, screenshots):
    pdf, _ = printed_chapter
    pages = {b["page"] for _, d in _walk(CHAPTER_YAML) for b in d.get("page_breaks") or []}
    pages |= {d["page"] for _, d in _walk(CHAPTER_YAML) if d.get("page")}
    assert pages, "the chapter records pages of the original"
    parser = _Words()
    parser.feed(_pdftotext(pdf, "-bbox"))
    words = parser.words
    for number in sorted(pages):
        markers = [
            (pg, x0, x1)
            for (pg, x0, x1, w), nxt in itertools.pairwise(words)
            if w == "p." and nxt[3] == str(number) and nxt[0] == pg
        ]
        assert len(markers) == 1, f"page {number} of the original: {len(markers)} markers"
        pg, _, x1 = markers[0]
        # The body text of that page starts to the right of the marker: nothing but markers left of it.
        text_left = min(x0 for p, x0, _, w in words if p == pg and w != "p." and not w.isdigit())
        assert x1 < text_left, f"page {number}'s marker is not in the margin"
        _page_image(pdf, pg, screenshots / f"reader-print-chapter-page-{pg}")
    _page_image(pdf, 1, screenshots / "reader-print-chapter-page-1")


def _page_image(pdf: Path, number: int, stem: Path) -> None:
    """A PNG of one printed page, for the screenshots in test-artifacts/ (poppler's pdftoppm)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number), "-singlefile", str(pdf), str(stem)],
        check=True,
    )


def test_printed_chapter_has_none_of_the_sites_controls(printed_chapter):
    pdf, styles = printed_chapter
    text = " ".join(_pdftotext(pdf).split())
    controls = [
        L["side_by_side"],
        L["reading_language"],
        L["cite_paragraph"],
        f"{L['copy']} ",
        f"{L['events']}:",
        f"{L['data_in']}:",
        L["how_to_edit"],
        L["back_to_text"],
        "Skip to content",
        "Table of contents",
        "Made with",
        "Search",
        "¶",
        "↩",
    ]
    printed = [c for c in controls if c in text]
    assert not printed, f"site controls in the printed chapter: {printed}"
    assert not styles["tip"], "the citation preview prints"


def test_printed_chapter_lists_link_targets_and_keeps_tables_whole(printed_chapter):
    pdf, _ = printed_chapter
    squashed = "".join(_pdftotext(pdf).split())
    cited = sorted({k for _, d in _walk(CHAPTER_YAML) if "text" in d for k in re.findall(r"@([\w-]+)", d["text"])})
    cited = [k for k in cited if (CONTENT / "sources" / f"{k}.yml").is_file()]
    assert cited
    missing = [k for k in cited if f"/bibliography/{k}/>" not in squashed]
    assert not missing, f"references without their link target: {missing}"

    # Each table placed in the chapter is printed on one page: its first and last rows together.
    tables = _entries("tables")
    placed = [d["table"] for k, d in _walk(CHAPTER_YAML) if k == "placement" and "table" in d]
    assert placed
    page_words = [_words(text) for text in _pdftotext(pdf).split("\f")]  # pdftotext ends each page so
    for ident in placed:
        rows = tables[ident]["rows"]
        first, last = _words(rows[0]["label"]), _words(rows[-1]["label"])
        on = [i for i, ws in enumerate(page_words, 1) if _in_order(first, ws, 0)]
        assert on, f"{ident}: first row not printed"
        assert any(_in_order(last, page_words[i - 1], 0) for i in on), f"{ident} is split across pages"


def _labels(node: dict) -> list[str]:
    """The labels of a figure's structure tree, depth first (the order the drawing and its list give)."""
    return [node["label"], *(label for child in node.get("children") or [] for label in _labels(child))]


def test_printed_chapter_keeps_figures_whole(printed_chapter):
    """Each figure placed in the chapter is printed on one page: its caption on the same page as the end
    of what it shows (the last label of its structure drawing, or the placeholder's hint)."""
    from alliance_site.render.labels import labels_for

    pdf, _ = printed_chapter
    figures = _entries("figures")
    placed = [d["figure"] for k, d in _walk(CHAPTER_YAML) if k == "placement" and "figure" in d]
    assert placed
    hint = _words(labels_for("en")["image_missing_hint"])[:8]
    page_words = [_words(text) for text in _pdftotext(pdf).split("\f")]
    for ident in placed:
        data = figures[ident]
        caption = _words(data["caption"])[:6]
        end = _words(_labels(data["structure"])[-1]) if data.get("structure") else hint
        on = [i for i, ws in enumerate(page_words) if _in_order(caption, ws, 0)]
        assert on, f"{ident}: caption not printed"
        assert any(_in_order(end, page_words[i], 2) for i in on), f"{ident} is split across pages"
