"""The formula language of tables: arithmetic over cells, parsed and evaluated without ``eval``.

Grammar (whitespace is free between tokens)::

    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := "-" unary | primary
    primary := NUMBER | CELL | "sum" "(" expr ("," expr)* ")" | "(" expr ")"
    NUMBER  := digits ["." digits]            e.g. 100, 3.88
    CELL    := ROW "." COLUMN                 e.g. armed.dprk, total-1988.rok

Ids may hold hyphens (``army-1988.rok``), so a minus between two cells needs spaces
around it: ``a.x - b.x``; ``a.x-b.x`` would read as the cell ``a.x-b`` followed by junk.
A token of digits, a point and digits is always a number, never a cell.

Arithmetic is exact (:class:`fractions.Fraction`; YAML decimals are taken as written, so
``3.88 * 100`` is exactly 388): integral results come back as ``int``, others as ``float``.
A cell whose value is null makes the whole formula unknown (``None``), never an error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

__all__ = [
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

_ID = r"[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*"
_CELL_RE = re.compile(rf"{_ID}\.{_ID}")
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A "word" is anything that could be meant as a number, a cell or a function name; it is
# read greedily and classified afterwards, so errors can name the whole thing.
_WORD_RE = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[-.](?=[A-Za-z0-9_]))*")
_OPS = "+-*/(),"


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


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    """Tokens as (kind, text, offset); kind is num, cell, name, an operator, or end."""
    tokens: list[tuple[str, str, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _OPS:
            tokens.append((ch, ch, i))
            i += 1
            continue
        word = _WORD_RE.match(text, i)
        if not word:
            hint = "a number needs a digit before the point: 0.5" if ch == "." else ""
            raise FormulaError(f"unexpected character {ch!r}", i, text, hint)
        tokens.append((_classify(word[0], i, text), word[0], i))
        i = word.end()
    tokens.append(("end", "", len(text)))
    return tokens


def _classify(word: str, offset: int, text: str) -> str:
    if _NUMBER_RE.fullmatch(word):
        return "num"
    if _CELL_RE.fullmatch(word):
        return "cell"
    if "." not in word and re.fullmatch(r"[a-z]+", word):
        return "name"
    if _CELL_RE.fullmatch(word.lower()):
        raise FormulaError(
            f"cell reference {word!r} has capital letters", offset, text, f"ids are lowercase: {word.lower()}"
        )
    if word.count(".") > 1:
        hint = "a cell is ROW.COLUMN, with one point"
        if "-" in word:  # ids may hold hyphens, so "a.x-b.x" reads as one word
            hint = "put spaces around a minus between cells: a.x - b.x"
        raise FormulaError(f"{word!r} is not a cell reference", offset, text, hint)
    raise FormulaError(
        f"{word!r} is not a number or a cell reference",
        offset,
        text,
        "a cell is ROW.COLUMN of lowercase letters, digits and hyphens; a number is like 12 or 3.5",
    )


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.pos]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def error(self, message: str, offset: int, hint: str = "") -> FormulaError:
        return FormulaError(message, offset, self.text, hint)

    def expect(self, kind: str) -> tuple[str, str, int]:
        token = self.take()
        if token[0] != kind:
            raise self.error(f"expected {kind!r} but found {_describe(token)}", token[2])
        return token

    def expr(self) -> Expr:
        node = self.term()
        while self.peek()[0] in ("+", "-"):
            op, _, offset = self.take()
            node = BinOp(op, node, self.term(), offset)
        return node

    def term(self) -> Expr:
        node = self.unary()
        while self.peek()[0] in ("*", "/"):
            op, _, offset = self.take()
            node = BinOp(op, node, self.unary(), offset)
        return node

    def unary(self) -> Expr:
        if self.peek()[0] == "-":
            offset = self.take()[2]
            return Neg(self.unary(), offset)
        return self.primary()

    def primary(self) -> Expr:
        kind, word, offset = self.take()
        if kind == "num":
            return Num(Fraction(word), offset)
        if kind == "cell":
            return Cell(word, offset)
        if kind == "(":
            node = self.expr()
            self.expect(")")
            return node
        if kind == "name":
            if word != "sum":
                raise self.error(
                    f"unknown function or bare name {word!r}", offset, "the only function is sum(a, b, ...)"
                )
            if self.peek()[0] != "(":
                raise self.error("sum needs its parts in parentheses", self.peek()[2], "sum(a.x, b.x)")
            self.take()
            args = [self.expr()]
            while self.peek()[0] == ",":
                self.take()
                args.append(self.expr())
            self.expect(")")
            return Sum(tuple(args), offset)
        if kind == "end":
            raise self.error("formula ends too early", offset, "something is missing after the last operator")
        raise self.error(f"expected a number, a cell or '(' but found {_describe((kind, word, offset))}", offset)


def _describe(token: tuple[str, str, int]) -> str:
    return "the end of the formula" if token[0] == "end" else repr(token[1])


def parse(formula: str) -> Expr:
    """Parse ``formula`` into an expression tree; raise :class:`FormulaError` on bad syntax."""
    parser = _Parser(formula)
    if parser.peek()[0] == "end":
        raise FormulaError("formula is empty", 0, formula)
    node = parser.expr()
    token = parser.peek()
    if token[0] != "end":
        raise FormulaError(f"unexpected {_describe(token)} after a complete expression", token[2], formula)
    return node


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
    return Fraction(value) if isinstance(value, int) else Fraction(repr(value))


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
