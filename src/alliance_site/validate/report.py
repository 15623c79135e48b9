"""The shared means of the cross-file checks: a report that collects problems at positions in the
files, the check that names given resolve to something known, the position of a word inside a long
value, and lenient reading of fields whose wrong type is the schema check's to report."""

from __future__ import annotations

import re

from ..errors import Problem
from .documents import Document
from .schema import suggest

__all__ = ["Report", "as_dict", "as_list", "at"]


def as_list(value) -> list:
    """``value`` if it is a list, else ``[]``: a wrong type is the schema check's to report."""
    return value if isinstance(value, list) else []


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


class Report:
    """The problems found so far, in the order the checks find them."""

    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, doc: Document, where: tuple[int, int], severity: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(doc.file, where[0], where[1], severity, message, hint))

    def unknown(self, doc, path, values, known, what, severity="error") -> None:
        """Each of the ids ``values`` (a list at ``path``) that is not in ``known``, as "unknown <what>"."""
        if known is None:  # some files of this kind could not be read: nothing can be said
            return
        for i, value in enumerate(as_list(values)):
            if isinstance(value, str) and value not in known:
                self.add(
                    doc,
                    doc.where(path + (i,)),
                    severity,
                    f"unknown {what} {value!r}",
                    suggest(value, known) or f"add the {what} first, or correct the id",
                )


def at(doc, text_path, text: str, offset: int, needle: str, end: str = "") -> tuple[int, int]:
    """Position in the file of ``needle`` found at ``offset`` of the paragraph text: the same
    occurrence of it (the n-th), so an earlier, longer key or a repeated word is not taken for it."""
    pattern = re.compile(re.escape(needle) + end)
    return doc.find(text_path, pattern, nth=len(pattern.findall(text, 0, offset)))
