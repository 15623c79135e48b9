"""Mistakes YAML or an editor make without any error: each is a finding at its file:line:column, and
`validate --strict` and `mkdocs build --strict` fail on it alike (tests/test_one_verdict.py runs both)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alliance_site.validate.run import load_corpus

MINIMAL = Path(__file__).parent / "roots" / "minimal" / "content"
NUMBERS_LINE = "    cells: {a: {value: 30, paragraph: p-second}, b: {value: 20, paragraph: p-second}}\n"


def corpus(tmp_path, *edits: tuple[str, str, str]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    for rel, old, new in edits:
        text = (content / rel).read_text("utf-8")
        assert text.count(old) == 1, f"{rel}: {old!r} occurs {text.count(old)} times; has the fixture changed?"
        (content / rel).write_text(text.replace(old, new), "utf-8")
    return content


def findings(content: Path, severity: str = "warning") -> list[str]:
    return [str(p) for p in load_corpus(content).problems if p.severity == severity]


def cells(a: str) -> tuple[str, str, str]:
    return ("tables/numbers.yml", NUMBERS_LINE, NUMBERS_LINE.replace("{value: 30, paragraph: p-second}", a))


def test_a_thousands_group_read_as_a_decimal(tmp_path):
    content = corpus(tmp_path, ("corpus.yml", "language: en", "language: id"), cells("{value: 34.500}"))
    column = NUMBERS_LINE.index("{value: 30") + len("{value: ") + 1
    expected = (
        f"content/tables/numbers.yml:11:{column}: warning: value 34.500 is read by YAML as 34.5, but in this "
        "corpus's language (id) 34.500 means 34,500 (write the number without separators, value: 34500, and "
        "the text's way in as_written: '34.500')"
    )
    assert findings(content) == [expected]


def test_the_same_token_is_a_decimal_in_english(tmp_path):
    assert findings(corpus(tmp_path, cells("{value: 34.500}"))) == []


def test_a_value_that_disagrees_with_its_as_written(tmp_path):
    content = corpus(tmp_path, cells('{value: 31, as_written: "1950", paragraph: p-second}'))
    column = NUMBERS_LINE.index("{value: 30") + len("{value: ") + 1
    (finding,) = findings(content)
    assert finding.startswith(
        f"content/tables/numbers.yml:11:{column}: warning: value 31 disagrees with as_written '1950'"
    )


def test_an_as_written_that_is_not_in_its_paragraph(tmp_path):
    content = corpus(tmp_path, cells('{value: 1951, as_written: "1951", paragraph: p-second}'))
    column = NUMBERS_LINE.index("{value: 30") + len("{value: 1951, as_written: ") + 1
    (finding,) = findings(content)
    assert finding.startswith(
        f"content/tables/numbers.yml:11:{column}: warning: as_written '1951' does not occur in paragraph 'p-second'"
    )


def test_as_written_found_in_its_paragraph_is_fine(tmp_path):
    assert findings(corpus(tmp_path, cells('{value: 1950, as_written: "1950", paragraph: p-second}'))) == []


def test_a_list_item_folded_into_the_one_before(tmp_path):
    content = corpus(
        tmp_path,
        (
            "events/war.yml",
            "title: The war begins\n",
            "title: The war begins\nactors:\n- Korea Selatan\n  - Amerika Serikat\n",
        ),
    )
    (finding,) = findings(content)
    assert finding.startswith(
        "content/events/war.yml:7:3: warning: this '- ' line is read as part of the text before it "
        "('Korea Selatan - Amerika Serikat'), not as a new list item"
    )


def test_a_quoted_dash_is_meant(tmp_path):
    content = corpus(tmp_path, ("events/war.yml", "title: The war begins\n", 'title: "The war begins\n  - and ends"\n'))
    assert findings(content) == []


@pytest.mark.parametrize(
    ("name", "data", "ok"),
    [
        ("img/chart.png", b"this is text, not a picture\n", False),
        ("img/chart.png", b"\xff\xd8\xff\xe0 a JPEG named .png", False),
        ("img/chart.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", True),
        ("img/chart.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        ("img/chart.gif", b"<svg/>", False),
    ],
)
def test_an_image_whose_bytes_are_not_its_format(tmp_path, name, data, ok):
    content = corpus(
        tmp_path,
        ("figures/chart.yml", "sources: [doe2019]", f"sources: [doe2019]\nimage: {{path: {name}, alt: A chart}}"),
    )
    (content / "img").mkdir()
    (content / name).write_bytes(data)
    errors = findings(content, "error")
    if ok:
        assert errors == []
    else:
        (error,) = errors
        assert error.startswith(f"content/figures/chart.yml:6:15: error: image file '{name}' is not a ")
