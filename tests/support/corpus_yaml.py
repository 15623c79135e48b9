"""What the real corpus's YAML says, read directly (not through the generator), for tests that check the
built pages against it."""

from __future__ import annotations

from pathlib import Path

import yaml

from support.sitebuild import REPO

CONTENT = REPO / "content"


def read_yaml(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def sources_named(data: dict) -> set[str]:
    """The sources an entry rests on: its own, and for a table those of its cells."""
    keys = set(data.get("sources") or [])
    for row in data.get("rows") or []:
        for cell in (row.get("cells") or {}).values():
            keys |= set((cell or {}).get("sources") or [])
    return keys
