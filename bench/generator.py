"""The generator phase alone, as the benchmark times it: ``python bench/generator.py CONTENT [TEMPLATES] [--cache DIR]``.

Load, validate, model, format and render to Markdown (``build_site``), in a fresh process, so that the
imports the plugin adds to a build (jsonschema, mini-racer with citeproc-js, lxml) are counted too. With
``--cache DIR`` the build uses (and fills) a persistent cache there: empty for generator-cold, filled for
generator-warm. Prints
``INNER <seconds>``: the time from before the imports to the last page rendered.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import sys
from pathlib import Path

from alliance_site.cache.store import JsonStore
from alliance_site.site import BuildCache, build_site


def main(argv: list[str]) -> int:
    cache = None
    if "--cache" in argv:
        at = argv.index("--cache")
        # As `mkdocs build` runs it (apart.py): a build that runs once keeps no parsed file.
        cache, argv = BuildCache(JsonStore(Path(argv[at + 1])), files=None), argv[:at] + argv[at + 2 :]
    content = Path(argv[0])
    templates = Path(argv[1]) if len(argv) > 1 else content.parent / "templates"
    build = build_site(content, templates_dir=templates, cache=cache)
    if build.errors:
        print("\n".join(map(str, build.errors[:5])), file=sys.stderr)
        return 1
    print(f"INNER {time.perf_counter() - START:.4f}")
    print(f"PAGES {len(build.pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
