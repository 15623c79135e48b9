"""The ``mkdocs serve`` case: the generator phase again after one file changed.

``python bench/rebuild.py CONTENT [REPEATS]`` builds once (as the first build of ``mkdocs serve``
does), then edits one file at a time for real (a source's title, or a chapter's first paragraph)
and times ``build_site`` after each edit, with one ``BuildCache`` kept across the calls as the
plugin keeps it across the rebuilds of a serve (parsed files; the formatted bibliography).
Restores every file and prints one JSON object: seconds per kind of file edited.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from alliance_site.site import BuildCache, build_site

EDITS = {
    "source": ("sources", "\ntitle: ", "\ntitle: Edited "),
    "chapter": ("chapters", "\n  text: ", "\n  text: Edited "),
}


CACHE = BuildCache()


def timed(content: Path, templates: Path) -> float:
    start = time.perf_counter()
    build = build_site(content, templates_dir=templates, cache=CACHE)
    elapsed = time.perf_counter() - start
    if build.errors:
        raise SystemExit("\n".join(map(str, build.errors[:5])))
    return elapsed


def main(argv: list[str]) -> int:
    content, repeats = Path(argv[0]), int(argv[1]) if len(argv) > 1 else 3
    templates = content.parent / "templates"
    result = {"cold_s": timed(content, templates), "unchanged_s": timed(content, templates)}
    for kind, (folder, old, new) in EDITS.items():
        files = sorted((content / folder).glob("*.yml"))
        times = []
        for i in range(repeats):
            path = files[(i * 7919) % len(files)]  # a different file each time, spread over the folder
            original = path.read_bytes()
            text = original.decode("utf-8")
            if old not in text:
                raise SystemExit(f"{path}: cannot find {old!r} to edit")
            try:
                path.write_bytes(text.replace(old, new + f"{i} ", 1).encode("utf-8"))
                times.append(timed(content, templates))
            finally:
                path.write_bytes(original)
        timed(content, templates)  # back to the original state, untimed
        result[f"{kind}_edit_s_median"] = statistics.median(times)
        result[f"{kind}_edit_s_max"] = max(times)
    print(json.dumps({k: round(v, 4) for k, v in result.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
