"""``alliance-site import-bib FILE.bib``: biblatex's example database into a corpus copied from
tests/roots/minimal — every entry imported or reported, files that validate and carry a schema line,
no overwrite without ``--force``, and import → `mkdocs build --strict` → bibliography.bib → import
giving the same sources."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alliance_site.citations import import_bib
from alliance_site.cli import main
from alliance_site.scaffold_schemas import schema_ref
from alliance_site.validate.run import load_corpus
from support.sitebuild import REPO, mkdocs_build

HEADER = "# yaml-language-server: $schema="


@pytest.fixture(scope="module")
def bib(shared_dir) -> Path:
    path = shared_dir / "data" / "biblatex-examples.bib"
    if not path.is_file():
        pytest.skip("biblatex-examples.bib is not in ../shared/data")
    return path


@pytest.fixture(scope="module")
def bib_keys(bib) -> list[str]:
    text = bib.read_text("utf-8")
    return re.findall(r"^@(?!string\b|comment\b|preamble\b)\w+\{([^,\s]+),", text, flags=re.MULTILINE | re.IGNORECASE)


def _project(tmp: Path) -> Path:
    """A corpus project (mkdocs.yml + content/) copied from tests/roots/minimal."""
    shutil.copytree(REPO / "tests" / "roots" / "minimal", tmp, ignore=shutil.ignore_patterns("site", "site.*"))
    return tmp


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import-bib", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _sources(content: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((content / "sources").glob("*.yml"))}


@pytest.fixture(scope="module")
def imported(tmp_path_factory, bib):
    """The example database imported once, by the CLI as a user runs it (its own process)."""
    project = _project(tmp_path_factory.mktemp("imported") / "project")
    before = _sources(project / "content")
    result = subprocess.run(
        [sys.executable, "-m", "alliance_site.cli", "import-bib", str(bib), "--content", "content"],
        cwd=project,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project, before, result.stdout


def test_every_entry_is_imported_or_reported(imported, bib_keys):
    project, before, report = imported
    written = {yaml.safe_load(text)["id"] for name, text in _sources(project / "content").items() if name not in before}
    skipped = set(re.findall(r"^  (\S+): a biblatex @set", report, flags=re.MULTILINE))
    assert len(bib_keys) == 92
    assert written | skipped == set(bib_keys)
    assert not written & skipped
    assert skipped == {"set", "stdmodel"}
    assert "90 written, 0 overwritten, 0 kept (file exists), 2 skipped" in report.splitlines()[0]
    assert "\nEntries skipped:\n" in report and "\nFields not imported:\n" in report


def test_each_skipped_field_is_reported_with_its_reason(imported, bib):
    _, _, report = imported
    notes = report.split("\nFields not imported:\n", 1)[1].splitlines()
    assert notes and all(re.fullmatch(r"  \S+: .+", line) for line in notes)
    expected = [f"  {key}: {why}" for key, why in import_bib(bib).report if not why.startswith("entry skipped")]
    assert notes == expected


def test_written_files_validate(imported):
    project, _, _ = imported
    result = load_corpus(project / "content")
    assert result.corpus is not None
    errors = [p for p in result.problems if p.severity == "error"]
    assert errors == []
    warnings = {str(p) for p in result.problems if "gives the total as 20" not in p.message}
    # The imported sources are cited nowhere yet: that is the only thing the validator has to say (beside
    # the minimal corpus's own editorial note on a total that does not add up).
    assert all("note: source" in w and "is cited nowhere" in w for w in warnings), sorted(warnings)[:5]
    assert len(warnings) == 90


def test_written_files_point_at_the_schema(imported):
    project, _, _ = imported
    folder = project / "content" / "sources"
    for name in ("aksin.yml", "companion.yml"):
        first = (folder / name).read_text("utf-8").split("\n", 1)[0]
        assert first.startswith(HEADER)
        ref = first[len(HEADER) :]
        # The corpus is outside the repository: the schema is the corpus's own, named relatively, so the
        # line keeps working when the corpus is moved; never a machine path or the installed package.
        assert ref == "../schemas/source.schema.json"
        path = (folder / ref).resolve()
        assert path.is_file() and path.is_relative_to(project / "content")
        assert json.loads(path.read_text("utf-8"))["$schema"].startswith("https://json-schema.org/")


def test_schema_line_is_relative_inside_the_repository():
    folder = REPO / "content" / "sources"
    ref = schema_ref(folder.parent, "source", folder)
    assert ref == "../../src/alliance_site/schemas/source.schema.json"
    assert (folder / ref).resolve().is_file()
    # The same line the repository's own source files carry.
    first = (folder / "kang2006.yml").read_text("utf-8").split("\n", 1)[0]
    assert first == HEADER + ref


def test_import_build_export_round_trip(imported, tmp_path, bib):
    """import → `mkdocs build --strict` → bibliography.bib → import: the same sources, field for field."""
    project = tmp_path / "project"
    shutil.copytree(imported[0], project)
    keys = sorted(s["id"] for s in import_bib(bib).sources)
    # List every imported source in the event, so that none is "cited nowhere" and --strict builds.
    event = project / "content" / "events" / "war.yml"
    data = yaml.safe_load(event.read_text("utf-8"))
    data["sources"] = [*data["sources"], *keys]
    event.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    exported = import_bib((site / "bibliography.bib").read_text("utf-8"))
    assert exported.report == []
    back = {s["id"]: s for s in exported.sources}
    written = {}
    for path in (project / "content" / "sources").glob("*.yml"):
        source = yaml.safe_load(path.read_text("utf-8"))
        written[source["id"]] = {k: v for k, v in source.items() if k not in ("cited_as", "editorial")}
    assert back.keys() == written.keys()
    for key in keys:
        assert back[key] == written[key], key
    # ...and the files hold what the importer made of the .bib (nothing lost on the way to YAML).
    for source in import_bib(bib).sources:
        assert written[source["id"]] == source, source["id"]


def test_second_run_writes_nothing_without_force(tmp_path, capsys, bib):
    content = _project(tmp_path / "project") / "content"
    code, _, _ = _run(capsys, str(bib), "--content", str(content))
    assert code == 0
    snapshot = _sources(content)
    mtimes = {p.name: p.stat().st_mtime_ns for p in (content / "sources").glob("*.yml")}

    code, out, _ = _run(capsys, str(bib), "--content", str(content))
    assert code == 0
    assert _sources(content) == snapshot
    assert {p.name: p.stat().st_mtime_ns for p in (content / "sources").glob("*.yml")} == mtimes
    assert "0 written, 0 overwritten, 90 kept (file exists)" in out
    assert "Not written, the file exists (--force overwrites it):" in out
    assert re.search(r"^  aksin: .*sources/aksin\.yml$", out, flags=re.MULTILINE)


def test_force_overwrites(tmp_path, capsys, bib):
    content = _project(tmp_path / "project") / "content"
    _run(capsys, str(bib), "--content", str(content))
    snapshot = _sources(content)
    aksin = content / "sources" / "aksin.yml"
    aksin.write_text("id: aksin\ntype: book\ntitle: edited by hand\n", "utf-8")

    _run(capsys, str(bib), "--content", str(content))
    assert aksin.read_text("utf-8") == "id: aksin\ntype: book\ntitle: edited by hand\n"  # kept

    code, out, _ = _run(capsys, str(bib), "--content", str(content), "--force")
    assert code == 0
    assert "0 written, 90 overwritten, 0 kept" in out
    assert _sources(content) == snapshot


def test_a_key_the_corpus_has_keeps_its_file(tmp_path, capsys, bib):
    """An entry whose key an existing source file (of another name) holds goes to that file, never to a
    second file with the same key; without --force it is left alone."""
    content = _project(tmp_path / "project") / "content"
    mine = content / "sources" / "my-aksin.yml"
    mine.write_text("id: aksin\ntype: book\ntitle: mine\n", "utf-8")
    code, out, _ = _run(capsys, str(bib), "--content", str(content))
    assert code == 0
    assert not (content / "sources" / "aksin.yml").exists()
    assert mine.read_text("utf-8") == "id: aksin\ntype: book\ntitle: mine\n"
    assert re.search(r"^  aksin: .*my-aksin\.yml$", out, flags=re.MULTILINE)
    assert load_corpus(content).errors == []

    _run(capsys, str(bib), "--content", str(content), "--force")
    assert yaml.safe_load(mine.read_text("utf-8"))["title"] != "mine"
    assert not (content / "sources" / "aksin.yml").exists()


def test_a_small_file_with_problems(tmp_path, capsys):
    content = _project(tmp_path / "project") / "content"
    bib = tmp_path / "small.bib"
    bib.write_text(
        "@string{pub = {Presses de l'Universit{\\'e}}}\n"
        "@book{dupont, author = {Dupont, Jean-Pierre and {Korea Institute}}, title = {{\\'E}tudes},\n"
        "  publisher = pub, date = {2001-05}, location = {Paris}, foo = {bar}}\n"
        "@book{dupont, title = {again}}\n"
        "@article{bad key, title = {x}}\n"
        "@set{both, entryset = {dupont}}\n",
        "utf-8",
    )
    code, out, _ = _run(capsys, str(bib), "--content", str(content))
    assert code == 0
    source = yaml.safe_load((content / "sources" / "dupont.yml").read_text("utf-8"))
    assert source == {
        "id": "dupont",
        "type": "book",
        "title": "Études",
        "author": [{"family": "Dupont", "given": "Jean-Pierre"}, {"literal": "Korea Institute"}],
        "issued": "2001-05",
        "publisher": "Presses de l'Université",
        "publisher-place": "Paris",
    }
    assert "dupont: duplicate key (the first one is imported)" in out
    assert "both: a biblatex @set" in out
    assert re.search(r"^  bad key: .*no valid citation key", out, flags=re.MULTILINE)
    assert re.search(r"^  dupont: field 'foo' skipped", out, flags=re.MULTILINE)


def test_missing_file_or_folder(tmp_path, capsys):
    code, _, err = _run(capsys, str(tmp_path / "nowhere.bib"), "--content", str(tmp_path))
    assert code == 2 and "no such file" in err
    bib = tmp_path / "a.bib"
    bib.write_text("@book{a, title = {A}}\n", "utf-8")
    code, _, err = _run(capsys, str(bib), "--content", str(tmp_path / "no-content"))
    assert code == 2 and "no such folder" in err
    assert not (tmp_path / "no-content").exists()


def test_help_names_the_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    assert "import-bib" in capsys.readouterr().out
