"""COinS, Highwire citation_* meta tags and schema.org JSON-LD, read back as Zotero and browsers would."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from urllib.parse import parse_qs

import pytest

from alliance_site.citations.coins import coins_span, coins_title, highwire_meta, jsonld, jsonld_script

ARTICLE = {
    "id": "kim:2018",
    "type": "article-journal",
    "title": 'Alliance <politics> & "deterrence"',
    "author": [{"family": "Kim", "given": "F."}, {"literal": "Korea Institute for Defense Analyses"}],
    "issued": "2018-03-04",
    "container-title": "Korean Journal of Defense Analysis",
    "volume": 30,
    "issue": 1,
    "page": "1-20",
    "DOI": "10.1000/xyz_1",
    "language": "en",
    "cited_as": "Kim, 2018",
}
BOOK = {
    "id": "cumings2011",
    "type": "book",
    "title": "The Korean War",
    "author": [{"family": "Cumings", "given": "Bruce"}],
    "issued": 2011,
    "publisher": "Modern Library",
    "publisher-place": "New York",
    "ISBN": "978-0-8129-7896-4",
}
CHAPTER = {
    "id": "ch",
    "type": "chapter",
    "title": "The alliance",
    "author": [{"family": "Joo", "given": "S."}],
    "container-title": "Korea Handbook",
    "issued": 2009,
}
THESIS = {
    "id": "th",
    "type": "thesis",
    "title": "Latar Belakang Kerjasama",
    "author": [{"family": "Rahman", "given": "A."}],
    "publisher": "Universitas Indonesia",
    "genre": "Skripsi",
    "issued": 2019,
    "language": "id",
}
WEB = {
    "id": "bbc2016",
    "type": "webpage",
    "title": "North Korea’s nuclear programme",
    "author": [{"literal": "BBC"}],
    "issued": "2016-09-09",
    "URL": "https://www.bbc.com/news/world-asia-17399847",
    "container-title": "BBC News",
}
PDF = {
    "id": "pdf",
    "type": "report",
    "title": "White Paper",
    "issued": 2016,
    "URL": "https://x.org/wp.PDF?dl=1",
    "publisher": "MND",
    "number": "7",
}


class _Tags(HTMLParser):
    """Collect (tag, attributes) of a page, the way a browser-side translator sees them (entities decoded)."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def kev(source: dict) -> dict[str, list[str]]:
    """The ContextObject as Zotero reads it: from the span's (escaped) title attribute."""
    spans = [a for t, a in _Tags(coins_span(source)).tags if t == "span" and a.get("class") == "Z3988"]
    assert len(spans) == 1
    return parse_qs(spans[0]["title"])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            ARTICLE,
            {
                "rft_val_fmt": ["info:ofi/fmt:kev:mtx:journal"],
                "rft.genre": ["article"],
                "rft.atitle": ['Alliance <politics> & "deterrence"'],
                "rft.jtitle": ["Korean Journal of Defense Analysis"],
                # each name in the one form that keeps it whole (Zotero splits rft.au at its last space)
                "rft.aulast": ["Kim"],
                "rft.aufirst": ["F."],
                "rft.aucorp": ["Korea Institute for Defense Analyses"],
                "rft.date": ["2018-03-04"],
                "rft.spage": ["1"],
                "rft.epage": ["20"],
                "rft_id": ["info:doi/10.1000/xyz_1"],
            },
        ),
        (
            BOOK,
            {
                "rft_val_fmt": ["info:ofi/fmt:kev:mtx:book"],
                "rft.genre": ["book"],
                "rft.btitle": ["The Korean War"],
                "rft.pub": ["Modern Library"],
                "rft.place": ["New York"],
                "rft.isbn": ["978-0-8129-7896-4"],
                "rft.date": ["2011"],
                "rft.aulast": ["Cumings"],
                "rft.aufirst": ["Bruce"],
            },
        ),
        (CHAPTER, {"rft.genre": ["bookitem"], "rft.atitle": ["The alliance"], "rft.btitle": ["Korea Handbook"]}),
        (
            THESIS,
            {
                "rft_val_fmt": ["info:ofi/fmt:kev:mtx:dissertation"],
                "rft.inst": ["Universitas Indonesia"],
                "rft.degree": ["Skripsi"],
                "rft.title": ["Latar Belakang Kerjasama"],
                "rft.language": ["id"],
            },
        ),
        (
            WEB,
            {
                "rft_val_fmt": ["info:ofi/fmt:kev:mtx:dc"],
                "rft.type": ["webpage"],  # Zotero's item type, which Zotero reads from a Dublin Core object
                "rft.title": ["North Korea’s nuclear programme"],
                "rft.aucorp": ["BBC"],
                "rft.identifier": ["https://www.bbc.com/news/world-asia-17399847"],
                "rft.source": ["BBC News"],
                "rft.date": ["2016-09-09"],
            },
        ),
    ],
    ids=["article", "book", "chapter", "thesis", "webpage"],
)
def test_coins(source, expected):
    parsed = kev(source)
    assert parsed["ctx_ver"] == ["Z39.88-2004"]
    assert "rft.au" not in parsed and "rft.creator" not in parsed
    for key, values in expected.items():
        assert parsed[key] == values, key
    assert coins_title(source).startswith("ctx_ver=Z39.88-2004&rft_val_fmt=")


def test_coins_span_is_escaped():
    span = coins_span(ARTICLE)
    assert "<politics>" not in span and '"deterrence"' not in span
    assert span.startswith('<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_val_fmt=')


def meta_as_zotero_reads_it(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    page = "".join(f'<meta name="{html.escape(n)}" content="{html.escape(c)}">' for n, c in pairs)
    found: dict[str, list[str]] = {}
    for tag, attrs in _Tags(f"<html><head>{page}</head></html>").tags:
        if tag == "meta":
            found.setdefault(attrs["name"], []).append(attrs["content"])
    return found


def test_highwire_meta_read_back():
    meta = meta_as_zotero_reads_it(highwire_meta(ARTICLE))
    assert meta["citation_title"] == ['Alliance <politics> & "deterrence"']
    assert meta["citation_author"] == ["Kim, F.", "Korea Institute for Defense Analyses"]
    assert meta["citation_publication_date"] == ["2018/03/04"]
    assert meta["citation_date"] == ["2018/03/04"]
    assert meta["citation_journal_title"] == ["Korean Journal of Defense Analysis"]
    assert meta["citation_firstpage"] == ["1"] and meta["citation_lastpage"] == ["20"]
    assert meta["citation_doi"] == ["10.1000/xyz_1"]
    assert meta["citation_language"] == ["en"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            BOOK,
            [
                ("citation_title", "The Korean War"),
                ("citation_author", "Cumings, Bruce"),
                ("citation_publication_date", "2011"),
                ("citation_date", "2011"),
                ("citation_publisher", "Modern Library"),
                ("citation_isbn", "978-0-8129-7896-4"),
            ],
        ),
        (
            THESIS,
            [
                ("citation_title", "Latar Belakang Kerjasama"),
                ("citation_author", "Rahman, A."),
                ("citation_publication_date", "2019"),
                ("citation_date", "2019"),
                ("citation_dissertation_institution", "Universitas Indonesia"),
                ("citation_language", "id"),
            ],
        ),
        (
            CHAPTER,
            [
                ("citation_title", "The alliance"),
                ("citation_author", "Joo, S."),
                ("citation_publication_date", "2009"),
                ("citation_date", "2009"),
                ("citation_inbook_title", "Korea Handbook"),
            ],
        ),
        (
            WEB,
            [
                ("citation_title", "North Korea’s nuclear programme"),
                ("citation_author", "BBC"),
                ("citation_publication_date", "2016/09/09"),
                ("citation_date", "2016/09/09"),
                ("citation_public_url", "https://www.bbc.com/news/world-asia-17399847"),
            ],
        ),
        (
            PDF,
            [
                ("citation_title", "White Paper"),
                ("citation_publication_date", "2016"),
                ("citation_date", "2016"),
                ("citation_technical_report_institution", "MND"),
                ("citation_technical_report_number", "7"),
                ("citation_pdf_url", "https://x.org/wp.PDF?dl=1"),
            ],
        ),
    ],
    ids=["book", "thesis", "chapter", "webpage", "pdf-report"],
)
def test_highwire_meta(source, expected):
    assert highwire_meta(source) == expected


def test_jsonld():
    obj = jsonld(ARTICLE)
    assert obj["@context"] == "https://schema.org"
    assert obj["@type"] == "ScholarlyArticle"
    assert obj["headline"] == obj["name"] == ARTICLE["title"]
    assert obj["author"] == [
        {"@type": "Person", "name": "F. Kim", "familyName": "Kim", "givenName": "F."},
        {"@type": "Organization", "name": "Korea Institute for Defense Analyses"},
    ]
    assert obj["datePublished"] == "2018-03-04"
    assert obj["isPartOf"] == {"@type": "Periodical", "name": "Korean Journal of Defense Analysis"}
    assert obj["sameAs"] == "https://doi.org/10.1000/xyz_1"
    assert jsonld(BOOK)["@type"] == "Book" and jsonld(BOOK)["publisher"]["name"] == "Modern Library"
    assert jsonld(THESIS)["@type"] == "Thesis" and jsonld(WEB)["@type"] == "WebPage"
    assert jsonld({"id": "x", "type": "speech", "title": "T"})["@type"] == "CreativeWork"


def test_jsonld_script_cannot_break_out_of_script():
    hostile = {"name": "</script><script>alert(1)</script> & <!-- \u2028"}
    text = jsonld_script(hostile)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == hostile
    assert jsonld_script(jsonld(ARTICLE)) == jsonld_script(jsonld(dict(reversed(list(ARTICLE.items())))))
