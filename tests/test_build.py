"""End to end: `mkdocs build --strict` of the real corpus and of the fixture projects, and the links
between page kinds in the built HTML, both ways."""

from __future__ import annotations

import re

import pytest

from alliance_site.validate.run import load_corpus
from support.html_index import broken_links, read_page, resolve
from support.sitebuild import REPO, mkdocs_build

ROOTS = REPO / "tests" / "roots"


def test_real_corpus_builds_without_warnings(built_site):
    for kind in ("chapters/bab-iv", "bibliography", "timeline", "tables", "figures", "glossary"):
        assert (built_site / kind / "index.html").is_file(), kind


def test_no_broken_links_or_anchors(built_site):
    assert broken_links(built_site) == []


@pytest.mark.parametrize("root", sorted(p.name for p in ROOTS.iterdir() if not p.name.startswith("broken")))
def test_fixture_roots_build(root, tmp_path):
    result = mkdocs_build(ROOTS / root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert broken_links(tmp_path / "site") == []


def _links_from(site, page_rel, pattern):
    page = site / page_rel
    info = read_page(page)
    found = []
    for _, href, attrs in info.links:
        if re.search(pattern, href):
            found.append(resolve(site, page, href))
    return found


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REPO / "content").corpus


def test_every_source_page_links_to_every_citing_paragraph(built_site, corpus):
    for key in corpus.sources:
        page = f"bibliography/{key}/index.html"
        targets = {
            (t.relative_to(built_site).as_posix(), frag) for t, frag in _links_from(built_site, page, "chapters/.*#")
        }
        expected = {(f"chapters/{u.paragraph.chapter.id}/index.html", u.paragraph.id) for u in corpus.cited_in[key]}
        assert expected <= targets, key
        for target, fragment in targets:
            assert fragment in read_page(built_site / target).ids


def test_every_citation_links_to_its_source_page(built_site, corpus):
    page = built_site / "chapters/bab-iv/index.html"
    html = page.read_text("utf-8")
    cites = re.findall(r'<a class="as-cite" href="([^"]+)"', html)
    occurrences = sum(len(c.items) > 0 for p in corpus.paragraphs.values() for c in p.citations)
    assert len(cites) >= occurrences == 18
    for href in cites:
        target, _ = resolve(built_site, page, href)
        assert target.is_file() and "bibliography" in target.as_posix()


def test_timeline_and_paragraphs_link_both_ways(built_site, corpus):
    timeline = built_site / "timeline/index.html"
    timeline_ids = read_page(timeline).ids
    chapter = built_site / "chapters/bab-iv/index.html"
    chapter_info = read_page(chapter)
    for event in corpus.events.values():
        assert f"evt-{event.id}" in timeline_ids
        for pid in event.get("paragraphs") or []:
            # paragraph → timeline anchor
            back = [resolve(built_site, chapter, h) for _, h, _ in chapter_info.links if h.endswith(f"#evt-{event.id}")]
            assert back and all(frag in timeline_ids for _, frag in back), event.id
            # timeline → paragraph
            forward = [
                resolve(built_site, timeline, h) for _, h, _ in read_page(timeline).links if h.endswith(f"#{pid}")
            ]
            assert forward and all(frag in chapter_info.ids for _, frag in forward), (event.id, pid)


def test_tables_and_figures_link_both_ways_with_the_text(built_site, corpus):
    chapter = built_site / "chapters/bab-iv/index.html"
    chapter_info = read_page(chapter)
    for kind, entries in (("tables", corpus.tables), ("figures", corpus.figures)):
        for ident in entries:
            page = built_site / kind / ident / "index.html"
            links = [resolve(built_site, page, h) for _, h, _ in read_page(page).links if re.search("chapters/.*#", h)]
            assert links, f"{kind}/{ident} links to no paragraph"
            for target, frag in links:
                assert frag in read_page(target).ids
            # and the chapter links back to the table/figure page
            assert any(f"{kind}/{ident}/" in h for _, h, _ in chapter_info.links), (
                f"chapter does not link {kind}/{ident}"
            )


def test_search_index_holds_the_text_not_the_apparatus(built_site):
    """Each paragraph's permalink, cite-this-paragraph and links line repeat on every paragraph: they
    are kept out of the search index (data-search-exclude), the chapter's words are in it."""
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    chapter = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("chapters/bab-iv/"))
    assert "Syngman-Rhee" in chapter
    assert "Cite this paragraph" not in chapter and "Copy" not in chapter
    assert "Permalink" not in chapter


def test_landmarks_of_a_chapter_page_have_distinct_names(built_site):
    """Screen readers list landmarks by name: each paragraph's notes are told apart by its number."""
    html = (built_site / "chapters" / "bab-iv" / "index.html").read_text("utf-8")
    labels = re.findall(r'<aside class="as-notes" aria-label="([^"]*)"', html)
    assert len(labels) > 3
    assert len(set(labels)) == len(labels), labels


def test_acronyms_are_expanded_in_the_language_of_their_text(built_site):
    """ROK reads "Republik Korea" in the Indonesian original and "Republic of Korea" in the English
    edition (the glossary's translated expansion)."""
    html = (built_site / "chapters" / "bab-iv" / "index.html").read_text("utf-8")
    original = " ".join(re.findall(r'<p class="as-orig" lang="id">(.*?)</p>', html, re.DOTALL))
    english = " ".join(re.findall(r'<p class="as-tr" lang="en" data-lang="en">(.*?)</p>', html, re.DOTALL))
    assert '<abbr title="Republik Korea">ROK</abbr>' in original
    assert '<abbr title="Republic of Korea">ROK</abbr>' in english
    assert '<abbr title="Republik Korea">' not in english
