"""Downloads built with the site: ``tables/<id>.csv``, ``tables/<id>.json`` and a Frictionless ``datapackage.json``.

CSV form (one line per row, "wide"), chosen so that it opens well in a spreadsheet and
reads back to exactly the YAML values::

    row_id,row_label,unit,<col>...,<col>_as_written...,<col>_qualifier...

* ``<col>`` holds the value as a plain number: an integer as digits (``542000``), a
  decimal as Python's shortest round-trip form (``3.88``); empty when the value is null
  or the row has no such cell. ``float(text)`` / ``int(text)`` give back the YAML number.
* ``<col>_as_written`` is the value exactly as the original writes it (``34.500``) and
  ``<col>_qualifier`` its hedge (``about``); both empty when not given.
* Column ids are lowercase with hyphens only, so the ``_as_written`` / ``_qualifier``
  names and ``row_id`` / ``row_label`` can never clash with a column.
* UTF-8, no BOM, ``\\n`` line ends, RFC 4180 quoting (a field with a comma, quote or
  line break is quoted, quotes doubled).
* A text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return: OWASP's rule against CSV injection) gets an
  apostrophe in front, which spreadsheets read as "this is text" and do not show; numbers
  are never touched. The JSON file, the datapackage and the pages keep the text verbatim,
  and the datapackage says so in each CSV resource's description.

The JSON file is the table as in YAML plus a ``computed`` member (derived values and
consistency findings), written with ``<``, ``>`` and ``&`` escaped as ``\\u003c`` etc. so
it can also be inlined in a ``<script>`` element.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from .checks import check, derive

__all__ = ["QUALIFIERS", "csv_values", "datapackage", "json_text", "table_csv", "table_fields", "table_json"]

#: The hedges a value may carry (the schema's enum).
QUALIFIERS = ("about", "almost", "at-least", "at-most", "more-than", "less-than")


def json_text(data: Any) -> str:
    """Deterministic JSON text (2-space indent, UTF-8, trailing newline), safe to inline in HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)  # these only ever occur inside strings, where the escape means the same
    return text + "\n"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"cell value {value!r} is not a number")
    return str(value) if isinstance(value, int) else repr(value)


def table_fields(table: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The CSV's columns as Frictionless Table Schema fields (name, type, title, description)."""
    fields: list[dict[str, Any]] = [
        {"name": "row_id", "type": "string", "title": "Row id", "constraints": {"required": True, "unique": True}},
        {"name": "row_label", "type": "string", "title": "Row"},
        {"name": "unit", "type": "string", "title": "Unit"},
    ]
    for col in table["columns"]:
        fields.append(
            {
                "name": col["id"],
                "type": "number",
                "title": col["label"],
                "description": "Value as a number; empty when the text gives none.",
            }
        )
    for col in table["columns"]:
        fields.append(
            {
                "name": f"{col['id']}_as_written",
                "type": "string",
                "title": f"{col['label']} (as written)",
                "description": "The value exactly as the original writes it.",
            }
        )
    for col in table["columns"]:
        fields.append(
            {
                "name": f"{col['id']}_qualifier",
                "type": "string",
                "title": f"{col['label']} (qualifier)",
                "description": "The hedge the text puts on the value.",
                "constraints": {"enum": list(QUALIFIERS)},
            }
        )
    return fields


#: what a spreadsheet reads as the start of a formula (OWASP, "CSV Injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_NOTE = (
    "In this CSV, a text cell that a spreadsheet would read as a formula (one starting with =, +, -, @, "
    "a tab or a carriage return) begins with an apostrophe ('); the JSON file and the pages keep the text verbatim."
)


def _text(value: Any) -> str:
    """A text cell of the CSV, neutralised if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_line(fields: list[str]) -> str:
    """One CSV line ending in ``\n``. Written with ``\r\n`` first, so that the csv module quotes a field
    holding a carriage return as well as one holding a line feed (it quotes only for the characters of
    its line terminator): a bare ``\r`` would end the line for every CSV reader."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(fields)
    return out.getvalue()[:-2] + "\n"


def table_csv(table: Mapping[str, Any]) -> str:
    """The table as CSV in the form described in the module docstring."""
    lines = [_csv_line([field["name"] for field in table_fields(table)])]
    columns = [col["id"] for col in table["columns"]]
    for row in table["rows"]:
        cells = [(row.get("cells") or {}).get(col) or {} for col in columns]
        lines.append(
            _csv_line(
                [row["id"], _text(row["label"]), _text(row.get("unit", ""))]
                + [_number(cell.get("value")) for cell in cells]
                + [_text(cell.get("as_written", "")) for cell in cells]
                + [_text(cell.get("qualifier", "")) for cell in cells]
            )
        )
    return "".join(lines)


def csv_values(text: str) -> dict[str, float | None]:
    """Read a table CSV back into ``{"row.col": value}`` (int, float or None): the inverse of :func:`table_csv`."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    columns = [name for name in header[3:] if "_" not in name]
    values: dict[str, float | None] = {}
    for line in reader:
        record = dict(zip(header, line, strict=True))
        for col in columns:
            raw = record[col]
            if raw == "":
                values[f"{record['row_id']}.{col}"] = None
            elif raw.lstrip("-").isdigit():
                values[f"{record['row_id']}.{col}"] = int(raw)
            else:
                values[f"{record['row_id']}.{col}"] = float(raw)
    return values


def table_json(table: Mapping[str, Any]) -> str:
    """The table as in YAML plus ``computed``: ``derived`` values and ``findings`` of the consistency checks."""
    data = dict(table)
    data["computed"] = {
        "derived": [item.as_dict() for item in derive(table)],
        "findings": [item.as_dict() for item in check(table)],
    }
    return json_text(data)


def datapackage(
    tables: Iterable[Mapping[str, Any]],
    *,
    name: str,
    title: str,
    description: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> str:
    """A Frictionless Data Package descriptor (``datapackage.json``) for the tables' CSV and JSON files.

    Each table gives a tabular resource ``<id>`` (``tables/<id>.csv``, with its Table
    Schema) and a JSON resource ``<id>-json`` (``tables/<id>.json``). ``name`` must be
    lowercase ``[a-z0-9._-]``; ``extra`` adds package properties such as ``licenses``
    or ``homepage``. Tables are listed in the order given.
    """
    resources: list[dict[str, Any]] = []
    for table in tables:
        resource: dict[str, Any] = {
            "name": table["id"],
            "type": "table",
            "path": f"tables/{table['id']}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": table.get("number", table["caption"]),
            "description": f"{table['caption']} {CSV_TEXT_NOTE}",
            "schema": {"fields": table_fields(table), "primaryKey": ["row_id"]},
        }
        if table.get("sources"):
            resource["sources"] = [{"title": key} for key in table["sources"]]
        resources.append(resource)
        resources.append(
            {
                "name": f"{table['id']}-json",
                "type": "json",
                "path": f"tables/{table['id']}.json",
                "scheme": "file",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "title": f"{table.get('number', table['caption'])} (JSON)",
                "description": "The table as in the corpus, with computed derived values and consistency findings.",
            }
        )
    package: dict[str, Any] = {"name": name, "title": title}
    if description:
        package["description"] = description
    package.update(extra or {})
    package["resources"] = resources
    return json_text(package)
