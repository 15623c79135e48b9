"""The four errors of the old engine (issue 14), each checked on a site built with `mkdocs build --strict`,
and every citation form the project supports, on the fixture root tests/roots/citation-engine
(Harvard, en-US) and, for the id-ID locale, tests/roots/citations-thesis.

Harvard's cs:citation sorts by year, collapses years and disambiguates by given names before year
suffixes; en-US and id-ID put a comma or full stop that follows a quoted title inside the quotes.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from support.sitebuild import REPO, mkdocs_build

ROOTS = REPO / "tests" / "roots"
_LINK = re.compile(r'<a class="as-cite" href="([^"]+)" data-refs="([^"]+)">(.*?)</a>', re.DOTALL)
_PARAGRAPH = re.compile(r'<div class="as-para" id="([^"]+)".*?<p class="as-orig"[^>]*>(.*?)</p>', re.DOTALL)


def _build(root: str, tmp_path_factory) -> dict[str, str]:
    site = tmp_path_factory.mktemp(root) / "site"
    result = mkdocs_build(ROOTS / root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {}
    for path in site.rglob("*.html"):
        pages[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def engine_site(tmp_path_factory) -> dict[str, str]:
    return _build("citation-engine", tmp_path_factory)


@pytest.fixture(scope="module")
def thesis_site(tmp_path_factory) -> dict[str, str]:
    return _build("citations-thesis", tmp_path_factory)


def citations(page: str) -> dict[str, list[tuple[str, list[tuple[str, str]]]]]:
    """Paragraph id -> its citations, each as (text, [(linked source, link text)])."""
    out = {}
    for para_id, html in _PARAGRAPH.findall(page):
        spans = re.findall(r'<span class="as-citation">((?:(?!</span>).)*)</span>', html, re.DOTALL)
        out[para_id] = [
            (unescape(re.sub(r"<[^>]+>", "", span)), [(href, unescape(text)) for href, _, text in _LINK.findall(span)])
            for span in spans
        ]
    return out


def source_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def test_works_of_a_citation_follow_the_styles_citation_sort(engine_site):
    """Error 1: the text cites 2010 before 2001; Harvard's citation sort is by year (the bibliography
    would put Alpha first)."""
    ((text, links),) = citations(engine_site["chapters/one/index.html"])["p-sort"]
    assert text == "(Zeta, 2001; Alpha, 2010)"
    assert [(source_of(h), t) for h, t in links] == [("zeta2001", "Zeta, 2001"), ("alpha2010", "Alpha, 2010")]
    bibliography = engine_site["bibliography/index.html"]
    assert bibliography.index('id="ref-alpha2010"') < bibliography.index('id="ref-zeta2001"')


def test_years_collapse_and_each_year_links_to_its_own_source(engine_site):
    """Error 3: collapse="year" gives "(Defense, 2016a, 2016b)", and each year is its work's link."""
    ((text, links),) = citations(engine_site["chapters/one/index.html"])["p-collapse"]
    assert text == "(Defense, 2016a, 2016b)"
    assert [(source_of(h), t) for h, t in links] == [("defense-annual", "Defense, 2016a"), ("defense-white", "2016b")]
    assert "Defense (2016a) <i>Annual report</i>" in engine_site["bibliography/defense-annual/index.html"]


def test_same_family_name_and_year_told_apart_by_given_names(engine_site):
    """Error 4: two Kims of 2018 are "(M.-S. Kim, 2018)" and "(S. Kim, 2018)", not 2018a/2018b."""
    cites = citations(engine_site["chapters/one/index.html"])["p-givenname"]
    assert [text for text, _ in cites] == ["(M.-S. Kim, 2018)", "(S. Kim, 2018)"]
    assert "2018a" not in engine_site["bibliography/index.html"]


def test_punctuation_moves_inside_quotes_in_en_us(engine_site):
    """Error 2, en-US: the comma after a quoted article title goes inside the quotes."""
    assert "Hope, A. (2011) “On the peninsula,” <i>Journal of Things</i>" in engine_site["bibliography/index.html"]
    assert "“On the peninsula”," not in engine_site["bibliography/hope2011/index.html"]


def test_punctuation_moves_inside_quotes_in_id_id(thesis_site):
    """Error 2, id-ID (the thesis fixture is Indonesian)."""
    page = thesis_site["bibliography/index.html"]
    assert "“Deterrence on the peninsula,” <i>Korean Journal of Defense Analysis</i>" in page
    assert "“Deterrence on the peninsula”," not in page


def test_every_citation_form(engine_site):
    """Narrative with a locator and "et al.", narrative alone, a prefix, a labelled locator and a
    suffix, suppressed author with a page range: each linked to its source page."""
    cites = citations(engine_site["chapters/one/index.html"])["p-forms"]
    assert [text for text, _ in cites] == [
        "Park et al. (2015, p. 4)",
        "Hope (2011)",
        "(see Zeta, 2001, chap. 2, emphasis added)",
        "(2010, pp. 5–6)",
    ]
    assert [source_of(h) for _, links in cites for h, _ in links] == ["park2015", "hope2011", "zeta2001", "alpha2010"]
