"""Small text helpers shared by the citation modules."""

from __future__ import annotations

__all__ = ["word_set", "words"]


def words(text: str) -> tuple[str, ...]:
    """A word list written as one string: easier to read and diff than a column of quoted items."""
    return tuple(text.split())


def word_set(text: str) -> frozenset[str]:
    """:func:`words` as a frozenset, for membership tests."""
    return frozenset(text.split())
