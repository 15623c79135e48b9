"""The JSON Schemas shipped in the package: well-formed draft 2020-12, one per kind of file, and in
agreement with the citation grammar about what a citation key is."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from alliance_site.text.markup import Citation, parse
from alliance_site.validate.schema import SCHEMA_KINDS, schema_for

SCHEMA_DIR = resources.files("alliance_site").joinpath("schemas")


def _patterns(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield where, value
            else:
                yield from _patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _patterns(value, f"{where}/{i}")


def test_one_schema_per_kind_and_nothing_else():
    shipped = sorted(p.name for p in SCHEMA_DIR.iterdir() if p.name.endswith(".schema.json"))
    assert shipped == sorted(f"{kind}.schema.json" for kind in SCHEMA_KINDS)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_is_valid_draft_2020_12(kind):
    schema = schema_for(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{kind}.schema.json"
    Draft202012Validator.check_schema(schema)
    json.dumps(schema)  # plain JSON, exportable as is
    for where, pattern in _patterns(schema):
        try:
            re.compile(pattern)  # jsonschema matches with Python's re: a pattern it cannot read fails here
        except re.error as error:
            pytest.fail(f"{kind}{where}: {error}")


def _key_pattern(kind, *path):
    schema = node = schema_for(kind)
    for step in path:
        node = node[step]
    if "$ref" in node:  # a shared definition of the same file
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return re.compile(node["pattern"])


KEY_PATTERNS = {
    "source id": _key_pattern("source", "properties", "id"),
    "event sources": _key_pattern("event", "properties", "sources", "items"),
    "figure sources": _key_pattern("figure", "properties", "sources", "items"),
    "table sources": _key_pattern("table", "properties", "sources", "items"),
}


def test_every_schema_names_citation_keys_alike():
    assert len({p.pattern for p in KEY_PATTERNS.values()}) == 1


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        ("smith2020", True),
        ("defense-mo-2016", True),
        ("knuth:ct:a", True),
        ("_x", True),
        ("Doe_2019", True),
        ("smith2020.", False),  # '@smith2020.' ends a sentence: the key would be 'smith2020'
        ("a::b", False),
        ("tbl:numbers", False),  # '@tbl:numbers' is a cross-reference
        ("sec:intro", False),
        ("tbl", True),
        ("eq:one", True),
        ("-a", False),
        ("a b", False),
        ("", False),
    ],
)
def test_source_id_pattern(key, valid):
    assert bool(KEY_PATTERNS["source id"].fullmatch(key)) is valid


@settings(max_examples=200, deadline=None)
@given(st.from_regex(KEY_PATTERNS["source id"], fullmatch=True))
def test_every_valid_source_id_is_citable_whole(key):
    """An id the schema accepts is read back whole from [@id], @id and @id. in running text."""
    for text, expected in ((f"[@{key}]", True), (f"@{key}", False), (f"see @{key}.", False)):
        (cite,) = [t for t in parse(text) if isinstance(t, Citation)]
        assert [item.key for item in cite.items] == [key]
        assert cite.bracketed is expected


def _schema_nodes(node):
    if isinstance(node, dict):
        if any(key in node for key in ("type", "$ref", "anyOf", "enum")):
            yield node
        for value in node.values():
            yield from _schema_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_nodes(value)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_no_definition_is_written_out_twice(kind):
    """A definition used in several places (a name, a date, an id, editorial notes) is one ``$defs`` entry."""
    texts = [json.dumps(n, sort_keys=True) for n in _schema_nodes(schema_for(kind))]
    repeated = {text[:100] for text in texts if len(text) > 150 and texts.count(text) > 1}
    assert repeated == set()
    for node in _schema_nodes(schema_for(kind)):
        ref = node.get("$ref")
        assert ref is None or ref.removeprefix("#/$defs/") in schema_for(kind).get("$defs", {}), ref
