"""In-text citations and references with citeproc-js: styles, locales, disambiguation, escaping, batching."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from alliance_site.citations import citeproc_js
from alliance_site.citations.formatter import Bibliography
from alliance_site.text.markup import Citation, CiteItem, parse

REPO = Path(__file__).resolve().parents[1]
TEST_STYLE = Path(__file__).parent / "data" / "citations_author_date.csl"

# The chapter's three "Defense … 2016" sources, written as family names: in-text they all read "Defense".
DEFENSE = [
    {"id": "defense2016", "type": "document", "author": [{"family": "Defense", "given": ""}], "issued": 2016},
    {"id": "defense-mo-2016", "type": "document", "author": [{"family": "Defense", "given": "M. o."}], "issued": 2016},
    {
        "id": "defense-ro-2016",
        "type": "document",
        "author": [{"family": "Defense", "given": "R. o."}],
        "issued": 2016,
        "title": "Republic of Korea Ministry of National Defense",
    },
]
OTHERS = [
    {
        "id": "smith2010",
        "type": "article-journal",
        "author": [{"family": "Smith", "given": "John"}, {"family": "Doe", "given": "Jane"}],
        "issued": 2010,
        "title": "On alliances",
        "container-title": "Journal of Things",
        "volume": 3,
        "page": "1-10",
    },
    {
        "id": "kang:2006",
        "type": "book",
        "author": [{"family": "Kang"}],
        "issued": 2006,
        "title": "Korea",
        "publisher": "Press",
    },
]


def cites(text: str) -> list[Citation]:
    return [t for t in parse(text) if isinstance(t, Citation)]


def cite(bib: Bibliography, text: str) -> str:
    (citation,) = cites(text)
    return bib.cite(citation)


@pytest.fixture(scope="module")
def bib_en():
    return Bibliography(DEFENSE + OTHERS, locale="en-US")


@pytest.fixture(scope="module")
def bib_id():
    return Bibliography(DEFENSE + OTHERS, locale="id-ID")


def test_defense_sources_told_apart_by_given_names_not_year_suffixes(bib_en):
    """CSL's disambiguate-add-givenname comes before year suffixes: the three "Defense 2016" differ in
    their given names, so no "2016a/b/c" is needed."""
    assert bib_en.year_suffixes() == {}
    rendered = [cite(bib_en, f"[@{s['id']}]") for s in DEFENSE]
    assert rendered == ["(Defense, 2016)", "(M. o. Defense, 2016)", "(R. o. Defense, 2016)"]


def test_same_author_same_year_gets_year_suffixes_in_bibliography_order():
    books = [
        {"id": f"d{i}", "type": "book", "author": [{"literal": "Defense"}], "issued": 2016, "title": title}
        for i, title in enumerate(["Zebra", "Alpha"])
    ]
    bib = Bibliography(books, locale="en-US")
    assert bib.year_suffixes() == {"d1": "a", "d0": "b"}  # the bibliography sorts Alpha first
    assert bib.reference("d1").startswith("Defense (2016a)")
    assert cite(bib, "[@d0; @d1]") == "(Defense, 2016b, 2016a)"  # years collapse; Harvard keeps text order


def test_corpus_defense_sources_do_not_collide():
    """The real corpus writes the three names as literals; each renders as the chapter writes it."""
    files = sorted((REPO / "content" / "sources").glob("*.yml"))
    sources = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files]
    keys = [s["id"] for s in sources if str(s["id"]).startswith("defense")]
    if len(keys) < 3:
        pytest.skip("corpus sources not present")
    bib = Bibliography(sources, locale="id-ID")
    rendered = {cite(bib, f"[@{key}]") for key in keys}
    assert len(rendered) == len(keys)
    assert all("2016" in r for r in rendered)


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("en-US", "[@smith2010, p. 12]", "(Smith and Doe, 2010, p. 12)"),
        ("en-US", "[@smith2010, pp. 12-14]", "(Smith and Doe, 2010, pp. 12–14)"),
        ("en-US", "[@kang:2006, ch. 2]", "(Kang, 2006, chap. 2)"),
        ("id-ID", "[@smith2010, hlm. 12]", "(Smith dan Doe, 2010, hlm. 12)"),
        ("id-ID", "[@smith2010, pp. 12-14]", "(Smith dan Doe, 2010, hlm. 12–14)"),
        ("en-US", "[@kang:2006; @smith2010]", "(Kang, 2006; Smith and Doe, 2010)"),
        ("en-US", "[@smith2010; @kang:2006]", "(Kang, 2006; Smith and Doe, 2010)"),  # Harvard sorts by year
        ("en-US", "[see @kang:2006, p. 4; @defense2016]", "(see Kang, 2006, p. 4; Defense, 2016)"),
        ("en-US", "[-@kang:2006]", "(2006)"),
        ("en-US", "[-@kang:2006, p. 9]", "(2006, p. 9)"),
        ("en-US", "[-@kang:2006; @smith2010]", "(2006; Smith and Doe, 2010)"),
        ("en-US", "@kang:2006 wrote", "Kang (2006)"),
        ("en-US", "@smith2010 [p. 3] wrote", "Smith and Doe (2010, p. 3)"),
        ("id-ID", "@defense-mo-2016 [hlm. 7] wrote", "M. o. Defense (2016, hlm. 7)"),
        ("en-US", "[@kang:2006, p. 4, emphasis added]", "(Kang, 2006, p. 4, emphasis added)"),
        ("en-US", "[@kang:2006, emphasis added]", "(Kang, 2006, emphasis added)"),
        ("en-US", "[@nobody; @kang:2006]", "(Kang, 2006; nobody?)"),
    ],
)
def test_in_text_citations(locale, text, expected, bib_en, bib_id):
    bib = bib_en if locale == "en-US" else bib_id
    assert cite(bib, text) == expected


def test_references_follow_style_and_locale(bib_en, bib_id):
    assert bib_en.reference("smith2010") == (
        "Smith, J. and Doe, J. (2010) “On alliances,” <i>Journal of Things</i>, 3, pp. 1–10."
    )
    assert bib_id.reference("smith2010") == (
        "Smith, J. dan Doe, J. (2010) “On alliances,” <i>Journal of Things</i>, 3, hlm. 1–10."
    )
    assert bib_en.keys_in_order() == ["defense2016", "defense-mo-2016", "defense-ro-2016", "kang:2006", "smith2010"]
    with pytest.raises(KeyError):
        bib_en.reference("nobody")


HOSTILE = "<script>alert(1)</script>"
ATTR = '" onmouseover="alert(1)'


def test_hostile_text_comes_out_inert():
    sources = [
        {
            "id": "evil",
            "type": "webpage",
            "title": f"{HOSTILE} & {ATTR}",
            "author": [{"family": f"<b>{ATTR}", "given": "<i>"}],
            "container-title": "&amp; <img src=x>",
            "URL": "http://x.org/?a=1&b=<2>",
            "issued": 2020,
        }
    ]
    bib = Bibliography(sources, locale="en-US")
    html = bib.reference("evil")
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot; onmouseover=&quot;alert(1)" in html
    assert "&amp;amp;" in html  # a literal "&amp;" in the data stays text
    assert "http://x.org/?a=1&amp;b=&lt;2&gt;" in html
    (citation,) = cites('[see <script>" @evil, p. <i>4]')
    in_text = bib.cite(citation)
    assert "<script>" not in in_text and "<i>" not in in_text
    assert "&lt;script&gt;&quot;" in in_text
    narrative = bib.cite(cites("@evil")[0])
    assert "<b>" not in narrative and "&lt;b&gt;&quot; onmouseover" in narrative


def test_output_does_not_depend_on_input_or_registration_order():
    texts = ["[@kang:2006; @defense2016, p. 3]", "@defense-ro-2016", "[-@smith2010]", "[@defense-mo-2016]"]
    all_cites = [c for t in texts for c in cites(t)]
    shuffled = DEFENSE + OTHERS
    random.Random(7).shuffle(shuffled)
    a = Bibliography(DEFENSE + OTHERS, locale="en-US")
    b = Bibliography(shuffled, locale="en-US")
    a.register(all_cites)
    b.register(reversed(all_cites))
    out_a = [a.cite(c) for c in all_cites]
    out_b = [b.cite(c) for c in reversed(all_cites)][::-1]
    assert out_a == out_b
    assert [a.reference(k) for k in a.keys_in_order()] == [b.reference(k) for k in b.keys_in_order()]
    assert a.keys_in_order() == b.keys_in_order()
    assert a.uncited_keys() == []
    assert a.cited_keys() == a.keys_in_order()


def test_register_tracks_cited_uncited_unknown():
    bib = Bibliography(DEFENSE + OTHERS, locale="en-US")
    bib.register(cites("[@kang:2006; @ghost] and @smith2010"))
    assert bib.cited_keys() == ["kang:2006", "smith2010"]
    assert bib.uncited_keys() == ["defense2016", "defense-mo-2016", "defense-ro-2016"]
    assert bib.unknown_keys() == ["ghost"]


def test_bibliography_and_every_cluster_formatted_in_one_call_each():
    """The batch path: registering a build's citations, then asking for all of them and every reference,
    costs one Python -> JS call for the clusters and one for the bibliography, whatever their number."""
    from alliance_site.citations.citeproc_js import CiteprocJS

    bib = Bibliography(DEFENSE + OTHERS, locale="en-US")
    citations = cites("[@kang:2006; @defense2016, p. 3] @smith2010 [p. 2] [-@defense-ro-2016] @kang:2006")
    bib.register(citations)
    engine = CiteprocJS.shared()
    before = engine.calls
    first = [bib.cite(c) for c in citations] + [bib.reference(k) for k in bib.keys_in_order()]
    assert engine.calls - before == 2
    again = [bib.cite(c) for c in citations] + [bib.reference(k) for k in bib.keys_in_order()]
    assert first == again and engine.calls - before == 2


@pytest.mark.parametrize(
    ("asked", "used"),
    [("id-ID", "id-ID"), ("id_ID", "id-ID"), ("id", "id-ID"), ("ID-id", "id-ID"), ("de", "de-DE"), ("xx-YY", "en-US")],
)
def test_locale_resolution(asked, used):
    assert citeproc_js.resolve_locale(asked) == used


def test_locales_shipped():
    locales = citeproc_js.available_locales()
    assert {"en-US", "id-ID", "en-GB"} <= set(locales)
    assert Bibliography(OTHERS).locale == "en-US"  # Harvard names no default locale
    by_name = Bibliography(OTHERS, style="harvard-cite-them-right", locale="en-US")
    assert by_name.reference("smith2010") == Bibliography(OTHERS, locale="en-US").reference("smith2010")


def test_any_csl_file_as_style():
    sources = DEFENSE + OTHERS + [{"id": "undated", "type": "book", "author": [{"family": "Nodate"}], "title": "U"}]
    bib = Bibliography(sources, style=TEST_STYLE)
    assert bib.locale == "en-GB"  # the style's default-locale
    assert cite(bib, "[@defense2016, p. 12]") == "(Defense 2016a, 12)"
    assert cite(bib, "[see @smith2010, ch. 3; @kang:2006]") == "(see Smith &amp; Doe 2010, chap. 3; Kang 2006)"
    assert cite(bib, "[-@undated]") == "(n.d.)"  # the author macro is removed from both branches
    assert cite(bib, "@undated") == "Nodate (n.d.)"
    assert cite(bib, "@smith2010 [p. 5]") == "Smith &amp; Doe (2010, 5)"
    assert bib.reference("smith2010") == "Smith, John &amp; Jane Doe. 2010. <i>On alliances</i>."
    with pytest.raises(FileNotFoundError):
        Bibliography(OTHERS, style=TEST_STYLE.with_name("citations_missing.csl"))


def test_many_sources_and_citations_cost_one_call():
    """A scaled-down build: 1,200 citations of 300 sources are formatted in one batched call."""
    from alliance_site.citations.citeproc_js import CiteprocJS

    n = 300
    sources = [
        {
            "id": f"k{i}",
            "type": "book",
            "author": [{"family": f"Name{i % 97}"}],
            "issued": 1950 + i % 60,
            "title": f"T{i}",
        }
        for i in range(n)
    ]
    bib = Bibliography(sources, locale="id-ID")
    items = [
        Citation((CiteItem(f"k{i % n}", str(i % 7) if i % 3 else "", "page"),), i % 4 != 0, 0, 0) for i in range(1200)
    ]
    bib.register(items)
    engine = CiteprocJS.shared()
    before = engine.calls
    first = [bib.cite(c) for c in items]
    assert engine.calls - before == 1
    assert [bib.cite(c) for c in items] == first
    assert engine.calls - before == 1
    assert all(text.startswith(("Name", "(Name")) for text in first)


BIB = Path(__file__).resolve().parents[2] / "shared" / "data" / "biblatex-examples.bib"


@pytest.mark.skipif(not BIB.is_file(), reason="../shared/data not present")
@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("locale", ["en-US", "id-ID"])
def test_every_imported_example_formats(locale):
    """All 90 biblatex examples (every entry type) format without error or citeproc warning."""
    from alliance_site.citations.import_bib import import_bib

    sources = import_bib(BIB).sources
    bib = Bibliography(sources, locale=locale)
    assert sorted(bib.keys_in_order()) == sorted(s["id"] for s in sources)
    rendered = {
        key: (bib.reference(key), bib.cite(Citation((CiteItem(key, "12", "page"),), False, 0, 0)))
        for key in bib.keys_in_order()
    }
    assert all(ref and text for ref, text in rendered.values())
    # The DOI holds "<377::AID-JCC1>": it must come out as text.
    assert "&lt;377::AID-JCC1&gt;" in rendered["sigfridsson"][0]
    # Same author, same year: kant:kpv and kant:ku (1968) are told apart.
    assert bib.year_suffixes()["kant:kpv"] != bib.year_suffixes()["kant:ku"]
    assert len({text for _, text in rendered.values()}) == len(rendered)


def test_a_style_citeproc_js_cannot_read_is_one_clear_error(tmp_path):
    from alliance_site.citations.citeproc_js import StyleError

    broken = tmp_path / "broken.csl"
    broken.write_text("<style><oops", encoding="utf-8")
    with pytest.raises(StyleError, match=r"broken\.csl:1:1: error: citeproc-js cannot use this CSL style"):
        Bibliography(OTHERS, style=broken)


def test_a_call_past_its_time_bound_is_one_clear_error(monkeypatch):
    """The bound scales with the work handed over; a call that runs past it stops with a message."""
    from alliance_site.citations import citeproc_js

    engine = citeproc_js.CiteprocJS()
    engine.load("function asSpin() { for (;;) {} }")
    monkeypatch.setattr(citeproc_js, "SECONDS_PER_CALL", 0.2)
    with pytest.raises(citeproc_js.EngineLimitError, match=r"did not finish asSpin \(1 items\) in 0 s"):
        engine.call("asSpin")
