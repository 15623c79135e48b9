"""What the renderer hands over: one generated page or download.

Its own module, free of the renderer's imports, so that a build served from the cache (which only
reads pages back) does not import Jinja, the schemas and the citation engine.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GeneratedPage"]


@dataclass(frozen=True)
class GeneratedPage:
    """A page (Markdown) or a download (any text) at ``uri``; ``in_nav`` says if it belongs in the navigation."""

    uri: str
    content: str | bytes
    title: str = ""
    in_nav: bool = False
