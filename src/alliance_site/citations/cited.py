"""Which sources a corpus cites: the bookkeeping of ``register`` shared by every bibliography."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CitedSources"]


class CitedSources:
    """Tells, of the citations registered, the keys that name a source (``known``) from those that name
    none. Orders come from the caller (the style's bibliography order)."""

    def __init__(self, known: Iterable[str]):
        self._known = frozenset(known)
        self._cited: set[str] = set()
        self._unknown: set[str] = set()

    def add(self, citations: Iterable) -> None:
        for citation in citations:
            for item in citation.items:
                (self._cited if item.key in self._known else self._unknown).add(item.key)

    def clear(self) -> None:
        self._cited.clear()
        self._unknown.clear()

    def cited(self, order: Iterable[str]) -> list[str]:
        """Keys of registered citations that name a source, in ``order``."""
        return [k for k in order if k in self._cited]

    def uncited(self, order: Iterable[str]) -> list[str]:
        """Sources no registered citation names, in ``order``."""
        return [k for k in order if k not in self._cited]

    def unknown(self) -> list[str]:
        """Registered citation keys that name no source, sorted."""
        return sorted(self._unknown)
