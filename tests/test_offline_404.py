"""The offline build (mkdocs.offline.yml) is read from disk: every local link and script of its 404.html
resolves to a file of the site, as a browser opening it with file:// resolves it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from support.sitebuild import REPO, mkdocs_build


def test_the_offline_404_page_links_work_from_disk(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "mkdocs.offline.yml", "content", "docs", "templates"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, project / name)
    site = tmp_path / "site-offline"
    run = mkdocs_build(project, site, "-f", "mkdocs.offline.yml")
    assert run.returncode == 0, run.stdout + run.stderr
    html = (site / "404.html").read_text("utf-8")
    links = re.findall(r'\b(?:href|src)="([^"]+)"', html)
    local = [link for link in links if not urlsplit(link).scheme and not link.startswith(("#", "//"))]
    assert len(local) > 10, links
    broken = [link for link in local if not (site / unquote(urlsplit(link).path)).exists() or link.startswith("/")]
    assert broken == []
    assert '"base": "."' in html.replace('"base":"."', '"base": "."')
    assert (site / Path("chapters/bab-iv.html")).is_file()
