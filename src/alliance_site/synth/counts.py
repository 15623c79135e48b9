"""How large a synthetic corpus is: the units of each kind for a number of sources."""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["PARAGRAPHS_PER_CHAPTER", "Counts"]

#: One chapter file per this many paragraphs, so that no single file (or page) is huge.
PARAGRAPHS_PER_CHAPTER = 500


@dataclass(frozen=True)
class Counts:
    """How many of each unit a corpus of ``sources`` sources holds (at least one of each kind)."""

    sources: int
    paragraphs: int
    events: int
    tables: int
    figures: int
    glossary: int = 100

    @classmethod
    def for_sources(cls, n: int) -> Counts:
        return cls(n, 2 * n, max(1, n // 5), max(1, n // 50), max(1, n // 100))

    @property
    def chapters(self) -> int:
        return math.ceil(self.paragraphs / PARAGRAPHS_PER_CHAPTER)
