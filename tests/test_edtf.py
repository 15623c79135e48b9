"""One EDTF parser for the whole package: event dates, source dates and their exports, the validator
and the schemas' date pattern agree on what a date is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alliance_site.citations.dates import iso_date, parse_edtf
from alliance_site.data.dates import display
from alliance_site.edtf import DATE_PATTERN, DateError, parse_date, parse_loose

SCHEMAS = Path(__file__).resolve().parents[1] / "src" / "alliance_site" / "schemas"


@pytest.mark.parametrize("text", ["2016-02-31", "2015-02-29", "1950-13", "1950-00", "1950-06-00", "1950-04-31"])
def test_a_date_not_in_the_calendar_is_refused_everywhere(text):
    with pytest.raises(DateError):
        parse_date(text)
    assert parse_loose(text) is None
    assert parse_edtf(text) is None  # a source date: no CSL date made of it
    assert iso_date(text) is None


@pytest.mark.parametrize("text", ["2016-02-29", "2000-02-29", "-0043-03-15", "1950-06/1953-07-27"])
def test_a_calendar_date_is_read_the_same_everywhere(text):
    parsed = parse_date(text)
    loose = parse_loose(text)
    assert (loose.start, loose.end) == (parsed.start, parsed.end)
    assert parse_edtf(text)["date-parts"][0] == [
        p for p in (parsed.start.year, parsed.start.month, parsed.start.day) if p
    ]
    assert display(text)  # and it can be shown


@pytest.mark.parametrize(
    ("text", "start", "end", "qualified"),
    [
        ("1850~", "1850", None, True),
        ("1997/", "1997", None, False),
        ("/1997", None, "1997", False),
        ("1950?", "1950", None, True),
    ],
)
def test_level_1_forms_of_imported_sources(text, start, end, qualified):
    loose = parse_loose(text)
    assert (loose.start and loose.start.iso(), loose.end and loose.end.iso(), loose.qualified) == (
        start,
        end,
        qualified,
    )
    with pytest.raises(DateError):  # not in the corpus's own dates, which are level 0
        parse_date(text)


@pytest.mark.parametrize("text", ["", "/", "~", "1950/1960/1970", "195", "1950-6", "x1950"])
def test_not_a_date(text):
    assert parse_loose(text) is None


def _string_date_patterns(node, found):
    if isinstance(node, dict):
        pattern = node.get("pattern", "")
        if isinstance(pattern, str) and "[0-9]{4}" in pattern:
            found.append(pattern)
        for value in node.values():
            _string_date_patterns(value, found)
    elif isinstance(node, list):
        for value in node:
            _string_date_patterns(value, found)
    return found


def test_the_schemas_date_pattern_is_the_parsers_level_0_form():
    patterns = [
        p
        for f in sorted(SCHEMAS.glob("*.schema.json"))
        for p in _string_date_patterns(json.loads(f.read_text("utf-8")), [])
    ]
    assert patterns and set(patterns) == {DATE_PATTERN}
    for text in ("1948", "1950-06", "1950-06-25", "-0043", "1950/1953-07"):
        assert re.fullmatch(DATE_PATTERN, text) and parse_date(text)
