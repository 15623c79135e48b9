"""Zotero's own translation server (../shared/vendor/zotero/, a test tool, never part of the product),
started once per test session, and built sites served over http on localhost for it to read.

What a reader's Zotero saves from a page is decided by Zotero's translators (Embedded Metadata,
COinS, BibTeX, RIS, CSL JSON); the server runs exactly those, so the tests ask the real thing.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

#: Bounded waits (seconds): the server's start, one npm install, one request.
START_TIMEOUT = 90
NPM_TIMEOUT = 300
REQUEST_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TranslationServer:
    """A running translation server: ``web(url)`` is what the browser connector saves from a page,
    ``import_text(text)`` what Zotero's importers make of a file."""

    def __init__(self, vendor: Path, workdir: Path):
        for name in ("translation-server", "wgxpath"):
            shutil.copytree(vendor / name, workdir / name, symlinks=True)
        self.root = workdir / "translation-server"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "server.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        node, npm = shutil.which("node"), shutil.which("npm")
        if not node or not npm:
            raise RuntimeError("node and npm are needed for Zotero's translation server (scripts/test installs them)")
        install = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if install.returncode != 0:
            raise RuntimeError(f"npm ci failed in {self.root}:\n{install.stdout}{install.stderr}")
        (self.root / "config" / "local.json").write_text(json.dumps({"host": "127.0.0.1", "port": self.port}))
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [node, "src/server.js"], cwd=self.root, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        """Poll / until the server answers at all; give up after START_TIMEOUT with its log."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the translation server exited ({self.process.returncode}):\n{self._log_tail()}")
            try:
                urllib.request.urlopen(self.base + "/", timeout=2).close()
                return
            except urllib.error.HTTPError:
                return  # any HTTP answer means it listens
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(
            f"the translation server did not answer on {self.base} within {START_TIMEOUT} s:\n{self._log_tail()}"
        )

    def _log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def _post(self, path: str, body: str) -> tuple[int, object]:
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Content-Type": "text/plain"}, method="POST"
        )
        return self._send(request)

    @staticmethod
    def _send(request) -> tuple[int, object]:
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        try:
            return status, json.loads(text)
        except json.JSONDecodeError:
            return status, text

    def web(self, url: str) -> tuple[int, object]:
        """POST /web: 200 with the items, 300 with {"items": {...}} for a page of several, 501 for none."""
        return self._post("/web", url)

    def web_all(self, url: str) -> list[dict]:
        """Every item a page offers, the way a reader who selects them all gets them."""
        status, answer = self.web(url)
        if status == 200:
            return answer
        assert status == 300, (status, answer)
        request = urllib.request.Request(
            self.base + "/web",
            data=json.dumps(answer).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        status, items = self._send(request)
        assert status == 200, (status, items)
        return items

    def import_text(self, text: str) -> list[dict]:
        status, items = self._post("/import", text)
        assert status == 200, (status, items)
        return items


class SiteServer:
    """Static http server on localhost for built sites, each under its own folder of ``root``."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no request log in the test output
        pass
