"""Hostile and extreme input, round two (issue 17): the editor's commands write nothing outside the
project and lose nothing an editor wrote. ``import-bib`` and ``new`` never write through a symbolic
link; ``import-bib`` bounds ``@string`` expansion, expands macros defined through macros, and
``--force`` keeps the fields written by hand."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from alliance_site.citations.import_bib import BibTooLarge, import_bib
from alliance_site.cli import main
from support.bounded import run_bounded

MINIMAL = Path(__file__).parent / "roots" / "minimal"
BIB = "@book{ghost, title = {A ghost}, author = {Doe, Jane}, year = 2001}\n"


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "project")
    (tmp_path / "in.bib").write_text(BIB, "utf-8")
    return tmp_path / "project"


def _import(capsys, project: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["import-bib", str(project.parent / "in.bib"), "--content", str(project / "content"), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_bib_does_not_write_through_a_dangling_link(project, capsys):
    outside = project.parent / "outside" / "created.yml"
    outside.parent.mkdir()
    link = project / "content" / "sources" / "ghost.yml"
    link.symlink_to(outside)
    code, _, err = _import(capsys, project, "--force")
    assert code == 0
    assert not outside.exists()
    assert link.is_symlink()
    assert "content/sources/ghost.yml: not written: it is a symbolic link" in err


def test_import_bib_force_does_not_overwrite_the_file_a_link_points_to(project, capsys):
    outside = project.parent / "outside.yml"
    outside.write_text("id: ghost\ntype: book\ntitle: precious\n", "utf-8")
    (project / "content" / "sources" / "ghost.yml").symlink_to(outside)
    code, _, err = _import(capsys, project, "--force")
    assert code == 0
    assert outside.read_text("utf-8") == "id: ghost\ntype: book\ntitle: precious\n"
    assert "not written: it is a symbolic link" in err


def test_import_bib_force_keeps_the_fields_written_by_hand_and_names_the_file(project, capsys):
    _import(capsys, project)
    path = project / "content" / "sources" / "ghost.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(title="edited", cited_as="Doe (2001)", editorial={"note": "checked against the print copy"})
    path.write_text(yaml.safe_dump(data), "utf-8")
    code, out, _ = _import(capsys, project, "--force")
    assert code == 0
    again = yaml.safe_load(path.read_text("utf-8"))
    assert again["title"] == "A ghost"  # what the .bib says, as --force asks
    assert again["cited_as"] == "Doe (2001)"
    assert again["editorial"] == {"note": "checked against the print copy"}
    assert "ghost: content/sources/ghost.yml (kept cited_as, editorial)" in out.replace(str(project) + "/", "")


def test_import_bib_force_refuses_a_file_it_cannot_read_to_keep_its_fields(project, capsys):
    path = project / "content" / "sources" / "ghost.yml"
    path.write_text("id: ghost\neditorial: [unclosed\n", "utf-8")
    code, _, err = _import(capsys, project, "--force")
    assert code == 0
    assert path.read_text("utf-8") == "id: ghost\neditorial: [unclosed\n"
    assert "ghost.yml: not written: it cannot be read to keep its fields" in err


def test_macros_defined_through_macros_are_expanded():
    bib = (
        '@string{s37 = "x"}\n@string{pair = s37 # "-" # s37}\n@string{four = pair # pair}\n'
        "@book{k, title = four # { and } # pair, author = {A}}\n"
    )
    (source,) = import_bib(bib).sources
    assert source["title"] == "x-xx-x and x-x"


def test_a_long_macro_used_again_and_again_is_refused_in_bounded_work():
    _refused_in_bounded_work(
        '"@string{big = {" + "x" * 1_000_000 + "}}\\n" + "".join('
        'f"@book{{k{i}, title = big, author = {{A}}}}\\n" for i in range(3000))'
    )


def test_doubling_macros_are_refused_in_bounded_work():
    _refused_in_bounded_work(
        '"@string{s0 = {x}}\\n" + "".join(f"@string{{s{i + 1} = s{i} # s{i}}}\\n" for i in range(60))'
        ' + "@book{k, title = s60, author = {A}}\\n"'
    )


def _refused_in_bounded_work(bib_expression: str) -> None:
    result = run_bounded(f"""
        from alliance_site.citations.import_bib import BibTooLarge, import_bib
        try:
            import_bib({bib_expression})
        except BibTooLarge as refused:
            assert "expand the file to more than" in str(refused)
        else:
            raise SystemExit("accepted")
    """)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_command_says_which_file_is_too_large(tmp_path, capsys):
    bib = tmp_path / "big.bib"
    bib.write_text("@string{big = {" + "x" * 600_000 + "}}\n@book{a, title = big}\n@book{b, title = big}\n", "utf-8")
    (tmp_path / "content").mkdir()
    code = main(["import-bib", str(bib), "--content", str(tmp_path / "content")])
    _, err = capsys.readouterr()
    assert code == 2
    assert "big.bib: error: @book{b: @string macros and crossref expand the file" in err
    assert "Traceback" not in err
    assert not (tmp_path / "content" / "sources").exists() or not any((tmp_path / "content" / "sources").iterdir())


def test_bib_too_large_is_a_value_error():
    with pytest.raises(BibTooLarge):
        import_bib("@string{m = {" + "y" * 700_000 + "}}\n@book{a, title = m # m}\n")


# --- new ---------------------------------------------------------------------------------------------


def _new(monkeypatch, capsys, project: Path, *argv: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", None)
    code = main(["new", *argv, "--content", str(project / "content")])
    return code, capsys.readouterr().err


def test_new_refuses_to_write_through_a_link(project, monkeypatch, capsys):
    outside = project.parent / "created.yml"
    (project / "content" / "sources" / "ghost.yml").symlink_to(outside)
    code, err = _new(monkeypatch, capsys, project, "source", "--key", "ghost", "--type", "book", "--title", "T")
    assert code == 1
    assert "content/sources/ghost.yml is a symbolic link" in err
    assert not outside.exists()


def test_new_beside_a_dangling_link_writes_its_own_file(project, monkeypatch, capsys):
    (project / "content" / "sources" / "ghost.yml").symlink_to(project.parent / "nowhere.yml")
    code, err = _new(monkeypatch, capsys, project, "source", "--key", "other", "--type", "book", "--title", "T")
    assert code == 0, err
    assert "Traceback" not in err
    assert yaml.safe_load((project / "content" / "sources" / "other.yml").read_text("utf-8"))["id"] == "other"


def test_new_refuses_a_key_too_long_for_a_file_name(project, monkeypatch, capsys):
    code, err = _new(monkeypatch, capsys, project, "source", "--key", "a" * 300, "--type", "book", "--title", "T")
    assert code == 1
    assert "300 characters long" in err and "nothing was written" in err
