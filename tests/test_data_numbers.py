"""Numbers for readers in any language CLDR knows: each language's own grouping, group separator and
decimal mark, as CLDR's tables state them (the expected strings are written out, not computed)."""

from __future__ import annotations

import pytest

from alliance_site.data.numbers import format_number

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("lang", "thousands", "fraction", "small"),
    [
        ("en", "1,234,567", "34,500.25", "0.0123"),
        ("id", "1.234.567", "34.500,25", "0,0123"),
        ("de", "1.234.567", "34.500,25", "0,0123"),
        ("fr", f"1{NNBSP}234{NNBSP}567", f"34{NNBSP}500,25", "0,0123"),
        ("sv", f"1{NBSP}234{NBSP}567", f"34{NBSP}500,25", "0,0123"),
        ("ja", "1,234,567", "34,500.25", "0.0123"),
        ("hi", "12,34,567", "34,500.25", "0.0123"),  # Indian grouping: lakhs and crores
        ("pt-BR", "1.234.567", "34.500,25", "0,0123"),
        ("zz", "1,234,567", "34,500.25", "0.0123"),  # not a language CLDR knows: English
    ],
)
def test_any_locale(lang, thousands, fraction, small):
    assert format_number(1234567, lang) == thousands
    assert format_number(1234567.0, lang) == thousands
    assert format_number(34500.25, lang) == fraction
    assert format_number(0.012345, lang) == small


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.339, "1.339"),
        (1.33949, "1.339"),  # three decimals at most
        (2.5, "2.5"),  # no trailing zeros
        (0.5, "0.5"),
        (-12.3456, "-12.346"),
        (0.0, "0"),
        (1e20, "100,000,000,000,000,000,000"),
    ],
)
def test_decimals(value, text):
    assert format_number(value) == text


def test_not_given():
    assert format_number(None, "id", not_given="tidak disebut") == "tidak disebut"
