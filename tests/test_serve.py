"""``mkdocs serve``: an edit that breaks the corpus shows ``file:line:column`` in the terminal (no traceback)
while the last good site keeps being served; fixing it brings the new page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = "chapters/one/"
OLD, BROKEN, FIXED = "An opening paragraph", "A broken paragraph", "A mended paragraph"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _page(url: str) -> str:
    """The page's HTML when it is served with 200, else ''."""
    status, body = _get(url)
    return body if status == 200 else ""


def _wait(what: str, check, proc: subprocess.Popen, log: Path, timeout: float = 20.0):
    """Poll ``check`` until it returns something truthy; fail with the server's output otherwise."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = check()
        if result:
            return result
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; server output:\n{log.read_text('utf-8', 'replace')}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def _serve(root: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start `mkdocs serve` in ``root`` on a free port, its output (stdout and stderr) going to ``log``."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return proc, f"http://127.0.0.1:{port}/"


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_serve_keeps_the_last_good_site_while_an_edit_is_invalid(tmp_path):
    root = tmp_path / "minimal"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", root)
    chapter = root / "content" / "chapters" / "one.yml"
    log = tmp_path / "serve.log"
    proc, base = _serve(root, log)
    url = base + PAGE
    try:
        page = _wait("the first page", lambda: _page(url), proc, log)
        assert OLD in page
        builds = log.read_text("utf-8").count("Documentation built in")

        # An unknown citation key: the rebuild fails validation.
        _edit(chapter, f"{OLD} citing [@smith2020,", f"{BROKEN} citing [@smith2021,")
        line_no, line = next(
            (i, ln) for i, ln in enumerate(chapter.read_text("utf-8").split("\n"), 1) if "@smith2021" in ln
        )
        where = f"content/chapters/one.yml:{line_no}:{line.index('@smith2021') + 1}: error: unknown citation key 'smith2021'"
        _wait("the error in the terminal", lambda: where in log.read_text("utf-8"), proc, log)
        # The rebuild goes on with the last good pages, and says so instead of "Documentation built".
        kept = "The site was not updated: the last good version is still served"
        _wait("the rebuild to finish", lambda: kept in log.read_text("utf-8"), proc, log)
        output = log.read_text("utf-8")
        assert "Traceback" not in output, output
        assert output.count("Documentation built in") == builds, "a failed rebuild must not say it built the site"
        status, page = _get(url)
        assert status == 200 and OLD in page and BROKEN not in page

        # Fixed: the page shows the edit.
        _edit(chapter, f"{BROKEN} citing [@smith2021,", f"{FIXED} citing [@smith2020,")
        _wait("the mended page", lambda: FIXED in _get(url)[1], proc, log)
        assert "Traceback" not in log.read_text("utf-8")
        assert proc.poll() is None, "the server stopped"
    finally:
        _stop(proc)


def test_serve_keeps_the_last_good_site_while_a_template_is_broken(tmp_path):
    root = tmp_path / "minimal"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", root)
    template = root / "templates" / "pages" / "glossary.md.j2"
    template.parent.mkdir(parents=True)
    shutil.copy(REPO / "templates" / "pages" / "glossary.md.j2", template)
    good = template.read_text("utf-8")
    log = tmp_path / "serve.log"
    proc, base = _serve(root, log)
    url = base + "glossary/"
    try:
        page = _wait("the first page", lambda: _page(url), proc, log)
        assert "United States of America" in page
        template.write_text(good + "{% if %}\n", "utf-8")
        _wait("the template error in the terminal", lambda: "glossary.md.j2" in log.read_text("utf-8"), proc, log)
        status, page = _get(url)  # times out (status 0) while MkDocs holds requests after a failed rebuild
        assert status == 200 and "United States of America" in page
        assert "Traceback" not in log.read_text("utf-8")
        template.write_text(good.replace("</", "<!-- mended --></", 1), "utf-8")
        _wait("the mended page", lambda: "mended" in _get(url)[1], proc, log)
    finally:
        _stop(proc)
