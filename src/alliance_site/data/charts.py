"""A table as an SVG bar chart, drawn at build time: no JavaScript, readable at 375 px and in dark mode.

Layout: a legend (one colour per column), then one panel per unit, because rows in
persons and rows in percent cannot share an axis. In a panel each row is a group of
horizontal bars, one per column, each labelled with its value; a null value is written
"not given" instead of a bar. Horizontal bars keep long row labels readable on a phone.
The chart is ``role="img"`` with a title and description; the HTML table beside it is
its full text alternative, so the values inside the drawing are for sighted readers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .numbers import format_number
from .svg import PALETTE, esc, num, svg_open, text_width, wrap

__all__ = ["DEFAULT_LABELS", "panels", "table_chart_svg"]

#: Words the chart writes; pass ``labels=`` to give them in another language.
DEFAULT_LABELS = {"not_given": "not given", "unit": "Unit: {unit}"}

_CLASS = "alliance-chart"
_W = 360.0  # viewBox width: at 375 px a 12-unit font renders at about 11-12 px
_M = 8.0  # outer margin
_FONT, _SMALL = 13.0, 12.0
_BAR, _BAR_GAP, _GROUP_GAP, _LINE = 15.0, 3.0, 10.0, 16.0
_HEDGE = {"about": "≈", "almost": "≈", "at-least": "≥", "at-most": "≤", "more-than": ">", "less-than": "<"}
_STYLE = f".{_CLASS}-na{{font-style:italic}}.{_CLASS}-axis{{stroke:currentColor;stroke-opacity:.6}}"


def panels(table: Mapping[str, Any]) -> list[tuple[str | None, list[Mapping[str, Any]]]]:
    """Rows grouped by unit, in order of the unit's first row; rows without a unit form one group."""
    groups: dict[str | None, list[Mapping[str, Any]]] = {}
    for row in table.get("rows", []):
        groups.setdefault(row.get("unit"), []).append(row)
    return list(groups.items())


def _value_label(cell: Mapping[str, Any], lang: str, labels: Mapping[str, str]) -> str:
    value = cell.get("value")
    if value is None:
        return labels["not_given"]
    hedge = _HEDGE.get(cell.get("qualifier", ""), "")
    return f"{hedge}{format_number(value, lang)}"


def _legend(columns: list[Mapping[str, Any]], y: float) -> tuple[list[str], float]:
    """Swatch and label per column, flowing left to right and wrapping; returns (lines, next y)."""
    out = ['<g class="alliance-chart-legend">']
    x, swatch = _M, 12.0
    room = _W - 2 * _M - swatch - 4
    for i, col in enumerate(columns):
        lines = wrap(col["label"], room, _SMALL)
        width = swatch + 4 + max(text_width(line, _SMALL) for line in lines) + 12
        if x > _M and (x + width > _W - _M or len(lines) > 1):
            x, y = _M, y + _LINE + 2
        out.append(
            f'<rect class="{_CLASS}-s{i % len(PALETTE)}" fill="{PALETTE[i % len(PALETTE)]}"'
            f' x="{num(x)}" y="{num(y + 1)}" width="{num(swatch)}" height="{num(swatch)}"/>'
        )
        for j, line in enumerate(lines):
            out.append(
                f'<text x="{num(x + swatch + 4)}" y="{num(y + 12 + j * _LINE)}" font-size="{num(_SMALL)}">{esc(line)}</text>'
            )
        y += (len(lines) - 1) * _LINE
        x += width
    out.append("</g>")
    return out, y + _LINE + 8


def _panel(
    unit: str | None,
    rows: list[Mapping[str, Any]],
    columns: list[Mapping[str, Any]],
    y: float,
    lang: str,
    labels: Mapping[str, str],
) -> tuple[list[str], float]:
    """One unit's bars; returns (lines, next y)."""
    out = ['<g class="alliance-chart-panel">']
    if unit:
        for line in wrap(labels["unit"].format(unit=unit), _W - 2 * _M, _FONT, bold=True):
            out.append(
                f'<text x="{num(_M)}" y="{num(y + 12)}" font-size="{num(_FONT)}" font-weight="700">{esc(line)}</text>'
            )
            y += _LINE
        y += 4
    cells = [((row.get("cells") or {}).get(col["id"]) or {}) for row in rows for col in columns]
    values = [c["value"] for c in cells if c.get("value") is not None]
    lo, hi = min([0, *values]), max([0, *values])
    reserve = max(text_width(_value_label(c, lang, labels), _SMALL) for c in cells) + 8
    scale = (_W - 2 * _M - reserve) / ((hi - lo) or 1)
    zero = _M + (0 - lo) * scale
    top = None
    for row in rows:
        for line in wrap(row["label"], _W - 2 * _M, _FONT, bold=True):
            out.append(
                f'<text x="{num(_M)}" y="{num(y + 12)}" font-size="{num(_FONT)}" font-weight="600">{esc(line)}</text>'
            )
            y += _LINE
        y += 2
        top = y if top is None else top
        for i, col in enumerate(columns):
            cell = (row.get("cells") or {}).get(col["id"]) or {}
            value = cell.get("value")
            label = esc(_value_label(cell, lang, labels))
            if value is None:
                out.append(
                    f'<text class="{_CLASS}-na" x="{num(zero + 4)}" y="{num(y + _BAR - 3)}"'
                    f' font-size="{num(_SMALL)}">{label}</text>'
                )
            else:
                start, end = sorted((zero, zero + value * scale))
                out.append(
                    f'<rect class="{_CLASS}-s{i % len(PALETTE)}" fill="{PALETTE[i % len(PALETTE)]}"'
                    f' x="{num(start)}" y="{num(y)}" width="{num(end - start)}" height="{num(_BAR)}"/>'
                )
                out.append(f'<text x="{num(end + 4)}" y="{num(y + _BAR - 3)}" font-size="{num(_SMALL)}">{label}</text>')
            y += _BAR + _BAR_GAP
        y += _GROUP_GAP - _BAR_GAP
    # The zero line is drawn last so it sits on top of the bars' starts.
    out.append(
        f'<line class="{_CLASS}-axis" x1="{num(zero)}" y1="{num(top or y)}" x2="{num(zero)}" y2="{num(y - _GROUP_GAP)}"/>'
    )
    out.append("</g>")
    return out, y + 6


def table_chart_svg(
    table: Mapping[str, Any],
    *,
    title: str,
    desc: str,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
    id_prefix: str | None = None,
) -> str:
    """Draw ``table`` as grouped horizontal bars (one colour per column), one panel per unit.

    ``title`` and ``desc`` become the SVG's ``<title>`` and ``<desc>`` (its accessible name
    and description); ``lang`` formats the numbers (``en``: 34,500; ``id``: 34.500);
    ``labels`` overrides :data:`DEFAULT_LABELS`; ``id_prefix`` (default ``chart-<table id>``)
    keeps element ids unique on a page holding several charts.
    """
    words = {**DEFAULT_LABELS, **(labels or {})}
    body, y = _legend(list(table["columns"]), _M)
    for unit, rows in panels(table):
        lines, y = _panel(unit, rows, list(table["columns"]), y, lang, words)
        body += lines
    head = svg_open(
        _W,
        y + _M,
        id_prefix=id_prefix or f"chart-{table['id']}",
        title=title,
        desc=desc,
        css_class=_CLASS,
        style=_STYLE,
        max_width="36rem",
    )
    return "\n".join([*head, *body, "</svg>"]) + "\n"
