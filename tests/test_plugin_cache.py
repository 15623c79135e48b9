"""The plugin with its cache, as a user runs it: `mkdocs build` cold (pages through Markdown, their HTML
cached) and warm (generated pages skip Markdown) each give the very bytes of plain `mkdocs build` of
`alliance-site render --out`, for every fixture root; edits of each kind give a cold build's bytes; the
cache can be turned off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.sitebuild import REPO, alliance_site, mkdocs_build

ROOTS = REPO / "tests" / "roots"
FIXTURES = sorted(p.name for p in ROOTS.iterdir() if not p.name.startswith("broken"))
CACHE_ON = {"ALLIANCE_SITE_NO_CACHE": ""}
CACHE_OFF = {"ALLIANCE_SITE_NO_CACHE": "1"}


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _cache_state(project: Path) -> dict[str, tuple[int, bytes]]:
    folder = project / ".cache" / "alliance-site"
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*.json")}


def _build(project: Path, site: Path, env: dict) -> dict[str, bytes]:
    shutil.rmtree(site, ignore_errors=True)
    result = mkdocs_build(project, site, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return _tree(site)


def _floor(project: Path, out: Path) -> Path:
    """The eject, `alliance-site render --out`, of ``project``: its own settings minus the plugin, its
    hand-written docs/ pages (which win over generated ones, as in the plugin)."""
    args = ["render", "--config", project / "mkdocs.yml", "--out", out, "--no-cache"]
    result = alliance_site(*map(str, args))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.parametrize("root", FIXTURES)
def test_cold_and_warm_plugin_builds_equal_plain_mkdocs_of_render_out(root, tmp_path):
    project = tmp_path / root
    shutil.copytree(ROOTS / root, project)
    floor = _build(_floor(project, tmp_path / "floor"), tmp_path / "floor-site", CACHE_OFF)
    assert _build(project, tmp_path / "cold", CACHE_ON) == floor
    cached = _cache_state(project)
    assert any(k.startswith("html/") for k in cached), "the generated pages' HTML is cached"
    assert _build(project, tmp_path / "warm", CACHE_ON) == floor
    assert _cache_state(project) == cached, "a warm build hits every entry: nothing is formatted or converted again"


EDITS = {
    "source": ("sources/smith2020.yml", "title: ", "title: Edited "),
    "paragraph": ("chapters/one.yml", "An opening paragraph", "An edited opening paragraph"),
    "event": ("events/war.yml", "title: The war begins", "title: The war begins in earnest"),
    "table": ("tables/numbers.yml", "caption: Some numbers", "caption: Some edited numbers"),
}


def test_plugin_builds_after_each_kind_of_edit_equal_cold_builds(tmp_path):
    project = tmp_path / "minimal"
    shutil.copytree(ROOTS / "minimal", project)
    _build(project, tmp_path / "site", CACHE_ON)
    for kind, (rel, old, new) in EDITS.items():
        path = project / "content" / rel
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")
        warm = _build(project, tmp_path / "site", CACHE_ON)
        assert warm == _build(project, tmp_path / "cold", CACHE_OFF), kind


def test_the_cache_option_and_the_environment_turn_the_cache_off(tmp_path):
    project = tmp_path / "minimal"
    shutil.copytree(ROOTS / "minimal", project)
    cold = _build(project, tmp_path / "a", CACHE_OFF)
    assert not (project / ".cache").exists()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - alliance-site", "  - alliance-site:\n      cache: false"))
    assert _build(project, tmp_path / "b", CACHE_ON) == cold
    assert not (project / ".cache").exists()
    result = alliance_site("render", "--content", project / "content", "--out", tmp_path / "r", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert not (project / ".cache").exists()
