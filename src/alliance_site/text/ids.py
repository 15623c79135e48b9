"""File-name-safe forms of ids and citation keys, shared by the validator and the page renderer."""

from __future__ import annotations

import re

__all__ = ["slug"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def slug(text: str) -> str:
    """A file-name-safe form of an id or citation key ('knuth:ct:a' → 'knuth-ct-a')."""
    return _UNSAFE.sub("-", text).strip("-.") or "_"
