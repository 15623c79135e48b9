"""The JSON Schemas (what an editor's tools check) and the project's validator agree.

Both run over every content file of the fixtures and of the real corpus: plain
``jsonschema`` over ``yaml.safe_load`` data on one side, :func:`load_corpus` on the
other. The validator may find more (references across files, duplicate keys), never
less: a file the schema rejects must get an error in that file, and a file the
schema accepts must get no schema problem. Mutations of the fixtures (a field
removed, an unknown one added, a value of the wrong type) check the same agreement
on files that are wrong. And every content file names its schema on its first line.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from alliance_site.load.discover import discover
from alliance_site.load.safe_yaml import YamlProblem, load_yaml
from alliance_site.validate.run import load_corpus
from alliance_site.validate.schema import check_against_schema

REPO = Path(__file__).resolve().parents[1]
CONTENT_DIRS = sorted((REPO / "tests" / "roots").glob("*/content")) + [REPO / "content"]
HEADER = "# yaml-language-server: $schema="
SCHEMA_DIR = REPO / "src" / "alliance_site" / "schemas"
# The schema files as an editor's tool finds them: read from the folder, each under its file name, so
# that a relative $ref resolves to the file beside it.
ON_DISK = {p.name: json.loads(p.read_text("utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}
DISK_REGISTRY = Registry().with_resources(
    (name, Resource.from_contents(schema, default_specification=DRAFT202012)) for name, schema in ON_DISK.items()
)


def _all_files():
    for content in CONTENT_DIRS:
        if content.is_dir():
            for cf in discover(content)[0]:
                yield pytest.param(content, cf, id=cf.path.relative_to(REPO).as_posix())


def _plain(value):
    """yaml.safe_load turns an unquoted 1950-06-25 into a date; the content model (and YAML 1.2, which
    editors' tools speak) reads it as the text it is. Only that difference is undone here."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def schema_accepts(kind: str, raw: bytes) -> bool:
    """The verdict of plain JSON Schema validation, as an editor's tool gives it."""
    try:
        data = yaml.safe_load(raw)
    except (yaml.YAMLError, ValueError):  # not YAML (or a date like 1950-13-45 PyYAML cannot build)
        return False
    return Draft202012Validator(ON_DISK[f"{kind}.schema.json"], registry=DISK_REGISTRY).is_valid(_plain(data))


def schema_problems(kind: str, raw: bytes, display: str):
    """The project's schema-kind problems of a file; None when the file is not a YAML mapping at all."""
    try:
        loaded = load_yaml(raw)
    except YamlProblem:
        return None
    return check_against_schema(kind, loaded, display) if isinstance(loaded.data, dict) else None


def assert_agree(kind: str, raw: bytes, display: str, problems) -> None:
    errors_here = [p for p in problems if p.file == display and p.severity == "error"]
    own = schema_problems(kind, raw, display)
    if not schema_accepts(kind, raw):
        assert errors_here, f"{display}: the JSON Schema rejects it, the validator reports nothing in it"
        assert own is None or own, f"{display}: the JSON Schema rejects it, the validator's schema check does not"
    else:
        assert not own, f"{display}: the JSON Schema accepts it, the validator says: {[str(p) for p in own]}"
    if own:
        assert set(own) <= set(problems), f"{display}: load_corpus drops schema problems"


_problems_cache: dict[Path, list] = {}


@pytest.mark.parametrize("content,cf", list(_all_files()))
def test_schema_and_validator_agree_on_every_fixture(content, cf):
    if content not in _problems_cache:
        _problems_cache[content] = load_corpus(content).problems
    assert_agree(cf.kind, cf.path.read_bytes(), cf.display, _problems_cache[content])


@pytest.mark.parametrize("content,cf", list(_all_files()))
def test_every_content_file_names_its_schema(content, cf):
    first = cf.path.read_text("utf-8").split("\n", 1)[0]
    assert first.startswith(HEADER), f"{cf.display} lacks the '{HEADER}…' first line"
    target = (cf.path.parent / first[len(HEADER) :].strip()).resolve()
    assert target.is_file(), f"{cf.display}: schema {target} does not exist"
    assert target.name == f"{cf.kind}.schema.json", f"{cf.display} names the schema of another kind"


# ---------------------------------------------------------------- mutations


def _paths(value, path=()):
    """Every (path, value) in a data tree, parents first."""
    yield path, value
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from _paths(child, path + (key,))


def _mutations(data: dict):
    """(name, mutated data): each key removed, an unknown key added to each mapping, each value of a wrong type."""
    import copy

    for path, value in _paths(data):
        if isinstance(value, dict):
            yield f"unknown field at {path}", _set(copy.deepcopy(data), path + ("zz_unknown",), 1)
            for key in value:
                yield f"without {path + (key,)}", _drop(copy.deepcopy(data), path + (key,))
        if path:
            # A list holding an empty list is of no type any field of the content model accepts.
            yield f"wrong type at {path}", _set(copy.deepcopy(data), path, [[]])


def _set(data, path, value):
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _drop(data, path):
    target = data
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return data


MINIMAL = REPO / "tests" / "roots" / "minimal"


@pytest.mark.parametrize(
    "rel", sorted(p.relative_to(MINIMAL / "content").as_posix() for p in (MINIMAL / "content").rglob("*.yml"))
)
def test_schema_and_validator_agree_on_mutated_fixtures(rel, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL / "content", content)
    target = content / rel
    kind = next(cf.kind for cf in discover(content)[0] if cf.path == target)
    display = f"content/{rel}"
    data = load_yaml(target.read_bytes()).data
    checked = 0
    for name, mutated in _mutations(data):
        raw = (HEADER + "x\n" + yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)).encode("utf-8")
        target.write_bytes(raw)
        try:
            assert_agree(kind, raw, display, load_corpus(content).problems)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None
        checked += 1
    assert checked >= 5
