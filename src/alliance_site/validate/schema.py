"""Check one loaded file against the JSON Schema of its kind, with messages an editor can act on.

The JSON Schemas of :mod:`alliance_site.schemas` are the one definition of
the content model: editors' tools read them for completion, and this module
turns their verdicts into ``file:line:column`` problems with "did you mean".
The shipped files are checked as written: their shared ``$ref`` resolve through
the package's own registry, offline. Messages are built from the error's
structure (its ``validator``, path, schema and ``context``), never its wording.
"""

from __future__ import annotations

import difflib
from functools import cache

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from ..errors import Problem
from ..load.safe_yaml import LoadedYaml
from ..schemas import SCHEMA_KINDS, definition, registry, schema_file, schema_for

__all__ = ["SCHEMA_KINDS", "check_against_schema", "is_valid", "schema_for", "suggest"]


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema_file(kind), registry=registry())


def is_valid(kind: str, data) -> bool:
    """Whether ``data`` passes the schema of its kind (checks that trust the shape run only then)."""
    return _validator(kind).is_valid(data)


def suggest(word: str, choices) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def _describe(value) -> str:
    kind = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    text = kind.get(type(value), "null" if value is None else type(value).__name__)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        shown = repr(value) if len(repr(value)) < 40 else repr(value)[:37] + "...'"
        text += f" {shown}"
    return text


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "boolean": "true or false",
    "null": "null",
}


def _described(node: dict) -> dict:
    """A field's schema with what its ``$ref`` names beneath its own words (a description beside the
    ``$ref`` wins)."""
    ref = node.get("$ref")
    return {**definition(ref), **node} if isinstance(ref, str) else node


def _offers_a_date(schema: dict) -> bool:
    """Whether one of the alternatives is the shared EDTF date (a source's date: a year number, an
    EDTF text or a CSL date object), told by the schema's structure, not its words."""
    return any(
        isinstance(branch, dict) and str(branch.get("$ref", "")).endswith("/$defs/edtf_date")
        for branch in schema.get("anyOf", [])
    )


def _problems_of(error, doc: LoadedYaml, file: str) -> list[Problem]:
    path = tuple(error.absolute_path)
    field = next((p for p in reversed(path) if isinstance(p, str)), None)
    name = f"field {field!r}" if field else "value"
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("description", "")
    v = error.validator

    def at(p=path, key=False, message="", hint=hint):
        line, col = doc.where(p, key=key)
        return Problem(file, line, col, "error", message, hint)

    if v == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        return [
            at(
                path + (extra,),
                True,
                f"unknown field {extra!r}",
                suggest(extra, allowed) or f"allowed fields: {', '.join(allowed)}",
            )
            for extra in sorted(set(error.instance) - set(allowed))
        ]
    if v == "required":
        # One error per missing field, each naming all that are required: report those missing (set() in
        # check_against_schema merges the repeats).
        props = schema.get("properties", {})
        present = error.instance if isinstance(error.instance, dict) else {}
        return [
            at(
                message=f"missing required field {missing!r}",
                hint=_described(props.get(missing) or {}).get("description", "add it"),
            )
            for missing in error.validator_value
            if missing not in present
        ]
    if v == "type":
        want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in want)
        return [at(message=f"{name} should be {words}, not {_describe(error.instance)}")]
    if v == "enum":
        options = ", ".join(map(repr, error.validator_value))
        return [
            at(
                message=f"{name} is {error.instance!r}, which is not one of: {options}",
                hint=suggest(error.instance, error.validator_value) or hint,
            )
        ]
    if v == "pattern":
        return [
            at(
                message=f"{name} has the wrong form: {error.instance!r}",
                hint=hint or f"it must match {error.validator_value}",
            )
        ]
    if v in ("minimum", "maximum"):
        bound = "at least" if v == "minimum" else "at most"
        return [at(message=f"{name} is {error.instance!r}; it must be {bound} {error.validator_value}", hint=hint)]
    if v == "maxItems":
        return [at(message=f"{name} lists more than {error.validator_value}", hint=hint)]
    if v in ("minLength", "minItems"):
        return [at(message=f"{name} must not be empty", hint=hint)]
    if v == "anyOf" and _offers_a_date(schema):
        return [at(message=f"{name} is not a date: {error.instance!r}", hint=hint)]
    if v == "uniqueItems":
        return [at(message=f"{name} lists the same entry twice", hint="remove the repeat")]
    if v in ("anyOf", "oneOf") and error.context:
        # None of the alternatives fits: explain by the alternative that came closest (jsonschema's
        # relevance order over the sub-errors), at its own place in the file.
        return _problems_of(best_match(error.context), doc, file)
    return [at(message=f"{name} does not meet the schema's {v!r} rule ({error.validator_value!r})")]


def check_against_schema(kind: str, doc: LoadedYaml, file: str) -> list[Problem]:
    """Every schema problem of one file (not only the first)."""
    validator = _validator(kind)
    if validator.is_valid(doc.data):  # the common case, and much cheaper than collecting no errors
        return []
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        problems.extend(_problems_of(error, doc, file))
    return sorted(set(problems))
