"""The reader's edition in the built site (`mkdocs build` of the real corpus), without a browser: the
landing page's counts, outline and particulars, and the order of every source page. What the pages
must say is read from the YAML under content/, not from the generator. The browser tests
(tests/browser/test_reader_edition.py) check the same pages as Chromium shows and prints them."""

from __future__ import annotations

import html
import re

from alliance_site.render.labels import labels_for
from support.corpus_yaml import CONTENT, read_yaml, sources_named

L = labels_for("en")


def _sections_and_paragraphs(node: dict) -> tuple[list[dict], int]:
    sections, paragraphs = [], sum(1 for b in node.get("blocks") or [] if "table" not in b and "figure" not in b)
    for section in node.get("sections") or []:
        inner, count = _sections_and_paragraphs(section)
        sections += [section, *inner]
        paragraphs += count
    return sections, paragraphs


def _block(page: str, cls: str) -> str:
    match = re.search(rf'<(ol|ul|dl|p) class="{cls}">(.*?)</\1>', page, re.DOTALL)
    assert match, f"no {cls} on the page"
    return match[2]


def test_home_page_counts_outline_and_particulars(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    chapter = read_yaml(CONTENT / "chapters" / "bab-iv.yml")
    sections, paragraphs = _sections_and_paragraphs(chapter)

    counts = {
        what: (int(n), href)
        for href, n, what in re.findall(
            r'<a href="([^"]+)"><strong>(\d+)</strong> ([^<]+)</a>', _block(page, "as-counts")
        )
    }
    glossary = read_yaml(CONTENT / "glossary.yml")["entries"]
    expected = {
        "paragraphs": (paragraphs, "chapters/bab-iv/"),
        "sources": (len(list((CONTENT / "sources").glob("*.yml"))), "bibliography/"),
        "tables": (len(list((CONTENT / "tables").glob("*.yml"))), "tables/"),
        "figures": (len(list((CONTENT / "figures").glob("*.yml"))), "figures/"),
        "events": (len(list((CONTENT / "events").glob("*.yml"))), "timeline/"),
        "glossary": (len(glossary), "glossary/"),
    }
    assert counts == {L[f"count_{k}"].split("|")[n != 1]: (n, href) for k, (n, href) in expected.items()}
    assert counts["paragraphs"][0] == 32 and counts["sources"][0] == 17  # the numbers the issue gives

    outline = _block(page, "as-outline")
    for section in sections:
        assert f'href="chapters/bab-iv/#sec-{section["id"]}"' in outline, section["id"]
        assert html.escape(section["title"], quote=False) in outline

    corpus = read_yaml(CONTENT / "corpus.yml")
    unknown = [k for k in ("original_title", "author", "institution", "year", "licence") if not corpus.get(k)]
    sentences = re.findall(r'<p class="as-unknown">(.*?)</p>', page)
    assert len(sentences) == 1
    assert all(L[k].lower() in sentences[0] for k in unknown)
    terms = re.findall(r"<dt>(.*?)</dt>", _block(page, "as-meta"))
    assert not {L[k] for k in unknown} & set(terms)
    assert L["not_given"] not in page
    assert 'class="as-timeline-strip"' in page


def test_source_pages_lead_with_where_they_are_cited(built_site):
    sources = sorted(p.stem for p in (CONTENT / "sources").glob("*.yml"))
    relying = {key: 0 for key in sources}
    for kind in ("tables", "figures", "events"):
        for path in (CONTENT / kind).glob("*.yml"):
            for key in sources_named(read_yaml(path)):
                relying[key] += 1
    for key in sources:
        page = (built_site / "bibliography" / key / "index.html").read_text(encoding="utf-8")
        at = {
            name: page.find(marker)
            for name, marker in (
                ("reference", 'class="as-reference as-reference--full"'),
                ("cited", 'id="cited-in"'),
                ("relied", 'id="relied-on-by"'),
                ("cite", '<details class="as-cite-source"'),
                ("export", 'class="as-export"'),
                ("end", "</details>"),
            )
        }
        assert 0 < at["reference"] < at["cited"] < at["cite"] < at["export"], (key, at)
        assert (at["relied"] != -1) == bool(relying[key]), key
        if relying[key]:
            assert at["cited"] < at["relied"] < at["cite"], key
        # The three exports, each with its copy button, are inside the folded section.
        folded = page[at["cite"] : page.find("</details>", at["export"])]
        assert folded.count('class="as-export"') == 3 and folded.count('class="as-copy md-button"') == 3, key


def test_each_event_is_shown_once_in_the_language_it_is_written_in(built_site):
    """Events are the editors' summaries (``language: en``): no separate original, so the timeline shows
    each title and description once, never as an "original" beside a "translation", and marks the
    language on the timeline and on the event's own page."""
    import lxml.html

    timeline = lxml.html.parse(str(built_site / "timeline" / "index.html")).getroot()
    events = {p.stem: read_yaml(p) for p in sorted((CONTENT / "events").glob("*.yml"))}
    assert events
    for ident, data in events.items():
        item = timeline.get_element_by_id(f"evt-{ident}")
        assert not item.find_class("as-tr") and not item.find_class("as-orig"), ident
        (title,) = item.find_class("as-event__title")
        assert [(el.get("lang"), el.text_content()) for el in title.iterfind(".//*[@lang]")] == [
            (data["language"], data["title"])
        ]
        if data.get("description"):
            (desc,) = item.find_class("as-event__desc")
            assert " ".join(desc.text_content().split()) == " ".join(data["description"].split())
            assert desc[0].get("lang") == data["language"]
        own = lxml.html.parse(str(built_site / "timeline" / ident / "index.html")).getroot()
        (heading,) = own.iterfind(".//article//h1")
        assert heading.get("lang") == data["language"]
        assert heading.text_content().startswith(data["title"])
