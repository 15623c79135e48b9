"""BibTeX, CSL-JSON and RIS exports: round trips, schema validity, determinism."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_site.citations.exports import (
    RIS_EOL,
    entry_bibtex,
    entry_csl_json,
    entry_ris,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from alliance_site.citations.import_bib import import_bib

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BIB = DATA / "biblatex-examples.bib"
CSL_SCHEMA = DATA / "csl-data.json"

pytestmark = pytest.mark.skipif(not BIB.is_file(), reason="../shared/data not present")

SAMPLE = {
    "id": "kim:2018",
    "type": "article-journal",
    "title": 'Alliance <politics> & "deterrence"',
    "author": [{"family": "Kim", "given": "F."}, {"literal": "Korea Institute for Defense Analyses"}],
    "editor": [{"family": "Gennep", "non-dropping-particle": "van", "given": "Arnold"}],
    "issued": "2018-03-04",
    "container-title": "Korean Journal of Defense Analysis",
    "volume": 30,
    "issue": 1,
    "page": "1-20",
    "publisher": "KIDA",
    "publisher-place": "Seoul",
    "DOI": "10.1000/xyz_1",
    "URL": "http://example.org/a%20b?x=1&y={2}",
    "accessed": "2020-01-02",
    "language": "en",
    "note": "50% of it",
    "cited_as": "Kim, 2018",
    "editorial": [{"kind": "note", "note": "x"}],
}


@pytest.fixture(scope="module")
def imported():
    return import_bib(BIB).sources


def test_bibtex_round_trip_keeps_every_field(imported):
    """biblatex-examples -> sources -> .bib -> sources gives the same sources, field for field."""
    text = to_bibtex(imported)
    again = import_bib(text)
    assert again.report == []
    before = {s["id"]: s for s in imported}
    after = {s["id"]: s for s in again.sources}
    assert before.keys() == after.keys()
    for key, source in before.items():
        assert after[key] == source, key


def test_bibtex_parses_back_with_plain_bibtexparser(imported):
    library = bibtexparser.parse_string(to_bibtex(imported))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == sorted(s["id"] for s in imported)
    entry = library.entries_dict["aksin"]
    assert entry.entry_type == "article"
    assert entry["journal"] == "J.\u00a0Organomet. Chem."
    assert entry["pages"] == "3027--3036"
    assert entry["author"].startswith("Aksın, Özge and Türkmen, Hayati")
    assert library.entries_dict["westfahl:space"].entry_type == "incollection"
    assert library.entries_dict["ctan"].entry_type == "online"


def test_bibtex_sample_entry():
    text = entry_bibtex(SAMPLE)
    library = bibtexparser.parse_string(text)
    (entry,) = library.entries
    assert entry.key == "kim:2018"
    assert entry["author"] == "Kim, F. and {Korea Institute for Defense Analyses}"
    assert entry["editor"] == "van Gennep, Arnold"
    assert entry["title"] == 'Alliance <politics> \\& "deterrence"'
    assert entry["year"] == "2018" and entry["month"] == "3" and entry["date"] == "2018-03-04"
    assert entry["url"] == "http://example.org/a%20b?x=1&y=%7B2%7D"  # verbatim, braces kept balanced
    assert entry["note"] == "50\\% of it"
    assert "cited_as" not in entry and "editorial" not in entry
    back = import_bib(text).sources[0]
    for field in ("title", "author", "editor", "issued", "container-title", "volume", "issue", "page", "DOI", "note"):
        assert back[field] == SAMPLE[field], field


@pytest.mark.parametrize("kind", ["dataset", "periodical", "standard", "review"])
def test_a_type_zotero_drops_is_written_as_misc_and_read_back(kind):
    """biblatex @dataset, @periodical, @standard, @review: Zotero's BibTeX importer drops such entries
    whole, so the export writes @misc with the type in entrysubtype, says so in a comment line right
    above the entry, and the importer reads the type back."""
    source = {"id": "x1", "type": kind, "title": "T", "author": [{"literal": "Statistics Korea"}], "issued": 1988}
    text = to_bibtex([source, SAMPLE])
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    entry = library.entries_dict["x1"]
    assert (entry.entry_type, entry["entrysubtype"]) == ("misc", kind)
    assert re.search(rf"^% x1: a biblatex {kind}, written as misc [^@\n]*\n@misc\{{x1,$", text, re.MULTILINE)
    again = import_bib(text)
    assert again.report == []
    assert {s["id"]: s["type"] for s in again.sources} == {"x1": kind, "kim:2018": "article-journal"}


_ALPHABET = st.sampled_from([*"aZ09 \\{}&%$#_~^-`'!?\"<>[]@,.:=|/*()+ÄéßÇ–“”\u00a0\t", "and", "And", "--"])
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=25).map("".join)


def _norm(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TEXT, family=_TEXT, given_name=_TEXT, publisher=_TEXT)
def test_bibtex_round_trip_of_hostile_text(title, family, given_name, publisher):
    """Any text survives export -> import: LaTeX specials, ligatures, braces, 'and'."""
    if not all(_norm(t) for t in (title, family, given_name)) or not _norm(publisher.replace(";", "")):
        return
    publisher = publisher.replace(";", "")  # ";" separates publishers in CSL
    source = {
        "id": "k",
        "type": "book",
        "title": title,
        "author": [{"family": family, "given": given_name}],
        "publisher": publisher,
    }
    back = import_bib(to_bibtex([source])).sources[0]
    assert back["title"] == _norm(title)
    assert back["author"] == [{"family": _norm(family), "given": _norm(given_name)}]
    assert back["publisher"] == _norm(publisher)  # one publisher: an "and" inside it is braced


def test_csl_json_validates_and_is_deterministic(imported):
    validator = jsonschema.Draft7Validator(json.loads(CSL_SCHEMA.read_text(encoding="utf-8")))
    sources = [*imported, SAMPLE]
    text = to_csl_json(sources)
    data = json.loads(text)
    assert not list(validator.iter_errors(data))
    assert [item["id"] for item in data] == sorted(s["id"] for s in sources)
    shuffled = list(sources)
    random.Random(3).shuffle(shuffled)
    assert to_csl_json(shuffled) == text
    single = json.loads(entry_csl_json(SAMPLE))
    assert single["issued"] == {"date-parts": [[2018, 3, 4]]}
    assert "cited_as" not in single and not list(validator.iter_errors([single]))


def test_ris_sample():
    assert entry_ris(SAMPLE).split(RIS_EOL) == [
        "TY  - JOUR",
        "AU  - Kim, F.",
        "AU  - Korea Institute for Defense Analyses",
        "A2  - Gennep, Arnold",
        "PY  - 2018",
        "DA  - 2018/03/04/",
        'TI  - Alliance <politics> & "deterrence"',
        "T2  - Korean Journal of Defense Analysis",
        "VL  - 30",
        "IS  - 1",
        "SP  - 1",
        "EP  - 20",
        "PB  - KIDA",
        "CY  - Seoul",
        "DO  - 10.1000/xyz_1",
        "UR  - http://example.org/a%20b?x=1&y={2}",
        "Y2  - 2020/01/02/",
        "LA  - en",
        "N1  - 50% of it",
        "M2  - Citation Key: kim:2018",
        "ID  - kim:2018",
        "ER  - ",
        "",
    ]


def test_ris_file(imported):
    text = to_ris(imported)
    records = text.split(RIS_EOL + RIS_EOL)
    assert len(records) == len(imported)
    assert all(r.startswith("TY  - ") for r in records)
    assert text.count("ER  - ") == len(imported)
    assert "TY  - THES" in text and "TY  - CHAP" in text and "TY  - ELEC" in text
    assert "AU  - Aksın, Özge" in text


def test_ten_thousand_sources_are_written_without_a_copy_of_the_library(caplog):
    """bibtexparser copies a library it may not modify and warns about it from 10,000 blocks on; the
    export's blocks are its own, so nothing is copied, nothing is logged, and the text is the same."""
    import logging

    sources = [
        {"id": f"k{i}", "type": "book", "title": f"T{i} & co", "author": [{"family": f"Name{i}"}], "issued": 2000}
        for i in range(10_000)
    ]
    with caplog.at_level(logging.WARNING, logger="bibtexparser"):
        text = to_bibtex(sources)
    assert [r for r in caplog.records if r.name.startswith("bibtexparser")] == []
    assert text.count("@book{") == 10_000 and "title = {T9999 \\& co}" in text
    # the sources themselves are left as they were
    assert sources[0] == {
        "id": "k0",
        "type": "book",
        "title": "T0 & co",
        "author": [{"family": "Name0"}],
        "issued": 2000,
    }
