"""``alliance-site init DIR``: start a corpus of one's own; ``mkdocs build --strict`` passes in DIR at once."""

from __future__ import annotations

import sys
from pathlib import Path

from ..scaffold_init import InitRefused, init_project


def register(sub) -> None:
    p = sub.add_parser("init", help="start a new corpus: a minimal valid content/ and a working mkdocs.yml in DIR")
    p.add_argument("dir", help="project folder (created if missing; must not hold a mkdocs.yml or content/ yet)")
    p.add_argument("--title", default="My corpus", help="site and corpus title (default: My corpus)")
    p.add_argument("--language", default="en", help="language of the text, a BCP 47 tag such as id or en (default: en)")


def run(args) -> int:
    folder = Path(args.dir)
    try:
        written = init_project(folder, args.title, args.language)
    except InitRefused as exc:
        print(f"error: {exc}; nothing was written (choose an empty folder)", file=sys.stderr)
        return 1
    print(f"{len(written)} files written into {folder}. Next: cd {folder} && mkdocs serve")
    return 0
