"""A list item that YAML silently folded into the one before it: ``- Korea Selatan`` then, indented
further, ``- Amerika Serikat`` is one plain scalar, "Korea Selatan - Amerika Serikat", not two items.
A warning at the continuation line, for every plain (unquoted) multi-line scalar one of whose
continuation lines starts with ``- ``."""

from __future__ import annotations

from ..errors import Problem
from .documents import Document
from .verdict import WARNING

__all__ = ["check_plain_lists"]


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def check_plain_lists(docs: list[Document]) -> list[Problem]:
    problems = []
    for doc in docs:
        lines = doc.text.split("\n")
        for path, value in _strings(doc.data):
            if " - " not in value:
                continue
            line, col = doc.where(path)
            if not 1 <= line <= len(lines) or lines[line - 1][col - 1 : col] in ("'", '"', "|", ">", ""):
                continue  # quoted or block scalars say what they mean
            base = len(lines[line - 1]) - len(lines[line - 1].lstrip())
            for n in range(line, len(lines)):  # continuation lines are indented deeper than the value's line
                text = lines[n]
                indent = len(text) - len(text.lstrip())
                if not text.strip() or indent <= base:
                    break
                if text.lstrip().startswith("- "):
                    problems.append(
                        Problem(
                            doc.file,
                            n + 1,
                            indent + 1,
                            WARNING,
                            f"this '- ' line is read as part of the text before it ({value!r}), not as a new list item",
                            "indent it exactly as the item above it, or put the text in quotes if the dash belongs to it",
                        )
                    )
                    break
    return problems
