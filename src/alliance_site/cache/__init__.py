"""The persistent build cache (``.cache/alliance-site/`` beside mkdocs.yml): validated JSON entries keyed
by a content hash of everything they depend on, so that a warm build gives the bytes of a cold one."""

from .bibliography import CachedBibliography
from .fingerprint import Fingerprint, code_fingerprint, tree_digest
from .store import JsonStore, cache_folder

__all__ = ["CachedBibliography", "Fingerprint", "JsonStore", "cache_folder", "code_fingerprint", "tree_digest"]
