"""Consistency findings of the data (a declared total against its parts, a stated ratio against the
computed one) as notes: they are the source text's own, reproduced as written with an editorial note on
the site; the original is never changed, the editor is told, and no build fails for them."""

from __future__ import annotations

from ..data.checks import check
from ..errors import Problem
from .documents import Document
from .verdict import NOTE

__all__ = ["data_findings"]


def data_findings(documents: list[Document]) -> list[Problem]:
    """One note per finding of :func:`alliance_site.data.checks.check`, at the check that found it."""
    problems = []
    for doc in documents:
        if doc.kind != "table":
            continue
        for finding in check(doc.data):
            group = "checks" if finding.kind == "check" else "derived"
            index = next((i for i, c in enumerate(doc.data.get(group) or []) if c.get("id") == finding.check), None)
            line, col = doc.where((group, index) if index is not None else ())
            problems.append(
                Problem(
                    doc.file,
                    line,
                    col,
                    NOTE,
                    finding.message,
                    "the table page shows this as an editorial note beside the original value",
                )
            )
    return problems
