"""A table's contents against the rest of the corpus: its cells name known columns, paragraphs and
sources, and its formulas are well-formed and name this table's rows and columns."""

from __future__ import annotations

import re

from ..data.checks import formula_errors
from .report import Report, as_list
from .schema import is_valid, suggest

__all__ = ["check_table"]


def check_table(doc, paragraphs, sources, cited: set[str], report: Report) -> None:
    """The table ``doc``. ``paragraphs`` is None where paragraph ids cannot be known; every source a
    cell lists is added to ``cited``."""
    data = doc.data
    columns = [
        c.get("id") for c in as_list(data.get("columns")) if isinstance(c, dict) and isinstance(c.get("id"), str)
    ]

    def check_cell(path, cell):
        if not isinstance(cell, dict):
            return
        para = cell.get("paragraph")
        if isinstance(para, str) and paragraphs is not None and para not in paragraphs:
            report.add(
                doc,
                doc.where(path + ("paragraph",)),
                "error",
                f"unknown paragraph {para!r}",
                suggest(para, paragraphs) or "use the id of the paragraph the value comes from",
            )
        report.unknown(doc, path + ("sources",), cell.get("sources"), sources, "source")
        cited.update(s for s in as_list(cell.get("sources")) if isinstance(s, str))

    for i, row in enumerate(as_list(data.get("rows"))):
        if not isinstance(row, dict) or not isinstance(row.get("cells"), dict):
            continue
        for col, cell in row["cells"].items():
            if col not in columns:
                report.add(
                    doc,
                    doc.where(("rows", i, "cells", col), key=True),
                    "error",
                    f"unknown column {col!r}",
                    suggest(col, columns) or f"columns are: {', '.join(map(str, columns))}",
                )
            check_cell(("rows", i, "cells", col), cell)
    for i, entry in enumerate(as_list(data.get("derived"))):
        if isinstance(entry, dict):
            check_cell(("derived", i, "stated"), entry.get("stated"))
    # the formula checks trust the table's shape: a table the schema rejects gets its schema errors first
    for where, error in formula_errors(data) if is_valid("table", data) else []:
        path = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", where) if p)
        fragment = re.match(r"\S{1,40}", error.formula[error.offset :]) if isinstance(error.formula, str) else None
        place = _formula_place(doc, path, error.formula, error.offset, fragment[0]) if fragment else doc.where(path)
        report.add(
            doc,
            place,
            "error",
            f"formula {error.formula!r}: {error.message}",
            error.hint or "write ROW.COLUMN with ids of this table's rows and columns",
        )


def _formula_place(doc, path: tuple, formula: str, offset: int, fragment: str) -> tuple[int, int]:
    """Position in the file of ``fragment`` found at ``offset`` of the formula, counting overlapping
    occurrences: in ``((((((x))))))`` the 300th ``)))`` is the one meant, not the 100th."""
    starts = re.compile(f"(?={re.escape(fragment)})")
    nth = sum(1 for hit in starts.finditer(formula) if hit.start() < offset)
    return doc.find(path, starts, nth=nth)
