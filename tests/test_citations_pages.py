"""One page-range parser for every format (issue 15): "12–15" is a range in RIS, BibTeX, COinS,
Highwire and JSON-LD alike, whatever dash or spacing the source uses."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from alliance_site.citations import coins_title, entry_bibtex, entry_ris, first_last_page, highwire_meta, jsonld

DASHES = ["12-15", "12–15", "12—15", "12--15", "12 – 15", "12\u221215"]


@pytest.mark.parametrize("page", DASHES)
def test_every_format_reads_the_same_range(page):
    source = {"id": "k", "type": "article-journal", "title": "T", "page": page, "container-title": "J"}
    ris = entry_ris(source)
    assert "SP  - 12\r\n" in ris and "EP  - 15\r\n" in ris
    assert "pages = {12--15}" in entry_bibtex(source)
    kev = parse_qs(coins_title(source))
    assert kev["rft.spage"] == ["12"] and kev["rft.epage"] == ["15"]
    meta = dict(highwire_meta(source))
    assert meta["citation_firstpage"] == "12" and meta["citation_lastpage"] == "15"
    ld = jsonld(source)
    assert ld["pageStart"] == "12" and ld["pageEnd"] == "15"


@pytest.mark.parametrize(
    ("page", "expected"),
    [("12", ("12", "")), ("3-5, 9", ("3", "9")), ("xii–xv", ("xii", "xv")), ("", ("", "")), (None, ("", ""))],
)
def test_first_and_last_page(page, expected):
    assert first_last_page(page) == expected


def test_a_single_page_has_no_end_page():
    ris = entry_ris({"id": "k", "type": "book", "title": "T", "page": "7"})
    assert "SP  - 7\r\n" in ris and "EP  -" not in ris


def test_a_list_of_ranges_stays_a_list_in_bibtex():
    assert "pages = {3--5, 9}" in entry_bibtex({"id": "k", "type": "chapter", "title": "T", "page": "3–5, 9"})
