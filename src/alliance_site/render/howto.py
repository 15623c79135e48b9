"""The "How to edit" page, generated from the JSON Schemas of the content files.

The schemas are the one definition of the content model, so the page that tells
editors what they may write is derived from them, never written by hand: for
each kind of file, where it lives, every field (nested ones as dotted paths such
as ``rows[].cells.*.as_written``) with its type, whether it is required and its
description, and a minimal example that validates against the schema.

Pure: schemas in, Markdown out. Every text taken from a schema is escaped, so a
description holding ``|``, ``<`` or ``*`` renders as written and cannot break the
table or inject HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from .schema_example import alternatives as _alternatives
from .schema_example import example
from .schema_example import resolve as _resolve

__all__ = ["FieldRow", "escape", "example", "field_rows", "howto_markdown"]

DEFAULT_LABELS = {
    "how_to_edit": "How to edit",
    "howto_intro": (
        "The corpus is kept as YAML files under `content/`, one file per entry. This page lists, for each kind of "
        "file, every field it may hold, generated from the JSON Schemas the site is built with. Check your changes "
        "with `alliance-site validate`; start a new entry with `alliance-site new source|event|table|figure|paragraph`. "
        "Editors that read JSON Schemas (VS Code with the YAML extension) complete and check fields as you type "
        "when a file starts with the line `# yaml-language-server: $schema=<path to the schema>`. Nested fields "
        "are written as paths (`rows[].cells.*.value`: in each row, in any cell, the value); a nested field marked "
        "required is required wherever the mapping that holds it is present."
    ),
    "where": "Where it lives",
    "schema": "JSON Schema",
    "fields": "Fields",
    "field": "Field",
    "type": "Type",
    "required": "Required",
    "description": "Description",
    "example": "Minimal example",
    "yes": "yes",
    "no": "no",
    "in_a": "In a {name}:",
    "same_fields": "The same fields as {path}.",
}

# Characters with a meaning in Markdown (or in the table syntax) are written as character references:
# Python-Markdown passes those through untouched, and the browser shows the character itself.
# Only what can start markup inside a table cell is escaped ('(' needs a ']' before it, '#' a line start).
_SPECIAL = set("\\`*_{}[]|~^")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def escape(text) -> str:
    """Schema text as inert Markdown: on one line, HTML escaped, Markdown punctuation neutralised."""
    text = " ".join(str(text).split())  # a table row cannot hold a line break
    return "".join(_ENTITIES.get(ch) or (f"&#{ord(ch)};" if ch in _SPECIAL else ch) for ch in text)


def _code(text: str) -> str:
    """A code span, unless the text could break out of one (then plain escaped text)."""
    return f"`{text}`" if not set(text) & set("`|\n") else escape(text)


@dataclass(frozen=True)
class FieldRow:
    """One row of a kind's field table. ``type`` is Markdown already; ``description`` is raw schema text."""

    path: str
    type: str
    required: bool
    description: str
    note: str = ""  # generated words put before the description ("In a paragraph:")
    see: str = ""  # path of an earlier row with the same fields


_TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
    "null": "null",
    "object": "mapping",
    "array": "list",
}
_PLURAL = {"text": "texts", "mapping": "mappings", "whole number": "whole numbers", "number": "numbers"}


def _type(root: dict, node: dict) -> str:
    """A short Markdown phrase: 'text', 'whole number ≥ 1', 'list of mappings', 'one of: `a`, `b`'."""
    node = _resolve(root, node)
    if "const" in node:
        return _code(json.dumps(node["const"], ensure_ascii=False))
    if "enum" in node:
        return "one of: " + ", ".join(_code(str(v)) for v in node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return " or ".join(dict.fromkeys(_type(root, alt) for alt in node[key]))
    if "if" in node:
        names = [name for name, _ in _alternatives(root, node)]
        return "mapping: " + (" or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0])
    kinds = node.get("type") or ("object" if "properties" in node else "array" if "items" in node else None)
    if kinds is None:
        return "any value"
    if isinstance(kinds, list):
        return " or ".join(_TYPE_WORDS.get(k, escape(k)) for k in kinds)
    words = _TYPE_WORDS.get(kinds, escape(kinds))
    if kinds == "array":
        inner = _type(root, node.get("items", {}))
        words = f"list of {_PLURAL.get(inner, inner)}"
        words += ", at least one" if node.get("minItems", 0) >= 1 else ""
        words += ", no repeats" if node.get("uniqueItems") else ""
    elif kinds in ("integer", "number"):
        if "minimum" in node and "maximum" in node:
            words += f" from {node['minimum']} to {node['maximum']}"
        elif "minimum" in node or "maximum" in node:
            words += f" ≥ {node['minimum']}" if "minimum" in node else f" ≤ {node['maximum']}"
    return words


def field_rows(schema: dict) -> list[FieldRow]:
    """Every field of a kind, depth first, required fields before optional ones at each level."""
    rows: list[FieldRow] = []
    _object(schema, schema, "", rows, {}, "")
    return rows


def _object(root, node, prefix, rows, seen, note) -> None:
    props = node.get("properties", {})
    required = [name for name in node.get("required", []) if name in props]
    for name in required + [name for name in props if name not in required]:
        child = _resolve(root, props[name])
        path = prefix + name
        rows.append(FieldRow(path, _type(root, child), name in required, child.get("description", ""), note))
        _descend(root, child, path, rows, seen)


def _descend(root, node, path, rows, seen) -> None:
    """Rows for what is inside ``node``: the fields of a mapping, the entries of a map or list."""
    if "properties" in node:
        key = json.dumps(node, sort_keys=True)
        if key in seen:  # the same fields again (editorial notes, recursive sections): point, don't repeat
            rows[-1] = FieldRow(**{**rows[-1].__dict__, "see": seen[key]})
            return
        seen[key] = path
        _object(root, node, path + ".", rows, seen, "")
    elif isinstance(node.get("additionalProperties"), dict):
        child = _resolve(root, node["additionalProperties"])
        rows.append(FieldRow(path + ".*", _type(root, child), False, child.get("description", "")))
        _descend(root, child, path + ".*", rows, seen)
    items = _resolve(root, node.get("items", {})) if isinstance(node.get("items"), dict) else None
    if not items or not ("properties" in items or "if" in items):
        return
    key = json.dumps(items, sort_keys=True)
    if key in seen:
        rows[-1] = FieldRow(**{**rows[-1].__dict__, "see": seen[key]})
        return
    seen[key] = path + "[]"
    if "if" in items:
        for name, branch in _alternatives(root, items):
            _object(root, branch, path + "[].", rows, seen, DEFAULT_LABELS["in_a"].format(name=name))
    else:
        _object(root, items, path + "[].", rows, seen, "")


# ---------------------------------------------------------------- the page


def _heading(kind: str, schema: dict) -> tuple[str, str]:
    """('Timeline event', 'content/events/<id>.yml') from the schema's title."""
    match = re.match(r"alliance-site (.+?) \(([^)]*)\)", schema.get("title", ""))
    if not match:
        return kind.capitalize(), ""
    return match.group(1)[:1].upper() + match.group(1)[1:], match.group(2)


def _fence(text: str) -> str:
    ticks = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks}yaml\n{text}{ticks}\n"


def howto_markdown(
    schemas: dict[str, dict],
    labels: dict[str, str] | None = None,
    *,
    schema_href: str | None = "schemas/{kind}.schema.json",
) -> str:
    """The Markdown of the "How to edit" page.

    ``schemas``: kind → JSON Schema, in the order the page shows them. ``labels``: interface words
    (keys of :data:`DEFAULT_LABELS`; missing ones fall back to English). ``schema_href``: where the
    published schema of each kind is linked, relative to the page; None for no links.
    """
    L = {**DEFAULT_LABELS, **(labels or {})}
    out = [f"# {escape(L['how_to_edit'])}\n", f"{L['howto_intro']}\n"]
    for kind, schema in schemas.items():
        title, where = _heading(kind, schema)
        out.append(f"## {escape(title)} {{#{kind}}}\n")
        facts = [f"{escape(L['where'])}: {_code(where)}"] if where else []
        if schema_href:
            facts.append(f"{escape(L['schema'])}: [{escape(kind)}.schema.json]({schema_href.format(kind=kind)})")
        out.append("  \n".join(facts) + "\n")
        out.append(
            "| "
            + " | ".join(escape(L[k]) for k in ("field", "type", "required", "description"))
            + " |\n|---|---|---|---|"
        )
        for row in field_rows(schema):
            words = " ".join(
                filter(
                    None,
                    [
                        escape(row.note),
                        escape(row.description),
                        L["same_fields"].format(path=_code(row.see)) if row.see else "",
                    ],
                )
            )
            out.append(f"| {_code(row.path)} | {row.type} | {L['yes'] if row.required else L['no']} | {words} |")
        dumped = yaml.safe_dump(example(schema), allow_unicode=True, sort_keys=False, default_flow_style=False)
        out.append(f"\n**{escape(L['example'])}**\n\n{_fence(dumped)}")
    return "\n".join(out)
