"""BibTeX import on biblatex's own example database, and the YAML files it writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from alliance_site.citations.import_bib import import_bib, safe_filename
from alliance_site.import_writer import write_sources
from support.schema_files import validator_from_disk

REPO = Path(__file__).resolve().parents[1]
BIB = Path(__file__).resolve().parents[2] / "shared" / "data" / "biblatex-examples.bib"
SOURCE_SCHEMA = REPO / "src" / "alliance_site" / "schemas" / "source.schema.json"
SCHEMA_URL = "https://example.org/schemas/source.schema.json"

pytestmark = pytest.mark.skipif(not BIB.is_file(), reason="../shared/data/biblatex-examples.bib not present")


@pytest.fixture(scope="module")
def result():
    return import_bib(BIB)


@pytest.fixture(scope="module")
def by_key(result):
    return {s["id"]: s for s in result.sources}


def test_every_entry_is_imported_or_reported(result):
    text = BIB.read_text(encoding="utf-8")
    keys = re.findall(r"^@(?!string)\w+\{([^,\s]+),", text, flags=re.MULTILINE | re.IGNORECASE)
    assert len(keys) == 92
    imported = {s["id"] for s in result.sources}
    skipped = {key for key, why in result.report if why.startswith("entry skipped")}
    assert imported | skipped == set(keys)
    assert not imported & skipped
    assert skipped == {"set", "stdmodel"}  # @set groups other entries; its members are imported
    assert all(why for _, why in result.report)


def test_sources_validate_against_source_schema(result):
    validator = validator_from_disk(SOURCE_SCHEMA)  # with common.schema.json beside it, as an editor reads it
    for source in result.sources:
        errors = list(validator.iter_errors(source))
        assert not errors, (source["id"], errors[0].message)


@pytest.mark.parametrize(
    ("key", "field", "expected"),
    [
        # LaTeX accents in names: Aks{\i}n, {\"O}zge, {\c{C}}etinkaya, B{\"u}y{\"u}kg{\"u}ng{\"o}r
        ("aksin", "author", [{"family": "Aksın", "given": "Özge"}]),
        ("aksin", "author[3]", {"family": "Çetinkaya", "given": "Bekir"}),
        ("aksin", "author[5]", {"family": "Büyükgüngör", "given": "Orhan"}),
        # @string macro: journaltitle = jomch
        ("aksin", "container-title", "J.\u00a0Organomet. Chem."),
        ("aksin", "issue", 13),
        ("aksin", "page", "3027-3036"),
        ("angenendt", "container-title", "Revue d'Histoire Ecclésiastique"),
        ("angenendt", "title", "In Honore Salvatoris\u00a0– Vom Sinn und Unsinn der Patrozinienkunde"),  # ~--
        # crossref child westfahl:space inherits booktitle, editor, publisher, date from westfahl:frontier
        ("westfahl:space", "type", "chapter"),
        ("westfahl:space", "container-title", "Space and Beyond: The Frontier Theme in Science Fiction"),
        ("westfahl:space", "editor", [{"family": "Westfahl", "given": "Gary"}]),
        ("westfahl:space", "publisher", "Greenwood"),
        ("westfahl:space", "issued", 2000),
        (
            "westfahl:space",
            "title",
            "The True Frontier: Confronting and Avoiding the Realities of Space in American Science Fiction Films",
        ),
        # literal lists: "Düsseldorf and Zürich" are two places
        ("iliad", "publisher-place", "Düsseldorf; Zürich"),
        ("iliad", "author", [{"family": "Homer"}]),
        ("knuth:ct:a", "title", "The TeXbook"),
        ("knuth:ct:a", "container-title", "Computers & Typesetting"),
        ("kant:kpv", "collection-title", "Kants Werke. Akademie Textausgabe"),
        ("jaffe", "issued", "1885/1888"),
        ("baez/online", "issued", "2004-10-27"),
        ("baez/online", "note", "arXiv: math/0307200v3"),
        ("ctan", "accessed", "2006-10-01"),
        ("ctan", "URL", "http://www.ctan.org"),
        ("cms", "type", "report"),
        ("cms", "language", "en"),
    ],
)
def test_spot_checks(by_key, key, field, expected):
    name, _, index = field.partition("[")
    value = by_key[key][name]
    if index:
        value = value[int(index.rstrip("]"))]
    elif isinstance(expected, list) and len(expected) == 1 and len(value) > 1:
        value = value[:1]
    assert value == expected


def test_skipped_fields_are_reported(result):
    report = {(k, w) for k, w in result.report}
    assert ("cms", "field 'sorttitle' skipped: sorting/indexing hint for biblatex, no CSL equivalent") in report
    assert ("iliad", "field 'introduction' skipped: contributor role CSL 1.0 cannot hold") in report


INLINE = r"""
@string{pub = "Presses {and} Co"}
@book{aa,
  author = {{World Health Organization} and van Gennep, Arnold and Doe, Jr., John},
  title = {A {\"U}ber-{T}itle \& more},
  publisher = pub # { and Others},
  year = 1999, month = mar,
}
@book{bad key, title = {x}}
@article{bb, author = {Smith, John}, title = {Dup}, journal = {J}, year = {2001}}
@article{bb, author = {Smith, Jane}, title = {Dup2}, journal = {J}, year = {2002}}
@incollection{orphan, crossref = {nowhere}, title = {O}, booktitle = {B}, year = {2003}}
@thesis{th, author = {Rahman, Abdul}, title = {Skripsi}, type = {phdthesis}, institution = {UI}, date = {2019~}}
"""


def test_inline_bibtex_text():
    result = import_bib(INLINE)
    by_key = {s["id"]: s for s in result.sources}
    aa = by_key["aa"]
    assert aa["author"] == [
        {"literal": "World Health Organization"},
        {"family": "Gennep", "given": "Arnold", "non-dropping-particle": "van"},
        {"family": "Doe", "given": "John", "suffix": "Jr."},
    ]
    assert aa["title"] == "A Über-Title & more"
    assert aa["publisher"] == "Presses and Co; Others"  # macro, concatenation, braced "and" kept
    assert aa["issued"] == "1999-03"
    assert by_key["bb"]["title"] == "Dup"
    assert by_key["th"]["genre"] == "PhD thesis"
    assert by_key["th"]["publisher"] == "UI"
    assert by_key["th"]["issued"] == {"date-parts": [[2019]], "circa": True}
    assert result.report == [
        ("bb", "entry skipped: duplicate key (the first one is imported)"),
        ("bad key", "entry skipped: the key is no valid citation key (letters, digits, _:.#$%&+?<>~/-)"),
        ("orphan", "crossref parent 'nowhere' is not in the file"),
    ]
    assert [s["id"] for s in result.sources] == ["aa", "bb", "orphan", "th"]


def test_write_sources(tmp_path, result):
    actions = write_sources(result, tmp_path, schema_url=SCHEMA_URL)
    assert {a for _, _, a in actions} == {"written"}
    files = sorted((tmp_path / "sources").glob("*.yml"))
    assert len(files) == len(result.sources)
    text = (tmp_path / "sources" / "aksin.yml").read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_URL}\n")
    assert "family: Aksın" in text  # allow_unicode
    assert list(yaml.safe_load(text))[:3] == ["id", "type", "title"]
    colon = tmp_path / "sources" / f"{safe_filename('westfahl:space')}.yml"
    assert yaml.safe_load(colon.read_text(encoding="utf-8"))["id"] == "westfahl:space"
    assert ":" not in colon.name

    # No overwrite without force; reported, never raised.
    (tmp_path / "sources" / "aksin.yml").write_text("edited by hand\n", encoding="utf-8")
    again = write_sources(result, tmp_path, schema_url=SCHEMA_URL)
    assert {a for _, _, a in again} == {"skipped: exists"}
    assert (tmp_path / "sources" / "aksin.yml").read_text(encoding="utf-8") == "edited by hand\n"
    forced = write_sources(result, tmp_path, force=True, schema_url=SCHEMA_URL)
    assert {a for _, _, a in forced} == {"overwritten"}
    assert (tmp_path / "sources" / "aksin.yml").read_text(encoding="utf-8") == text


def test_written_files_are_deterministic(tmp_path, result):
    write_sources(result, tmp_path / "a")
    write_sources(import_bib(BIB), tmp_path / "b")
    for path in (tmp_path / "a" / "sources").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / "sources" / path.name).read_bytes()
        assert not path.read_text(encoding="utf-8").startswith("#")  # no schema URL given, no modeline


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("aksin", "aksin"),
        ("kant:kpv", "kant-kpv-"),
        ("Smith2010", "smith2010-"),
        ("baez/online", "baez-online-"),
        ("con", "con-"),
        ("a<b>?", "a-b-"),
    ],
)
def test_safe_filenames(key, name):
    filename = safe_filename(key)
    assert filename.startswith(name)
    assert re.fullmatch(r"[a-z0-9_-]+", filename)
    assert filename == key or len(filename) > len(name)  # changed keys carry a hash, so they never collide
