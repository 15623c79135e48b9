"""Running `mkdocs serve` in a test: a free port, polling the served pages, stopping the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def served_page(url: str) -> str:
    """The page's HTML when it is served with 200, else ''."""
    status, body = http_get(url)
    return body if status == 200 else ""


def wait_for(what: str, check, proc: subprocess.Popen, log: Path, timeout: float = 20.0):
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


def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def start_serve(root: Path, log: Path, env: dict | None = None, *args: str) -> tuple[subprocess.Popen, str]:
    """Start `mkdocs serve` in ``root`` on a free port, its output (stdout and stderr) going to ``log``;
    ``env`` adds to the environment, ``args`` to the command line (``--dirty``)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", **(env or {})}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *args],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return proc, f"http://127.0.0.1:{port}/"


def stop_serve(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
