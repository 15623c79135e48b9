"""Where each page and anchor lives, and relative links between pages.

Links are written by the generator as relative URLs, so the site works from
any base path and from ``file://``; MkDocs never has to rewrite them.
"""

from __future__ import annotations

import posixpath

from ..text.ids import slug

__all__ = ["Urls", "slug"]


class Urls:
    """Source paths (``uri``) of generated pages and their public URLs."""

    def __init__(self, use_directory_urls: bool = True):
        self.use_directory_urls = use_directory_urls

    # --- page source paths ---
    home = "index.md"
    bibliography = "bibliography/index.md"
    timeline = "timeline/index.md"
    tables_index = "tables/index.md"
    figures_index = "figures/index.md"
    glossary = "glossary.md"
    howto = "how-to-edit.md"

    @staticmethod
    def chapter(chapter_id: str) -> str:
        return f"chapters/{chapter_id}.md"

    @staticmethod
    def entry(kind: str, ident: str) -> str:
        folder = {"source": "bibliography", "table": "tables", "figure": "figures", "event": "timeline"}[kind]
        return f"{folder}/{slug(ident)}.md"

    @staticmethod
    def asset(path: str) -> str:
        """Where a content file (a figure's image) is published: under ``media/``, path kept."""
        return "media/" + path.lstrip("/")

    # --- anchors ---
    @staticmethod
    def anchor(kind: str, ident: str) -> str:
        """HTML id of a unit on its page: prefixed so that ids of different kinds never collide."""
        prefix = {
            "paragraph": "",
            "section": "sec-",
            "event": "evt-",
            "term": "term-",
            "reference": "ref-",
            "page": "page-",
        }
        return prefix[kind] + slug(str(ident))

    # --- public URLs ---
    def url(self, uri: str) -> str:
        """The page URL MkDocs gives a source path (as in ``File.url``)."""
        stem, _ = posixpath.splitext(uri)
        if uri.endswith(".md"):
            if not self.use_directory_urls:
                return stem + ".html"
            if posixpath.basename(stem) == "index":
                return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
            return stem + "/"
        return uri

    def href(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        """Relative link from the page at ``from_uri`` to ``to_uri`` (optionally ``#anchor``)."""
        src = self.url(from_uri)
        dst = self.url(to_uri)
        base = src if src.endswith("/") or not src else posixpath.dirname(src) + "/"
        rel = posixpath.relpath("/" + dst, "/" + base)
        if (dst.endswith("/") or not dst) and not rel.endswith("/"):
            rel += "/"
        if rel == "./" and anchor:
            rel = ""  # same page: "#anchor" alone
        return rel + (f"#{anchor}" if anchor else "")
