"""Sources as CSL-JSON items (validated by the official schema), missing fields, dates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from alliance_site.citations.csl import CSL_FIELDS, missing_fields, name_text, to_csl_item
from alliance_site.citations.dates import date_parts, edtf, iso_date, parse_edtf, year_of

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
CSL_SCHEMA = SHARED / "data" / "csl-data.json"

needs_shared = pytest.mark.skipif(not CSL_SCHEMA.is_file(), reason="../shared/data/csl-data.json not present")


@pytest.fixture(scope="module")
def csl_validator():
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def corpus_sources() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "content" / "sources").glob("*.yml"))]


SOURCES = [
    {"id": "year-int", "type": "book", "title": "T", "issued": 2016, "author": [{"family": "Defense", "given": ""}]},
    {"id": "year-str", "type": "report", "issued": "2016", "author": [{"family": "Defense", "given": "M. o."}]},
    {"id": "month", "type": "webpage", "issued": "2016-03", "accessed": "2020-01-02", "URL": "http://x.org"},
    {"id": "day", "type": "article-journal", "issued": "2016-03-04", "volume": 3, "page": "1-10"},
    {"id": "range", "type": "book", "issued": "1984/1986", "author": [{"literal": "Defense R. o."}]},
    {"id": "bc", "type": "classic", "issued": "-0044", "title": "Commentarii"},
    {"id": "csl-date", "type": "book", "issued": {"date-parts": [["2016", "3"]], "circa": True}},
    {"id": "raw-date", "type": "book", "issued": {"raw": "2001-07"}},
    {"id": "x:y/z", "type": "thesis", "title": 1984, "author": [{"family": 12, "given": True}], "edition": 2},
    {
        "id": "extras",
        "type": "document",
        "cited_as": ["Defense, 2016"],
        "editorial": [{"kind": "note", "note": "n"}],
        "categories": ["a"],
        "shortTitle": "S",
        "journalAbbreviation": "J",
    },
]


@needs_shared
@pytest.mark.parametrize("source", SOURCES, ids=[s["id"] for s in SOURCES])
def test_csl_item_validates_against_official_schema(source, csl_validator):
    item = to_csl_item(source)
    errors = sorted(csl_validator.iter_errors([item]), key=str)
    assert not errors, errors
    assert item["id"] == source["id"]
    assert "cited_as" not in item and "editorial" not in item
    assert list(item) == sorted(item), "keys sorted, for deterministic output"


@needs_shared
def test_corpus_sources_validate(csl_validator):
    sources = corpus_sources()
    if not sources:
        pytest.skip("no content/sources")
    errors = list(csl_validator.iter_errors([to_csl_item(s) for s in sources]))
    assert not errors, errors[:3]


@needs_shared
def test_field_list_is_the_official_one():
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    assert set(schema["items"]["properties"]) == CSL_FIELDS


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        (2016, [[2016]]),
        ("2016", [[2016]]),
        ("2016-03", [[2016, 3]]),
        ("2016-03-04", [[2016, 3, 4]]),
        ("1968-05-19/1968-05-25", [[1968, 5, 19], [1968, 5, 25]]),
        ("-0044", [[-44]]),
        ({"date-parts": [["2016", "3"]]}, [[2016, 3]]),
        ({"raw": "2001-07"}, [[2001, 7]]),
    ],
)
def test_dates_to_date_parts(value, parts):
    assert date_parts(value)["date-parts"] == parts


@pytest.mark.parametrize("value", [None, "", "soon", "2016-13", "20160", True, [], {"season": 1}])
def test_non_dates_are_none(value):
    assert date_parts(value) is None


def test_date_forms():
    assert iso_date("2016-03-04") == "2016-03-04"
    assert iso_date(2016) == "2016"
    assert iso_date("-0044") == "-0044"
    assert edtf("1984/1986") == "1984/1986"
    assert edtf({"date-parts": [[1850]], "circa": True}) == "1850~"
    assert year_of({"date-parts": [[1999, 1]]}) == 1999
    assert parse_edtf("1850~") == {"date-parts": [[1850]], "circa": True}
    assert parse_edtf("1997/") == {"date-parts": [[1997]]}


def test_names_keep_only_non_empty_parts():
    item = to_csl_item(SOURCES[0])
    assert item["author"] == [{"family": "Defense"}]
    assert to_csl_item(SOURCES[8])["author"] == [{"family": "12"}]
    assert name_text({"family": "Gogh", "non-dropping-particle": "van", "given": "Vincent"}) == "van Gogh, Vincent"
    assert name_text({"family": "Gogh", "given": "Vincent"}, inverted=False) == "Vincent Gogh"


@pytest.mark.parametrize(
    ("source", "missing"),
    [
        ({"type": "book", "title": "T", "issued": 2016, "author": [{"family": "A"}], "publisher": "P"}, []),
        ({"type": "book", "title": "T", "issued": 2016, "editor": [{"family": "A"}], "publisher": "P"}, []),
        ({"type": "book"}, ["author", "issued", "title", "publisher"]),
        ({"type": "document", "author": [{"literal": "Defense"}], "issued": 2016}, ["title"]),
        (
            {"type": "article-journal", "title": "T", "issued": 2016, "author": [{"family": "A", "given": ""}]},
            ["container-title", "volume", "page"],
        ),
        (
            {"type": "chapter", "title": "T", "issued": 2016, "author": [{"family": "A"}]},
            ["container-title", "publisher"],
        ),
        ({"type": "webpage", "title": "T", "author": [{"literal": "BBC"}], "issued": "2016-03"}, ["URL", "accessed"]),
        ({"type": "thesis", "title": "T", "issued": 2016, "author": [{"family": "A"}]}, ["publisher"]),
        ({"type": "legislation", "title": "UU 3/2002", "issued": 2002}, []),
        (
            {"type": "report", "title": "", "issued": "soon", "author": [{"given": ""}], "publisher": "P"},
            ["author", "issued", "title"],
        ),
    ],
)
def test_missing_fields(source, missing):
    assert missing_fields(source) == missing
