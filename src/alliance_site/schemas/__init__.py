"""The JSON Schemas of the content files: the one definition of the content model.

They sit with the model (below validation and rendering): the validator checks files against them,
the renderer publishes them and writes the "How to edit" page from them, editors' tools read them
for completion.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

__all__ = ["SCHEMA_KINDS", "field_names", "schema_for"]

SCHEMA_KINDS = ("corpus", "chapter", "source", "table", "figure", "event", "glossary")


@cache
def schema_for(kind: str) -> dict:
    """The JSON Schema of a kind of content file."""
    text = resources.files(__name__).joinpath(f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


def _property_names(node) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        names.update(k for k in node.get("properties", {}) if isinstance(node.get("properties"), dict))
        for value in node.values():
            names |= _property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= _property_names(value)
    return names


@cache
def field_names() -> frozenset[str]:
    """Every field name any schema declares, at any depth (what a template may ask of corpus data)."""
    return frozenset().union(*(_property_names(schema_for(kind)) for kind in SCHEMA_KINDS))
