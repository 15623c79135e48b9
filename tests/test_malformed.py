"""Malformed corpora: each case is tests/roots/minimal/content with one file broken, and must
stop with exactly the expected problems — the right file, line and column, a message that says
what to fix, severity error — without a traceback and without writing a byte.

Positions are counted by hand against tests/roots/minimal (line 1 of each content file there
is its ``# yaml-language-server`` comment). Every mutation checks that the text it replaces
occurs exactly once, so a change to the fixture fails loudly here instead of testing nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from alliance_site.validate.run import load_corpus
from support.sitebuild import alliance_site as run_cli

MINIMAL = Path(__file__).parent / "roots" / "minimal" / "content"


# --- building a broken corpus ----------------------------------------------------------------


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace the one occurrence of ``old`` in ``content/rel``."""

    def mutate(content: Path) -> None:
        path = content / rel
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{rel}: {old!r} occurs {text.count(old)} times; has the fixture changed?"
        path.write_text(text.replace(old, new), "utf-8")

    return mutate


def write(rel: str, data: str | bytes) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return mutate


def remove(rel: str) -> Callable[[Path], None]:
    return lambda content: (content / rel).unlink()


def replace_bytes(rel: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        path = content / rel
        raw = path.read_bytes()
        assert raw.count(old) == 1, f"{rel}: {old!r} occurs {raw.count(old)} times"
        path.write_bytes(raw.replace(old, new))

    return mutate


@dataclass(frozen=True)
class Expect:
    """One problem: where it is, and the words of the message (and hint) an editor acts on."""

    file: str
    line: int
    column: int
    words: tuple[str, ...]
    hint: tuple[str, ...] = ()
    severity: str = "error"


def E(file: str, line: int, column: int, *words: str, hint: tuple[str, ...] = ()) -> Expect:
    return Expect("content/" + file, line, column, words, hint)


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], None]
    expected: tuple[Expect, ...]
    cli: bool = False  # also run through `alliance-site validate`
    bounded: bool = False  # refused with memory bounded by the input (measured, not timed)


ONE = "chapters/one.yml"
SMITH = "sources/smith2020.yml"
DOE = "sources/doe2019.yml"
WAR = "events/war.yml"
CHART = "figures/chart.yml"
NUMBERS = "tables/numbers.yml"
GLOSSARY = "glossary.yml"
CORPUS = "corpus.yml"

# Billion laughs: x1 repeats x0 nine times, x2 repeats x1 nine times, and so on. Alias uses: 9 in x1,
# 9 × (1 + 9) = 90 in x2, the 100th is x3's first *a2 and the 101st the first *a1 inside it; that
# value is reported where it is defined, x1's on line 5, column 5 (line 1 is a comment, as in the fixture).
ALIAS_BOMB = (
    "# yaml-language-server: $schema=../../schemas/source.schema.json\n"
    + "id: doe2019\ntype: document\n"
    + 'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"x{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
)

CASES = [
    # --- YAML that does not parse -------------------------------------------------------------
    Case(
        "yaml-syntax-unclosed-list",
        replace(DOE, "type: document", "type: [document"),
        (E(DOE, 4, 7, "YAML syntax error", "',' or ']'", "starts at line 3, column 7"),),
        cli=True,
    ),
    Case(
        "yaml-syntax-unclosed-quote",
        replace(DOE, "type: document", 'type: "document'),
        (E(DOE, 6, 1, "YAML syntax error", "end of stream", "quoted scalar that starts at line 3, column 7"),),
    ),
    Case(
        # the quote opened on line 6 closes at the first quote of line 8, where YAML then stumbles
        "yaml-syntax-unclosed-quote-closed-later",
        replace(SMITH, "title: A history", 'title: "A history'),
        (E(SMITH, 8, 12, "YAML syntax error", "did not find expected key"),),
    ),
    Case(
        "yaml-syntax-colon-in-text",
        replace(SMITH, "title: A history", "title: A: history"),
        (E(SMITH, 6, 9, "YAML syntax error", "mapping values are not allowed", hint=("colons", "quotes")),),
    ),
    Case(
        "tab-indentation",
        replace(NUMBERS, "    label: Total", "\tlabel: Total"),
        (E(NUMBERS, 9, 1, "tab", "indentation", hint=("spaces",)),),
        cli=True,
    ),
    Case(
        "duplicate-key",
        replace(SMITH, "publisher: Example Press", "publisher: Example Press\ntitle: Again"),
        (E(SMITH, 8, 1, "duplicate key 'title'", "first at line 6", hint=("keep one",)),),
    ),
    Case(
        "not-utf8",
        replace_bytes(DOE, b"Doe Institute", "Institut für Geschichte".encode("latin-1")),
        (E(DOE, 4, 30, "not UTF-8", "0xfc", hint=("UTF-8",)),),
        cli=True,
    ),
    Case("empty-file", write(DOE, ""), (E(DOE, 1, 1, "file is empty", hint=("add the fields",)),)),
    Case(
        "only-the-schema-comment",
        write(DOE, "# yaml-language-server: $schema=../../schemas/source.schema.json\n"),
        (E(DOE, 1, 1, "file is empty"),),
    ),
    Case(
        "python-object-tag",
        replace(DOE, "type: document", "type: !!python/object:os.system document"),
        (E(DOE, 3, 7, "!!python/object:os.system", "not allowed", hint=("remove the '!' tag",)),),
        cli=True,
    ),
    Case(
        "custom-include-tag",
        replace(SMITH, "publisher: Example Press", "publisher: !include press.yml"),
        (E(SMITH, 7, 12, "'!include' is not allowed"),),
    ),
    Case(
        "alias-bomb",
        write(DOE, ALIAS_BOMB),
        (E(DOE, 5, 5, "more than 100 alias uses", hint=("write the values out",)),),
        bounded=True,
    ),
    Case(
        "ten-megabyte-file",
        write(DOE, "id: doe2019\ntype: document\nnote: '" + "x" * 10_000_000 + "'\n"),
        (E(DOE, 1, 1, "10,000,036 bytes", "more than the limit", hint=("split",)),),
        bounded=True,
    ),
    Case(
        "recursive-alias",
        replace(DOE, "author: [{literal: Doe Institute}]", "author: &a [*a]"),
        (E(DOE, 4, 9, "alias refers to the value that contains it", hint=("recursive",)),),
    ),
    Case(
        "deep-nesting",
        replace(DOE, "issued: 2019", "issued: 2019\nnote: " + "[" * 60 + "]" * 60),
        (E(DOE, 6, 57, "nesting is deeper than 50 levels"),),
    ),
    Case(
        "merge-key",
        replace(SMITH, "publisher: Example Press", "base: &b {publisher: X}\n<<: *b"),
        (E(SMITH, 8, 1, "merge keys ('<<') are not supported"),),
    ),
    Case(
        "undefined-alias",
        replace(SMITH, "publisher: Example Press", "publisher: *press"),
        (E(SMITH, 7, 12, "undefined alias", hint=("&anchor",)),),
    ),
    Case(
        "nan-in-a-cell",
        replace(NUMBERS, "cells: {a: {value: 10}, b: {value: 10}}", "cells: {a: {value: .nan}, b: {value: 10}}"),
        (E(NUMBERS, 15, 24, "'.nan' is not a number", hint=("null",)),),
    ),
    Case(
        "control-character",
        replace(SMITH, "title: A history", "title: A hi\x07story"),
        (E(SMITH, 6, 12, "control character U+0007"),),
    ),
    Case(
        "list-instead-of-mapping",
        write(DOE, "- id: doe2019\n- type: document\n"),
        (E(DOE, 1, 1, "must be a mapping", "not a list"),),
    ),
    Case("single-value-file", write(DOE, "doe2019\n"), (E(DOE, 1, 1, "must be a mapping"),)),
    # --- against the schema -------------------------------------------------------------------
    Case(
        "unknown-field-did-you-mean",
        replace(SMITH, "publisher:", "publsher:"),
        (E(SMITH, 7, 1, "unknown field 'publsher'", hint=("did you mean 'publisher'?",)),),
        cli=True,
    ),
    Case(
        "misspelt-paragraph-text",
        replace(ONE, "    text: An opening", "    txt: An opening"),
        (
            E(ONE, 6, 5, "missing required field 'text'", hint=("verbatim",)),
            E(ONE, 7, 5, "unknown field 'txt'", hint=("did you mean 'text'?",)),
        ),
    ),
    Case(
        "wrong-type",
        replace(ONE, "page: 3", "page: three"),
        (E(ONE, 12, 11, "field 'page' should be a whole number", "'three'"),),
    ),
    Case(
        "list-expected",
        replace(WAR, "paragraphs: [p-second]", "paragraphs: p-second"),
        (E(WAR, 5, 13, "field 'paragraphs' should be a list", "'p-second'"),),
    ),
    Case(
        "chapters-not-a-list",
        replace(CORPUS, "chapters: [one]", "chapters: one"),
        (E(CORPUS, 4, 11, "field 'chapters' should be a list", "'one'"),),
    ),
    Case(
        "octal-looking-number",
        replace(NUMBERS, "cells: {a: {value: 10}, b: {value: 10}}", "cells: {a: {value: 010}, b: {value: 10}}"),
        (E(NUMBERS, 15, 24, "field 'value' should be a number or null", "'010'"),),
    ),
    Case(
        "missing-required-field",
        replace(WAR, "title: The war begins\n", ""),
        (E(WAR, 2, 1, "missing required field 'title'"),),
        cli=True,
    ),
    Case(
        "empty-required-text",
        replace(ONE, "title: The first chapter", 'title: ""'),
        (E(ONE, 4, 8, "field 'title' must not be empty"),),
    ),
    Case(
        "bad-id-uppercase",
        replace(ONE, "- id: p-intro", "- id: P-Intro"),
        (E(ONE, 6, 9, "field 'id' has the wrong form", "'P-Intro'", hint=("lowercase",)),),
    ),
    Case(
        "bad-id-space",
        replace(ONE, "- id: s-one", "- id: s one"),
        (E(ONE, 9, 9, "field 'id' has the wrong form", "'s one'", hint=("lowercase",)),),
    ),
    Case(
        "enum-typo",
        replace(GLOSSARY, "expanded_by: editors", "expanded_by: editor"),
        (E(GLOSSARY, 3, 67, "'editor'", "not one of", "'editors'", hint=("did you mean 'editors'?",)),),
        cli=True,
    ),
    Case(
        "language-tag",
        replace(CORPUS, "language: en", "language: English!"),
        (E(CORPUS, 3, 11, "field 'language' has the wrong form", hint=("BCP 47",)),),
    ),
    Case(
        "date-in-words",
        replace(WAR, 'date: "1950"', 'date: "25 June 1950"'),
        (E(WAR, 3, 7, "field 'date' has the wrong form", "'25 June 1950'", hint=("YYYY",)),),
    ),
    # --- dates ---------------------------------------------------------------------------------
    Case(
        "bad-date-in-event",
        replace(WAR, 'date: "1950"', 'date: "1950-13-45"'),
        (E(WAR, 3, 7, "bad date '1950-13-45'", "month 13", hint=("YYYY-MM-DD",)),),
        cli=True,
    ),
    Case(
        "bad-date-in-source",
        replace(DOE, "issued: 2019", 'issued: "2019-02-30"'),
        (E(DOE, 5, 9, "bad date '2019-02-30'", "day 30"),),
    ),
    # --- references across files ---------------------------------------------------------------
    Case(
        "unknown-citation-key",
        replace(ONE, "and @doe2019 about", "and @doe2091 about"),
        (E(ONE, 7, 63, "unknown citation key 'doe2091'", hint=("did you mean 'doe2019'?",)),),
        cli=True,
    ),
    Case(
        # '@doe' is also the start of '@doe2019', earlier on the line: the position is that of '@doe' itself
        "unknown-key-that-prefixes-a-known-one",
        replace(ONE, "and @doe2019 about", "and @doe2019 or [@doe] about"),
        (E(ONE, 7, 76, "unknown citation key 'doe'", hint=("did you mean 'doe2019'?",)),),
    ),
    Case(
        "unknown-cross-reference",
        replace(ONE, "@tbl:numbers.", "@tbl:numbrs."),
        (E(ONE, 15, 81, "unknown cross-reference @tbl:numbrs", "no table", hint=("did you mean 'numbers'?",)),),
        cli=True,
    ),
    Case(
        "unknown-figure-cross-reference",
        replace(ONE, "about the USA.", "about the USA (@fig:chrt)."),
        (E(ONE, 7, 87, "unknown cross-reference @fig:chrt", "no figure", hint=("did you mean 'chart'?",)),),
    ),
    Case(
        "unknown-section-cross-reference",
        replace(ONE, "@tbl:numbers.", "@tbl:numbers, see @sec:s-two."),
        (E(ONE, 15, 99, "unknown cross-reference @sec:s-two", "no section", hint=("did you mean 's-one'?",)),),
    ),
    Case(
        "unclosed-citation-bracket",
        replace(ONE, "[@smith2020, p. 12]", "[@smith2020, p. 12"),
        (E(ONE, 7, 39, "citation bracket '[' is never closed", hint=("close it with ']'",)),),
        cli=True,
    ),
    Case(
        "crossref-inside-brackets",
        replace(ONE, "[@smith2020; @doe2019]", "[@smith2020; @tbl:numbers]"),
        (E(ONE, 15, 51, "@tbl:numbers is a cross-reference, not a citation", hint=("outside brackets",)),),
    ),
    Case(
        "citation-item-without-key",
        replace(ONE, "[@smith2020; @doe2019]", "[@smith2020; see above]"),
        (E(ONE, 15, 51, "citation item 'see above' has no @key"),),
    ),
    Case(
        "duplicate-source-id-across-files",
        write("sources/smith2020b.yml", "id: smith2020\ntype: book\n"),
        (
            E(
                "sources/smith2020b.yml",
                1,
                5,
                "duplicate source id 'smith2020'",
                "content/sources/smith2020.yml:2:5",
                hint=("new, unused id",),
            ),
        ),
        cli=True,
    ),
    Case(
        "duplicate-table-id",
        write("tables/numbers2.yml", (MINIMAL / NUMBERS).read_text("utf-8")),
        (E("tables/numbers2.yml", 2, 5, "duplicate table id 'numbers'", "content/tables/numbers.yml:2:5"),),
    ),
    Case(
        "duplicate-paragraph-id",
        replace(
            ONE,
            "      - table: numbers",
            "      - id: p-intro\n        text: Another paragraph.\n      - table: numbers",
        ),
        (E(ONE, 18, 13, "duplicate paragraph id 'p-intro'", "content/chapters/one.yml:6:9", hint=("never renumber",)),),
    ),
    Case(
        "duplicate-glossary-term",
        replace(
            GLOSSARY,
            "expanded_by: editors}",
            "expanded_by: editors}\n  - {term: USA, expansion: U.S.A., expanded_by: text}",
        ),
        (E(GLOSSARY, 4, 12, "duplicate glossary term 'USA'", hint=("merge it with entry 1",)),),
    ),
    Case(
        "unknown-source-in-event",
        replace(WAR, "sources: [smith2020]", "sources: [smith2002]"),
        (E(WAR, 6, 11, "unknown source 'smith2002'", hint=("did you mean 'smith2020'?",)),),
    ),
    Case(
        "unknown-paragraph-in-event",
        replace(WAR, "paragraphs: [p-second]", "paragraphs: [p-secnd]"),
        (E(WAR, 5, 14, "unknown paragraph 'p-secnd'", hint=("did you mean 'p-second'?",)),),
    ),
    Case(
        "unknown-table-placed-in-chapter",
        replace(ONE, "- table: numbers", "- table: numbrs"),
        (E(ONE, 18, 16, "unknown table 'numbrs'", hint=("did you mean 'numbers'?",)),),
    ),
    Case(
        "unknown-data-table-of-figure",
        replace(CHART, "sources: [doe2019]", "sources: [doe2019]\ndata_table: numbrs"),
        (E(CHART, 6, 13, "unknown table 'numbrs'", hint=("did you mean 'numbers'?",)),),
    ),
    Case(
        "unknown-column-in-cell",
        replace(NUMBERS, "b: {value: 10}}", "c: {value: 10}}"),
        (E(NUMBERS, 15, 29, "unknown column 'c'", hint=("columns are: a, b",)),),
    ),
    Case(
        "unknown-paragraph-in-cell",
        replace(NUMBERS, "b: {value: 20, paragraph: p-second}", "b: {value: 20, paragraph: p-secnd}"),
        (E(NUMBERS, 11, 76, "unknown paragraph 'p-secnd'", hint=("did you mean 'p-second'?",)),),
    ),
    Case(
        "formula-unknown-cell",
        replace(NUMBERS, 'equals: "part1.b + part2.b"', 'equals: "part1.b + part3.b"'),
        (E(NUMBERS, 21, 53, "unknown cell 'part3.b'", hint=("ROW.COLUMN",)),),
    ),
    Case(
        "check-of-unknown-cell",
        replace(NUMBERS, "cell: total.b", "cell: totl.b"),
        (E(NUMBERS, 21, 25, "unknown cell 'totl.b'"),),
    ),
    Case(
        "unknown-chapter-in-corpus",
        replace(CORPUS, "chapters: [one]", "chapters: [one, two]"),
        (E(CORPUS, 4, 17, "unknown chapter 'two'"),),
        cli=True,
    ),
    Case(
        "missing-corpus-yml",
        remove(CORPUS),
        (E(CORPUS, 1, 1, "corpus.yml is missing", hint=("title, language and chapters",)),),
        cli=True,
    ),
    Case(
        "page-break-words-not-in-text",
        replace(ONE, 'before: "and the data"', 'before: "and then data"'),
        (E(ONE, 16, 41, "page break words 'and then data' do not occur", hint=("exactly",)),),
    ),
    Case(
        "editorial-at-not-in-text",
        replace(ONE, 'at: "began"', 'at: "begun"'),
        (E(ONE, 17, 37, "editorial note is about 'begun'", "does not occur", hint=("exactly",)),),
    ),
    Case(
        "image-file-missing",
        replace(CHART, "sources: [doe2019]", "sources: [doe2019]\nimage: {path: img/chart.png, alt: A chart}"),
        (E(CHART, 6, 15, "image file 'img/chart.png' does not exist", hint=("relative to content/",)),),
    ),
]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes (a 10 MB file is compared by identity of content)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def broken_corpus(tmp_path: Path, case: Case) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    case.mutate(content)
    return content


def check_problems(problems, expected: tuple[Expect, ...]) -> None:
    got = sorted((p.file, p.line, p.column, p.severity) for p in problems)
    want = sorted((e.file, e.line, e.column, e.severity) for e in expected)
    assert got == want, "\n".join(map(str, problems))
    for problem in problems:
        (match,) = [e for e in expected if (e.file, e.line, e.column) == (problem.file, problem.line, problem.column)]
        for word in match.words:
            assert word in problem.message, str(problem)
        for word in match.hint:
            assert word in problem.hint, str(problem)
        assert "\n" not in problem.message


def test_there_are_at_least_thirty_distinct_cases():
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


def test_the_fixture_itself_is_clean(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "content")
    result = load_corpus(tmp_path / "content")
    # Only the fixture's own editorial note: a total the text gives that its parts do not add up to.
    assert [(p.severity, p.message) for p in result.problems] == [
        ("note", "The text gives the total as 20, but its parts sum to 15.")
    ]
    assert result.corpus is not None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_malformed_corpus(case, tmp_path):
    content = broken_corpus(tmp_path, case)
    before = snapshot(tmp_path)
    if case.bounded:
        tracemalloc.start()
    try:
        result = load_corpus(content)
    finally:
        peak = tracemalloc.get_traced_memory()[1] if case.bounded else 0
        tracemalloc.stop()
    assert result.corpus is None
    check_problems(result.problems, case.expected)
    assert all(p.severity == "error" for p in result.problems)
    assert snapshot(tmp_path) == before, "validation wrote or changed a file"
    if case.bounded:  # the files read once, and a fixed allowance for the loader: nothing expanded
        biggest = max(p.stat().st_size for p in content.rglob("*") if p.is_file())
        assert peak < 2 * biggest + 5_000_000, f"{peak:,} bytes for a {biggest:,}-byte file"


# --- the same through the command line --------------------------------------------------------


def alliance_site(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run_cli(*args, cwd=cwd, env={"PYTHONWARNINGS": "ignore"}, timeout=120)


CLI_CASES = [c for c in CASES if c.cli]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_cli_validate_reports_and_fails(case, tmp_path):
    broken_corpus(tmp_path, case)
    before = snapshot(tmp_path)
    result = alliance_site("validate", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for e in case.expected:
        prefix = f"{e.file}:{e.line}:{e.column}: error: "
        (line,) = [x for x in lines if x.startswith(prefix)]
        for word in e.words:
            assert word in line
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{len(case.expected)} error(s)" in result.stderr
    assert snapshot(tmp_path) == before


def test_cli_json_format(tmp_path):
    case = next(c for c in CASES if c.id == "unknown-citation-key")
    content = broken_corpus(tmp_path, case)
    result = alliance_site("validate", "--content", "content", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    problems = json.loads(result.stdout)
    assert problems == [p.to_dict() for p in load_corpus(content).problems]
    assert problems == [
        {
            "file": "content/chapters/one.yml",
            "line": 7,
            "column": 63,
            "severity": "error",
            "message": "unknown citation key 'doe2091'",
            "hint": "did you mean 'doe2019'?",
        }
    ]


def test_cli_json_format_on_a_clean_corpus_is_an_empty_list(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "content")
    replace(NUMBERS, "b: {value: 5}", "b: {value: 10}")(tmp_path / "content")  # the parts now add up to the total
    result = alliance_site("validate", "--content", "content", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_cli_strict_fails_on_warnings_only(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    replace(NUMBERS, "b: {value: 5}", "b: {value: 10}")(content)  # no data finding: the only findings are below

    clean = alliance_site("validate", "--content", "content", "--strict", cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "0 error(s), 0 warning(s), 0 note(s)" in clean.stderr

    # A source nobody cites yet is a note: listed, never failing, not even --strict.
    write("sources/extra2021.yml", "id: extra2021\ntype: book\ntitle: Never cited\n")(content)
    pending = alliance_site("validate", "--content", "content", "--strict", cwd=tmp_path)
    assert pending.returncode == 0, pending.stdout + pending.stderr
    assert pending.stdout.startswith("content/sources/extra2021.yml:1:5: note: source 'extra2021' is cited nowhere")

    # A YAML file where no kind of entry lives is a warning: --strict fails on it, a plain run does not.
    write("notes.yml", "id: stray\n")(content)
    plain = alliance_site("validate", "--content", "content", cwd=tmp_path)
    strict = alliance_site("validate", "--content", "content", "--strict", cwd=tmp_path)
    warning = "content/notes.yml:1:1: warning: file is not in a folder the corpus reads"
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert strict.returncode == 1, strict.stdout + strict.stderr
    for run in (plain, strict):
        assert run.stdout.startswith(warning)
        assert "0 error(s), 1 warning(s), 1 note(s)" in run.stderr
        assert "Traceback" not in run.stdout + run.stderr


def test_cli_missing_content_folder(tmp_path):
    result = alliance_site("validate", "--content", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("nowhere:1:1: error: content folder does not exist")
    assert "Traceback" not in result.stdout + result.stderr


# --- never a traceback: every value replaced by every kind of wrong value ----------------------

WRONG_VALUES = [None, "x", 7, [], {}, ["x"], [{"a": 1}], {"a": 1}]

# The fixture, with the optional parts the checks also walk: a declared translation language and
# translations, a derived value, a structure figure with an image, an event with figures and notes.
RICH = {
    CORPUS: {"translations": {"fr": {"by": "Editors"}}},
    ONE: {"translations": {"fr": {"title": "Le premier chapitre"}}},
    NUMBERS: {
        "derived": [
            {"id": "half", "label": "Half", "formula": "total.a / 2", "stated": {"value": 15, "paragraph": "p-second"}}
        ],
        "translations": {"fr": {"caption": "Des nombres"}},
    },
    CHART: {
        "image": {"path": "chart.png", "alt": "A chart"},
        "structure": {"label": "Top", "children": [{"label": "Child", "translations": {"fr": {"label": "Enfant"}}}]},
    },
    WAR: {"figures": ["chart"], "editorial": [{"kind": "note", "at": "war", "occurrence": 1, "note": "x"}]},
    DOE: {"accessed": "2020-01-01", "cited_as": ["Doe, 2019"]},
}


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))


def _replaced(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


def rich_corpus(content: Path) -> dict[str, dict]:
    shutil.copytree(MINIMAL, content)
    (content / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # the bytes of a PNG, as its name says
    files = {}
    for path in sorted(content.rglob("*.yml")):
        rel = path.relative_to(content).as_posix()
        files[rel] = {**yaml.safe_load(path.read_text("utf-8")), **RICH.get(rel, {})}
        path.write_text(json.dumps(files[rel]), "utf-8")  # JSON is YAML, without YAML subtleties of its own
    return files


def test_the_rich_fixture_is_valid(tmp_path):
    rich_corpus(tmp_path / "content")
    result = load_corpus(tmp_path / "content")
    assert result.errors == []
    assert result.corpus is not None


@pytest.mark.parametrize("rel", sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*.yml")))
def test_wrong_values_anywhere_never_raise(rel, tmp_path):
    """The validator reports a value of the wrong type; it never crashes on one, wherever it is."""
    content = tmp_path / "content"
    original = rich_corpus(content)[rel]
    for path in list(_paths(original)):
        for wrong in WRONG_VALUES:
            (content / rel).write_text(json.dumps(_replaced(original, path, wrong)), "utf-8")
            result = load_corpus(content)  # must not raise
            assert all(p.line >= 1 and p.column >= 1 for p in result.problems)
            if result.corpus is None:
                assert result.errors, (path, wrong)
