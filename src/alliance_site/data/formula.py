"""The formula language of tables: arithmetic over cells, parsed and evaluated without ``eval``.

A formula such as ``sum(army.rok, navy.rok) - 3.88 * 100`` combines numbers and cells
(``ROW.COLUMN``) with ``+ - * /``, unary minus, parentheses and ``sum(...)``; the grammar and
its pitfalls (a minus between cells needs spaces) are in :mod:`alliance_site.data.formula_parser`,
the tree it builds in :mod:`alliance_site.data.formula_tree`. This module reads that tree:
which cells a formula uses, whether it is a plain total, what is wrong with it, and its value.

Arithmetic is exact (:class:`fractions.Fraction`; YAML decimals are taken as written, so
``3.88 * 100`` is exactly 388): integral results come back as ``int``, others as ``float``.
A cell whose value is null makes the whole formula unknown (``None``), never an error.
Every value on the way is bounded (:data:`MAX_MAGNITUDE`, numerator and denominator alike): exact
arithmetic on unbounded numbers would grow without end, and an end result past the float range
cannot be turned into a number at all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

# The parser and the tree are re-exported: callers import the whole language from here.
from .formula_parser import parse
from .formula_tree import BinOp, Cell, Expr, FormulaError, Neg, Num, Sum

__all__ = [
    "MAX_MAGNITUDE",
    "BinOp",
    "Cell",
    "Expr",
    "FormulaError",
    "Neg",
    "Num",
    "Sum",
    "evaluate",
    "is_sum",
    "parse",
    "refs",
    "to_number",
    "validate",
]


#: the largest numerator or denominator a formula may reach at any step (a hundred digits)
MAX_MAGNITUDE = 10**100


class FormulaTooLarge(FormulaError):
    """A value on the way to a formula's result passes :data:`MAX_MAGNITUDE`."""


def _bounded(value: Fraction, offset: int, formula: str) -> Fraction:
    if abs(value.numerator) > MAX_MAGNITUDE or value.denominator > MAX_MAGNITUDE:
        raise FormulaTooLarge(
            "a value on the way to the result has more than 100 digits",
            offset,
            formula,
            "check the formula's parts: a table formula works with figures as a text gives them",
        )
    return value


def _cells(node: Expr) -> list[Cell]:
    if isinstance(node, Cell):
        return [node]
    if isinstance(node, Neg):
        return _cells(node.operand)
    if isinstance(node, BinOp):
        return _cells(node.left) + _cells(node.right)
    if isinstance(node, Sum):
        return [cell for arg in node.args for cell in _cells(arg)]
    return []


def refs(formula: str | Expr) -> list[str]:
    """The cell references of a formula, in order of first appearance, each once."""
    node = parse(formula) if isinstance(formula, str) else formula
    return list(dict.fromkeys(cell.ref for cell in _cells(node)))


def is_sum(formula: str | Expr) -> bool:
    """Whether the formula only adds parts (``a + b + c`` or ``sum(...)``): then it computes a total."""
    node = parse(formula) if isinstance(formula, str) else formula
    if isinstance(node, Sum):
        return all(is_sum(arg) for arg in node.args)
    if isinstance(node, BinOp):
        return node.op == "+" and is_sum(node.left) and is_sum(node.right)
    return isinstance(node, (Cell, Num))


def validate(formula: str, known: Mapping[str, object] | set[str] | frozenset[str]) -> list[FormulaError]:
    """All problems of ``formula`` against the ``known`` cell refs: a syntax error, or each unknown cell."""
    try:
        node = parse(formula)
    except FormulaError as err:
        return [err]
    errors = []
    for cell in _cells(node):
        if cell.ref not in known:
            errors.append(FormulaError(f"unknown cell {cell.ref!r}", cell.offset, formula, _near_miss(cell.ref, known)))
    if not errors and isinstance(known, Mapping):  # what the build will compute must be computable
        try:
            evaluate(node, known)
        except FormulaTooLarge as err:
            errors.append(FormulaError(err.message, err.offset, formula, err.hint))
        except FormulaError:
            pass  # a division by zero or a cell that is not a number: the build says so on the page
    return errors


def _near_miss(ref: str, known: Mapping[str, object] | set[str] | frozenset[str]) -> str:
    # "a.x-b.y" is read as the cell "a.x-b" followed by ".y": the usual cause is a minus without spaces.
    for i, ch in enumerate(ref):
        if ch == "-" and ref[:i] in known:
            return f"if you meant {ref[:i]!r} minus something, put spaces around the minus"
    return ""


def to_number(value: Fraction) -> float:
    """An exact result as ``int`` when integral, else the nearest ``float``."""
    return int(value) if value.denominator == 1 else float(value)


def _fraction(value: object, ref: str, offset: int, formula: str) -> Fraction:
    # bool is an int in Python, but YAML "yes" in a value cell is a transcription slip.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FormulaError(f"cell {ref!r} holds {value!r}, not a number", offset, formula)
    # repr gives the shortest decimal that reads back as the float, i.e. what the YAML said.
    return _bounded(Fraction(value) if isinstance(value, int) else Fraction(repr(value)), offset, formula)


def evaluate(formula: str | Expr, values: Mapping[str, float | None]) -> float | None:
    """Compute ``formula`` with cell ``values`` (ref -> number or None).

    Returns None when a referenced cell is null. Raises :class:`FormulaError` for bad
    syntax, an unknown cell (one not in ``values``) or a division by zero.
    """
    text = formula if isinstance(formula, str) else ""
    node = parse(formula) if isinstance(formula, str) else formula
    for cell in _cells(node):  # unknown refs are errors even when another cell is null
        if cell.ref not in values:
            raise FormulaError(f"unknown cell {cell.ref!r}", cell.offset, text, _near_miss(cell.ref, values))
    if any(values[cell.ref] is None for cell in _cells(node)):
        return None
    return to_number(_eval(node, values, text))


def _eval(node: Expr, values: Mapping[str, float | None], text: str) -> Fraction:
    offset = getattr(node, "offset", 0)
    return _bounded(_step(node, values, text), offset, text)


def _step(node: Expr, values: Mapping[str, float | None], text: str) -> Fraction:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Cell):
        return _fraction(values[node.ref], node.ref, node.offset, text)
    if isinstance(node, Neg):
        return -_eval(node.operand, values, text)
    if isinstance(node, Sum):
        return sum((_eval(arg, values, text) for arg in node.args), Fraction(0))
    left, right = _eval(node.left, values, text), _eval(node.right, values, text)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise FormulaError("division by zero", node.offset, text)
    return left / right
