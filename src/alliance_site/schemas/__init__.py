"""The JSON Schemas of the content files: the one definition of the content model.

They sit with the model (below validation and rendering): the validator checks files against them,
the renderer publishes them and writes the "How to edit" page from them, editors' tools read them
for completion.

One schema per kind of content file, and ``common.schema.json`` beside them: the definitions several
kinds share (ids, citation keys, language tags, EDTF dates, names, page numbers, editorial notes,
translations), each written once and named by a relative ``$ref`` (``common.schema.json#/$defs/id``).
A ``$defs`` name is defined in one file only, so a definition's name says which one it is.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

__all__ = [
    "COMMON",
    "SCHEMA_FILES",
    "SCHEMA_KINDS",
    "definition",
    "field_names",
    "registry",
    "schema_file",
    "schema_for",
    "schema_text",
]

SCHEMA_KINDS = ("corpus", "chapter", "source", "table", "figure", "event", "glossary")
#: The file of the shared definitions.
COMMON = "common"
#: Every shipped schema file, by name (``<name>.schema.json``): the kinds, then the shared definitions.
SCHEMA_FILES = (*SCHEMA_KINDS, COMMON)
_COMMON_REF = f"{COMMON}.schema.json#/$defs/"


@cache
def schema_text(name: str) -> str:
    """The text of the shipped ``<name>.schema.json``, as an editor's tool reads it."""
    return resources.files(__name__).joinpath(f"{name}.schema.json").read_text("utf-8")


def schema_file(name: str) -> dict:
    """The shipped ``<name>.schema.json`` as written (its shared definitions named by ``$ref``)."""
    return json.loads(schema_text(name))


@cache
def registry():
    """Every shipped schema under its ``$id`` (a ``referencing.Registry``), so that a relative ``$ref``
    resolves offline (nothing is ever fetched: a ``$ref`` to anything else is an error)."""
    # Imported here: only validation needs it, and a build served from the cache validates nothing.
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resources(
        (f"{name}.schema.json", Resource.from_contents(schema_file(name), default_specification=DRAFT202012))
        for name in SCHEMA_FILES
    )


@cache
def _defs(name: str) -> str:
    return json.dumps(schema_file(name).get("$defs", {}), ensure_ascii=False)


@cache
def _defined_in() -> dict[str, str]:
    """``$defs`` name → the one file that defines it."""
    return {name: file for file in SCHEMA_FILES for name in json.loads(_defs(file))}


def definition(ref: str) -> dict:
    """The definition a ``$ref`` of any shipped schema names (``#/$defs/x`` or ``common.schema.json#/$defs/x``);
    ``{}`` for anything else. Unambiguous because no ``$defs`` name is defined in two files."""
    name = ref.rpartition("#/$defs/")[2] if "#/$defs/" in ref else ""
    file = _defined_in().get(name)
    return json.loads(_defs(file))[name] if file and "/" not in name else {}


def _local(node, used: set[str]):
    """``node`` with every shared ``$ref`` made local (``#/$defs/x``); the names it reaches go to ``used``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_COMMON_REF):
                value = "#/$defs/" + value.removeprefix(_COMMON_REF)
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                used.add(value.removeprefix("#/$defs/"))
            out[key] = _local(value, used)
        return out
    if isinstance(node, list):
        return [_local(value, used) for value in node]
    return node


@cache
def _self_contained(kind: str) -> str:
    used: set[str] = set()
    schema = _local(schema_file(kind), used)
    shared = schema_file(COMMON)["$defs"]
    defs = dict(schema.get("$defs", {}))
    pending = sorted(used - set(defs))
    while pending:  # the shared definitions it reaches, and those they reach in turn
        name = pending.pop(0)
        reached: set[str] = set()
        defs[name] = _local(shared[name], reached)
        pending.extend(sorted(reached - set(defs) - set(pending)))
    if defs:
        schema["$defs"] = defs
    return json.dumps(schema, ensure_ascii=False)


def schema_for(kind: str) -> dict:
    """The JSON Schema of a kind of content file, self-contained: the shared definitions it uses copied
    into its own ``$defs`` (for tools that read one schema alone: the "How to edit" page, its examples).
    The same rules as the shipped file; the validator reads the shipped files through :func:`registry`."""
    return json.loads(_self_contained(kind))


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
    return frozenset().union(*(_property_names(schema_file(name)) for name in SCHEMA_FILES))
