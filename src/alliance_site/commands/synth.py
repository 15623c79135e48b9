"""``alliance-site synth DIR --sources N``: write a synthetic corpus and a site around it (for benchmarks)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ..synth import Counts, mkdocs_yml, synthesize


def register(sub) -> None:
    p = sub.add_parser("synth", help="write a synthetic, valid corpus of N sources with a buildable mkdocs.yml")
    p.add_argument("dir", help="site folder to write content/, docs/ and mkdocs.yml into")
    p.add_argument("--sources", type=int, required=True, metavar="N", help="number of sources (paragraphs: 2N)")
    p.add_argument("--seed", type=int, default=0, help="random seed; the same N and seed give the same bytes")
    p.add_argument("--force", action="store_true", help="replace an existing DIR/content")


def run(args) -> int:
    if args.sources < 1:
        print("--sources must be at least 1", file=sys.stderr)
        return 2
    root = Path(args.dir)
    content = root / "content"
    if content.exists() and any(content.iterdir()):
        if not args.force:
            print(f"{content} exists and is not empty; pass --force to replace it", file=sys.stderr)
            return 1
        # Stale files of a bigger corpus would otherwise survive and dangle.
        shutil.rmtree(content)
    for rel, text in synthesize(args.sources, args.seed).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / ".gitkeep").write_bytes(b"")
    (root / "mkdocs.yml").write_bytes(mkdocs_yml(args.sources, args.seed).encode("utf-8"))
    c = Counts.for_sources(args.sources)
    print(
        f"wrote {c.sources} sources, {c.paragraphs} paragraphs in {c.chapters} chapter(s), {c.events} events, "
        f"{c.tables} tables, {c.figures} figures and {c.glossary} acronyms to {content}"
    )
    return 0
