"""``site`` in a page template: an immutable object bound to the page being rendered.

One :class:`PageSite` is made per build with what every page shares (the corpus, the formatted
citations, the labels, the table views and acronym renderers, made once); :meth:`PageSite.on_page`
gives a copy whose :class:`~alliance_site.render.links.Links` are relative to one page. Nothing in
it changes while pages render, so a page's output depends only on its inputs: pages can be rendered
alone, in any order, or cached. Its helpers come from the mixins: :mod:`.site_links` (hrefs and
labels), :mod:`.site_text` (inline HTML), :mod:`.site_data` (tables, figures, timeline) and
:mod:`.site_sources` (sources and the scholarly apparatus).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..model import Corpus
from . import data_views
from .inline import InlineRenderer
from .links import Links
from .options import SiteOptions
from .scholarly import ScholarlyApparatus
from .site_data import SiteData
from .site_sources import SiteSources
from .site_text import SiteText, inline_renderers
from .urls import Urls

if TYPE_CHECKING:
    from ..citations.formatter import Bibliography

__all__ = ["PageSite"]


@dataclass(frozen=True, eq=False)
class PageSite(SiteText, SiteData, SiteSources):
    """What templates call on ``site``, for the page that ``links`` is bound to."""

    corpus: Corpus
    bib: Bibliography
    options: SiteOptions
    urls: Urls
    labels: Mapping[str, str]
    apparatus: ScholarlyApparatus | None
    links: Links
    lang: str
    tr_langs: tuple[str, ...]
    table_views: Mapping[str, data_views.TableView]
    inline_by_lang: Mapping[str, InlineRenderer]

    @classmethod
    def for_corpus(cls, corpus: Corpus, bib, options: SiteOptions, urls: Urls, labels, apparatus) -> PageSite:
        """The shared part, made once per build (bound to the home page until :meth:`on_page`)."""
        lang = corpus.meta["language"]
        tr_langs = tuple(corpus.translation_languages)
        tables = {
            key: data_views.table_view(entry, options.ui_language, labels) for key, entry in corpus.tables.items()
        }
        return cls(
            corpus=corpus,
            bib=bib,
            options=options,
            urls=urls,
            labels=labels,
            apparatus=apparatus,
            links=Links(urls, urls.home),
            lang=lang,
            tr_langs=tr_langs,
            table_views=MappingProxyType(tables),
            inline_by_lang=MappingProxyType(inline_renderers(corpus, (lang, *tr_langs))),
        )

    def on_page(self, uri: str) -> PageSite:
        """The same site, its links relative to the page at ``uri``."""
        return replace(self, links=Links(self.urls, uri))
