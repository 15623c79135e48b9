"""Hostile and extreme input, round two (issue 17): builds that cannot collide, output folders handled
without loss, and configuration or environment errors answered with one message, never a traceback.
Serve keeps the last good site whatever breaks a rebuild."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.serving import edit_text, http_get, served_page, start_serve, stop_serve, wait_for
from support.sitebuild import REPO, mkdocs_build

MINIMAL = REPO / "tests" / "roots" / "minimal"


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "project")
    return tmp_path / "project"


def _real_corpus(tmp_path: Path) -> Path:
    project = tmp_path / "real"
    project.mkdir()
    for name in ("docs", "content", "templates"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    return project


# --- two builds into one folder ------------------------------------------------------------------------


def test_a_second_build_into_the_same_folder_fails_clearly_and_the_first_leaves_a_whole_site(tmp_path):
    project = _real_corpus(tmp_path)
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    whole = _files(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"}
    first = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while not list(project.glob("site.partial-*")) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if first.poll() is not None:
        pytest.skip("the first build finished before it could be paused")
    os.kill(first.pid, signal.SIGSTOP)  # the first build, paused mid-way, while the second one runs
    try:
        second = mkdocs_build(project, site)
    finally:
        os.kill(first.pid, signal.SIGCONT)
    _, first_err = first.communicate(timeout=600)
    assert second.returncode != 0
    assert "another build is writing the site" in second.stderr, second.stderr[-2000:]
    assert "Traceback" not in second.stderr
    assert first.returncode == 0, first_err[-2000:]
    assert _files(site) == whole
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site.")) == []


def test_the_old_and_new_site_trade_places_with_no_moment_without_a_site(tmp_path):
    """300 swaps in a child process while this one looks at the site without pause: the site's index is
    there every time it looks (two renames leave a moment without any site/)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("0", "utf-8")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, pathlib\n"
                "from alliance_site.staging import begin\n"
                "for i in range(300):\n"
                "    staging = begin(sys.argv[1])\n"
                "    pathlib.Path(staging.path, 'index.html').write_text(str(i), 'utf-8')\n"
                "    staging.swap_in()\n"
            ),
            str(site),
        ]
    )
    looks = misses = 0
    while child.poll() is None:
        looks += 1
        misses += not os.path.isfile(site / "index.html")
    assert child.returncode == 0
    assert misses == 0, f"no site at {misses} of {looks} looks"
    assert (site / "index.html").read_text("utf-8") == "299"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


# --- the output folder: nothing of the user's lost --------------------------------------------------------


def test_the_users_own_site_old_is_left_alone(project):
    assert mkdocs_build(project, project / "site").returncode == 0
    mine = project / "site.old" / "mine.txt"
    mine.parent.mkdir()
    mine.write_text("my own notes", "utf-8")
    assert mkdocs_build(project, project / "site").returncode == 0
    assert mine.read_text("utf-8") == "my own notes"


def test_a_symlinked_site_stays_a_link_and_the_site_is_replaced_where_it_points(project, tmp_path):
    real = tmp_path / "published" / "site"
    real.mkdir(parents=True)
    (real / "stale.html").write_text("old", "utf-8")
    (project / "site").symlink_to(real, target_is_directory=True)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert (project / "site").is_symlink() and (project / "site").resolve() == real
    assert (real / "index.html").is_file() and not (real / "stale.html").exists()
    assert sorted(p.name for p in real.parent.iterdir()) == [".site.lock", "site"]


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind root")
def test_a_read_only_site_is_replaced_and_nothing_stale_stays(project):
    assert mkdocs_build(project, project / "site").returncode == 0
    for folder in [project / "site", *(p for p in (project / "site").rglob("*") if p.is_dir())]:
        folder.chmod(0o555)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


# --- configuration and environment errors: one message, no traceback ---------------------------------------


def _config(project: Path, line: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - alliance-site" in text
    config.write_text(text.replace("  - alliance-site", "  - alliance-site:\n      " + line, 1), "utf-8")


@pytest.mark.parametrize(
    "style_file, data, words",
    [
        ("missing.csl", None, "plugins.alliance-site.csl_style: 'missing.csl' does not exist"),
        (
            "broken.csl",
            b"<style><info>",
            "broken.csl:1:14: error: the style named by csl_style in mkdocs.yml is not XML",
        ),
        ("html.csl", b"<html><body/></html>", "is XML but not a CSL style (its root element is <html>"),
    ],
)
def test_a_bad_csl_style_is_one_message(project, tmp_path, style_file, data, words):
    if data is not None:
        (project / style_file).write_bytes(data)
    _config(project, f"csl_style: {style_file}")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert words in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_file_in_docs_where_the_site_needs_a_folder_is_one_message(project, tmp_path):
    (project / "docs" / "bibliography").write_text("not a folder", "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/bibliography: error: this file is where the site needs the folder bibliography/" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists() and list(tmp_path.glob("site.partial-*")) == []


def test_a_site_folder_below_a_file_is_one_message(project, tmp_path):
    (tmp_path / "a-file").write_text("", "utf-8")
    result = mkdocs_build(project, tmp_path / "a-file" / "site")
    assert result.returncode != 0
    assert "cannot write the site beside" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


# --- serve -----------------------------------------------------------------------------------------------


def test_serve_keeps_the_last_good_site_after_a_formula_bomb(tmp_path):
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    log = tmp_path / "serve.log"
    proc, base = start_serve(root, log)
    url = base + "tables/numbers/"
    try:
        page = wait_for("the first page", lambda: served_page(url), proc, log)
        edit_text(
            root / "content" / "tables" / "numbers.yml",
            'equals: "part1.b + part2.b"',
            'equals: "' + " * ".join(["1000000000"] * 40) + ' / 3"',
        )
        wait_for("the error", lambda: "more than 100 digits" in log.read_text("utf-8"), proc, log)
        kept = "The site was not updated: the last good version is still served"
        wait_for("the rebuild", lambda: kept in log.read_text("utf-8"), proc, log)
        status, again = http_get(url)
        live = re.compile(r"reload\(\d+, \d+\)")  # the live-reload script's build counter
        assert status == 200 and live.sub("", again) == live.sub("", page)
        assert "Traceback" not in log.read_text("utf-8")
        assert proc.poll() is None
    finally:
        stop_serve(proc)


# --- sitemap.xml.gz ------------------------------------------------------------------------------------


def _gzip_mtime(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[4:8], "little")


# 1764030000 is not a midnight: MkDocs stamps the day of SOURCE_DATE_EPOCH, not its time
@pytest.mark.parametrize("epoch, expected", [(None, 0), ("1764030000", 1764030000)])
def test_sitemap_gz_carries_no_build_day(project, tmp_path, epoch, expected):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    packed = tmp_path / "site" / "sitemap.xml.gz"
    assert _gzip_mtime(packed) == expected
    assert gzip.decompress(packed.read_bytes()) == (tmp_path / "site" / "sitemap.xml").read_bytes()


# --- chapter- and section-level editorial notes ----------------------------------------------------------


def _chapter_page(content: Path, chapter: str) -> str:
    from alliance_site.site import build_site

    build = build_site(content)
    assert build.errors == [], build.errors
    (page,) = [p for p in build.pages if p.uri == f"chapters/{chapter}.md"]
    return page.content


def test_the_real_chapters_editorial_note_is_on_its_page():
    page = _chapter_page(REPO / "content", "bab-iv")
    assert 'id="chapter-bab-iv-n1"' in page
    assert "The chapter numbers its table and figures Tabel 1.1, Gambar 1.2" in " ".join(page.split())


def test_a_sections_editorial_note_is_on_the_chapter_page(project):
    chapter = project / "content" / "chapters" / "one.yml"
    text = chapter.read_text("utf-8")
    old = "    title: A section\n    page: 3\n"
    assert old in text
    chapter.write_text(
        text.replace(
            old, old + "    editorial: [{kind: note, note: The section heading is supplied by the editors.}]\n"
        ),
        "utf-8",
    )
    page = _chapter_page(project / "content", "one")
    assert '<li id="chapter-one-sec-s-one-n1" class="as-note as-note--note">' in page
    assert "The section heading is supplied by the editors." in page
    assert page.index("{ #sec-s-one }") < page.index("chapter-one-sec-s-one-n1") < page.index('id="p-second"')
