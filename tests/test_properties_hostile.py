"""Property-based tests (Hypothesis) of issue 17's hostile input, beside tests/test_properties.py and
with its settings: random formulas, cell values, ids and plugin options only ever give the project's
own problems (file:line:column, or one message naming mkdocs.yml), never an exception, and the work on
them is bounded by their size."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, note
from hypothesis import strategies as st

from alliance_site.data.formula import FormulaError, evaluate, validate
from alliance_site.data.numbers import format_number
from alliance_site.site import build_site
from alliance_site.text.ids import slug
from alliance_site.validate.run import load_corpus
from support.sitebuild import mkdocs_build
from test_properties import assert_own_problems, examples

MINIMAL = Path(__file__).parent / "roots" / "minimal"
CELLS = {"part1.a": 10, "part1.b": 10, "part2.a": 20, "part2.b": 5, "total.a": 30, "total.b": 20}
TOKENS = ["part1.b", "part2.a", "total.b", "x.y", "1", "0", "999999999", "3.5", "+", "-", "*", "/", "(", ")"]
TOKENS += [",", "sum(", " ", "A.B", ".", "%", "sum", "9" * 40]


def _formulas():
    tokens = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)
    nested = st.integers(0, 600).map(lambda n: "(" * n + "part1.b" + ")" * n)
    minuses = st.integers(0, 2000).map(lambda n: "-" * n + "1")
    products = st.integers(1, 120).map(lambda n: " * ".join(["1000000000"] * n) + " / 3")
    sums = st.integers(1, 1500).map(lambda n: " + ".join(["part1.b"] * n))
    return st.one_of(tokens, nested, minuses, products, sums, st.text(max_size=200))


@examples(300, 20000)
@given(formula=_formulas())
def test_any_formula_is_a_value_or_formula_errors_never_an_exception(formula):
    errors = validate(formula, CELLS)
    assert all(isinstance(e, FormulaError) and 0 <= e.offset <= len(formula) for e in errors)
    try:
        value = evaluate(formula, CELLS)
    except FormulaError:
        return
    assert errors == [], errors  # what the build can compute, validate has nothing against
    if value is not None:
        format_number(value)  # whatever a formula may give can be shown


@examples(300, 20000)
@given(
    value=st.one_of(st.integers(), st.integers(-(10**400), 10**400), st.floats(allow_nan=False, allow_infinity=False))
)
def test_format_number_is_exact_for_integers_and_never_raises(value):
    text = format_number(value)
    if isinstance(value, int):
        assert int(text.replace(",", "")) == value
        assert format_number(value, "id").replace(".", "") == text.replace(",", "")


CELL_VALUES = st.one_of(
    st.integers(-(10**80), 10**80).map(str),
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["1e400", "-1e400", ".inf", ".nan", "0x1F", "0o17", "1_000", "12:30", "010", "null", "yes"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30).map(lambda t: repr(t)),
)


def _corpus_with(tmp: str, rel: str, old: str, new: str) -> Path:
    content = Path(tmp) / "content"
    shutil.copytree(MINIMAL / "content", content)
    path = content / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    return content


@examples(60, 3000)
@given(value=CELL_VALUES, formula=_formulas())
def test_any_cell_value_and_formula_give_only_own_problems(value, formula):
    note(f"value {value[:80]!r}, formula {formula[:80]!r}")
    with tempfile.TemporaryDirectory() as tmp:
        content = _corpus_with(
            tmp,
            "tables/numbers.yml",
            "cells: {a: {value: 10}, b: {value: 10}}",
            "cells: {a: {value: 10}, b: {value: " + value + "}}",
        )
        table = content / "tables" / "numbers.yml"
        text = table.read_text("utf-8")
        escaped = formula.replace("\\", "\\\\").replace('"', '\\"')
        table.write_text(text.replace('equals: "part1.b + part2.b"', f'equals: "{escaped}"'), "utf-8")
        result = load_corpus(content)
        assert_own_problems(result.problems)
        build = build_site(content)
        assert_own_problems(build.problems)
        assert bool(build.pages) == (not build.errors)


IDS = st.one_of(
    st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_:.\-]{0,20}", fullmatch=True),
    st.integers(90, 400).map(lambda n: "k" * n),
    st.sampled_from(["index", "INDEX", "Index", "Smith2020", "SMITH2020", "smith2020", "doe2019", "Doe2019"]),
)


@examples(60, 3000)
@given(ident=IDS)
def test_any_source_id_is_valid_and_buildable_or_refused_by_validate(ident):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(MINIMAL / "content", content)
        (content / "sources" / "extra.yml").write_text(f"id: '{ident}'\ntype: book\ntitle: T\n", "utf-8")
        result = load_corpus(content)
        assert_own_problems(result.problems)
        build = build_site(content)
        assert_own_problems(build.problems)
        if build.errors:
            return
        uris = [page.uri for page in build.pages]
        assert len({uri.casefold() for uri in uris}) == len(uris), "two pages share a file on a case-blind disk"
        assert all(len(part.encode()) < 200 for uri in uris for part in uri.split("/"))
        assert f"bibliography/{slug(ident)}.md" in uris


OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "csl_style": st.sampled_from(["missing.csl", "broken.csl", "html.csl", ".", "content", "../outside.csl"]),
        "csl_locale": st.sampled_from(["id-ID", "en-US", "xx", "", "de-DE"]),
        "ui_language": st.sampled_from(["en", "id", "zz", ""]),
        "content_dir": st.sampled_from(["content", "nowhere", "docs", "mkdocs.yml", "."]),
        "templates_dir": st.sampled_from(["templates", "nowhere", "content"]),
        "strict_content": st.booleans(),
        "set_nav": st.booleans(),
    },
)


@examples(4, 60, shrink=False)
@given(options=OPTIONS)
def test_any_plugin_options_build_or_fail_with_a_message_never_a_traceback(options):
    note(repr(options))
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(MINIMAL, project)
        (project / "broken.csl").write_bytes(b"<style><info>")
        (project / "html.csl").write_bytes(b"<html/>")
        config = project / "mkdocs.yml"
        lines = "".join(f"      {key}: {value!r}\n" for key, value in options.items())
        config.write_text(
            config.read_text("utf-8").replace("  - alliance-site\n", "  - alliance-site:\n" + lines or "", 1), "utf-8"
        )
        result = mkdocs_build(project, Path(tmp) / "site")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        if result.returncode != 0:
            assert "error" in result.stderr.lower(), result.stderr[-3000:]
            assert not (Path(tmp) / "site").exists()
