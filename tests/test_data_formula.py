"""The formula language: parse, refs, evaluate, and errors that say where and what."""

from __future__ import annotations

import pytest

from alliance_site.data.formula import FormulaError, evaluate, is_sum, parse, refs, validate

VALUES = {
    "armed.dprk": 842000,
    "armed.rok": 629000,
    "army.rok": 542000,
    "air.rok": 33000,
    "navy.rok": 29000,
    "share.dprk": 3.88,
    "total-1988.rok": 629000,
    "1988.rok": 10,
    "missing.rok": None,
}


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("army.rok + air.rok + navy.rok", 604000),
        ("sum(army.rok, air.rok, navy.rok)", 604000),
        ("sum(army.rok)", 542000),
        ("armed.dprk / armed.rok", 842000 / 629000),
        ("share.dprk * 100", 388),  # exact decimal arithmetic: not 388.00000000000006
        ("share.dprk / 100", 0.0388),
        ("total-1988.rok - army.rok", 87000),
        ("1988.rok * 2", 20),  # an id may start with a digit
        ("1988.5 * 2", 3977),  # digits.digits is a number, never a cell
        ("-army.rok + 2 * (air.rok - -1)", -542000 + 66002),
        ("  ( 1 + 2 ) * 3 ", 9),
        ("7 / 2", 3.5),
        ("sum(1, sum(2, 3), 4 * 5)", 26),
    ],
)
def test_evaluate(formula: str, expected: float) -> None:
    result = evaluate(formula, VALUES)
    assert result == expected
    assert type(result) is type(expected)  # integral results are int, others float


@pytest.mark.parametrize("formula", ["missing.rok", "army.rok + missing.rok", "sum(missing.rok, 1) / 0"])
def test_null_cell_makes_the_formula_unknown(formula: str) -> None:
    assert evaluate(formula, VALUES) is None


@pytest.mark.parametrize(
    ("formula", "offset", "message", "hint"),
    [
        ("", 0, "formula is empty", ""),
        ("army.rok +", 10, "formula ends too early", "missing"),
        ("army.rok + + 1", 11, "expected a number, a cell or '(' but found '+'", ""),
        ("(army.rok", 9, "expected ')'", ""),
        ("army.rok $ 2", 9, "unexpected character '$'", ""),
        ("army.rok + .5", 11, "unexpected character '.'", "0.5"),
        ("Army.rok", 0, "capital letters", "army.rok"),
        ("army.rok-air.rok", 0, "is not a cell reference", "spaces around a minus"),
        ("army_x.rok", 0, "is not a number or a cell reference", "lowercase letters"),
        ("avg(army.rok)", 0, "unknown function or bare name 'avg'", "sum("),
        ("sum army.rok", 4, "sum needs its parts in parentheses", ""),
        ("sum()", 4, "but found ')'", ""),
        ("army.rok 2", 9, "unexpected '2' after a complete expression", ""),
        ("12abc", 0, "is not a number or a cell reference", ""),
    ],
)
def test_syntax_errors_carry_offset_and_say_what(formula: str, offset: int, message: str, hint: str) -> None:
    with pytest.raises(FormulaError) as info:
        parse(formula)
    err = info.value
    assert err.offset == offset
    assert message in err.message
    assert hint in err.hint
    assert err.formula == formula
    assert err.pointer().splitlines()[1] == " " * offset + "^"


def test_unknown_cell_is_an_error_even_when_another_is_null() -> None:
    with pytest.raises(FormulaError) as info:
        evaluate("missing.rok + navy.dprk", VALUES)
    assert info.value.message == "unknown cell 'navy.dprk'"
    assert info.value.offset == 14


def test_division_by_zero_points_at_the_slash() -> None:
    with pytest.raises(FormulaError) as info:
        evaluate("army.rok / (air.rok - 33000)", VALUES)
    assert (info.value.message, info.value.offset) == ("division by zero", 9)


def test_a_cell_holding_text_is_an_error() -> None:
    with pytest.raises(FormulaError, match="not a number"):
        evaluate("a.b + 1", {"a.b": "34.500"})  # type: ignore[dict-item]
    with pytest.raises(FormulaError, match="not a number"):
        evaluate("a.b + 1", {"a.b": True})
    with pytest.raises(FormulaError, match="not a number"):
        evaluate("a.b + 1", {"a.b": float("inf")})


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("a.x + b.x + a.x", ["a.x", "b.x"]),
        ("sum(c.y, a.x) / (b.x - 2)", ["c.y", "a.x", "b.x"]),
        ("3 * 4", []),
    ],
)
def test_refs_in_order_of_first_appearance(formula: str, expected: list[str]) -> None:
    assert refs(formula) == expected
    assert refs(parse(formula)) == expected


def test_validate_lists_each_unknown_cell_with_its_offset() -> None:
    errors = validate("army.rok + navy.dprk + sum(air.dprk, navy.rok)", VALUES)
    assert [(e.message, e.offset) for e in errors] == [
        ("unknown cell 'navy.dprk'", 11),
        ("unknown cell 'air.dprk'", 27),
    ]
    assert validate("army.rok +", VALUES)[0].message == "formula ends too early"
    assert validate("army.rok - 1", VALUES) == []


def test_validate_hints_at_a_minus_without_spaces() -> None:
    (err,) = validate("army.rok-5", VALUES)
    assert err.message == "unknown cell 'army.rok-5'"
    assert "spaces around the minus" in err.hint


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("a.x + b.x + c.x", True),
        ("sum(a.x, b.x)", True),
        ("sum(a.x, b.x) + 4500", True),
        ("a.x", True),
        ("a.x - b.x", False),
        ("a.x / b.x", False),
        ("sum(a.x, b.x * 2)", False),
    ],
)
def test_is_sum(formula: str, expected: bool) -> None:
    assert is_sum(formula) is expected


def test_no_eval_of_python() -> None:
    for hostile in ["__import__('os').system('x')", "a.x; import os", "lambda: 1", "a.x ** 2"]:
        with pytest.raises(FormulaError):
            parse(hostile)
