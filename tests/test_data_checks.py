"""Derived values and consistency checks: findings are warnings, the original is never changed."""

from __future__ import annotations

import copy
import json

import pytest

from alliance_site.data.checks import (
    DEFAULT_TOLERANCE,
    agrees,
    cell_values,
    check,
    derive,
    formula_errors,
    relative_difference,
)
from alliance_site.data.numbers import format_number


def _cell(value, as_written=None, **extra):
    cell = {"value": value, **extra}
    if as_written:
        cell["as_written"] = as_written
    return cell


# Modelled on the corpus: the 1988 balance (Kwak 2010) and the IISS 2016 estimate.
BALANCE_1988 = {
    "id": "military-balance-1988",
    "caption": "Perbandingan kekuatan militer Korea Selatan dan Korea Utara 1988",
    "columns": [{"id": "dprk", "label": "Korea Utara"}, {"id": "rok", "label": "Korea Selatan"}],
    "rows": [
        {
            "id": "armed",
            "label": "Angkatan bersenjata",
            "unit": "persons",
            "cells": {"dprk": _cell(842000, "842.000"), "rok": _cell(629000, "629.000", paragraph="p-4-12")},
        },
        {
            "id": "army",
            "label": "Angkatan Darat",
            "unit": "persons",
            "cells": {"dprk": _cell(750000), "rok": _cell(542000, "542.000")},
        },
        {
            "id": "air",
            "label": "Angkatan Udara",
            "unit": "persons",
            "cells": {"dprk": _cell(53000), "rok": _cell(33000, "33.000")},
        },
        {
            "id": "navy",
            "label": "Angkatan Laut",
            "unit": "persons",
            "cells": {"dprk": _cell(39000), "rok": _cell(29000, "29.000")},
        },
        {
            "id": "population",
            "label": "Populasi",
            "unit": "persons",
            "cells": {"dprk": _cell(None), "rok": _cell(None)},
        },
    ],
    "derived": [
        {
            "id": "ratio",
            "label": "Ratio of regular forces",
            "unit": "ratio",
            "formula": "armed.dprk / armed.rok",
            "stated": {"value": 1.34, "as_written": "1,34:1", "paragraph": "p-4-12"},
        },
        {
            "id": "parts-rok",
            "label": "Sum of ROK branches",
            "unit": "persons",
            "formula": "army.rok + air.rok + navy.rok",
        },
        {
            "id": "share-dprk",
            "label": "Share of population",
            "unit": "percent",
            "formula": "armed.dprk / population.dprk * 100",
            "stated": {"value": 3.88, "as_written": "3,88 persen"},
        },
    ],
    "checks": [
        {"id": "rok-total", "cell": "armed.rok", "equals": "army.rok + air.rok + navy.rok"},
        {"id": "dprk-total", "cell": "armed.dprk", "equals": "sum(army.dprk, air.dprk, navy.dprk)"},
    ],
}

IISS_2016 = {
    "id": "rok-forces-2016",
    "caption": "ROK active forces (IISS)",
    "caption_by": "editors",
    "columns": [{"id": "rok", "label": "ROK"}],
    "rows": [
        {
            "id": "total",
            "label": "Total active",
            "unit": "persons",
            "cells": {"rok": _cell(34500, "34.500", qualifier="about")},
        },
        {"id": "army", "label": "Army", "unit": "persons", "cells": {"rok": _cell(495000, "495, 000")}},
        {"id": "navy", "label": "Navy", "unit": "persons", "cells": {"rok": _cell(70000, "70.000")}},
        {"id": "air", "label": "Air Force", "unit": "persons", "cells": {"rok": _cell(65000, "65.000")}},
        {"id": "paramilitary", "label": "Paramilitary", "unit": "persons", "cells": {"rok": _cell(4500, "4.500")}},
    ],
    "checks": [
        {"id": "total-vs-branches", "cell": "total.rok", "equals": "army.rok + navy.rok + air.rok"},
        {
            "id": "total-vs-all",
            "cell": "total.rok",
            "equals": "sum(army.rok, navy.rok, air.rok, paramilitary.rok)",
            "label": "With the paramilitary",
        },
    ],
}


def test_the_1988_rok_total_disagrees_with_its_parts() -> None:
    (finding,) = check(BALANCE_1988)
    assert (finding.table, finding.check, finding.kind, finding.cell) == (
        "military-balance-1988",
        "rok-total",
        "check",
        "armed.rok",
    )
    assert (finding.stated, finding.as_written, finding.computed) == (629000, "629.000", 604000)
    assert finding.paragraph == "p-4-12"
    assert finding.relative_difference == pytest.approx(25000 / 604000)
    assert finding.tolerance == DEFAULT_TOLERANCE
    assert [(p.ref, p.value, p.as_written) for p in finding.parts] == [
        ("army.rok", 542000, "542.000"),
        ("air.rok", 33000, "33.000"),
        ("navy.rok", 29000, "29.000"),
    ]
    assert finding.parts[0].row_label == "Angkatan Darat" and finding.parts[0].column_label == "Korea Selatan"
    assert finding.message == 'The text gives the total as "629.000" (629,000), but its parts sum to 604,000.'


def test_the_iiss_total_disagrees_with_and_without_the_paramilitary() -> None:
    first, second = check(IISS_2016)
    assert (first.stated, first.computed, second.computed) == (34500, 630000, 634500)
    assert first.message == 'The text gives the total as "34.500" (about 34,500), but its parts sum to 630,000.'
    assert second.message == 'The text gives the total as "34.500" (about 34,500), but its parts sum to 634,500.'
    assert second.label == "With the paramilitary"
    assert [p.ref for p in second.parts][-1] == "paramilitary.rok"


def test_checks_never_change_the_table() -> None:
    before = copy.deepcopy([BALANCE_1988, IISS_2016])
    check(BALANCE_1988), derive(BALANCE_1988), check(IISS_2016), formula_errors(IISS_2016)
    assert [BALANCE_1988, IISS_2016] == before


def test_derive_computes_and_compares() -> None:
    ratio, parts, share = derive(BALANCE_1988)
    assert ratio.value == pytest.approx(1.3386, abs=1e-4)
    assert (ratio.stated, ratio.as_written, ratio.agrees) == (1.34, "1,34:1", True)  # 1.339 rounds to 1.34
    assert ratio.relative_difference == pytest.approx(abs(1.34 - 842000 / 629000) / (842000 / 629000))
    assert (parts.value, parts.stated, parts.agrees, parts.relative_difference) == (604000, None, None, None)
    assert share.value is None and share.agrees is None and share.error is None  # population not given: unknown
    assert json.dumps(ratio.as_dict())  # plain data


def test_a_stated_ratio_that_disagrees_is_a_finding() -> None:
    table = copy.deepcopy(BALANCE_1988)
    table["derived"][0]["stated"] = {"value": 1.5, "as_written": "1,5:1"}
    findings = [f for f in check(table) if f.kind == "derived"]
    assert [f.check for f in findings] == ["ratio"]
    assert findings[0].cell is None
    assert findings[0].label == "Ratio of regular forces"
    assert findings[0].message == 'The text gives the value as "1,5:1" (1.5), but armed.dprk / armed.rok gives 1.339.'


def test_shares_against_a_given_population() -> None:
    table = copy.deepcopy(BALANCE_1988)
    table["rows"][4]["cells"] = {"dprk": _cell(21700000), "rok": _cell(42000000)}
    share = derive(table)[2]
    assert share.value == pytest.approx(842000 / 21700000 * 100)
    assert share.agrees is True  # 3.880 %
    table["rows"][4]["cells"]["dprk"]["value"] = 20000000
    (finding,) = [f for f in check(table) if f.kind == "derived"]
    assert finding.computed == 4.21 and finding.stated == 3.88


@pytest.mark.parametrize(
    ("stated", "computed", "tolerance", "qualifier", "expected"),
    [
        (100, 100, 0.005, None, True),
        (100, 100.4, 0.005, None, True),
        (100, 101, 0.005, None, False),
        (100, 101, 0.02, "about", True),
        (600000, 630000, 0.005, "more-than", True),
        (600000, 590000, 0.005, "more-than", False),
        (600000, 630000, 0.005, "at-least", True),
        (700000, 630000, 0.005, "less-than", True),
        (600000, 630000, 0.005, "at-most", False),
        (0, 0, 0.005, None, True),
        (1, 0, 0.5, None, False),
    ],
)
def test_agrees(stated, computed, tolerance, qualifier, expected) -> None:
    assert agrees(stated, computed, tolerance, qualifier) is expected


def test_relative_difference() -> None:
    assert relative_difference(629000, 604000) == pytest.approx(25000 / 604000)
    assert relative_difference(0, 0) == 0.0
    assert relative_difference(5, 0) == 1.0


def test_tolerance_of_a_check_is_used() -> None:
    table = copy.deepcopy(BALANCE_1988)
    table["checks"][0]["tolerance"] = 0.05
    assert [f.check for f in check(table)] == []


def test_null_stated_or_null_parts_give_no_finding() -> None:
    table = copy.deepcopy(BALANCE_1988)
    table["rows"][0]["cells"]["rok"]["value"] = None
    assert check(table) == []
    table = copy.deepcopy(BALANCE_1988)
    table["rows"][1]["cells"]["rok"]["value"] = None
    assert check(table) == []


def test_broken_formulas_are_reported_for_the_validator_and_skipped_by_check() -> None:
    table = copy.deepcopy(BALANCE_1988)
    table["checks"].append({"id": "bad", "cell": "armed.usa", "equals": "army.rok + army.usa"})
    table["checks"].append({"id": "bad-syntax", "cell": "armed.rok", "equals": "army.rok +"})
    table["derived"].append({"id": "bad-derived", "label": "x", "formula": "army.rok / (air.rok - 33000)"})
    errors = formula_errors(table)
    assert [(where, err.message, err.offset) for where, err in errors] == [
        ("checks[2].cell", "unknown cell 'armed.usa'", 0),
        ("checks[2].equals", "unknown cell 'army.usa'", 11),
        ("checks[3].equals", "formula ends too early", 10),
    ]
    assert [f.check for f in check(table)] == ["rok-total"]  # no exception
    bad = derive(table)[-1]
    assert bad.value is None and "division by zero" in bad.error


def test_cell_values_cover_every_row_and_column() -> None:
    table = copy.deepcopy(BALANCE_1988)
    del table["rows"][1]["cells"]["dprk"]
    values = cell_values(table)
    assert values["army.dprk"] is None and values["army.rok"] == 542000
    assert len(values) == len(table["rows"]) * len(table["columns"])


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (34500, "en", "34,500"),
        (34500, "id", "34.500"),
        (630000.0, "en", "630,000"),
        (1.3386327, "en", "1.339"),
        (1.3386327, "id", "1,339"),
        (1234567.891, "id", "1.234.567,891"),
        (3.88, "en", "3.88"),
        (0.0388, "en", "0.0388"),
        (-4500, "en", "-4,500"),
        (None, "en", "not given"),
        (7, "fr", "7"),
    ],
)
def test_format_number(value, lang, expected) -> None:
    assert format_number(value, lang) == expected
