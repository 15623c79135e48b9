"""The JSON Schema a content file names on its first line, read from disk as an editor's YAML language
server reads it: the file the line points to, and every relative ``$ref`` resolved against the files beside
it (nothing fetched, nothing taken from the installed package)."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HEADER = "# yaml-language-server: $schema="


def refs_in(node):
    """Every ``$ref`` string in a schema document, depth first."""
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs_in(value)


def named_schema(path: Path) -> Path:
    """The schema file the first line of ``path`` names (it must name one that exists)."""
    first = path.read_text("utf-8").split("\n", 1)[0]
    assert first.startswith(HEADER), path
    schema = (path.parent / first[len(HEADER) :]).resolve()
    assert schema.is_file(), schema
    return schema


def validator_from_disk(schema: Path) -> Draft202012Validator:
    """A validator for ``schema`` whose ``$ref`` resolve only to files in its folder; fails on a ``$ref``
    to a file that is not there."""
    folder = schema.parent
    contents = json.loads(schema.read_text("utf-8"))
    files = {}
    pending = [schema.name]
    while pending:
        name = pending.pop()
        if name in files:
            continue
        assert (folder / name).is_file(), f"{schema.name} refers to {name}, which is not beside it"
        files[name] = json.loads((folder / name).read_text("utf-8"))
        pending.extend(ref.split("#", 1)[0] for ref in refs_in(files[name]) if ref.split("#", 1)[0])
    registry = Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT202012)) for name, doc in files.items()
    )
    validator = Draft202012Validator(contents, registry=registry)
    for name, doc in files.items():  # every reference resolves to a definition
        resolver = registry.resolver(base_uri=name)
        for ref in refs_in(doc):
            assert resolver.lookup(ref).contents, f"{name}: {ref}"
    return validator
