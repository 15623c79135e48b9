"""Derived values and consistency checks of a table: the generator computes, the text states, we compare.

A table declares ``derived`` values (computed by formula, never typed, optionally with
what the text ``stated``) and ``checks`` (a stated cell against a formula). A mismatch
beyond the relative tolerance is a :class:`Finding`: an editorial warning shown beside
the original value. Nothing here raises on content or changes the table; broken formulas
are reported by :func:`formula_errors` for the validator and otherwise skipped.

Relative difference is ``|stated - computed| / |computed|`` (``/ |stated|`` when the
computed value is 0, and 0 when both are). Qualifiers make a check one-sided:
``at-least`` / ``more-than`` accept any computed value not below the stated one (less
the tolerance), ``at-most`` / ``less-than`` any not above it; ``about`` / ``almost``
use the tolerance as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .formula import FormulaError, evaluate, is_sum, refs, validate
from .numbers import format_number

__all__ = [
    "DEFAULT_TOLERANCE",
    "Derived",
    "Finding",
    "Part",
    "agrees",
    "cell_values",
    "check",
    "derive",
    "formula_errors",
    "relative_difference",
]

#: Relative tolerance when a check gives none (the schema's default).
DEFAULT_TOLERANCE = 0.005

_QUALIFIERS = {
    "about": "about",
    "almost": "almost",
    "at-least": "at least",
    "at-most": "at most",
    "more-than": "more than",
    "less-than": "less than",
}


@dataclass(frozen=True)
class Part:
    """One cell a formula uses, with what the text says of it."""

    ref: str
    row_label: str
    column_label: str
    value: float | None
    as_written: str | None
    paragraph: str | None


@dataclass(frozen=True)
class Derived:
    """A value computed from other cells, beside what the text states for it (if anything)."""

    table: str
    id: str
    label: str
    unit: str | None
    formula: str
    value: float | None
    stated: float | None
    as_written: str | None
    qualifier: str | None
    paragraph: str | None
    agrees: bool | None  # None when nothing is stated or a side is unknown
    relative_difference: float | None
    parts: tuple[Part, ...]
    error: str | None  # a formula problem; value is None then

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)


@dataclass(frozen=True)
class Finding:
    """A stated value that disagrees with what its parts compute: an editorial warning."""

    table: str
    check: str  # the check's id, or the derived value's id when kind is "derived"
    kind: str  # "check" or "derived"
    cell: str | None  # ROW.COLUMN of the stated value; None for a derived value's statement
    label: str | None
    stated: float
    as_written: str | None
    qualifier: str | None
    paragraph: str | None
    computed: float
    formula: str
    parts: tuple[Part, ...]
    relative_difference: float
    tolerance: float
    message: str

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)


def cell_values(table: Mapping[str, Any]) -> dict[str, float | None]:
    """Every ``row.column`` of the table with its value; a cell the row leaves out is None."""
    columns = [col["id"] for col in table.get("columns", [])]
    values: dict[str, float | None] = {}
    for row in table.get("rows", []):
        cells = row.get("cells") or {}
        for col in columns:
            values[f"{row['id']}.{col}"] = (cells.get(col) or {}).get("value")
    return values


def _cell(table: Mapping[str, Any], ref: str) -> tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]]:
    """(row, column, cell) dicts of ``ref``; empty dicts for what is missing."""
    row_id, _, col_id = ref.partition(".")
    row = next((r for r in table.get("rows", []) if r["id"] == row_id), {})
    col = next((c for c in table.get("columns", []) if c["id"] == col_id), {})
    return row, col, (row.get("cells") or {}).get(col_id) or {}


def _parts(table: Mapping[str, Any], formula: str) -> tuple[Part, ...]:
    parts = []
    for ref in refs(formula):
        row, col, cell = _cell(table, ref)
        parts.append(
            Part(
                ref,
                row.get("label", ""),
                col.get("label", ""),
                cell.get("value"),
                cell.get("as_written"),
                cell.get("paragraph"),
            )
        )
    return tuple(parts)


def relative_difference(stated: float, computed: float) -> float:
    """``|stated - computed|`` relative to the computed value (see the module docstring)."""
    base = abs(computed) or abs(stated)
    return abs(stated - computed) / base if base else 0.0


def agrees(stated: float, computed: float, tolerance: float = DEFAULT_TOLERANCE, qualifier: str | None = None) -> bool:
    """Whether the stated value is consistent with the computed one, given the text's hedge."""
    slack = tolerance * (abs(computed) or abs(stated))
    if qualifier in ("at-least", "more-than"):
        return computed >= stated - slack
    if qualifier in ("at-most", "less-than"):
        return computed <= stated + slack
    return relative_difference(stated, computed) <= tolerance


def derive(table: Mapping[str, Any]) -> list[Derived]:
    """Compute the table's derived values, in declared order, each beside what the text states."""
    values = cell_values(table)
    out = []
    for item in table.get("derived", []):
        stated = item.get("stated") or {}
        value, error, parts = None, None, ()
        try:
            parts = _parts(table, item["formula"])
            value = evaluate(item["formula"], values)
        except FormulaError as err:
            error = f"{err} (at {err.offset} in {item['formula']!r})"
        said = stated.get("value")
        both = said is not None and value is not None
        out.append(
            Derived(
                table=table["id"],
                id=item["id"],
                label=item["label"],
                unit=item.get("unit"),
                formula=item["formula"],
                value=value,
                stated=said,
                as_written=stated.get("as_written"),
                qualifier=stated.get("qualifier"),
                paragraph=stated.get("paragraph"),
                agrees=agrees(said, value, DEFAULT_TOLERANCE, stated.get("qualifier")) if both else None,
                relative_difference=relative_difference(said, value) if both else None,
                parts=parts,
                error=error,
            )
        )
    return out


def _message(stated: float, as_written: str | None, qualifier: str | None, computed: float, formula: str) -> str:
    """One English sentence; the check's label is kept apart (``Finding.label``) so callers can show both."""
    said = format_number(stated)
    if qualifier in _QUALIFIERS:
        said = f"{_QUALIFIERS[qualifier]} {said}"
    given = f'"{as_written}" ({said})' if as_written else said
    if is_sum(formula):
        return f"The text gives the total as {given}, but its parts sum to {format_number(computed)}."
    return f"The text gives the value as {given}, but {formula} gives {format_number(computed)}."


def check(table: Mapping[str, Any]) -> list[Finding]:
    """Findings of the table: its ``checks`` first, then derived values whose statement disagrees.

    Checks whose stated or computed value is unknown (null), or whose formula is
    broken, give no finding; :func:`formula_errors` reports the broken ones.
    """
    values = cell_values(table)
    findings = []
    for item in table.get("checks", []):
        if item["cell"] not in values:
            continue
        try:
            computed = evaluate(item["equals"], values)
            parts = _parts(table, item["equals"])
        except FormulaError:
            continue
        _, _, cell = _cell(table, item["cell"])
        stated, tolerance = cell.get("value"), item.get("tolerance", DEFAULT_TOLERANCE)
        if stated is None or computed is None or agrees(stated, computed, tolerance, cell.get("qualifier")):
            continue
        label = item.get("label")
        findings.append(
            Finding(
                table=table["id"],
                check=item["id"],
                kind="check",
                cell=item["cell"],
                label=label,
                stated=stated,
                as_written=cell.get("as_written"),
                qualifier=cell.get("qualifier"),
                paragraph=cell.get("paragraph"),
                computed=computed,
                formula=item["equals"],
                parts=parts,
                relative_difference=relative_difference(stated, computed),
                tolerance=tolerance,
                message=_message(stated, cell.get("as_written"), cell.get("qualifier"), computed, item["equals"]),
            )
        )
    for der in derive(table):
        if der.agrees is not False:
            continue
        findings.append(
            Finding(
                table=der.table,
                check=der.id,
                kind="derived",
                cell=None,
                label=der.label,
                stated=der.stated,
                as_written=der.as_written,
                qualifier=der.qualifier,
                paragraph=der.paragraph,
                computed=der.value,
                formula=der.formula,
                parts=der.parts,
                relative_difference=der.relative_difference,
                tolerance=DEFAULT_TOLERANCE,
                message=_message(der.stated, der.as_written, der.qualifier, der.value, der.formula),
            )
        )
    return findings


def formula_errors(table: Mapping[str, Any]) -> list[tuple[str, FormulaError]]:
    """Problems for the validator, as (where, error): ``derived[0].formula``, ``checks[1].equals``, ``checks[1].cell``.

    Covers syntax errors and references to cells that are not a declared row and column.
    """
    known = cell_values(table)
    errors: list[tuple[str, FormulaError]] = []
    for i, item in enumerate(table.get("derived", [])):
        errors += [(f"derived[{i}].formula", err) for err in validate(item["formula"], known)]
    for i, item in enumerate(table.get("checks", [])):
        if item["cell"] not in known:
            errors.append((f"checks[{i}].cell", FormulaError(f"unknown cell {item['cell']!r}", 0, item["cell"])))
        errors += [(f"checks[{i}].equals", err) for err in validate(item["equals"], known)]
    return errors
