"""Parsed files kept between builds of ``mkdocs serve``.

Its own module, free of the loader's imports (YAML, schemas, the model), so that a build cache can be
made, and a cached build served, without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..errors import Problem
    from .documents import Document

__all__ = ["FileCache"]


@dataclass
class FileCache:
    """Parsed and schema-checked files keyed by content hash, kept across rebuilds of ``mkdocs serve``:
    after an edit only the changed file is parsed again."""

    entries: dict[str, tuple[bytes, Document | None, list[Problem]]] = field(default_factory=dict)
