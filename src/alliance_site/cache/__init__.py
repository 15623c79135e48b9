"""The persistent build cache (``.cache/alliance-site/`` beside mkdocs.yml): validated JSON entries keyed
by a content hash of everything they depend on, so that a warm build gives the bytes of a cold one."""

from .fingerprint import Fingerprint, code_fingerprint, tree_digest
from .store import JsonStore, cache_folder

__all__ = ["CachedBibliography", "Fingerprint", "JsonStore", "cache_folder", "code_fingerprint", "tree_digest"]


def __getattr__(name: str):
    # Imported on first use: it brings the citation engine's modules, which a cache hit never needs.
    if name == "CachedBibliography":
        from .bibliography import CachedBibliography

        return CachedBibliography
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
