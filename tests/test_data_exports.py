"""Downloads: CSV that reads back to the YAML values, JSON, and a Frictionless data package that validates."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path

import frictionless
import pytest

from alliance_site.data.exports import csv_values, datapackage, json_text, table_csv, table_fields, table_json

HOSTILE = "<script>alert(\"x\")</script> & 'q', {{ config }}\nsecond line"

TABLE = {
    "id": "military-balance-1988",
    "number": "Tabel 1.1",
    "caption": "Perbandingan kekuatan militer Korea Selatan dan Korea Utara 1988",
    "sources": ["kwak2010"],
    "columns": [{"id": "dprk", "label": "Korea Utara"}, {"id": "rok", "label": "Korea Selatan"}],
    "rows": [
        {
            "id": "armed",
            "label": "Angkatan bersenjata",
            "unit": "persons",
            "cells": {
                "dprk": {"value": 842000, "as_written": "842.000"},
                "rok": {"value": 629000, "as_written": "629.000"},
            },
        },
        {
            "id": "army",
            "label": "Angkatan Darat",
            "unit": "persons",
            "cells": {"dprk": {"value": 750000}, "rok": {"value": 542000}},
        },
        {"id": "air", "label": "Angkatan Udara", "cells": {"dprk": {"value": 53000}}},
        {
            "id": "share",
            "label": "Share, in percent",
            "unit": "percent",
            "cells": {
                "dprk": {"value": 3.88, "as_written": "3,88 persen", "qualifier": "about"},
                "rok": {"value": 0.1, "as_written": "0,1"},
            },
        },
        {
            "id": "odd",
            "label": HOSTILE,
            "unit": "ratio",
            "cells": {"dprk": {"value": -1.5e-7, "as_written": HOSTILE}, "rok": {"value": None}},
        },
        {"id": "big", "label": "Big", "cells": {"dprk": {"value": 12345678901234567890}, "rok": {"value": 34500.0}}},
    ],
    "checks": [{"id": "rok-total", "cell": "armed.rok", "equals": "army.rok + air.dprk"}],
}


def yaml_values(table) -> dict:
    return {
        f"{row['id']}.{col['id']}": ((row.get("cells") or {}).get(col["id"]) or {}).get("value")
        for row in table["rows"]
        for col in table["columns"]
    }


def test_csv_header_and_form() -> None:
    text = table_csv(TABLE)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "row_id",
        "row_label",
        "unit",
        "dprk",
        "rok",
        "dprk_as_written",
        "rok_as_written",
        "dprk_qualifier",
        "rok_qualifier",
    ]
    assert text.splitlines()[1] == "armed,Angkatan bersenjata,persons,842000,629000,842.000,629.000,,"
    assert rows[2]["unit"] == "" and rows[2]["rok"] == ""  # missing unit and missing cell: empty
    assert rows[3]["dprk"] == "3.88" and rows[3]["dprk_qualifier"] == "about"
    assert rows[4]["row_label"] == HOSTILE and rows[4]["dprk_as_written"] == HOSTILE  # quoted, read back intact
    assert not text.startswith("\ufeff") and "\r" not in text.replace(HOSTILE, "")


def test_csv_parses_back_to_the_yaml_values_exactly() -> None:
    back = csv_values(table_csv(TABLE))
    assert back == yaml_values(TABLE)
    for key, value in yaml_values(TABLE).items():
        assert type(back[key]) is type(value), key  # int stays int, float stays float


def test_csv_values_are_plain_numbers() -> None:
    for row in csv.DictReader(io.StringIO(table_csv(TABLE))):
        for col in ("dprk", "rok"):
            # a plain decimal number (as JSON writes one) or empty: no thousands marks, no text, no nan/inf
            assert re.fullmatch(r"(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)?", row[col]), row[col]


def test_a_text_value_is_refused() -> None:
    table = copy.deepcopy(TABLE)
    table["rows"][0]["cells"]["dprk"]["value"] = "842.000"
    with pytest.raises(TypeError):
        table_csv(table)


def test_table_json_keeps_the_original_and_adds_computed() -> None:
    data = json.loads(table_json(TABLE))
    computed = data.pop("computed")
    assert data == TABLE
    (finding,) = computed["findings"]
    assert (finding["check"], finding["stated"], finding["computed"]) == ("rok-total", 629000, 595000)
    assert computed["derived"] == []


def test_json_text_is_safe_to_inline_and_round_trips() -> None:
    value = {"a": HOSTILE, "b": "\u2028", "n": [1, 2.5, None]}
    text = json_text(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value
    assert text.endswith("\n") and text == json_text(value)


def write_package(directory: Path, tables: list[dict]) -> Path:
    (directory / "tables").mkdir()
    for table in tables:
        (directory / "tables" / f"{table['id']}.csv").write_text(table_csv(table), encoding="utf-8")
        (directory / "tables" / f"{table['id']}.json").write_text(table_json(table), encoding="utf-8")
    path = directory / "datapackage.json"
    path.write_text(datapackage(tables, name="alliance-site-tables", title="Tables of Bab IV"), encoding="utf-8")
    return path


def test_datapackage_validates_with_frictionless(tmp_path: Path) -> None:
    other = {
        "id": "other",
        "caption": "c",
        "columns": [{"id": "x", "label": "X"}],
        "rows": [{"id": "r", "label": "R", "cells": {}}],
    }
    path = write_package(tmp_path, [TABLE, other])
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])
    assert [task.name for task in report.tasks] == [
        "military-balance-1988",
        "military-balance-1988-json",
        "other",
        "other-json",
    ]
    assert report.tasks[0].stats["rows"] == len(TABLE["rows"])


def test_datapackage_catches_a_broken_csv(tmp_path: Path) -> None:
    path = write_package(tmp_path, [TABLE])
    csv_path = tmp_path / "tables" / "military-balance-1988.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace("842000", "842.000 orang"), encoding="utf-8")
    assert not frictionless.validate(str(path)).valid  # the schema's number type is enforced


def test_datapackage_descriptor() -> None:
    data = json.loads(
        datapackage([TABLE], name="p", title="T", description="D", extra={"licenses": [{"name": "CC-BY-4.0"}]})
    )
    assert (data["name"], data["title"], data["description"], data["licenses"]) == (
        "p",
        "T",
        "D",
        [{"name": "CC-BY-4.0"}],
    )
    csv_resource, json_resource = data["resources"]
    assert csv_resource["path"] == "tables/military-balance-1988.csv" and csv_resource["title"] == "Tabel 1.1"
    assert csv_resource["schema"]["primaryKey"] == ["row_id"]
    assert [f["type"] for f in csv_resource["schema"]["fields"]][:5] == [
        "string",
        "string",
        "string",
        "number",
        "number",
    ]
    assert csv_resource["sources"] == [{"title": "kwak2010"}]
    assert json_resource["path"] == "tables/military-balance-1988.json"
    assert [f["name"] for f in table_fields(TABLE)] == next(csv.reader(io.StringIO(table_csv(TABLE))))
