"""Formula text → expression tree: the tokenizer and recursive-descent parser of table formulas.

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

Errors are :class:`~alliance_site.data.formula_tree.FormulaError` with the offset of the
offending token and, where the usual slip is known, a hint.

The work is bounded by the formula's size: a formula is at most :data:`MAX_CHARS` characters
and :data:`MAX_TOKENS` tokens, parentheses, ``sum(`` and unary minus nest at most
:data:`MAX_DEPTH` deep, and a number has at most :data:`MAX_DIGITS` digits; so neither the
parser nor anything walking its tree can run out of stack, and a huge formula is refused before
it is read.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .formula_tree import BinOp, Cell, Expr, FormulaError, Neg, Num, Sum

__all__ = ["MAX_CHARS", "MAX_DEPTH", "MAX_DIGITS", "MAX_TOKENS", "parse"]

MAX_CHARS = 1000
MAX_TOKENS = 400
MAX_DEPTH = 40
MAX_DIGITS = 30

_ID = r"[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*"
_CELL_RE = re.compile(rf"{_ID}\.{_ID}")
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A "word" is anything that could be meant as a number, a cell or a function name; it is
# read greedily and classified afterwards, so errors can name the whole thing.
_WORD_RE = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[-.](?=[A-Za-z0-9_]))*")
_OPS = "+-*/(),"


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
            if len(tokens) > MAX_TOKENS:
                raise FormulaError(
                    f"formula has more than {MAX_TOKENS} numbers, cells and operators",
                    i,
                    text,
                    "split it: give a part its own derived value and use that",
                )
            i += 1
            continue
        word = _WORD_RE.match(text, i)
        if not word:
            hint = "a number needs a digit before the point: 0.5" if ch == "." else ""
            raise FormulaError(f"unexpected character {ch!r}", i, text, hint)
        kind = _classify(word[0], i, text)
        if kind == "num" and len(word[0]) - ("." in word[0]) > MAX_DIGITS:
            raise FormulaError(
                f"number has {len(word[0]) - ('.' in word[0])} digits, more than {MAX_DIGITS}",
                i,
                text,
                "a table formula works with figures as a text gives them; round the number",
            )
        tokens.append((kind, word[0], i))
        if len(tokens) > MAX_TOKENS:
            raise FormulaError(
                f"formula has more than {MAX_TOKENS} numbers, cells and operators",
                i,
                text,
                "split it: give a part its own derived value and use that",
            )
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
        self.depth = 0

    def nest(self, offset: int) -> None:
        """Enter one level of parentheses, ``sum(`` or unary minus; refuse the level past the bound."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(
                f"formula nests parentheses and minus signs more than {MAX_DEPTH} deep",
                offset,
                "write it flatter: a - b rather than -(-(a))",
            )

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
            self.nest(offset)
            node = Neg(self.unary(), offset)
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Expr:
        kind, word, offset = self.take()
        if kind == "num":
            return Num(Fraction(word), offset)
        if kind == "cell":
            return Cell(word, offset)
        if kind == "(":
            self.nest(offset)
            node = self.expr()
            self.expect(")")
            self.depth -= 1
            return node
        if kind == "name":
            if word != "sum":
                raise self.error(
                    f"unknown function or bare name {word!r}", offset, "the only function is sum(a, b, ...)"
                )
            if self.peek()[0] != "(":
                raise self.error("sum needs its parts in parentheses", self.peek()[2], "sum(a.x, b.x)")
            self.nest(self.take()[2])
            args = [self.expr()]
            while self.peek()[0] == ",":
                self.take()
                args.append(self.expr())
            self.expect(")")
            self.depth -= 1
            return Sum(tuple(args), offset)
        if kind == "end":
            raise self.error("formula ends too early", offset, "something is missing after the last operator")
        raise self.error(f"expected a number, a cell or '(' but found {_describe((kind, word, offset))}", offset)


def _describe(token: tuple[str, str, int]) -> str:
    return "the end of the formula" if token[0] == "end" else repr(token[1])


def parse(formula: str) -> Expr:
    """Parse ``formula`` into an expression tree; raise :class:`FormulaError` on bad syntax."""
    if len(formula) > MAX_CHARS:
        raise FormulaError(
            f"formula is {len(formula):,} characters long, more than {MAX_CHARS:,}",
            MAX_CHARS,
            formula,
            "split it: give a part its own derived value and use that",
        )
    parser = _Parser(formula)
    if parser.peek()[0] == "end":
        raise FormulaError("formula is empty", 0, formula)
    node = parser.expr()
    token = parser.peek()
    if token[0] != "end":
        raise FormulaError(f"unexpected {_describe(token)} after a complete expression", token[2], formula)
    return node
