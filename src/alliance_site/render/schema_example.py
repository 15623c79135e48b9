"""Walking a JSON Schema the way the "How to edit" page reads it: local ``$ref`` followed (sibling
keywords kept), the branches of an if/then/else chain named after their ``$defs`` entries, and a
minimal instance that validates against the schema. Pure: schemas in, values out."""

from __future__ import annotations

import re

from jsonschema import Draft202012Validator

__all__ = ["alternatives", "example", "resolve"]


def resolve(root: dict, node):
    """Follow ``$ref`` (local JSON pointers); sibling keywords such as a description are kept."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 50:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")] if part else target
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node if isinstance(node, dict) else {}


def alternatives(root: dict, node: dict) -> list[tuple[str, dict]]:
    """The branches of an if/then/else chain, each named after its ``$defs`` entry ('table placement')."""
    out = []
    while isinstance(node, dict):
        branch = node.get("then") if "if" in node else node
        name = str(branch.get("$ref", "")).rsplit("/", 1)[-1].replace("_", " ") or "entry"
        out.append((name, resolve(root, branch)))
        if "if" not in node:
            break
        node = node.get("else")
    return out


_STRING_CANDIDATES = ("example", "en", "1950-06-25", "1950", "total.a", "https://example.org/", "a", "A")


def _valid(root: dict, node: dict, value) -> bool:
    return Draft202012Validator({**node, "$defs": root.get("$defs", {})}).is_valid(value)


def example(schema: dict):
    """A minimal valid instance: only required fields, each with the simplest value its schema allows."""
    return _example(schema, schema, "example", 0)


def _example(root, node, name, depth):
    node = resolve(root, node)
    if node.get("examples"):
        return node["examples"][0]
    if "default" in node:
        return node["default"]
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    if "if" in node:  # the last branch is the ordinary case (a paragraph among the blocks)
        for _, branch in reversed(alternatives(root, node)):
            value = _example(root, branch, name, depth + 1)
            if _valid(root, node, value):
                return value
    for key in ("anyOf", "oneOf"):
        for alt in node.get(key, []):
            value = _example(root, alt, name, depth + 1)
            if _valid(root, alt, value):
                return value
    kind = node.get("type") or ("object" if "properties" in node else "array" if "items" in node else "string")
    kind = next((k for k in kind if k != "null"), "null") if isinstance(kind, list) else kind
    if kind == "object":
        props = node.get("properties", {})
        extra = node.get("additionalProperties") if isinstance(node.get("additionalProperties"), dict) else {}
        return {key: _example(root, props.get(key, extra), key, depth + 1) for key in node.get("required", [])}
    if kind == "array":
        items = [_example(root, node.get("items", {}), name, depth + 1) for _ in range(max(node.get("minItems", 0), 1))]
        return [f"{v}-{i}" if node.get("uniqueItems") and i else v for i, v in enumerate(items)]
    if kind in ("integer", "number"):
        low, high = node.get("minimum", 1), node.get("maximum", max(node.get("minimum", 1), 1))
        return low if low > 1 or high < 1 else 1
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    if "pattern" in node:
        return next((c for c in _STRING_CANDIDATES if re.search(node["pattern"], c)), "example")
    return "Example " + str(name).replace("_", " ").replace("-", " ")
