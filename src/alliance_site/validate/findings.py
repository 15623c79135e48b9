"""Consistency findings of the data (a declared total against its parts, a stated ratio against the
computed one) as warnings: the original is never changed, the editor is told."""

from __future__ import annotations

from ..errors import Problem
from ..model import Corpus

__all__ = ["data_findings"]


def data_findings(corpus: Corpus) -> list[Problem]:
    """One warning per finding of :func:`alliance_site.data.checks.check` on each table."""
    try:
        from ..data.checks import check
    except ImportError:  # the data layer is optional until it lands
        return []
    problems = []
    for table in corpus.tables.values():
        for finding in check(table.data):
            problems.append(Problem(table.file, 1, 1, "warning", getattr(finding, "message", str(finding)),
                                    "an editorial note on the table page shows this beside the original value"))
    return problems
