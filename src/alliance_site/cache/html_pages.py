"""Finished HTML of generated pages, so that Python-Markdown converts a page once, not on every build.

A page's entry is keyed by its Markdown, its place in the site, and a context digest of everything else
a conversion depends on (the Markdown extensions and their settings, the libraries' versions, the
package's code, every file's URL, since links are rewritten against them). Pure: the plugin turns
MkDocs' table of contents into the plain ``[title, id, level, children]`` lists kept here.
"""

from __future__ import annotations

import json
from importlib import metadata
from typing import Any

from .fingerprint import Fingerprint, code_fingerprint
from .store import JsonStore

__all__ = ["HtmlPageCache", "conversion_context"]

_LIBRARIES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "pygments")


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def conversion_context(extensions: list, extension_configs: dict, site: dict, files: list[list[str]]) -> str | None:
    """The digest of a conversion's surroundings, or None when it cannot be told reliably (an extension
    given as an object, or settings that are not plain data): then no page is cached."""
    if not all(isinstance(e, str) for e in extensions):
        return None
    try:
        settings = json.dumps(extension_configs, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return Fingerprint(
        ("extensions", list(extensions)),
        ("settings", settings),
        ("site", site),
        ("files", files),
        ("libraries", {name: _version(name) for name in _LIBRARIES}),
        ("code", code_fingerprint()),
    ).hexdigest()


class HtmlPageCache:
    """Converted pages in ``store`` under kind ``html``; ``context`` from :func:`conversion_context`."""

    def __init__(self, store: JsonStore, context: str):
        self.store, self.context = store, context

    def key(self, markdown: str, src_uri: str, dest_uri: str) -> str:
        return Fingerprint(("context", self.context), ("page", [src_uri, dest_uri]), ("markdown", markdown)).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        entry = self.store.get("html", key)
        if not isinstance(entry, dict) or not isinstance(entry.get("html"), str):
            return None
        return entry

    def put(self, key: str, html: str, toc: list, title: str | None, anchors: list[str], links: dict | None) -> None:
        self.store.put("html", key, {"html": html, "toc": toc, "title": title, "anchors": anchors, "links": links})
