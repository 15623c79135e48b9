"""Issue 5 on the built site: citations, bibliography, source pages, exports, reference-manager metadata
and "cite this paragraph", read from the HTML that `mkdocs build --strict` writes.

Three sites: the real corpus (conftest's ``built_site``: Harvard in id-ID, no author, year or
institution in corpus.yml), ``tests/roots/citations-thesis`` (default style, Indonesian, a corpus.yml
with author, institution and year, several source types, a source no paragraph cites) and
``tests/roots/citations-style`` (the ``csl_style`` option with an author-date style of its own, a
corpus language CSL has no locale for).  What the HTML shows is compared with what the
citation engine says, and with the sources' YAML.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path
from urllib.parse import parse_qs

import bibtexparser
import jsonschema
import lxml.html
import pytest

from alliance_site.citations import (
    Bibliography,
    catalogue_record,
    entry_bibtex,
    entry_csl_json,
    entry_ris,
    import_bib,
    missing_fields,
)
from alliance_site.citations.exports import csl_export_item
from alliance_site.render.urls import Urls
from alliance_site.text.markup import Text, parse
from alliance_site.validate.run import load_corpus
from support.html_index import resolve
from support.sitebuild import REPO, mkdocs_build

ROOTS = REPO / "tests" / "roots"
CORPUS_ONLY = ("cited_as", "editorial")  # source fields with no home in CSL or BibTeX


# --------------------------------------------------------------------------- the pages, parsed by lxml.html


class Node:
    """An element of a page parsed by lxml.html, with the few look-ups these tests use."""

    def __init__(self, element):
        self.element = element

    @property
    def attrs(self) -> dict:
        return dict(self.element.attrib)

    @property
    def classes(self) -> list[str]:
        return (self.element.get("class") or "").split()

    def text(self) -> str:
        return self.element.text_content()

    def inner_html(self) -> str:
        children = (lxml.html.tostring(child, encoding="unicode") for child in self.element)
        return escape(self.element.text or "", quote=False) + "".join(children)

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list[Node]:
        return [
            Node(e)
            for e in self.element.iterdescendants(tag)
            if isinstance(e.tag, str)  # not a comment
            and (cls is None or cls in (e.get("class") or "").split())
            and all(e.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls} {attrs}>"
        return found[0]


def dom(path: Path) -> Node:
    return Node(lxml.html.document_fromstring(path.read_text("utf-8")))


def squash(text: str) -> str:
    return " ".join(text.split())


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment made by the engine."""
    return squash(unescape(re.sub(r"<[^>]+>", "", fragment)))


# --------------------------------------------------------------------------- the sites


class Site:
    """A built site and the corpus and citation engine it was built from."""

    def __init__(self, root: Path, content: Path, style: str | None = None):
        self.root, self.style = root, style
        self.corpus = load_corpus(content).corpus
        self.sources = {k: s.data for k, s in self.corpus.sources.items()}
        # what reference managers get: a supplied title (marked in "note") where the text gives none
        self.records = {k: catalogue_record(s, self.citing_chapters(k)) for k, s in self.sources.items()}
        self.bib = Bibliography(self.sources.values(), style=style, locale=self.corpus.meta["language"])
        self._pages: dict[str, Node] = {}

    def citing_chapters(self, key: str) -> list[str]:
        citing = {use.paragraph.chapter.id for use in self.corpus.cited_in.get(key, [])}
        return [str(ch.data.get("number") or ch.title) for ch in self.corpus.chapters if ch.id in citing]

    def page(self, rel: str) -> Node:
        if rel not in self._pages:
            self._pages[rel] = dom(self.root / rel)
        return self._pages[rel]

    def source_page(self, key: str) -> Node:
        return self.page(f"bibliography/{key}/index.html")


def _build(root_name: str, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp(root_name) / "site"
    result = mkdocs_build(ROOTS / root_name, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def real(built_site) -> Site:
    return Site(built_site, REPO / "content")


@pytest.fixture(scope="module")
def thesis(tmp_path_factory) -> Site:
    return Site(_build("citations-thesis", tmp_path_factory), ROOTS / "citations-thesis" / "content")


@pytest.fixture(scope="module")
def styled(tmp_path_factory) -> Site:
    root = ROOTS / "citations-style"
    return Site(
        _build("citations-style", tmp_path_factory), root / "content", style=str(root / "styles/author-date.csl")
    )


@pytest.fixture(params=["real", "thesis", "styled"])
def any_site(request) -> Site:
    return request.getfixturevalue(request.param)


def cites_on(site: Site, chapter_id: str) -> dict[str, list[str]]:
    """Paragraph id -> inner HTML of its citations (each work's link taken off), in reading order
    (original text only)."""
    page = site.page(f"chapters/{chapter_id}/index.html")
    out = {}
    for para in page.find_all("div", "as-para"):
        original = para.find("p", "as-orig")
        out[para.attrs["id"]] = [
            re.sub(r"</?a\b[^>]*>", "", span.inner_html()) for span in original.find_all("span", "as-citation")
        ]
    return out


# --------------------------------------------------------------------------- CSL formatting


def test_every_citation_is_the_engines_rendering(any_site):
    """Each citation in the chapter text is what the Bibliography renders for it, in the page's order."""
    for chapter in any_site.corpus.chapters:
        shown = cites_on(any_site, chapter.id)
        for para in chapter.paragraphs:
            expected = [any_site.bib.cite(c) for c in para.citations]
            assert shown[para.id] == expected, para.id


def test_default_style_is_harvard_in_the_corpus_locale(real, thesis):
    assert real.bib.locale == thesis.bib.locale == "id-ID"
    cites = cites_on(thesis, "bab-iv")
    assert cites["p-pembuka"] == [
        "(Kim dan Lee, 2018, hlm. 12)",  # locator, with the Indonesian term
        "Cha (2010, hlm. 50)",  # narrative cite
        "(Defense, 2016b, hlm. 4–5; Stockholm International Peace Research Institute, 2017)",  # several works
    ]
    assert cites["p-pasukan"] == ["(2018, hlm. 3)"]  # suppressed author
    real_cites = [c for cs in cites_on(real, "bab-iv").values() for c in cs]
    assert "(Kang, 2006)" in real_cites
    assert all(re.fullmatch(r"\([^()]+, \d{4}[a-z]?\)", html_text(c)) for c in real_cites), real_cites


def test_same_author_same_year_sources_do_not_collide(thesis, styled):
    """Three "Defense 2016" reports: 2016a/b/c in bibliography order (by title), in the text and the list."""
    expected = {"defense-annual": "a", "defense-budget": "b", "defense-white-paper": "c"}
    for site, form in ((thesis, "(Defense, 2016{})"), (styled, "(Defense 2016{})")):
        assert site.bib.year_suffixes() == expected
        assert cites_on(site, "bab-iv" if site is thesis else "one")[
            "p-laporan" if site is thesis else "p-same-year"
        ] == [form.format(expected[k]) for k in ("defense-white-paper", "defense-annual", "defense-budget")]
        items = {li.attrs["id"]: html_text(li.find("a").inner_html()) for li in bibliography_items(site)}
        for key, suffix in expected.items():
            assert f"2016{suffix}" in items[f"ref-{key}"], key


def test_the_real_chapters_three_defense_2016_sources_stay_apart(real):
    keys = ("defense2016", "defense-mo-2016", "defense-ro-2016")
    shown = {html_text(c) for cs in cites_on(real, "bab-iv").values() for c in cs if "Defense" in c}
    assert shown == {html_text(real.bib.cite_key(k)) for k in keys}
    assert len(shown) == 3
    references = {html_text(real.bib.reference(k)) for k in keys}
    assert len(references) == 3


def test_csl_style_option_switches_the_style(styled):
    """`plugins: - alliance-site: {csl_style: styles/author-date.csl}`: the fixture's own style, in en-US
    (the corpus is Javanese, for which CSL has no locale)."""
    assert styled.bib.locale == "en-US"
    cites = cites_on(styled, "one")
    assert cites == {
        "p-locator": ["(Smith &amp; Park 2010, p. 12)", "Defense (2016c, p. 3)"],
        "p-several": ["(Defense 2016b, pp. 4–5; Smith &amp; Park 2010)"],  # sorted as the style's cs:sort says
        "p-suppressed": ["(2010, p. 7)"],
        "p-same-year": ["(Defense 2016c)", "(Defense 2016a)", "(Defense 2016b)"],
    }
    chapter = (styled.root / "chapters/one/index.html").read_text("utf-8")
    assert "hlm." not in chapter and "Smith and Park, 2010" not in chapter  # neither id-ID nor Harvard
    items = [li.find("a").inner_html() for li in bibliography_items(styled)]
    assert items[0] == "Defense. 2016a. <i>Annual report</i>. Ministry."
    # citeproc-js initialises "Min-jun" as "M." (a lower-case hyphenated part is dropped)
    assert items[-1] == "Smith, J., &amp; Park, M. 2010. <i>Alliances in Asia</i>. Example Press."


def test_each_build_formats_its_bibliographies_in_one_call_each():
    """The generator formats the whole bibliography in one makeBibliography call per Bibliography (the
    sources' and the chapters'), and the citation clusters in batches, however many pages show them:
    each source's names first (formatted ahead, while the rest of the corpus is read), then every
    citation of the corpus (in slices of 500 clusters: one slice here)."""
    from alliance_site.citations.citeproc_js import CiteprocJS
    from alliance_site.site import build_site

    engine = CiteprocJS.shared()
    calls: list[str] = []
    original = engine.call

    def counting(name, *args, **options):
        calls.append(name)
        return original(name, *args, **options)

    engine.call = counting  # an attribute of our own object, not a library's internals
    try:
        build = build_site(ROOTS / "citations-thesis" / "content")
    finally:
        del engine.call
    assert not build.errors
    assert calls.count("asBibliography") == calls.count("asNewEngine") == 2
    assert calls.count("asClusters") == 2  # the chapters' bibliography formats no cluster


# --------------------------------------------------------------------------- the bibliography page


def bibliography_items(site: Site) -> list[Node]:
    return site.page("bibliography/index.html").find("ol", "as-bibliography").find_all("li", "as-reference")


def test_bibliography_is_sorted_as_the_style_says(any_site):
    items = bibliography_items(any_site)
    assert [li.attrs["id"] for li in items] == [f"ref-{k}" for k in any_site.bib.keys_in_order()]
    for li, key in zip(items, any_site.bib.keys_in_order()):
        assert li.find("a").inner_html() == any_site.bib.reference(key)


def test_bibliography_is_filterable_by_type(any_site):
    items = bibliography_items(any_site)
    for li in items:
        key = li.attrs["id"].removeprefix("ref-")
        assert li.attrs["data-type"] == any_site.sources[key]["type"]
    types = {s["type"] for s in any_site.sources.values()}
    selects = any_site.page("bibliography/index.html").find_all("select", "as-type-filter")
    if len(types) > 1:
        (select,) = selects
        assert [o.attrs["value"] for o in select.find_all("option")] == ["", *sorted(types)]
    else:
        assert selects == []  # one type: nothing to filter


def test_thesis_bibliography_has_several_types(thesis):
    types = [li.attrs["data-type"] for li in bibliography_items(thesis)]
    assert set(types) == {"article-journal", "chapter", "dataset", "report", "webpage"}


def test_sources_no_paragraph_cites_are_listed_and_marked(any_site):
    for li in bibliography_items(any_site):
        key = li.attrs["id"].removeprefix("ref-")
        uncited = not any_site.corpus.cited_in.get(key)
        assert ("as-reference--uncited" in li.classes) == uncited, key
        badges = [squash(b.text()) for b in li.find_all("span", "as-badge")]
        assert ("cited nowhere in the text" in badges) == uncited, key


def test_the_thesis_fixture_has_an_uncited_source(thesis):
    marked = [li.attrs["id"] for li in bibliography_items(thesis) if "as-reference--uncited" in li.classes]
    assert marked == ["ref-census1988"]  # listed only by a table, cited by no paragraph


# --------------------------------------------------------------------------- source pages


def test_source_page_shows_the_reference_and_missing_fields(any_site):
    for key, source in any_site.sources.items():
        page = any_site.source_page(key)
        assert page.find("p", "as-reference--full").inner_html() == any_site.bib.reference(key)
        missing = missing_fields(source)
        shown = page.find_all("p", "as-incomplete")
        if missing:
            assert squash(shown[0].text()).endswith(": " + ", ".join(missing)), key
        else:
            assert shown == [], key


def test_missing_fields_are_named(real, thesis):
    assert squash(real.source_page("kang2006").find("p", "as-incomplete").text()) == "Missing fields: title"
    assert thesis.source_page("kim2018").find_all("p", "as-incomplete") == []
    assert "publisher" in thesis.source_page("defense-budget").find("p", "as-incomplete").text()


def read_ris(text: str) -> list[dict[str, list[str]]]:
    """A tiny RIS reader: records from ``TY`` to ``ER``, each tag → its values in order."""
    records, record = [], None
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - ?(.*)", line)
        assert match, f"not a RIS line: {line!r}"
        tag, value = match.groups()
        if tag == "TY":
            assert record is None, "TY inside a record"
            record = {"TY": [value]}
        elif tag == "ER":
            assert record is not None, "ER outside a record"
            records.append(record)
            record = None
        else:
            assert record is not None, f"{tag} outside a record"
            record.setdefault(tag, []).append(value)
    assert record is None, "last record has no ER"
    return records


def test_source_page_offers_bibtex_csl_json_and_ris_with_copy_buttons(any_site):
    for key in any_site.sources:
        page = any_site.source_page(key)
        blocks = page.find_all("div", "as-export")
        assert [squash(b.find("strong").text()) for b in blocks] == ["BibTeX", "CSL-JSON", "RIS"]
        texts = {}
        for block in blocks:
            pre = block.find("pre")
            button = block.find("button", "as-copy")
            assert button.attrs["data-copy"] == pre.attrs["id"]
            assert squash(button.text()).startswith("Copy")
            texts[squash(block.find("strong").text())] = pre.text()
        shown = bibtexparser.parse_string(texts["BibTeX"])
        record = any_site.records[key]
        wanted = bibtexparser.parse_string(entry_bibtex(record))
        assert not shown.failed_blocks
        assert [(e.key, e.entry_type, {f.key: f.value for f in e.fields}) for e in shown.entries] == [
            (e.key, e.entry_type, {f.key: f.value for f in e.fields}) for e in wanted.entries
        ]
        assert json.loads(texts["CSL-JSON"]) == json.loads(entry_csl_json(record)) == csl_export_item(record)
        assert read_ris(texts["RIS"]) == read_ris(entry_ris(record))
        assert read_ris(texts["RIS"])[0]["ID"] == [key]


def paragraph_text(para) -> str:
    return squash("".join(t.text for t in parse(para.text) if isinstance(t, Text)))


def test_source_page_lists_every_citing_paragraph_with_snippet_and_locator(any_site):
    for key in any_site.sources:
        page = any_site.source_page(key)
        page_file = any_site.root / f"bibliography/{key}/index.html"
        uses = any_site.corpus.cited_in.get(key, [])
        lists = page.find_all("ol", "as-cited-in")
        if not uses:
            assert lists == []
            continue
        items = lists[0].find_all("li")
        assert len(items) == len(uses), key
        for li, use in zip(items, uses):
            target, fragment = resolve(any_site.root, page_file, li.find("a").attrs["href"])
            assert target == any_site.root / f"chapters/{use.paragraph.chapter.id}/index.html"
            assert fragment == use.paragraph.id
            snippet = squash(li.find("span", "as-snippet").text()).lstrip("…")
            assert snippet and snippet.split()[-1] in paragraph_text(use.paragraph), (key, snippet)
            locators = li.find_all("span", "as-locator")
            if use.item.locator:
                assert squash(locators[0].text()).endswith(use.item.locator.replace("-", "–"))
            else:
                assert locators == []


def test_cited_in_locators_use_the_locale(thesis, styled):
    def locators(site, key):
        return [squash(s.text()) for s in site.source_page(key).find_all("span", "as-locator")]

    assert locators(thesis, "kim2018") == ["hlm. 12", "hlm. 3"]
    assert locators(thesis, "defense-budget") == ["hlm. 4–5"]
    assert locators(styled, "smith2010") == ["p. 12", "p. 7"]
    assert locators(styled, "defense-budget") == ["pp. 4–5"]
    snippets = [squash(s.text()) for s in thesis.source_page("kim2018").find_all("span", "as-snippet")]
    assert snippets == ["Aliansi itu kuat", "Seperti ditulis Kim"]


def test_source_page_lists_the_tables_figures_and_events_that_rely_on_it(any_site):
    for key in any_site.sources:
        page = any_site.source_page(key)
        page_file = any_site.root / f"bibliography/{key}/index.html"
        users = any_site.corpus.relied_on_by.get(key, [])
        lists = page.find_all("ul", "as-relied-on")
        if not users:
            assert lists == []
            continue
        # One list per kind (tables, then figures, then events), each in the corpus's order.
        links = [resolve(any_site.root, page_file, a.attrs["href"]) for ul in lists for a in ul.find_all("a")]
        users = sorted(users, key=lambda e: ["table", "figure", "event"].index(e.kind))
        expected = [(any_site.root / Urls(True).url(Urls.entry(e.kind, e.id)) / "index.html", "") for e in users]
        assert links == expected, key


def test_relied_on_by_in_the_fixture(thesis):
    def names(key):
        return [squash(a.text()) for a in thesis.source_page(key).find("ul", "as-relied-on").find_all("a")]

    assert names("kim2018") == ["Tabel 1 Pasukan"]
    assert names("cha2010") == ["Gambar 1 Rantai komando"]
    assert names("sipri2017")[0].endswith("Gencatan senjata")


# --------------------------------------------------------------------------- exports


def comparable(source: dict) -> dict:
    """The fields of a source BibTeX and CSL can both carry (every field but the corpus's own)."""
    return {k: v for k, v in source.items() if k not in CORPUS_ONLY}


def test_bibtex_export_parses_back_to_the_sources(any_site):
    text = (any_site.root / "bibliography.bib").read_text("utf-8")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert sorted(e.key for e in library.entries) == sorted(any_site.sources)
    imported = import_bib(text)
    assert imported.report == []
    assert {s["id"]: s for s in imported.sources} == {k: comparable(s) for k, s in any_site.records.items()}


def test_csl_json_export_validates_against_the_official_schema(any_site, shared_dir):
    schema = json.loads((shared_dir / "data" / "csl-data.json").read_text("utf-8"))
    items = json.loads((any_site.root / "bibliography.json").read_text("utf-8"))
    jsonschema.validate(items, schema)
    assert {item["id"]: item for item in items} == {k: csl_export_item(s) for k, s in any_site.records.items()}
    for item in items:  # the citation key, also where Zotero reads one (Extra, from "note")
        assert f"Citation Key: {item['id']}" in item["note"].split("\n")


def test_ris_export_has_one_record_per_source(any_site):
    records = read_ris((any_site.root / "bibliography.ris").read_text("utf-8"))
    assert sorted(r["ID"][0] for r in records) == sorted(any_site.sources)
    for record in records:
        source = any_site.records[record["ID"][0]]
        assert len(record.get("AU", [])) == len(source.get("author", []))
        if source.get("title"):
            assert (record.get("TI") or record.get("T1")) == [source["title"]]


def test_exports_are_linked_and_announced_as_alternates(any_site):
    page = any_site.page("bibliography/index.html")
    page_file = any_site.root / "bibliography/index.html"
    head = page.find("head")
    alternates = {
        resolve(any_site.root, page_file, link.attrs["href"])[0].name: link.attrs["type"]
        for link in head.find_all("link", rel="alternate")
    }
    assert alternates == {
        "bibliography.bib": "application/x-bibtex",
        "bibliography.json": "application/vnd.citationstyles.csl+json",
        "bibliography.ris": "application/x-research-info-systems",
    }
    downloads = page.find("p", "as-downloads").find_all("a")
    targets = {resolve(any_site.root, page_file, a.attrs["href"])[0] for a in downloads}
    assert targets == {any_site.root / name for name in alternates}
    assert all(t.is_file() for t in targets)


# --------------------------------------------------------------------------- reference managers


def meta_tags(page: Node) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags of a page's head, in order, as Zotero's Embedded Metadata reads them."""
    return [
        (m.attrs["name"], m.attrs["content"])
        for m in page.find("head").find_all("meta")
        if (m.attrs.get("name") or "").startswith("citation_")
    ]


def zotero_item(page: Node) -> dict:
    tags = meta_tags(page)
    first = {name: value for name, value in reversed(tags)}
    date = first.get("citation_publication_date") or first.get("citation_date") or ""
    return {
        "title": first.get("citation_title"),
        "authors": [value for name, value in tags if name == "citation_author"],
        "year": int(re.match(r"-?\d{1,4}", date).group()) if date else None,
    }


def yaml_author(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    return ", ".join(str(name[k]) for k in ("family", "given") if name.get(k))


def yaml_year(issued) -> int | None:
    if issued is None:
        return None
    if isinstance(issued, int):
        return issued
    if isinstance(issued, dict):
        return issued["date-parts"][0][0] if "date-parts" in issued else None
    return int(re.match(r"-?\d{1,4}", str(issued)).group())


def test_source_page_meta_tags_read_as_zotero_would(any_site):
    for key, source in any_site.records.items():
        item = zotero_item(any_site.source_page(key))
        assert item == {
            "title": source.get("title"),
            "authors": [yaml_author(n) for n in source.get("author", [])],
            "year": yaml_year(source.get("issued")),
        }, key


def test_zotero_reads_the_fixture_values(thesis):
    assert zotero_item(thesis.source_page("kim2018")) == {
        "title": "Deterrence on the peninsula",
        "authors": ["Kim, Dae-jung", "Lee, Soo-yeon"],
        "year": 2018,
    }
    tags = dict(meta_tags(thesis.source_page("kim2018")))
    assert tags["citation_journal_title"] == "Korean Journal of Defense Analysis"
    assert tags["citation_doi"] == "10.1000/kjda.2018.1"
    assert (tags["citation_firstpage"], tags["citation_lastpage"]) == ("1", "20")


def test_real_chapter_meta_gives_only_what_corpus_yml_gives(real):
    tags = meta_tags(real.page("chapters/bab-iv/index.html"))
    names = [n for n, _ in tags]
    chapter = real.corpus.chapters[0]
    assert dict(tags)["citation_title"] == f"{chapter.data['number']} — {chapter.title}"
    assert dict(tags)["citation_language"] == "id"
    for absent in ("citation_author", "citation_dissertation_institution", "citation_publication_date"):
        assert absent not in names  # corpus.yml names no author, institution or year: nothing is invented


def test_fixture_chapter_meta_has_author_institution_and_year(thesis):
    tags = meta_tags(thesis.page("chapters/bab-iv/index.html"))
    # a chapter of the thesis (Zotero: a book section, from citation_inbook_title), with its pages in the
    # original as far as the chapter records them (2 and 10); no citation_dissertation_name, which no
    # reader reads
    assert tags == [
        ("citation_title", "BAB IV — Latar belakang aliansi"),
        ("citation_author", "Putri, Ayu Lestari"),
        ("citation_publication_date", "2019"),
        ("citation_date", "2019"),
        ("citation_inbook_title", "Aliansi Strategis Korea Selatan dan Amerika Serikat"),
        ("citation_publisher", "Universitas Contoh"),
        ("citation_firstpage", "2"),
        ("citation_lastpage", "10"),
        ("citation_language", "id"),
    ]
    assert zotero_item(thesis.page("chapters/bab-iv/index.html"))["year"] == 2019


def coins_title(query: str) -> str | None:
    fields = parse_qs(query, strict_parsing=True)
    assert fields["ctx_ver"] == ["Z39.88-2004"]
    assert fields["rft_val_fmt"][0].startswith("info:ofi/fmt:kev:mtx:")
    for name in ("rft.atitle", "rft.btitle", "rft.title", "rft.jtitle"):
        if name in fields and name != "rft.jtitle":
            return fields[name][0]
    return None


def test_one_coins_span_per_source_in_the_bibliography(any_site):
    items = bibliography_items(any_site)
    spans = any_site.page("bibliography/index.html").find("ol", "as-bibliography").find_all("span", "Z3988")
    assert len(spans) == len(items) == len(any_site.sources)
    for li in items:
        key = li.attrs["id"].removeprefix("ref-")
        (span,) = li.find_all("span", "Z3988")
        assert coins_title(span.attrs["title"]) == any_site.records[key].get("title"), key


def json_ld(path: Path) -> list:
    html = path.read_text("utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    for text in scripts:
        assert "<" not in text
    return [json.loads(text) for text in scripts]


def test_json_ld_on_source_and_chapter_pages(any_site):
    for key, source in any_site.records.items():
        (ld,) = json_ld(any_site.root / f"bibliography/{key}/index.html")
        assert ld["@context"] == "https://schema.org"
        assert ld.get("name") == source.get("title")
        assert len(ld.get("author", [])) == len(source.get("author", []))
    for chapter in any_site.corpus.chapters:
        (ld,) = json_ld(any_site.root / f"chapters/{chapter.id}/index.html")
        assert ld["@type"] == "Chapter" and ld["inLanguage"] == any_site.corpus.meta["language"]
        assert ld["name"].endswith(chapter.title)


def test_json_ld_of_the_fixture_chapter(thesis, real):
    (ld,) = json_ld(thesis.root / "chapters/bab-iv/index.html")
    assert ld["author"] == [{"@type": "Person", "name": "Ayu Lestari Putri"}]
    assert ld["datePublished"] == "2019"
    assert ld["isPartOf"]["sourceOrganization"]["name"] == "Universitas Contoh"
    (ld,) = json_ld(real.root / "chapters/bab-iv/index.html")
    assert "author" not in ld and "datePublished" not in ld


# --------------------------------------------------------------------------- cite this paragraph


def paragraph_citations(site: Site, chapter_id: str) -> dict[str, Node]:
    page = site.page(f"chapters/{chapter_id}/index.html")
    out = {}
    for para in page.find_all("div", "as-para"):
        details = para.find("details", "as-cite-para")
        out[para.attrs["id"]] = details
    return out


def test_every_paragraph_offers_a_copyable_citation_of_itself(any_site):
    for chapter in any_site.corpus.chapters:
        offered = paragraph_citations(any_site, chapter.id)
        assert list(offered) == [p.id for p in chapter.paragraphs]
        reference = html_text(_chapter_reference(any_site, chapter))
        for para in chapter.paragraphs:
            details = offered[para.id]
            text = details.find("span", "as-cite-para__text")
            button = details.find("button", "as-copy")
            assert button.attrs["data-copy"] == text.attrs["id"] == f"cite-{para.id}"
            plain = squash(text.text())
            assert plain.startswith(reference.rstrip(".")), plain
            assert f"¶ {para.number}" in plain
            (link,) = text.find_all("a", "as-permalink-abs")
            assert link.attrs["href"] == f"#{para.id}"


def _chapter_reference(site: Site, chapter) -> str:
    from alliance_site.render.scholarly import ScholarlyApparatus

    apparatus = ScholarlyApparatus(site.corpus, site.bib, site.style, site.corpus.meta["language"])
    return apparatus.chapter_bib.reference(f"chapter-{chapter.id}")


def test_paragraph_citation_gives_the_original_page_where_known(real):
    offered = paragraph_citations(real, "bab-iv")
    text = {pid: squash(d.find("span", "as-cite-para__text").text()) for pid, d in offered.items()}
    assert ", hlm. 2, ¶ 3." in text["p-situasi-keamanan"]  # runs onto page 2 (page_breaks)
    section_b = next(s for s in real.corpus.chapters[0].sections if s.data.get("number") == "B.")
    first_of_b = next(p for p in real.corpus.chapters[0].paragraphs if p.section is section_b)
    assert first_of_b.id == "p-sejak-awal"
    assert f", hlm. 10, ¶ {first_of_b.number}." in text[first_of_b.id]  # starts on page 10
    with_pages = {pid for pid, t in text.items() if "hlm." in t}
    assert with_pages == {"p-situasi-keamanan", "p-sejak-awal"}  # no page is guessed
    # The reference names the chapter once: no title standing in for the missing author is repeated.
    assert text["p-sejak-awal"].count("LATAR BELAKANG") == 1


def test_paragraph_citation_names_author_year_and_institution_where_given(thesis):
    offered = paragraph_citations(thesis, "bab-iv")
    text = {pid: squash(d.find("span", "as-cite-para__text").text()) for pid, d in offered.items()}
    assert text["p-laporan"] == (
        "Putri, A.L. (2019) BAB IV — Latar belakang aliansi, Aliansi Strategis Korea Selatan dan Amerika Serikat. "
        "Skripsi. Universitas Contoh, hlm. 10, ¶ 3. #p-laporan"
    )
    assert text["p-pembuka"].endswith(", hlm. 2, ¶ 1. #p-pembuka")
    assert text["p-pasukan"].endswith("Universitas Contoh, ¶ 2. #p-pasukan")


# --------------------------------------------------------------------------- engine fixes the pages rely on


def test_a_substituted_title_is_not_printed_twice():
    """CSL: a variable that stands in for a missing author is suppressed in the rest of the entry
    (citeproc-py 0.11, the engine before citeproc-js, printed "<i>T</i> (2001) <i>T</i>.")."""
    bib = Bibliography(
        [
            {"id": "t", "type": "book", "title": "Only a title", "issued": 2001, "publisher": "P"},
            {"id": "e", "type": "chapter", "title": "Chap", "container-title": "Book", "editor": [{"family": "Ed"}]},
            {"id": "n", "type": "article-newspaper", "title": "News", "container-title": "The Paper", "issued": 2001},
        ],
        locale="en-US",
    )
    assert bib.reference("t") == "<i>Only a title</i> (2001). P."
    assert bib.reference("t").count("Only a title") == 1
    assert bib.reference("e").count("Ed") == 1  # the editor standing in for the author is not repeated
    assert bib.reference("n").count("The Paper") == 1
    assert bib.cite_key("t") == "(<i>Only a title</i>, 2001)"


@pytest.mark.parametrize(
    ("given", "initials"),
    [("Jane", "J."), ("Jean-Pierre", "J.-P."), ("Min-Jun", "M.-J."), ("Min-jun", "M."), ("Walter C.", "W.C.")],
)
def test_initials_of_given_names_as_citeproc_js_makes_them(given, initials):
    """Harvard initialises given names; citeproc-js keeps a capitalised hyphenated part ("M.-J.") and
    drops a lower-case one ("Min-jun" -> "M."), as Zotero prints them."""
    source = {"id": "p", "type": "book", "author": [{"family": "Park", "given": given}], "issued": 2010, "title": "T"}
    assert Bibliography([source], locale="en-US").reference("p").startswith(f"Park, {initials} (2010)")


def test_locale_terms():
    assert Bibliography([], locale="id-ID").term("page") == "hlm."
    assert Bibliography([], locale="en-US").term("page", plural=True) == "pp."
    assert Bibliography([], locale="jv").term("page") == "p."  # no Javanese locale: en-US
    assert Bibliography([], locale="en-US").term("no-such-term") == "no-such-term"
