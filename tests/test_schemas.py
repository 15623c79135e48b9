"""The JSON Schemas shipped in the package: well-formed draft 2020-12, one per kind of file and one
file of shared definitions; every ``$ref`` resolves among the shipped files (offline), no definition is
written twice, and the citation-key definition agrees with the citation grammar."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from alliance_site.cli import main
from alliance_site.load.safe_yaml import load_yaml
from alliance_site.schemas import COMMON, SCHEMA_FILES, definition, registry, schema_file
from alliance_site.text.markup import Citation, parse
from alliance_site.validate.schema import SCHEMA_KINDS, schema_for
from support.schema_files import refs_in, validator_from_disk

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


def test_one_schema_per_kind_and_the_shared_definitions():
    shipped = sorted(p.name for p in SCHEMA_DIR.iterdir() if p.name.endswith(".schema.json"))
    assert shipped == sorted(f"{name}.schema.json" for name in (*SCHEMA_KINDS, COMMON))


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_is_valid_draft_2020_12(name):
    schema = json.loads(SCHEMA_DIR.joinpath(f"{name}.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{name}.schema.json"
    Draft202012Validator.check_schema(schema)
    for where, pattern in _patterns(schema):
        try:
            re.compile(pattern)  # jsonschema matches with Python's re: a pattern it cannot read fails here
        except re.error as error:
            pytest.fail(f"{name}{where}: {error}")


def _key_pattern(kind, *path):
    node = schema_file(kind)
    for step in path:
        while "$ref" in node:  # a shared definition, in this file or in common.schema.json
            node = definition(node["$ref"])
        node = node[step]
    while "$ref" in node:
        node = definition(node["$ref"])
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


def test_no_definition_is_written_out_twice():
    """A definition used in several places (a name, a date, an id, editorial notes), in one schema or in
    several, is one ``$defs`` entry."""
    texts = [json.dumps(n, sort_keys=True) for name in SCHEMA_FILES for n in _schema_nodes(schema_file(name))]
    repeated = {text[:100] for text in texts if len(text) > 150 and texts.count(text) > 1}
    assert repeated == set()


def test_no_defs_name_is_defined_in_two_files():
    owners: dict[str, list[str]] = {}
    for name in SCHEMA_FILES:
        for defined in schema_file(name).get("$defs", {}):
            owners.setdefault(defined, []).append(name)
    assert {d: files for d, files in owners.items() if len(files) > 1} == {}
    assert set(schema_file(COMMON)["$defs"]) <= set(owners)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_every_ref_resolves_among_the_shipped_files(name):
    """Relative refs only (an editor's tool resolves them beside the file), each naming a definition."""
    resolver = registry().resolver(base_uri=f"{name}.schema.json")
    refs = list(refs_in(schema_file(name)))
    for ref in refs:
        assert ref.startswith(("#/$defs/", f"{COMMON}.schema.json#/$defs/")), ref
        target = resolver.lookup(ref).contents
        assert isinstance(target, dict) and target, ref
        assert target == definition(ref), ref
    if name != COMMON:
        assert any(ref.startswith(f"{COMMON}.schema.json") for ref in refs), f"{name} uses no shared definition"


def test_every_shared_definition_is_used():
    used = {ref.rpartition("/")[2] for name in SCHEMA_FILES for ref in refs_in(schema_file(name))}
    assert set(schema_file(COMMON)["$defs"]) <= used


def test_nothing_is_fetched():
    """A ``$ref`` outside the shipped files is an error, not a download."""
    validator = Draft202012Validator({"$ref": "https://json-schema.invalid/x.schema.json"}, registry=registry())
    with pytest.raises(Unresolvable):
        validator.is_valid({})


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_the_self_contained_schema_is_the_shipped_one(kind):
    """``schema_for`` (one file alone, for the How-to page) has the shipped rules: its shared
    definitions are those of common.schema.json, and no local ``$ref`` is left dangling."""
    schema = schema_for(kind)
    Draft202012Validator.check_schema(schema)
    for ref in refs_in(schema):
        assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in schema["$defs"], ref
        assert schema["$defs"][ref.removeprefix("#/$defs/")] == json.loads(
            json.dumps(definition(ref)).replace(f"{COMMON}.schema.json#", "#")
        )


def test_the_schema_command_writes_the_whole_set(tmp_path, capsys):
    """``alliance-site schema DIR``: every kind's schema and the shared definitions, byte for byte the
    shipped files, each resolving from the folder alone (as an editor's YAML language server reads it)."""
    assert main(["schema", str(tmp_path / "schemas")]) == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{name}.schema.json" for name in SCHEMA_FILES)
    for name in SCHEMA_FILES:
        path = tmp_path / "schemas" / f"{name}.schema.json"
        assert path.read_bytes() == SCHEMA_DIR.joinpath(f"{name}.schema.json").read_bytes()
    corpus = Path(__file__).resolve().parents[1] / "content"
    for kind in SCHEMA_KINDS:  # the real corpus validates against the written set, and a bad id does not
        validator = validator_from_disk(tmp_path / "schemas" / f"{kind}.schema.json")
        single = kind in ("corpus", "glossary")  # one file; the other kinds have a folder each
        files = [corpus / f"{kind}.yml"] if single else sorted((corpus / f"{kind}s").glob("*.yml"))
        assert files, kind
        for path in files:
            data = load_yaml(path.read_bytes()).data
            assert validator.is_valid(data), path
            if "id" in data:  # the shared id definition is reached and applied
                assert not validator.is_valid({**data, "id": "Not An Id"}), path
    assert len(capsys.readouterr().out.splitlines()) == len(SCHEMA_FILES)
