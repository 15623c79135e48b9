"""Links and labels that page templates ask of ``site``: hrefs relative to the page being
rendered, and the short names of paragraphs, entries, sources and languages.

A mixin of :class:`alliance_site.render.page_site.PageSite`, which provides the attributes
annotated below; ``links`` is bound to the page being rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..data.dates import display
from ..model import Corpus, Entry, Paragraph
from ..text.markup import Citation, CiteItem
from .labels import language_name as autonym
from .links import Links
from .options import SiteOptions
from .scholarly import plain
from .urls import Urls

if TYPE_CHECKING:
    from ..citations.formatter import Bibliography

__all__ = ["SiteLinks"]


class SiteLinks:
    """Hrefs and labels; hrefs are relative to the page being rendered."""

    corpus: Corpus
    bib: Bibliography
    options: SiteOptions
    urls: Urls
    links: Links

    @staticmethod
    def language_name(tag: str) -> str:
        return autonym(tag)

    def href(self, uri: str, anchor: str = "") -> str:
        return self.links.href(uri, anchor)

    def entry_href(self, kind: str, ident: str) -> str:
        return self.links.entry_href(kind, ident)

    def para_href(self, para: Paragraph) -> str:
        return self.links.para_href(para)

    def event_href(self, event: Entry) -> str:
        return self.links.event_href(event)

    def para_label(self, para: Paragraph) -> str:
        where = [para.chapter.data.get("number") or para.chapter.title]
        if para.section is not None:
            where.append(para.section.data.get("number") or para.section.title)
        return " · ".join(where + [f"¶ {para.number}"])

    def entry_label(self, entry: Entry) -> str:
        if entry.kind == "source":
            return self.source_label(entry.id)
        if entry.kind == "event":
            return f"{display(entry.data['date'], self.options.ui_language)}: {entry.data['title']}"
        number = entry.data.get("number")
        return f"{number} {entry.data['caption']}" if number else entry.data["caption"]

    def source_label(self, key: str) -> str:
        """Plain text naming a source as the style cites it, e.g. 'Kang (2006)'."""
        return plain(self.bib.cite(Citation((CiteItem(key),), False, 0, 0)))
