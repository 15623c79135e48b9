"""The page plan: one pure function per page kind, from the corpus model to immutable page views.

A :class:`PageView` says where a page lives, which template renders it, its title and what it
shows (its chapter or entry); the renderer turns each into a page on its own, through the page's
view object (:mod:`.page_views`), so the plan can be cut, reordered or cached without changing any
page's bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Chapter, Corpus, Entry
from .urls import Urls

__all__ = ["ENTRY_KINDS", "PageView", "chapter_views", "entry_views", "home_view", "index_views", "plan"]

ENTRY_KINDS = ("source", "table", "figure", "event")
INDEX_KINDS = ("timeline", "tables", "figures", "bibliography", "glossary")


@dataclass(frozen=True)
class PageView:
    """One page to render. ``title`` is empty for an entry page (its label names it, in the style's
    words: see ``site.entry_label``)."""

    uri: str
    kind: str
    title: str
    in_nav: bool = False
    chapter: Chapter | None = None
    entry: Entry | None = None

    @property
    def template(self) -> str:
        return f"{self.kind}.md.j2"

    def context(self) -> dict:
        """The page's own template variables (besides those every page gets)."""
        context = {"page_uri": self.uri}
        if self.chapter is not None:
            context["chapter"] = self.chapter
        if self.entry is not None:
            context["entry"] = self.entry
        return context


def home_view(corpus: Corpus, urls: Urls) -> PageView:
    return PageView(urls.home, "home", corpus.meta["title"], True)


def chapter_views(corpus: Corpus, urls: Urls) -> list[PageView]:
    return [PageView(urls.chapter(ch.id), "chapter", ch.title, True, chapter=ch) for ch in corpus.chapters]


def index_views(corpus: Corpus, urls: Urls, labels: Mapping[str, str]) -> list[PageView]:
    """The timeline and the lists of tables, figures, sources and terms. An index with nothing to list
    is left out (a new corpus has no tables, figures or events yet)."""
    uris = {
        "timeline": urls.timeline,
        "tables": urls.tables_index,
        "figures": urls.figures_index,
        "bibliography": urls.bibliography,
        "glossary": urls.glossary,
    }
    listed = {
        "timeline": corpus.events,
        "tables": corpus.tables,
        "figures": corpus.figures,
        "bibliography": corpus.sources,
        "glossary": corpus.glossary,
    }
    return [PageView(uris[kind], kind, labels[kind], True) for kind in INDEX_KINDS if listed[kind]]


def entry_views(corpus: Corpus, urls: Urls, kind: str) -> list[PageView]:
    entries = {"source": corpus.sources, "table": corpus.tables, "figure": corpus.figures, "event": corpus.events}
    return [PageView(urls.entry(kind, entry.id), kind, "", entry=entry) for entry in entries[kind].values()]


def plan(corpus: Corpus, urls: Urls, labels: Mapping[str, str]) -> tuple[PageView, ...]:
    """Every page of the corpus, in navigation order then entry pages by kind."""
    views = [home_view(corpus, urls), *chapter_views(corpus, urls), *index_views(corpus, urls, labels)]
    for kind in ENTRY_KINDS:
        views += entry_views(corpus, urls, kind)
    return tuple(views)
