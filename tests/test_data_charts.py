"""Table charts: well-formed, accessible, responsive, legible in dark mode, escaped; golden files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alliance_site.data import svg
from alliance_site.data.charts import panels, table_chart_svg
from support.golden import assert_golden

GOLDEN = Path(__file__).parent / "golden"
NS = {"svg": "http://www.w3.org/2000/svg"}
HOSTILE = "<script>alert(\"x\")</script> & 'q' {{ config }}"

TABLE = {
    "id": "military-balance-1988",
    "caption": "Perbandingan kekuatan militer 1988",
    "columns": [{"id": "dprk", "label": "Korea Utara"}, {"id": "rok", "label": "Korea Selatan"}],
    "rows": [
        {
            "id": "armed",
            "label": "Angkatan bersenjata",
            "unit": "persons",
            "cells": {"dprk": {"value": 842000}, "rok": {"value": 629000}},
        },
        {
            "id": "army",
            "label": "Angkatan Darat",
            "unit": "persons",
            "cells": {"dprk": {"value": 750000}, "rok": {"value": 542000}},
        },
        {
            "id": "navy",
            "label": "Angkatan Laut",
            "unit": "persons",
            "cells": {"dprk": {"value": 39000}, "rok": {"value": None}},
        },
        {
            "id": "share",
            "label": "Share of the population under arms",
            "unit": "percent",
            "cells": {"dprk": {"value": 3.88, "qualifier": "about"}, "rok": {"value": 2.78}},
        },
    ],
}

THREE_COLUMNS = {
    "id": "three",
    "caption": "Negative and missing values",
    "columns": [
        {"id": "a", "label": "Alpha"},
        {"id": "b", "label": "Beta"},
        {"id": "c", "label": "Gamma with a rather long label"},
    ],
    "rows": [
        {"id": "x", "label": "Change", "cells": {"a": {"value": -5}, "b": {"value": 10}, "c": {"value": 2.5}}},
        {"id": "y", "label": "Nothing given", "cells": {}},
    ],
}


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("name", "table"), [("data_chart_balance.svg", TABLE), ("data_chart_three.svg", THREE_COLUMNS)]
)
def test_golden(name: str, table: dict) -> None:
    assert_golden(name, table_chart_svg(table, title=table["caption"], desc="Bar chart; the table gives the values."))


def test_deterministic() -> None:
    one = table_chart_svg(TABLE, title="t", desc="d")
    assert one == table_chart_svg(TABLE, title="t", desc="d")


def test_accessible_root_with_title_and_desc() -> None:
    root = ET.fromstring(table_chart_svg(TABLE, title="Tabel 1.1", desc="Two series", id_prefix="c1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title"
    assert root.get("aria-describedby") == "c1-desc"
    assert root[0].tag == "{http://www.w3.org/2000/svg}title" and root[0].get("id") == "c1-title"
    assert root[0].text == "Tabel 1.1"
    assert root[1].tag == "{http://www.w3.org/2000/svg}desc" and root[1].text == "Two series"


def test_default_ids_come_from_the_table() -> None:
    root = ET.fromstring(table_chart_svg(TABLE, title="t", desc="d"))
    assert root.get("aria-labelledby") == "chart-military-balance-1988-title"


def test_responsive() -> None:
    root = ET.fromstring(table_chart_svg(TABLE, title="t", desc="d"))
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert re.fullmatch(r"0 0 360 [0-9.]+", root.get("viewBox"))
    assert "px" not in (root.get("style") or "")


def test_units_are_never_on_one_axis() -> None:
    assert [(unit, [r["id"] for r in rows]) for unit, rows in panels(TABLE)] == [
        ("persons", ["armed", "army", "navy"]),
        ("percent", ["share"]),
    ]
    root = ET.fromstring(table_chart_svg(TABLE, title="t", desc="d"))
    groups = root.findall("svg:g[@class='alliance-chart-panel']", NS)
    assert len(groups) == 2
    assert next(t.text for t in groups[1].iter("{http://www.w3.org/2000/svg}text")) == "Unit: percent"
    # Each panel has its own scale: the longest bar of each panel has the same length.
    longest = [max(float(r.get("width")) for r in g.findall("svg:rect", NS)) for g in groups]
    assert longest[0] == pytest.approx(longest[1], abs=20)


def test_bars_legend_and_not_given() -> None:
    root = ET.fromstring(table_chart_svg(TABLE, title="t", desc="d", lang="id"))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[:2] == ["Korea Utara", "Korea Selatan"]  # legend, one entry per column
    assert "842.000" in texts and "≈3,88" in texts  # numbers in the page's language, hedge shown
    assert texts.count("not given") == 1
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if "-s" in (r.get("class") or "")]
    assert {b.get("class") for b in bars} == {"alliance-chart-s0", "alliance-chart-s1"}  # one colour per column
    assert len(bars) == 2 + 7  # two legend swatches, seven values given


def test_labels_can_be_translated() -> None:
    text = table_chart_svg(TABLE, title="t", desc="d", labels={"not_given": "tidak disebut", "unit": "Satuan: {unit}"})
    assert "tidak disebut" in text and "Satuan: persons" in text


def test_hostile_strings_are_escaped() -> None:
    table = {
        "id": "x",
        "caption": "x",
        "columns": [{"id": "a", "label": HOSTILE}],
        "rows": [{"id": "r", "label": HOSTILE, "unit": HOSTILE, "cells": {"a": {"value": 1}}}],
    }
    text = table_chart_svg(table, title=HOSTILE, desc=HOSTILE, id_prefix='x" onload="y')
    assert "<script" not in text and "{{" not in text and "}}" not in text
    root = ET.fromstring(text)
    assert root[0].text == HOSTILE and root[1].text == HOSTILE
    assert HOSTILE in [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert root.get("onload") is None


def test_dark_mode_palette_and_text() -> None:
    text = table_chart_svg(TABLE, title="t", desc="d")
    # Text is never painted in a fixed colour: it follows the page (currentColor).
    assert ".alliance-chart text{fill:currentColor}" in text
    root = ET.fromstring(text)
    assert all(t.get("fill") in (None, "currentColor") for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for colour in svg.PALETTE:  # WCAG 1.4.11 non-text contrast on light and dark backgrounds
        assert contrast(colour, "#ffffff") >= 3.5, colour
        assert contrast(colour, "#1e2129") >= 3.5, colour
    # Opened on its own, the file paints its own text at AA contrast in both schemes.
    assert contrast(svg.TEXT_LIGHT, svg.BG_LIGHT) >= 4.5
    assert contrast(svg.TEXT_DARK, svg.BG_DARK) >= 4.5
    assert "prefers-color-scheme:dark" in text


def test_labels_fit_the_viewbox() -> None:
    long = {
        "id": "long",
        "caption": "c",
        "columns": [{"id": "a", "label": "A column label long enough to need more than one line in the legend"}],
        "rows": [
            {
                "id": "r",
                "label": "A row label long enough to need more than one line " * 2,
                "cells": {"a": {"value": 123456789}},
            }
        ],
    }
    root = ET.fromstring(table_chart_svg(long, title="t", desc="d"))
    width = float(root.get("viewBox").split()[2])
    for node in root.iter("{http://www.w3.org/2000/svg}text"):
        size = float(node.get("font-size"))
        assert (
            float(node.get("x")) + svg.text_width(node.text, size, bold=bool(node.get("font-weight"))) <= width + 1
        ), node.text
