"""Nothing lost: no command writes to content/ except `new` and `import-bib`, and those never overwrite a
file without --force. Each command runs, as a user runs it, in a copy of the repository's project
(mkdocs.yml, docs/, content/, templates/); content/ is snapshotted before and after, every file's bytes
and modification time and every folder.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest

from support.sitebuild import REPO, alliance_site, mkdocs_build


def _alliance(project: Path, *args: str) -> subprocess.CompletedProcess:
    return alliance_site(*args, cwd=project)


def _snapshot(content: Path) -> dict[str, tuple]:
    """Every file (bytes, mtime) and folder under content/."""
    out: dict[str, tuple] = {}
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).as_posix()
        out[rel] = ("dir",) if path.is_dir() else (path.read_bytes(), path.stat().st_mtime_ns)
    return out


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    for name in ("docs", "content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # The schemas the content files name on their first line, where a checkout has them.
    shutil.copytree(REPO / "src" / "alliance_site" / "schemas", root / "src" / "alliance_site" / "schemas")
    return root


READ_ONLY = {
    "validate": ["validate"],
    "validate --format json --strict": ["validate", "--format", "json", "--strict"],
    "render --out": ["render", "--out", "rendered"],
    "schema": ["schema", "schemas-out"],
    "synth into another folder": ["synth", "synth-site", "--sources", "5"],
    "new --help": ["new", "source", "--help"],
}


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_commands_leave_content_untouched(project, name):
    before = _snapshot(project / "content")
    result = _alliance(project, *READ_ONLY[name])
    # the corpus's editorial findings are notes: even --strict passes
    assert result.returncode == 0, result.stdout + result.stderr
    assert _snapshot(project / "content") == before


def test_mkdocs_build_leaves_content_untouched(project):
    before = _snapshot(project / "content")
    result = mkdocs_build(project, Path("site"))
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
    assert _snapshot(project / "content") == before


def test_a_failing_build_and_validate_leave_content_untouched(project):
    war = project / "content" / "events" / "invasion-1950.yml"
    war.write_text(war.read_text("utf-8").replace("date: ", "date: 1950-13-45 #", 1), "utf-8")
    before = _snapshot(project / "content")
    assert _alliance(project, "validate").returncode == 1
    assert _alliance(project, "render", "--out", "rendered").returncode == 1
    assert mkdocs_build(project, Path("site")).returncode != 0
    assert _snapshot(project / "content") == before


def _added_only(before: dict, after: dict) -> list[str]:
    """The entries of ``after`` that are new; asserts every entry of ``before`` is unchanged."""
    changed = [rel for rel in before if after.get(rel) != before[rel]]
    assert changed == [], f"changed or removed: {changed}"
    return sorted(set(after) - set(before))


def test_new_adds_a_file_and_touches_nothing_else(project):
    before = _snapshot(project / "content")
    result = _alliance(
        project,
        "new",
        "source",
        "--key",
        "lee2021",
        "--type",
        "book",
        "--author",
        "Lee, Min",
        "--issued",
        "2021",
        "--title",
        "A book",
    )
    assert result.returncode == 0, result.stderr
    assert _added_only(before, _snapshot(project / "content")) == ["sources/lee2021.yml"]


@pytest.mark.parametrize(
    "kind, args, rel",
    [
        (
            "source",
            ["--key", "kang2006", "--type", "book", "--author", "Kang", "--issued", "2006"],
            "sources/kang2006.yml",
        ),
        ("event", ["--id", "invasion-1950", "--date", "1950", "--title", "Another"], "events/invasion-1950.yml"),
        ("table", ["--id", "dprk-navy", "--caption", "Another", "--columns", "a:A"], "tables/dprk-navy.yml"),
        ("figure", ["--id", "command-structure-2015", "--caption", "Another"], "figures/command-structure-2015.yml"),
    ],
)
def test_new_never_overwrites_without_force(project, kind, args, rel):
    before = _snapshot(project / "content")
    result = _alliance(project, "new", kind, *args)
    assert result.returncode != 0
    assert "--force" in result.stdout + result.stderr
    assert _snapshot(project / "content") == before
    forced = _alliance(project, "new", kind, *args, "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    after = _snapshot(project / "content")
    assert [r for r in before if after.get(r) != before[r]] == [rel]
    assert set(after) == set(before)


def test_new_paragraph_only_inserts_into_its_chapter(project):
    before = _snapshot(project / "content")
    result = _alliance(
        project,
        "new",
        "paragraph",
        "--chapter",
        "bab-iv",
        "--after",
        "p-isu-kemanan",
        "--text",
        "Sebuah paragraf baru.",
        "--id",
        "p-baru",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    after = _snapshot(project / "content")
    changed = [rel for rel in before if after.get(rel) != before[rel]]
    assert changed == ["chapters/bab-iv.yml"] and set(after) == set(before)
    old = before["chapters/bab-iv.yml"][0].decode("utf-8").splitlines(keepends=True)
    new = after["chapters/bab-iv.yml"][0].decode("utf-8").splitlines(keepends=True)
    ops = {tag for tag, *_ in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()}
    assert ops <= {"equal", "insert"}, "an existing line was changed or removed"


BIB = """@book{kang2006,
  author = {Kang, Other},
  title = {Not the file that is there},
  year = {2006}
}
@article{park2012,
  author = {Park, Ji-won},
  title = {A new article},
  journal = {Journal},
  year = {2012}
}
"""


def test_import_bib_keeps_existing_files_unless_forced(project):
    bib = project / "refs.bib"
    bib.write_text(BIB, "utf-8")
    before = _snapshot(project / "content")
    result = _alliance(project, "import-bib", "refs.bib")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    after = _snapshot(project / "content")
    assert _added_only(before, after) == ["sources/park2012.yml"]
    assert "kang2006" in result.stdout + result.stderr  # reported as kept
    forced = _alliance(project, "import-bib", "refs.bib", "--force")
    assert forced.returncode in (0, 1), forced.stdout + forced.stderr
    again = _snapshot(project / "content")
    assert "Not the file that is there" in (project / "content" / "sources" / "kang2006.yml").read_text("utf-8")
    assert sorted(r for r in after if again.get(r) != after[r]) <= ["sources/kang2006.yml", "sources/park2012.yml"]
    assert set(again) == set(after)
