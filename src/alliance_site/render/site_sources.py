"""What page templates ask of ``site`` about sources and the scholarly apparatus: reference
lists, source types, export formats, COinS spans, missing fields and "cite this paragraph".

A mixin of :class:`alliance_site.render.site.SiteRenderer`, which provides the attributes
annotated below; ``apparatus`` may be None, and then the apparatus helpers give nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from ..citations.coins import coins_carries_all_names, coins_span
from ..model import Corpus, Entry, Paragraph
from .scholarly import EXPORTS, ScholarlyApparatus

if TYPE_CHECKING:
    from ..citations.formatter import Bibliography

__all__ = ["SiteSources"]


class SiteSources:
    """Sources and the scholarly apparatus, for the bibliography, source and chapter pages."""

    corpus: Corpus
    bib: Bibliography
    labels: dict[str, str]
    apparatus: ScholarlyApparatus | None

    exports = EXPORTS

    def source_types(self) -> list[str]:
        return sorted({s.data["type"] for s in self.corpus.sources.values()})

    def coins(self, source: Entry) -> Markup:
        """A COinS span, so that Zotero offers to save every item of a list (and the source of a source
        page), with a supplied title where the text gives none."""
        record = self.apparatus.record(source.id) if self.apparatus else source.data
        return Markup(coins_span(record))

    def page_coins(self, source: Entry) -> Markup:
        """The COinS span of a source's own page, where COinS holds all its names. Zotero reads a page's
        COinS before its meta tags, and keeps an institution's name whole from it (its Embedded Metadata
        translator splits "Defense R. o." at the last space); but OpenURL has no editors or translators,
        and then the Highwire tags (``citation_editor``) are the better record, so the span is left out."""
        record = self.apparatus.record(source.id) if self.apparatus else source.data
        return self.coins(source) if coins_carries_all_names(record) else Markup("")

    def supplied_title(self, key: str) -> str | None:
        """The title the editors supply for source ``key`` where the citing text gives none."""
        title = self.apparatus.record(key).get("title") if self.apparatus else None
        return title if title and title != self.corpus.sources[key].data.get("title") else None

    def missing(self, key: str) -> list[str]:
        return self.apparatus.missing(self.corpus.sources[key].data) if self.apparatus else []

    def keys_cited_in(self, chapter) -> list[str]:
        """Keys cited in ``chapter``, in bibliography order (for its reference list)."""
        keys = {item.key for p in chapter.paragraphs for c in p.citations for item in c.items}
        return [k for k in self.bib.keys_in_order() if k in keys]

    def cite_paragraph(self, para: Paragraph):
        return self.apparatus.cite_paragraph(para, self.labels) if self.apparatus else ""
