"""``alliance-site new``: valid entries from flags or prompts, ids by the corpus's convention, no overwrite,
nothing written when the result would be invalid, and paragraphs inserted without touching the rest."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from alliance_site import outline, scaffold
from alliance_site.cli import main
from alliance_site.load.safe_yaml import load_yaml
from alliance_site.scaffold_insert import insert_paragraph
from alliance_site.validate.run import load_corpus
from support.schema_files import named_schema, validator_from_disk

REPO = Path(__file__).resolve().parents[1]
HEADER = "# yaml-language-server: $schema="


@pytest.fixture
def minimal(tmp_path) -> Path:
    shutil.copytree(REPO / "tests" / "roots" / "minimal" / "content", tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def corpus(tmp_path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path / "content"


class _NoTerminal(io.StringIO):
    def isatty(self):
        return False


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def new(content: Path, *argv: str, stdin=None, monkeypatch=None) -> int:
    """Run the command as the CLI does; stdin is not a terminal unless a _Terminal is given."""
    kind, *rest = argv
    monkeypatch.setattr(sys, "stdin", stdin or _NoTerminal(""))
    return main(["new", kind, "--content", str(content), *rest])


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def assert_valid(content: Path) -> None:
    result = load_corpus(content)
    assert result.errors == [], [str(p) for p in result.errors]


def assert_schema_line(path: Path, kind: str) -> None:
    """The file names its kind's schema, which resolves with its shared definitions beside it (as an
    editor's tool reads it) and accepts the file."""
    schema = named_schema(path)
    assert schema.name == f"{kind}.schema.json"
    assert validator_from_disk(schema).is_valid(load_yaml(path.read_bytes()).data), path


# ---------------------------------------------------------------- sources


def test_source_from_flags(minimal, monkeypatch, capsys):
    code = new(
        minimal,
        "source",
        "--type",
        "book",
        "--author",
        "Kim, Jae",
        "--issued",
        "2019",
        "--title",
        "A book",
        "--cited-as",
        "Kim, 2019",
        monkeypatch=monkeypatch,
    )
    assert code == 0
    path = minimal / "sources" / "kim2019.yml"
    assert capsys.readouterr().out.strip() == "content/sources/kim2019.yml:1: new source kim2019"
    data = load_yaml(path.read_bytes()).data
    assert data == {
        "id": "kim2019",
        "type": "book",
        "author": [{"family": "Kim", "given": "Jae"}],
        "issued": 2019,
        "title": "A book",
        "cited_as": "Kim, 2019",
    }
    assert_schema_line(path, "source")
    assert_valid(minimal)


def test_source_keys_get_a_b_suffixes_on_collision(minimal, monkeypatch):
    for expected in ("kim2019", "kim2019a", "kim2019b"):
        assert (
            new(
                minimal,
                "source",
                "--type",
                "book",
                "--author",
                "Kim, Jae",
                "--issued",
                "2019-05",
                monkeypatch=monkeypatch,
            )
            == 0
        )
        assert load_yaml((minimal / "sources" / f"{expected}.yml").read_bytes()).data["id"] == expected


def test_source_key_on_the_real_corpus(corpus, monkeypatch):
    # kang2006 exists: the same author and year gets the next letter.
    assert (
        new(
            corpus,
            "source",
            "--type",
            "document",
            "--author",
            "Kang",
            "--issued",
            "2006",
            "--cited-as",
            "Kang, 2006",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert (corpus / "sources" / "kang2006a.yml").is_file()
    assert_schema_line(corpus / "sources" / "kang2006a.yml", "source")
    assert_valid(corpus)


def test_refuses_to_overwrite_a_file_unless_forced(minimal, monkeypatch, capsys):
    before = snapshot(minimal)
    assert new(minimal, "source", "--key", "smith2020", "--type", "book", monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "content/sources/smith2020.yml already exists" in err and "--force" in err and "Traceback" not in err
    assert snapshot(minimal) == before
    assert (
        new(
            minimal,
            "source",
            "--key",
            "smith2020",
            "--type",
            "report",
            "--title",
            "Replaced",
            "--force",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert load_yaml((minimal / "sources" / "smith2020.yml").read_bytes()).data["type"] == "report"


def test_refuses_an_id_used_by_another_file_even_when_forced(minimal, monkeypatch, capsys):
    (minimal / "sources" / "other.yml").write_text("id: kim2019\ntype: book\n", "utf-8")
    before = snapshot(minimal)
    assert new(minimal, "source", "--key", "kim2019", "--type", "book", "--force", monkeypatch=monkeypatch) == 1
    assert "already used by content/sources/other.yml" in capsys.readouterr().err
    assert snapshot(minimal) == before


def test_writes_nothing_when_the_entry_would_be_invalid(minimal, monkeypatch, capsys):
    before = snapshot(minimal)
    assert new(minimal, "source", "--key", "x2020", "--type", "boook", monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "content/sources/x2020.yml:3:7: error: field 'type' is 'boook'" in err
    assert "did you mean 'book'?" in err and "nothing was written" in err
    assert snapshot(minimal) == before


def test_missing_required_flag_without_a_terminal(minimal, monkeypatch, capsys):
    before = snapshot(minimal)
    assert new(minimal, "event", "--date", "1950", monkeypatch=monkeypatch) == 2
    assert "missing --title" in capsys.readouterr().err
    assert new(minimal, "source", "--type", "book", monkeypatch=monkeypatch) == 2
    assert "missing --key (or --author and --issued" in capsys.readouterr().err
    assert snapshot(minimal) == before


def test_prompts_for_missing_required_values_in_a_terminal(minimal, monkeypatch, capsys):
    answers = _Terminal("book\nLee, Min\n\n2021\n")  # an empty answer is asked again
    assert new(minimal, "source", stdin=answers, monkeypatch=monkeypatch) == 0
    data = load_yaml((minimal / "sources" / "lee2021.yml").read_bytes()).data
    assert data["type"] == "book" and data["author"] == [{"family": "Lee", "given": "Min"}] and data["issued"] == 2021
    assert "type" in capsys.readouterr().err  # the prompts go to stderr, the result to stdout


def test_prompt_ends_cleanly_on_end_of_input(minimal, monkeypatch, capsys):
    assert new(minimal, "table", stdin=_Terminal(""), monkeypatch=monkeypatch) == 2
    assert "no value for --caption" in capsys.readouterr().err


# ---------------------------------------------------------------- events, tables, figures


def test_event(minimal, monkeypatch):
    assert (
        new(
            minimal,
            "event",
            "--date",
            "1950-06-25",
            "--title",
            "The invasion of the South",
            "--paragraph",
            "p-second",
            "--source",
            "smith2020",
            "--actor",
            "North,South",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    path = minimal / "events" / "invasion-south-1950.yml"
    data = load_yaml(path.read_bytes()).data
    assert data == {
        "id": "invasion-south-1950",
        "date": "1950-06-25",
        "title": "The invasion of the South",
        "actors": ["North", "South"],
        "sources": ["smith2020"],
        "paragraphs": ["p-second"],
    }
    assert_schema_line(path, "event")
    assert_valid(minimal)


def test_event_in_another_language_than_the_corpus(minimal, monkeypatch, capsys):
    """The editors' language of an event (issue 18) can be given, and a tag that is no BCP 47 one is not
    written."""
    args = ("--date", "1953-07-27", "--title", "The armistice is signed")
    assert new(minimal, "event", *args, "--language", "en", monkeypatch=monkeypatch) == 0
    path = minimal / "events" / "armistice-signed-1953.yml"
    data = load_yaml(path.read_bytes()).data
    assert data["language"] == "en" and list(data)[:4] == ["id", "date", "title", "language"]
    assert_valid(minimal)
    before = snapshot(minimal)
    capsys.readouterr()
    assert (
        new(minimal, "event", "--date", "1954", "--title", "Later", "--language", "English!", monkeypatch=monkeypatch)
        == 1
    )
    assert "language" in capsys.readouterr().err
    assert snapshot(minimal) == before


def test_event_with_an_unknown_paragraph_is_not_written(minimal, monkeypatch, capsys):
    before = snapshot(minimal)
    assert (
        new(minimal, "event", "--date", "1950", "--title", "X", "--paragraph", "p-secnd", monkeypatch=monkeypatch) == 1
    )
    err = capsys.readouterr().err
    assert "unknown paragraph 'p-secnd' (did you mean 'p-second'?)" in err
    assert snapshot(minimal) == before


def test_table(minimal, monkeypatch):
    assert (
        new(
            minimal,
            "table",
            "--id",
            "forces",
            "--caption",
            "Forces compared",
            "--columns",
            "a:North,b:South",
            "--rows",
            "army:Army",
            "--rows",
            "navy:Navy",
            "--unit",
            "persons",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    data = load_yaml((minimal / "tables" / "forces.yml").read_bytes()).data
    assert [c["id"] for c in data["columns"]] == ["a", "b"] and [r["id"] for r in data["rows"]] == ["army", "navy"]
    assert data["rows"][0] == {
        "id": "army",
        "label": "Army",
        "unit": "persons",
        "cells": {"a": {"value": None}, "b": {"value": None}},
    }
    assert_valid(minimal)


def test_table_id_from_caption_and_default_row(minimal, monkeypatch):
    assert new(minimal, "table", "--caption", "Some numbers", "--columns", "a:North", monkeypatch=monkeypatch) == 0
    data = load_yaml((minimal / "tables" / "some-numbers.yml").read_bytes()).data
    assert data["rows"] == [{"id": "row-1", "label": "Row 1", "cells": {"a": {"value": None}}}]


def test_figure(minimal, monkeypatch, capsys):
    assert (
        new(
            minimal,
            "figure",
            "--caption",
            "Chart of the forces",
            "--number",
            "Figure 2",
            "--source",
            "doe2019",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert load_yaml((minimal / "figures" / "chart-forces.yml").read_bytes()).data == {
        "id": "chart-forces",
        "number": "Figure 2",
        "caption": "Chart of the forces",
        "sources": ["doe2019"],
    }
    assert new(minimal, "figure", "--caption", "X", "--image", "img/x.png", monkeypatch=monkeypatch) == 2
    assert "--image needs --alt" in capsys.readouterr().err
    before = snapshot(minimal)
    assert (
        new(minimal, "figure", "--caption", "X", "--image", "img/x.png", "--alt", "a chart", monkeypatch=monkeypatch)
        == 1
    )
    assert "image file 'img/x.png' does not exist" in capsys.readouterr().err
    assert snapshot(minimal) == before


def test_new_folder_gets_a_schema_line_to_the_corpus_schema(minimal, monkeypatch):
    shutil.rmtree(minimal / "figures")
    (minimal / "chapters" / "one.yml").write_text(
        (minimal / "chapters" / "one.yml").read_text("utf-8").replace("      - figure: chart\n", ""), "utf-8"
    )
    assert new(minimal, "figure", "--id", "f1", "--caption", "A figure", monkeypatch=monkeypatch) == 0
    assert_schema_line(minimal / "figures" / "f1.yml", "figure")
    # No sibling to follow: the schema is written into the corpus and named relatively, never by a machine path.
    first = (minimal / "figures" / "f1.yml").read_text("utf-8").split("\n", 1)[0]
    assert first == HEADER + "../schemas/figure.schema.json"
    assert (minimal / "schemas" / "figure.schema.json").is_file()
    assert (minimal / "schemas" / "common.schema.json").is_file()


def test_a_schema_folder_without_the_shared_definitions_gets_them(minimal, monkeypatch):
    """A corpus whose schemas were written before the shared definitions were split out: ``new`` adds
    common.schema.json beside them, so the schema its file names resolves."""
    shutil.rmtree(minimal / "figures")
    (minimal / "chapters" / "one.yml").write_text(
        (minimal / "chapters" / "one.yml").read_text("utf-8").replace("      - figure: chart\n", ""), "utf-8"
    )
    (minimal / "schemas").mkdir()
    shipped = REPO / "src" / "alliance_site" / "schemas"
    shutil.copy(shipped / "figure.schema.json", minimal / "schemas")
    assert new(minimal, "figure", "--id", "f1", "--caption", "A figure", monkeypatch=monkeypatch) == 0
    assert (minimal / "schemas" / "common.schema.json").read_bytes() == (shipped / "common.schema.json").read_bytes()
    assert_schema_line(minimal / "figures" / "f1.yml", "figure")


# ---------------------------------------------------------------- paragraphs


def _block_order(chapter_file: Path) -> list[tuple[str, ...]]:
    data = load_yaml(chapter_file.read_bytes()).data
    return [
        (item.kind, item.data.get("id") or item.data.get(item.kind), *(s["id"] for s in item.sections))
        for item in outline.walk(data)
        if item.kind != "section"
    ]


def _only_insertion(old: bytes, new_bytes: bytes) -> bytes:
    """The inserted bytes, asserting every other byte of the file is unchanged and in place."""
    prefix = 0
    while prefix < len(old) and old[prefix] == new_bytes[prefix]:
        prefix += 1
    prefix = old.rfind(b"\n", 0, prefix) + 1  # blocks are inserted as whole lines
    suffix = len(old) - prefix
    assert new_bytes[len(new_bytes) - suffix :] == old[prefix:], "bytes after the insertion changed"
    return new_bytes[prefix : len(new_bytes) - suffix]


def test_paragraph_after_a_paragraph_keeps_the_file_byte_for_byte(corpus, monkeypatch, capsys):
    path = corpus / "chapters" / "bab-iv.yml"
    old = path.read_bytes()
    text = "Aliansi ini diperkuat pada tahun 2019 [@kang2006], dan @tbl:dprk-navy menunjukkan angkanya."
    assert (
        new(
            corpus,
            "paragraph",
            "--chapter",
            "bab-iv",
            "--after",
            "p-isu-kemanan",
            "--text",
            text,
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("content/chapters/bab-iv.yml:")
    inserted = _only_insertion(old, path.read_bytes()).decode("utf-8")
    assert yaml.safe_load(inserted) == [{"id": "p-aliansi-diperkuat-tahun", "text": text}]
    order = [ident for _, ident, *_ in _block_order(path)]
    assert order[:3] == ["p-isu-kemanan", "p-aliansi-diperkuat-tahun", "p-bab-ini"]
    assert_valid(corpus)


def test_paragraph_appended_to_a_section_by_its_printed_number(corpus, monkeypatch):
    path = corpus / "chapters" / "bab-iv.yml"
    old = path.read_bytes()
    assert (
        new(
            corpus,
            "paragraph",
            "--chapter",
            "bab-iv",
            "--section",
            "a",
            "--text",
            "Penutup bagian A.",
            "--page",
            "3",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    _only_insertion(old, path.read_bytes())
    section_a = [b for b in _block_order(path) if b[2:] == ("peningkatan-kapabilitas",)]
    assert section_a[-1] == ("paragraph", "p-penutup-bagian", "peningkatan-kapabilitas")
    assert_valid(corpus)


def test_paragraph_ids_are_unique(minimal, monkeypatch):
    for _ in range(2):
        assert (
            new(
                minimal,
                "paragraph",
                "--chapter",
                "one",
                "--after",
                "p-intro",
                "--text",
                "The war ended.",
                monkeypatch=monkeypatch,
            )
            == 0
        )
    ids = [ident for _, ident, *_ in _block_order(minimal / "chapters" / "one.yml")]
    assert ids[:3] == ["p-intro", "p-war-ended-2", "p-war-ended"]


def test_paragraph_refusals_write_nothing(minimal, monkeypatch, capsys):
    before = snapshot(minimal)
    cases = [
        (["--id", "p-second", "--text", "Again."], "paragraph id 'p-second' is already used"),
        (["--after", "p-nope", "--text", "Hello there."], "no paragraph has the id 'p-nope'"),
        (["--section", "z", "--text", "Hello there."], "no section has the id or number 'z'"),
        (["--section", "s-one", "--after", "p-intro", "--text", "Hello there."], "'p-intro' is not in section 's-one'"),
        (["--text", "A citation of [@nobody]."], "unknown citation key 'nobody'"),
        (["--id", "Bad Id", "--text", "Hello there."], "error: field 'id' has the wrong form"),
    ]
    for flags, message in cases:
        assert new(minimal, "paragraph", "--chapter", "one", *flags, monkeypatch=monkeypatch) == 1, flags
        err = capsys.readouterr().err
        assert message in err and "nothing was written" in err and "Traceback" not in err, (flags, err)
    assert new(minimal, "paragraph", "--chapter", "nine", "--text", "x", monkeypatch=monkeypatch) == 1
    assert "no chapter 'nine'" in capsys.readouterr().err
    assert snapshot(minimal) == before


# ---------------------------------------------------------------- pure helpers


def test_source_key_convention():
    assert scaffold.source_key([{"family": "Kim", "given": "Jae"}], 2019, None, set()) == "kim2019"
    assert scaffold.source_key([{"family": "Kim"}], "2019-05-01", None, {"kim2019", "kim2019a"}) == "kim2019b"
    assert scaffold.source_key([{"family": "van der Berg"}], 1999, None, set()) == "vanderberg1999"
    assert scaffold.source_key([{"family": "Müller"}], 2001, None, set()) == "muller2001"
    assert scaffold.source_key([{"literal": "The Doe Institute"}], 2010, None, set()) == "doe2010"
    assert scaffold.source_key([], 2010, "The Guardian", set()) == "guardian2010"
    assert scaffold.source_key([{"family": "Kim"}], None, None, set()) is None
    taken = {"k2000"} | {"k2000" + chr(c) for c in range(ord("a"), ord("z") + 1)}
    assert scaffold.source_key([{"family": "K"}], 2000, None, taken) == "k2000aa"


def test_paragraph_id_convention():
    assert scaffold.paragraph_id("Isu kemanan di semenanjung Korea sampai", set()) == "p-isu-kemanan-semenanjung"
    assert scaffold.paragraph_id("The war [@smith2020, p. 3] began in 1950.", set()) == "p-war-began-1950"
    assert scaffold.paragraph_id("Déjà vu, again", {"p-deja-vu-again"}) == "p-deja-vu-again-2"
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.paragraph_id("... — !", set())


def test_flag_values():
    assert scaffold.parse_name("Kim, Jae") == {"family": "Kim", "given": "Jae"}
    assert scaffold.parse_name("Kang") == {"family": "Kang"}
    assert scaffold.parse_name("Defense M. o.") == {"literal": "Defense M. o."}
    assert scaffold.parse_pairs(["a:North,b:South", "c: East Side"], "column") == [
        ("a", "North"),
        ("b", "South"),
        ("c", "East Side"),
    ]
    assert scaffold.parse_pairs(["North Korea"], "column") == [("north-korea", "North Korea")]
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.parse_pairs(["a:"], "column")
    assert scaffold.coerce_date("2019") == 2019 and scaffold.coerce_date("2019-05") == "2019-05"


CHAPTER = """# yaml-language-server: $schema=x
id: c   # the chapter
title: T
blocks:
-   id: p-a
    text: >-
      First.

    # a comment that stays where it is
-   id: p-b
    text: "Second."
sections:
  - {id: s1, number: "A.", title: S}
  - id: s2
    title: S2
    blocks: []
"""


@pytest.mark.parametrize(
    "where,expected",
    [
        ({"after": "p-a"}, ["p-a", "p-new", "p-b"]),
        ({"after": "p-b"}, ["p-a", "p-b", "p-new"]),
        ({}, ["p-a", "p-b", "p-new"]),
        ({"section": "a"}, ["p-a", "p-b", "p-new"]),
        ({"section": "s2"}, ["p-a", "p-b", "p-new"]),
    ],
)
def test_insert_keeps_layout(where, expected):
    block = {"id": "p-new", "text": "A new paragraph. " * 12 + "End."}
    for text in (CHAPTER, CHAPTER.replace("\n", "\r\n")):
        result, line = insert_paragraph(text, block, **where)
        if "\r\n" in text:  # the file's own line endings are kept
            assert result.count("\n") == result.count("\r\n")
        for kept in ("# the chapter", "# a comment that stays where it is", '"Second."', "{id: s1,"):
            assert kept in result
        data = yaml.safe_load(result)
        ids = [i.data["id"] for i in outline.walk(data) if i.kind == "paragraph"]
        assert ids == expected
        assert "p-new" in result.splitlines()[line - 1]  # the line reported is where the new paragraph starts


def test_insert_refuses_what_it_cannot_do_safely():
    with pytest.raises(scaffold.ScaffoldError, match="not a list"):
        insert_paragraph("id: c\ntitle: T\nblocks:\n", {"id": "p", "text": "x"})
    with pytest.raises(scaffold.ScaffoldError, match="cannot be read as YAML"):
        insert_paragraph("id: c\n  title: [\n", {"id": "p", "text": "x"})


def test_paragraph_into_an_unreadable_chapter(minimal, monkeypatch, capsys):
    (minimal / "chapters" / "one.yml").write_bytes(b"id: one\ntitle: [unclosed\n")
    before = snapshot(minimal)
    assert new(minimal, "paragraph", "--chapter", "one", "--text", "Hello.", monkeypatch=monkeypatch) == 1
    assert "content/chapters/one.yml cannot be read; run 'alliance-site validate'" in capsys.readouterr().err
    assert snapshot(minimal) == before


@pytest.mark.parametrize("kind", ["source", "event", "table", "figure", "paragraph"])
def test_every_kind_has_help(kind, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["new", kind, "--help"])
    assert exit_.value.code == 0 and "--content" in capsys.readouterr().out
