"""A field indented under the wrong parent: ``en:`` left empty and, at its own indentation, the
fields meant to be inside it (``title: …``). YAML reads them as siblings of ``en``, and the schema
check reports each consequence (an empty ``en``, a ``title`` that is no language, …) without naming
the cause. This turns those into one error that says what to indent, at the first misplaced line."""

from __future__ import annotations

import re

from ..errors import Problem
from .documents import Document

__all__ = ["explain_indentation"]

_EMPTY_KEY = re.compile(r"^(\s*)(?:- )?([^\s#:'\"][^:#]*?):\s*(?:#.*)?$")
_KEY = re.compile(r"^(\s*)([^\s#:'\"-][^:#]*?):(?:\s|$)")


def _misplaced(lines: list[str], line: int) -> tuple[str, int, int, int] | None:
    """For a key left empty on ``line`` (1-based): (its name, first and last line of the sibling keys
    right after it at its own indentation, that indentation), or None."""
    m = _EMPTY_KEY.match(lines[line - 1]) if 1 <= line <= len(lines) else None
    if not m:
        return None
    indent = len(m[1]) + (2 if lines[line - 1].lstrip().startswith("- ") else 0)
    first = line + 1
    while first <= len(lines) and not lines[first - 1].strip():
        first += 1
    last = first - 1
    for n in range(first, len(lines) + 1):
        text = lines[n - 1]
        if not text.strip():
            continue
        k = _KEY.match(text)
        depth = len(text) - len(text.lstrip())
        if depth < indent or (depth == indent and not k):
            break
        last = n
    nxt = _KEY.match(lines[first - 1]) if first <= len(lines) else None
    if not nxt or len(nxt[1]) != indent:
        return None
    return m[2], first, last, indent


def explain_indentation(problems: list[Problem], docs: list[Document]) -> list[Problem]:
    """``problems`` with each misplaced block's consequences replaced by one error naming the cause."""
    texts = {doc.file: doc.text.split("\n") for doc in docs}
    out = list(problems)
    for p in problems:
        if p.severity != "error" or not p.message.endswith("should be a mapping (key: value lines), not null"):
            continue
        found = _misplaced(texts.get(p.file, []), p.line)
        if not found:
            continue
        name, first, last, indent = found
        child = _KEY.match(texts[p.file][first - 1])[2]
        out = [q for q in out if not (q.file == p.file and p.line <= q.line <= last)]
        out.append(
            Problem(
                p.file,
                first,
                indent + 1,
                "error",
                f"'{child}' (line {first}) is indented as a sibling of '{name}' (line {p.line}), so '{name}' is "
                "empty and the fields meant for it belong to its parent",
                f"indent the lines {first}–{last} by two more spaces, under '{name}:'"
                if last > first
                else f"indent line {first} by two more spaces, under '{name}:'",
            )
        )
    return out
