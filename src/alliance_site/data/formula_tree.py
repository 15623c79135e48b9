"""The expression tree of a table formula, and the error every step of reading or computing one raises.

Nodes carry the ``offset`` in the formula text they come from, so that an error found later
(an unknown cell, a division by zero) can still point at its place. The language itself is
described in :mod:`alliance_site.data.formula`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

__all__ = ["BinOp", "Cell", "Expr", "FormulaError", "Neg", "Num", "Sum"]


@dataclass
class FormulaError(ValueError):
    """A formula that cannot be parsed or evaluated; ``offset`` is where in it the problem is."""

    message: str
    offset: int
    formula: str = ""
    hint: str = field(default="")

    def __str__(self) -> str:
        return self.message

    def pointer(self) -> str:
        """The formula with a caret under the offset, for terminal messages."""
        return f"{self.formula}\n{' ' * self.offset}^"


@dataclass(frozen=True)
class Num:
    """A number written in the formula."""

    value: Fraction
    offset: int


@dataclass(frozen=True)
class Cell:
    """A reference ``ROW.COLUMN`` to a table cell."""

    ref: str
    offset: int


@dataclass(frozen=True)
class Neg:
    """Unary minus."""

    operand: Expr
    offset: int


@dataclass(frozen=True)
class BinOp:
    """``left op right`` with op one of ``+ - * /``."""

    op: str
    left: Expr
    right: Expr
    offset: int


@dataclass(frozen=True)
class Sum:
    """``sum(a, b, ...)``."""

    args: tuple[Expr, ...]
    offset: int


Expr = Num | Cell | Neg | BinOp | Sum
