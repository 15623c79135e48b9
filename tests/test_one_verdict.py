"""One verdict: ``alliance-site validate [--strict]`` and ``mkdocs build [--strict]`` pass or fail together,
on every fixture root, on the real corpus, and on every case of the malformed-input table, because both
decide with :func:`alliance_site.validate.verdict.fails` over the same findings.

Each command runs as a user runs it (its own process). A strict run only adds reasons to fail, so the strict
pair is run where the plain pair passed; where the plain pair failed, the strict pair must fail too and is
checked as well on the fixture roots.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from alliance_site.errors import Problem
from alliance_site.validate.verdict import fails, summary
from support.sitebuild import REPO, _run, alliance_site
from test_malformed import CASES, MINIMAL

ROOTS = sorted(p.parent for p in (REPO / "tests" / "roots").glob("*/mkdocs.yml"))


def mkdocs(project: Path, *extra: str):
    return _run([sys.executable, "-m", "mkdocs", "build", "-d", str(project / "_site"), *extra], project, None, 600)


def verdicts(project: Path, *, strict: bool) -> tuple[bool, bool, str]:
    """(validate passed, build passed, both outputs) for the project at ``project``."""
    flag = ("--strict",) if strict else ()
    checked = alliance_site("validate", "--content", "content", *flag, cwd=project)
    built = mkdocs(project, *flag)
    for run in (checked, built):
        assert "Traceback" not in run.stdout + run.stderr, run.stdout + run.stderr
    shown = f"validate:\n{checked.stdout}{checked.stderr}\nmkdocs build:\n{built.stdout}{built.stderr}"
    return checked.returncode == 0, built.returncode == 0, shown


def copy_project(source: Path, to: Path) -> Path:
    shutil.copytree(source, to, ignore=shutil.ignore_patterns("site", "_site", ".cache", "expected"))
    return to


@pytest.mark.parametrize("root", ROOTS + [REPO], ids=[r.name for r in ROOTS] + ["corpus"])
def test_validate_and_build_agree_on_every_fixture_root(root, tmp_path):
    if root == REPO:
        project = tmp_path / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "content", "docs", "templates"):
            (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, project / name)
    else:
        project = copy_project(root, tmp_path / "project")
    for strict in (False, True):
        checked, built, shown = verdicts(project, strict=strict)
        assert checked == built, shown
    if root.name.startswith("broken-"):
        assert not built, shown  # the fixture is broken on purpose: both must say so
    if root in (REPO, REPO / "tests" / "roots" / "minimal"):
        # The source text's own inconsistencies are notes: listed by validate, failing neither command.
        assert built and checked, shown
        assert " note: The text gives the total as " in shown


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_validate_and_build_agree_on_every_malformed_case(case, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(MINIMAL.parent, project, ignore=shutil.ignore_patterns("content", "expected", "site"))
    shutil.copytree(MINIMAL, project / "content")
    case.mutate(project / "content")
    checked, built, shown = verdicts(project, strict=False)
    assert checked == built, shown
    if checked:  # a strict run can only fail more: compare it where the plain one passed
        checked, built, shown = verdicts(project, strict=True)
        assert checked == built, shown


def test_the_verdict_itself():
    def finding(severity):
        return Problem("content/x.yml", 1, 1, severity, "m")

    note, warning, error = finding("note"), finding("warning"), finding("error")
    assert not fails([note], strict=True)
    assert not fails([warning, note], strict=False) and fails([warning], strict=True)
    assert fails([error], strict=False)
    assert summary([note, note, warning]) == "0 error(s), 1 warning(s), 2 note(s)"


def test_what_new_writes_builds_strict_as_written(tmp_path):
    """Each kind `alliance-site new` writes, untranslated and uncited as it is at first, passes
    `validate --strict` and `mkdocs build --strict`: pending work is a note, never a failure."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "docs", "templates"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, project / name)
    shutil.copytree(REPO / "src" / "alliance_site" / "schemas", project / "src" / "alliance_site" / "schemas")
    for args in (
        ("source", "--type", "book", "--author", "Lee, Min", "--issued", "2021", "--title", "A book"),
        ("event", "--title", "Summit", "--date", "2021", "--actor", "Korea Selatan"),
        ("table", "--caption", "Some numbers", "--columns", "a:A"),
        ("figure", "--caption", "A figure"),
        ("paragraph", "--chapter", "bab-iv", "--after", "p-ini-artinya", "--text", "Sebuah paragraf baru."),
    ):
        made = alliance_site("new", *args, "--content", "content", cwd=project)
        assert made.returncode == 0, made.stdout + made.stderr
    checked, built, shown = verdicts(project, strict=True)
    assert checked and built, shown
    assert "note: event 'summit-2021' has no English (en) translation" in shown


def test_a_failed_build_shows_each_finding_once(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(MINIMAL.parent, project, ignore=shutil.ignore_patterns("expected", "site"))
    (project / "content" / "notes.yml").write_text("id: stray\n", "utf-8")  # a warning
    one = project / "content" / "chapters" / "one.yml"
    one.write_text(one.read_text("utf-8").replace("@doe2019 about", "@doe2091 about"), "utf-8")  # an error
    built = mkdocs(project)
    assert built.returncode != 0
    log = built.stdout + built.stderr
    assert log.count("file is not in a folder the corpus reads") == 1, log
    assert log.count("unknown citation key 'doe2091'") == 1, log
    assert "Traceback" not in log
