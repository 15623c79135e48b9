"""CSL-JSON items as the project hands them to citeproc-js: every string protected for HTML
(see :mod:`._text`), under the item's internal id."""

from __future__ import annotations

from ._text import protect

__all__ = ["citeproc_item"]

# Fields of ours or of reference managers that citeproc-js does not format.
_DROPPED = frozenset({"id", "custom", "categories", "citation-key"})


def _protected(value):
    if isinstance(value, str):
        return protect(value)
    if isinstance(value, list):
        return [_protected(v) for v in value]
    if isinstance(value, dict):
        return {k: _protected(v) for k, v in value.items()}
    return value  # numbers and flags as they are


def citeproc_item(item: dict, internal_id: str) -> dict:
    """A strict CSL-JSON item (:func:`.csl.to_csl_item`) as citeproc-js reads it, every string protected."""
    out: dict = {"id": internal_id}
    for key, value in item.items():
        if key not in _DROPPED:
            out[key] = value if key in ("type", "language") else _protected(value)
    return out
