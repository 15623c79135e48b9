"""Edit-to-visible under ``mkdocs serve``, end to end.

``python bench/rebuild.py SITE [REPEATS]`` starts ``mkdocs serve`` in SITE (a folder with mkdocs.yml and
content/; the build cache on, as a user has it), waits for the first build, then, REPEATS times for each
kind of edit (a source's title, a paragraph's text, an event's title, a table's caption), writes the
edited file and polls the page that shows it over HTTP until the edit is there: the seconds from the
write to the visible page. Every file is restored (and the restore waited for) before the next edit.
Prints one JSON object: ``{"edit_to_visible_s": {kind: median}, "edit_to_visible_s_max": {...}, ...}``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

# kind: (folder, text before the edit, the page that shows it: its URL from the file's id)
EDITS = {
    "source": ("sources", "\ntitle: ", lambda doc_id: f"bibliography/{doc_id}/"),
    "paragraph": ("chapters", "\n  text: ", lambda doc_id: f"chapters/{doc_id}/"),
    "event": ("events", "\ntitle: ", lambda doc_id: f"timeline/{doc_id}/"),
    "table": ("tables", "\ncaption: ", lambda doc_id: f"tables/{doc_id}/"),
}
POLL_S = 0.02


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read() if response.status == 200 else b""
    except (urllib.error.URLError, OSError):
        return b""


def _until(check, timeout: float, what: str, proc: subprocess.Popen) -> float:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return time.monotonic()
        if proc.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped while waiting for {what}")
        time.sleep(POLL_S)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}")


def main(argv: list[str]) -> int:
    site, repeats = Path(argv[0]).resolve(), int(argv[1]) if len(argv) > 1 else 3
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a killed run still restores the edited file
    content = site / "content"
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ALLIANCE_SITE_NO_CACHE": ""}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result: dict = {"edit_to_visible_s": {}, "edit_to_visible_s_max": {}}
    try:
        result["first_build_s"] = round(_until(lambda: _get(base), 1800, "the first build", proc) - started, 3)
        print(f"  first build served after {result['first_build_s']} s", file=sys.stderr, flush=True)
        for kind, (folder, before, page_of) in EDITS.items():
            files = sorted((content / folder).glob("*.yml"))
            times = []
            for i in range(repeats):
                path = files[(i * 7919) % len(files)]  # a different file each time, spread over the folder
                original = path.read_bytes()
                text = original.decode("utf-8")
                if before not in text:
                    raise SystemExit(f"{path}: cannot find {before!r} to edit")
                url = base + page_of(yaml.safe_load(text)["id"])
                marker = f"Zqxedit{kind}{i}".encode()
                try:
                    wrote = time.monotonic()
                    path.write_bytes(text.replace(before, before + marker.decode() + " ", 1).encode("utf-8"))
                    seen = _until(lambda url=url, marker=marker: marker in _get(url), 600, f"the {kind} edit", proc)
                    times.append(seen - wrote)
                    print(f"  {kind} edit {i + 1}: visible after {seen - wrote:.3f} s", file=sys.stderr, flush=True)
                finally:
                    path.write_bytes(original)
                _until(lambda url=url, marker=marker: marker not in _get(url), 600, "the restore", proc)
            result["edit_to_visible_s"][kind] = round(statistics.median(times), 3)
            result["edit_to_visible_s_max"][kind] = round(max(times), 3)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
