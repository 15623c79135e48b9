"""`alliance-site init DIR`: a corpus from zero that `validate --strict` and `mkdocs build --strict` pass at
once, that still builds after the folder is moved, with no empty index pages and no machine paths."""

from __future__ import annotations

import shutil

from alliance_site.load.safe_yaml import load_yaml
from support.schema_files import named_schema, validator_from_disk
from support.sitebuild import alliance_site, mkdocs_build


def test_init_builds_strict_at_once_and_after_a_move(tmp_path):
    made = alliance_site("init", tmp_path / "first", "--title", "Catatan <Saya>", "--language", "id")
    assert made.returncode == 0, made.stdout + made.stderr
    project = tmp_path / "elsewhere" / "moved"
    project.parent.mkdir()
    shutil.move(tmp_path / "first", project)
    checked = alliance_site("validate", "--strict", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 error(s), 0 warning(s)" in checked.stderr
    # No site_url yet: validate says what is missing without it (a note: a local site needs none).
    assert checked.stdout.startswith("mkdocs.yml:1:1: note: site_url is not set: the sitemap, canonical links")
    built = mkdocs_build(project, project / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "site"
    chapter = (site / "chapters" / "chapter-1" / "index.html").read_text("utf-8")
    assert 'id="p-first"' in chapter
    assert (site / "bibliography" / "example2024" / "index.html").is_file()
    assert (site / "glossary" / "index.html").is_file()
    home = (site / "index.html").read_text("utf-8")
    assert "Catatan &lt;Saya&gt;" in home  # the title is text, escaped, wherever it lands
    # Nothing to list: no tables, figures or timeline page, and no link to one.
    for empty in ("tables", "figures", "timeline"):
        assert not (site / empty).exists(), empty
        assert f'href="{empty}/' not in home
    # Every $schema line is relative and resolves inside the project: no machine path.
    for path in (project / "content").rglob("*.yml"):
        first = path.read_text("utf-8").split("\n", 1)[0]
        ref = first.removeprefix("# yaml-language-server: $schema=")
        assert ref != first and not ref.startswith(("/", "file:")), path
        assert (path.parent / ref).resolve().is_relative_to(project / "content"), path
        assert (path.parent / ref).is_file(), path
        # ... with the shared definitions beside it, so an editor's tool resolves its $ref
        assert validator_from_disk(named_schema(path)).is_valid(load_yaml(path.read_bytes()).data), path


def test_init_refuses_an_existing_project(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n", "utf-8")
    refused = alliance_site("init", tmp_path)
    assert refused.returncode == 1
    assert "exists already; nothing was written" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == "site_name: mine\n"


def test_version():
    shown = alliance_site("--version")
    assert shown.returncode == 0
    from importlib.metadata import version

    assert shown.stdout.strip() == f"alliance-site {version('alliance-site')}"


def test_validate_is_silent_on_site_url_once_set(tmp_path):
    assert alliance_site("init", tmp_path).returncode == 0
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("# site_url:", "site_url:"), "utf-8")
    checked = alliance_site("validate", "--strict", cwd=tmp_path)
    assert checked.returncode == 0 and "site_url" not in checked.stdout, checked.stdout
