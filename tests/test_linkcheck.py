"""Link integrity on the largest fixture: `alliance-site synth --sources 200` (400 paragraphs in one
chapter, 200 source pages, events, tables, figures), built with `mkdocs build --strict`, served on
127.0.0.1 and checked by LinkChecker with its AnchorCheck plugin: 0 broken links, 0 missing anchors.
The hostile fixture is checked the same way. (The real corpus is checked by tests/browser/test_browser_links.py.)

LinkChecker runs through tests/support/linkchecker_memo.py, which only remembers what LinkChecker parsed
per page content: without it a page with a thousand #anchors pointing into it is fetched and parsed a
thousand times (hours for this fixture).
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from support.sitebuild import REPO, alliance_site, mkdocs_build

MEMO = REPO / "tests" / "support" / "linkchecker_memo.py"
CONFIG = """[checking]
threads=8
# the test server answers with a "LinkChecker" header, which lifts LinkChecker's per-host rate limit
maxrequestspersecond=1000
timeout=60
[filtering]
checkextern=0
[output]
status=0
[AnchorCheck]
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # LinkChecker closes connections early once it has what it needs


@pytest.fixture
def served():
    servers = []

    def serve(root: Path) -> str:
        server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def linkcheck(url: str, tmp: Path, timeout: int = 1200) -> tuple[int, list[dict], str]:
    """LinkChecker over ``url``: (exit code, one CSV row per URL checked, stderr)."""
    config = tmp / "linkcheckerrc"
    config.write_text(CONFIG, "utf-8")
    run = subprocess.run(
        [sys.executable, str(MEMO), "--config", str(config), "--output", "csv", "--verbose", "--no-robots", url],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tmp,
    )
    body = "\n".join(line for line in run.stdout.splitlines() if line and not line.startswith("# "))
    return run.returncode, list(csv.DictReader(io.StringIO(body), delimiter=";")), run.stderr


def problems(rows: list[dict]) -> list[str]:
    return [
        f"{r['parentname']} → {r['urlname']}: {r['result']} {r['warningstring']}".strip()
        for r in rows
        if r["valid"] != "True" or r["warningstring"]
    ]


def test_the_largest_fixture_has_no_broken_link_or_anchor(tmp_path, served):
    root = tmp_path / "synth"
    made = alliance_site("synth", root, "--sources", "200")
    assert made.returncode == 0, made.stderr
    built = mkdocs_build(root, root / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    code, rows, stderr = linkcheck(served(root / "site"), tmp_path)
    assert len(rows) > 1500, f"LinkChecker checked only {len(rows)} URLs\n{stderr[-2000:]}"
    assert sum("#p-" in r["url"] for r in rows) > 300, "anchors into the chapter were not checked"
    assert sum("/bibliography/" in r["url"] for r in rows) > 200
    assert problems(rows) == []
    assert code == 0, stderr[-2000:]


def test_the_hostile_fixture_has_no_broken_link_or_anchor(tmp_path, served):
    site = tmp_path / "site"
    built = mkdocs_build(REPO / "tests" / "roots" / "hostile", site)
    assert built.returncode == 0, built.stdout + built.stderr
    code, rows, stderr = linkcheck(served(site), tmp_path)
    assert len(rows) > 50, stderr[-2000:]
    assert problems(rows) == []
    assert code == 0, stderr[-2000:]


def test_the_memo_still_finds_a_missing_page_and_a_missing_anchor(tmp_path, served):
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>a</title><p id="here"><a href="b/#there">ok</a> <a href="b/#nowhere">anchor</a>'
        ' <a href="b/#there">again</a> <a href="#here">self</a> <a href="missing/">page</a></p>',
        "utf-8",
    )
    (site / "b" / "index.html").write_text('<!doctype html><title>b</title><p id="there">b</p>', "utf-8")
    code, rows, _ = linkcheck(served(site), tmp_path, timeout=120)
    found = problems(rows)
    assert code == 1
    assert any("b/#nowhere" in p for p in found) and any("missing/" in p for p in found), found
    assert len(found) == 2, found
