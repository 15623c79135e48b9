"""The README cannot drift from the code: its step-by-step walkthrough is run as written on a copy of the
corpus and ends in `mkdocs build --strict` with the new pages and backlinks; its minimal mkdocs.yml builds;
its plugin options table is the one config.py gives.

Conventions the README's "Editing the corpus, step by step" section follows (and this test reads):
a ``sh`` block is run in the project; a ``yaml title="PATH"`` block is PATH's new content (a file that must
not exist yet: the README never overwrites a real entry); with ``append-to="KEY"`` it is appended to the
top-level list KEY of that existing file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.plugin_options import options_table
from support.sitebuild import REPO, mkdocs_build

README = REPO / "README.md"
FENCE = re.compile(r"^( *)```(\w+)([^\n]*)\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)


def section(title: str) -> str:
    text = README.read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def blocks(text: str) -> list[tuple[str, dict[str, str], str]]:
    """(language, attributes, body) of every fenced block, the body unindented as in the list item."""
    out = []
    for m in FENCE.finditer(text):
        indent = len(m[1])
        body = "".join(line[indent:] if line.strip() else "\n" for line in m[4].splitlines(keepends=True))
        out.append((m[2], dict(re.findall(r'([\w-]+)="([^"]*)"', m[3])), body))
    return out


def append_to_list(path: Path, key: str, item: str) -> None:
    """Append the YAML ``item`` at the end of the top-level block list ``key:`` of ``path``."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    (start,) = [i for i, line in enumerate(lines) if line.rstrip() == f"{key}:"]
    end = start + 1
    while end < len(lines) and (lines[end].startswith(("-", " ")) or not lines[end].strip()):
        end += 1
    path.write_text("".join(lines[:end] + [item] + lines[end:]), "utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the repository's project files (as a clean checkout has them) with the test's venv."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "docs", "templates"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, project / name)
    shutil.copytree(REPO / "src" / "alliance_site" / "schemas", project / "src" / "alliance_site" / "schemas")
    (project / ".venv").symlink_to(Path(sys.executable).parent.parent)
    return project


def test_the_walkthrough_runs_as_written_and_builds_strict(project, tmp_path):
    steps = blocks(section("Editing the corpus, step by step"))
    assert [lang for lang, _, _ in steps] == ["yaml", "sh", "yaml", "yaml", "sh"], steps
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"}
    for lang, attrs, body in steps:
        if lang == "sh":
            run = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", body],
                cwd=project,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            assert run.returncode == 0, f"$ {body}\n{run.stdout}{run.stderr}"
            assert "Traceback" not in run.stdout + run.stderr
            assert " warning: " not in run.stdout + run.stderr, run.stdout + run.stderr
        else:
            path = project / attrs["title"]
            if "append-to" in attrs:
                append_to_list(path, attrs["append-to"], body)
            else:
                assert not path.exists(), f"the README's {attrs['title']} would overwrite a real entry"
                path.write_text(body, "utf-8")
    site = project / "site"
    source = (site / "bibliography" / "park2015" / "index.html").read_text("utf-8")
    chapter = (site / "chapters" / "bab-iv" / "index.html").read_text("utf-8")
    timeline = (site / "timeline" / "index.html").read_text("utf-8")
    table = (site / "tables" / "dprk-navy" / "index.html").read_text("utf-8")
    # The new paragraph, verbatim and translated, at its permalink, citing the new source.
    assert 'id="p-contoh-park"' in chapter
    assert "Menurut Park, Korea Utara memiliki 3 kapal perusak" in chapter
    assert "According to Park, North Korea has 3 destroyers" in chapter
    # Backlinks: the source page to the paragraph, the timeline to the event and its paragraph, the table
    # to the paragraph its new row comes from.
    assert re.search(r'href="[^"]*chapters/bab-iv/#p-contoh-park"', source), "source page: no 'cited in' link"
    assert "North Korea&#39;s destroyers, as Park counts them" in timeline or "destroyers, as Park counts" in timeline
    assert re.search(r'href="[^"]*chapters/bab-iv/#p-contoh-park"', timeline)
    assert "Destroyers (kapal perusak)" in table
    assert re.search(r'href="[^"]*chapters/bab-iv/#p-contoh-park"', table)


def test_the_minimal_mkdocs_yml_builds(tmp_path):
    (yaml_block,) = [b for lang, _, b in blocks(section("Start your own corpus")) if lang == "yaml"]
    project = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "roots" / "minimal" / "content", project / "content")
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(yaml_block, "utf-8")
    run = mkdocs_build(project, tmp_path / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "site" / "chapters" / "one" / "index.html").is_file()


def test_the_plugin_options_table_is_generated_from_config():
    text = README.read_text("utf-8")
    m = re.search(r"<!-- plugin-options:[^>]*-->\n(.*?)\n<!-- /plugin-options -->", text, re.DOTALL)
    assert m, "README: the plugin options table markers are gone"
    if os.environ.get("UPDATE_README"):
        README.write_text(text.replace(m[1], options_table()), "utf-8")
    else:
        assert m[1] == options_table(), "README's plugin options differ from config.py (UPDATE_README=1 rewrites)"
