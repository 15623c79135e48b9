"""Links from one page: a :class:`Links` is bound to the page being rendered, so every href it
gives is relative to that page, and nothing about "the current page" lives anywhere else."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Entry, Paragraph
from .urls import Urls

__all__ = ["Links"]


@dataclass(frozen=True)
class Links:
    """Hrefs from the page at ``page_uri`` to pages, entries, paragraphs and events."""

    urls: Urls
    page_uri: str

    def href(self, uri: str, anchor: str = "") -> str:
        return self.urls.href(self.page_uri, uri, anchor)

    def entry_href(self, kind: str, ident: str) -> str:
        return self.href(self.urls.entry(kind, ident))

    def para_href(self, para: Paragraph) -> str:
        return self.href(self.urls.chapter(para.chapter.id), para.id)

    def event_href(self, event: Entry) -> str:
        return self.href(self.urls.timeline, self.urls.anchor("event", event.id))
