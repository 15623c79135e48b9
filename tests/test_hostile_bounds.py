"""Hostile and extreme input, round two (issue 17): every input costs work bounded by its size.

Each test runs the attack under kernel limits on CPU time and memory (tests/support/bounded.py) that
correct code uses a small part of and the unbounded code it replaces always exceeded; none asserts a
wall-clock time."""

from __future__ import annotations

import pytest

from alliance_site.load.safe_yaml import YamlProblem, load_yaml
from alliance_site.text.markup import MarkupError, parse
from support.bounded import run_bounded


def _ok(result) -> None:
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])


# --- the citation parser is linear in the paragraph -----------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "'[' * 100_000",  # each '[' used to rescan to the end of the paragraph
        "'[' * 20_000 + ']'",
        "'[ ' * 50_000 + ']' * 50_000",  # nested brackets, none a citation
        "'[x ' * 30_000 + '@key'",  # unclosed brackets before a key: one error, at the first
        "'@key ' * 50_000",  # narrative citations, each looking for a locator after it
    ],
)
def test_citation_parser_is_linear_in_the_paragraph(paragraph):
    _ok(
        run_bounded(f"""
            from alliance_site.text.markup import MarkupError, _parse
            text = {paragraph}
            try:
                _parse(text)
            except MarkupError:
                pass
        """)
    )


def test_the_first_unclosed_bracket_before_a_key_is_the_one_named():
    with pytest.raises(MarkupError) as caught:
        parse("[x " * 1000 + "@key")
    assert caught.value.offset == 0
    assert "never closed" in caught.value.message


def test_a_long_paragraph_of_brackets_is_plain_text():
    tokens = parse("[" * 100_000)
    assert "".join(t.text for t in tokens) == "[" * 100_000


# --- every alias counts, with the size of what it brings back ---------------------------------------


def test_a_long_text_repeated_by_aliases_is_refused_by_its_size():
    source = "actors: [&a " + "x" * 1_000_000 + ", " + ", ".join(["*a"] * 300) + "]\n"
    with pytest.raises(YamlProblem) as caught:
        load_yaml(source.encode())
    assert "aliases expand the file to more than" in caught.value.message
    assert (caught.value.line, caught.value.column) == (1, 10)


def test_scalar_aliases_count_as_alias_uses():
    source = "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    with pytest.raises(YamlProblem) as caught:
        load_yaml(source.encode())
    assert "more than 100 alias uses" in caught.value.message


def test_a_thousand_aliases_of_a_long_text_stay_within_memory():
    _ok(
        run_bounded("""
            from alliance_site.load.safe_yaml import YamlProblem, load_yaml
            source = "actors: [&a " + "x" * 1_000_000 + ", " + ", ".join(["*a"] * 1000) + "]\\n"
            try:
                load_yaml(source.encode())
            except YamlProblem as problem:
                assert "aliases expand" in problem.message
            else:
                raise SystemExit("accepted")
        """)
    )


def test_a_few_scalar_aliases_are_fine():
    loaded = load_yaml(b"a: &a text\nb: [*a, *a]\n")
    assert loaded.data == {"a": "text", "b": ["text", "text"]}


def test_a_number_with_thousands_of_digits_is_refused_with_its_position():
    with pytest.raises(YamlProblem) as caught:
        load_yaml(b"id: t\nvalue: " + b"9" * 5000 + b"\n")
    assert (caught.value.line, caught.value.column) == (2, 8)
    assert "5,000 digits" in caught.value.message
