"""The data layer on the real corpus (content/): known inconsistencies found, charts, exports, timeline."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import pytest
import yaml

from alliance_site.data.charts import table_chart_svg
from alliance_site.data.checks import check, derive, formula_errors
from alliance_site.data.dates import datetime_attrs, parse_date
from alliance_site.data.exports import csv_values, datapackage, table_csv, table_json
from alliance_site.data.structure import count_nodes, structure_html, structure_svg
from alliance_site.data.timeline import sort_events, timeline_json, timeline_svg, timelinejs_json

CONTENT = Path(__file__).resolve().parents[1] / "content"
SVG = "{http://www.w3.org/2000/svg}"


def load(kind: str) -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((CONTENT / kind).glob("*.yml"))]


TABLES = load("tables")
FIGURES = load("figures")
EVENTS = load("events")

needs_tables = pytest.mark.skipif(not TABLES, reason="no content/tables/*.yml yet")
needs_events = pytest.mark.skipif(not EVENTS, reason="no content/events/*.yml yet")
by_id = pytest.mark.parametrize("table", TABLES, ids=[t["id"] for t in TABLES])


def all_findings():
    return [finding for table in TABLES for finding in check(table)]


@needs_tables
def test_the_iiss_total_against_its_parts() -> None:
    found = {(f.stated, f.as_written, f.computed) for f in all_findings()}
    assert (34500, "34.500", 630000) in found, "IISS total '34.500' against army + navy + air force (630,000)"
    assert (34500, "34.500", 634500) in found, "IISS total '34.500' against the branches and the paramilitary (634,500)"
    (message,) = [f.message for f in all_findings() if f.computed == 630000]
    assert '"34.500"' in message and "630,000" in message


@needs_tables
def test_the_1988_rok_total_against_its_parts() -> None:
    (finding,) = [f for f in all_findings() if f.stated == 629000]
    assert finding.computed == 604000
    assert sorted(p.value for p in finding.parts) == [29000, 33000, 542000]
    assert "604,000" in finding.message and "629,000" in finding.message


@needs_tables
@by_id
def test_formulas_are_valid(table: dict) -> None:
    assert formula_errors(table) == []
    assert all(item.error is None for item in derive(table))


@needs_tables
@by_id
def test_chart(table: dict) -> None:
    text = table_chart_svg(table, title=table.get("number", table["caption"]), desc=table["caption"], lang="id")
    root = ET.fromstring(text)
    assert root.get("role") == "img" and root[0].tag == SVG + "title" and root[1].tag == SVG + "desc"
    assert root.get("width") == "100%"


@needs_tables
@by_id
def test_csv_parses_back_to_the_yaml_values(table: dict) -> None:
    text = table_csv(table)
    expected = {
        f"{row['id']}.{col['id']}": ((row.get("cells") or {}).get(col["id"]) or {}).get("value")
        for row in table["rows"]
        for col in table["columns"]
    }
    assert csv_values(text) == expected
    for row, record in zip(table["rows"], csv.DictReader(io.StringIO(text)), strict=True):
        for col in table["columns"]:
            cell = (row.get("cells") or {}).get(col["id"]) or {}
            assert record[f"{col['id']}_as_written"] == cell.get("as_written", "")


@needs_tables
@by_id
def test_json_keeps_the_table(table: dict) -> None:
    data = json.loads(table_json(table))
    data.pop("computed")
    assert data == table


@needs_tables
def test_datapackage_validates(tmp_path: Path) -> None:
    (tmp_path / "tables").mkdir()
    for table in TABLES:
        (tmp_path / "tables" / f"{table['id']}.csv").write_text(table_csv(table), encoding="utf-8")
        (tmp_path / "tables" / f"{table['id']}.json").write_text(table_json(table), encoding="utf-8")
    path = tmp_path / "datapackage.json"
    path.write_text(datapackage(TABLES, name="alliance-site", title="Tables"), encoding="utf-8")
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.skipif(not any(f.get("structure") for f in FIGURES), reason="no structure figure yet")
def test_structure_figures() -> None:
    for figure in (f for f in FIGURES if f.get("structure")):
        root = ET.fromstring(
            structure_svg(figure["structure"], title=figure.get("number", figure["caption"]), desc="d")
        )
        assert root.get("role") == "img"
        html = ET.fromstring(structure_html(figure["structure"], lang="en"))
        assert len(list(html.iter("li"))) == count_nodes(figure["structure"])


@needs_events
def test_every_event_date_parses_and_has_a_datetime() -> None:
    for event in EVENTS:
        start, _ = datetime_attrs(parse_date(event["date"]))
        assert start, event["id"]


@needs_events
def test_timeline_exports_and_strip() -> None:
    ordered = [e["id"] for e in sort_events(EVENTS)]
    keys = [parse_date(e["date"]).sort_key for e in sort_events(EVENTS)]
    assert keys == sorted(keys)
    root = ET.fromstring(timeline_svg(EVENTS, lambda e: f"#evt-{e['id']}"))
    assert [a.get("href") for a in root.iter(SVG + "a")] == [f"#evt-{i}" for i in ordered]
    assert [e["id"] for e in json.loads(timeline_json(EVENTS, {"title": "t"}))["events"]] == ordered
    assert [e["unique_id"] for e in json.loads(timelinejs_json(EVENTS, "t"))["events"]] == ordered
