"""The eject (`alliance-site render --out DIR`) is a self-contained project: moved elsewhere, it builds with
plain MkDocs, with ProperDocs (the maintained 1.x continuation) and with Zensical, and gives the key content
of the plugin build: the same pages, paragraph anchors, head metadata, site name, palette and permalinks."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from support.sitebuild import REPO, _run, alliance_site, mkdocs_build


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The plugin build of the real corpus, and its eject, written and then moved to another folder."""
    tmp = tmp_path_factory.mktemp("eject")
    project = tmp / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "docs", "templates"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, project / name)
    plugin = mkdocs_build(project, tmp / "plugin-site")
    assert plugin.returncode == 0, plugin.stdout + plugin.stderr
    written = alliance_site("render", "--out", tmp / "first", cwd=project)
    assert written.returncode == 0, written.stdout + written.stderr
    ejected = tmp / "elsewhere" / "ejected"
    ejected.parent.mkdir()
    shutil.move(tmp / "first", ejected)
    shutil.rmtree(project)  # nothing of the original may be needed any more
    return tmp / "plugin-site", ejected


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def anchors(html: str) -> list[str]:
    return re.findall(r'id="(p-[^"]+)"', html)


def head_meta(html: str) -> list[str]:
    return sorted(re.findall(r'<meta name="citation_[^>]*>', html))


def compare(plugin: Path, ejected: Path) -> None:
    assert pages(ejected) == pages(plugin)
    chapter = "chapters/bab-iv/index.html"
    assert anchors((ejected / chapter).read_text("utf-8")) == anchors((plugin / chapter).read_text("utf-8"))
    assert len(anchors((plugin / chapter).read_text("utf-8"))) > 20
    source = "bibliography/kang2006/index.html"
    assert head_meta((ejected / source).read_text("utf-8")) == head_meta((plugin / source).read_text("utf-8"))
    assert head_meta((plugin / source).read_text("utf-8"))
    home = (ejected / "index.html").read_text("utf-8")
    assert re.search(r"<title>[^<]*BAB IV — Latar Belakang Kerjasama", home)  # the site name kept
    assert 'data-md-color-scheme="slate"' in home or "Switch to dark mode" in home  # the palette kept
    assert 'class="headerlink"' in (ejected / chapter).read_text("utf-8")  # heading permalinks kept


def test_the_eject_names_nothing_outside_itself(builds):
    _, ejected = builds
    config = yaml.safe_load((ejected / "mkdocs.yml").read_text("utf-8"))
    assert config["theme"]["custom_dir"] == "overrides"
    assert (ejected / "overrides" / "main.html").is_file()
    text = (ejected / "mkdocs.yml").read_text("utf-8")
    assert str(REPO) not in text and "site-packages" not in text and "/tmp" not in text
    assert config["theme"]["palette"] and config["theme"]["features"] and config["theme"]["language"] == "en"
    assert {"toc": {"permalink": True}} in config["markdown_extensions"]
    assert "alliance-site" not in str(config["plugins"])


def test_the_moved_eject_builds_with_mkdocs(builds, tmp_path):
    plugin, ejected = builds
    run = mkdocs_build(ejected, tmp_path / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    compare(plugin, tmp_path / "site")


def test_the_moved_eject_builds_with_properdocs(builds, tmp_path):
    plugin, ejected = builds
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(tmp_path / "site")]
    run = _run(command, ejected, None, 600)
    assert run.returncode == 0, run.stdout + run.stderr
    compare(plugin, tmp_path / "site")


def test_the_moved_eject_builds_with_zensical(builds, tmp_path):
    plugin, ejected = builds
    work = tmp_path / "ejected"
    shutil.copytree(ejected, work)
    run = _run([sys.executable, "-m", "zensical", "build", "--clean"], work, None, 600)
    assert run.returncode == 0, run.stdout + run.stderr
    site = work / "site"
    chapter = "chapters/bab-iv/index.html"
    assert anchors((site / chapter).read_text("utf-8")) == anchors((plugin / chapter).read_text("utf-8"))
    source = "bibliography/kang2006/index.html"
    assert head_meta((site / source).read_text("utf-8")) == head_meta((plugin / source).read_text("utf-8"))
