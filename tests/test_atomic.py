"""Atomic output: `mkdocs build` writes into a staging folder of its own (site.partial-*) and swaps it in
only when the whole build succeeded. A build that fails, early (invalid content) or late (a broken theme template, a strict-mode
warning raised after every page is written, the process killed mid-way), leaves the previous site/
byte for byte and mtime for mtime as it was, and (unless killed) no staging folder behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.sitebuild import REPO, mkdocs_build

MINIMAL = REPO / "tests" / "roots" / "minimal"


def _snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith("site."))


@pytest.fixture
def built(tmp_path):
    """A project (tests/roots/minimal) with a good site built into project/site."""
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
    return project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")


def _assert_failed_and_untouched(project: Path, before, result, words: str) -> None:
    assert result.returncode != 0
    assert words in result.stdout + result.stderr
    assert _snapshot(project / "site") == before, "the failed build changed the previous site"
    assert _leftovers(project) == [], "the failed build left its staging folder behind"


def test_invalid_content_leaves_the_previous_site(built):
    before = _snapshot(built / "site")
    _edit(built / "content" / "events" / "war.yml", 'date: "1950"', 'date: "1950-13-45"')
    result = mkdocs_build(built, built / "site")
    _assert_failed_and_untouched(built, before, result, "content/events/war.yml:3:7: error: bad date")


def test_a_broken_theme_template_late_in_the_build_leaves_the_previous_site(built):
    """The template fails while pages are written: the staging folder already holds the theme's assets."""
    before = _snapshot(built / "site")
    theme = built / "templates" / "theme"
    theme.mkdir(parents=True)
    (theme / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}{% include "nowhere.html" %}{% endblock %}\n', "utf-8"
    )
    result = mkdocs_build(built, built / "site")
    _assert_failed_and_untouched(built, before, result, "nowhere.html")


def test_a_strict_mode_warning_after_all_pages_are_written_leaves_the_previous_site(built):
    """`--strict` aborts on warnings only after the post-build event: the swap must not have happened."""
    before = _snapshot(built / "site")
    (built / "docs" / "extra.md").write_text("# Extra\n\n[a link to nowhere](nowhere.md)\n", "utf-8")
    result = mkdocs_build(built, built / "site")
    _assert_failed_and_untouched(built, before, result, "Aborted with 1 warnings in strict mode")


def test_without_strict_the_same_warning_builds_and_swaps(built):
    (built / "docs" / "extra.md").write_text("# Extra\n\n[a link to nowhere](nowhere.md)\n", "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(built / "site")],
        check=False,
        cwd=built,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (built / "site" / "extra" / "index.html").is_file()
    assert _leftovers(built) == []


def test_a_successful_build_replaces_the_site_whole(built):
    (built / "site" / "stale.html").write_text("from an older build", "utf-8")
    _edit(built / "content" / "corpus.yml", "title: A minimal corpus", "title: A renamed corpus")
    result = mkdocs_build(built, built / "site")
    assert result.returncode == 0, result.stderr
    assert "A renamed corpus" in (built / "site" / "index.html").read_text("utf-8")
    assert not (built / "site" / "stale.html").exists()
    assert _leftovers(built) == []
    # The log names the folder the site is published in, never the staging folder it was written to.
    assert f"Building documentation to directory: {built / 'site'}" in result.stderr, result.stderr
    assert "site.partial" not in result.stderr


# An MkDocs hook that pauses the build at a known point: after the second page has been rendered, when the
# staging folder already holds the theme's assets and the first page. It says where it paused, then waits
# to be killed, so the kill always lands mid-way, however fast the machine.
PAUSE_HOOK = """
import os
import pathlib
import threading

rendered = 0


def on_post_page(output, page, config):
    global rendered
    rendered += 1
    if rendered == 2:
        pathlib.Path(os.environ["AS_PAUSED_AT"]).write_text(config["site_dir"], "utf-8")
        threading.Event().wait()
    return output
"""


def test_a_build_killed_mid_way_leaves_the_previous_site(built):
    """SIGKILL while pages are being written. Nothing can clean up after a kill, so site.partial stays;
    the previous site is intact and the next build removes it."""
    before = _snapshot(built / "site")
    config = (built / "mkdocs.yml").read_text("utf-8")
    (built / "pause.py").write_text(PAUSE_HOOK, "utf-8")
    (built / "mkdocs.yml").write_text(config + "hooks:\n  - pause.py\n", "utf-8")
    paused_at = built / "paused-at"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AS_PAUSED_AT": str(paused_at)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(built / "site")],
        cwd=built,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        while not paused_at.exists():  # the condition, not a guess of how long the build takes
            if proc.poll() is not None:
                pytest.fail("the build ended before its pause point: " + proc.stderr.read().decode())
            time.sleep(0.01)
        partial = Path(paused_at.read_text("utf-8"))
        assert partial.parent == built and partial.name.startswith("site.partial-")
        assert (partial / "assets").is_dir() and list(partial.rglob("*.html")), "paused before any page was written"
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert _snapshot(built / "site") == before
    (built / "mkdocs.yml").write_text(config, "utf-8")
    result = mkdocs_build(built, built / "site")
    assert result.returncode == 0, result.stderr
    assert _leftovers(built) == []
