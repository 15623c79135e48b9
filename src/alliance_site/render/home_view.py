"""What the landing page tells a reader first: what the text is, its outline, what the edition
holds and which of the text's particulars are known.

The words (labels) stay in the template, so an editor who overrides it keeps full control of them;
the view holds the corpus's own text, the counts and the links.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Corpus
from .blocks import Link

if TYPE_CHECKING:
    from .page_site import PageSite

__all__ = ["PARTICULARS", "Count", "HomeView", "OutlineChapter", "OutlineSection", "home_view"]

#: The particulars of the text a landing page names, in the order a catalogue gives them.
PARTICULARS = ("original_title", "author", "institution", "year", "language", "licence")


@dataclass(frozen=True)
class OutlineSection:
    """A section in the outline: heading ``depth``, ``number`` ('' when none), ``title``, ``href``."""

    depth: int
    number: str
    title: str
    href: str


@dataclass(frozen=True)
class OutlineChapter:
    """A chapter in the outline: ``href``, ``number``, ``title``, how many ``paragraphs`` it has, its
    ``sections``."""

    href: str
    number: object
    title: str
    paragraphs: int
    sections: tuple[OutlineSection, ...]


@dataclass(frozen=True)
class Count:
    """What the edition holds of one ``kind`` (paragraphs, sources, tables, figures, events, glossary):
    ``n`` of them, listed at ``href``."""

    kind: str
    n: int
    href: str


@dataclass(frozen=True)
class HomeView:
    """The landing page: ``meta`` (corpus.yml: ``title``, ``subtitle``, ``description``, ``genre``,
    ``edition_note``, …), ``start`` (a link to the first chapter, None without chapters), the
    ``outline``, the ``counts`` (kinds with none left out), the timeline ``strip`` (None without
    events), the ``known`` particulars (particular, value) and the ``unknown`` ones, the ``editors``'
    names and the ``translations`` (language, its corpus.yml entry) in language order."""

    meta: Mapping
    start: Link | None
    outline: tuple[OutlineChapter, ...]
    counts: tuple[Count, ...]
    strip: Markup | None
    known: tuple[tuple[str, str], ...]
    unknown: tuple[str, ...]
    editors: tuple[str, ...]
    translations: tuple[tuple[str, dict], ...]


def _person(name: dict) -> str:
    return name.get("literal") or " ".join(p for p in (name.get("given"), name.get("family")) if p)


def _editor(name: dict) -> str:
    return name.get("literal") or ((str(name["given"]) + " ") if name.get("given") else "") + str(
        name.get("family") or ""
    )


def _particular(meta: dict, key: str) -> str:
    value = meta.get(key)
    if key == "author" and value:
        return "; ".join(n for n in (_person(a) for a in value) if n)
    return "" if value is None else str(value).strip()


def counts(corpus: Corpus) -> dict[str, int]:
    """Kind → how many the edition holds."""
    return {
        "paragraphs": len(corpus.paragraphs),
        "sources": len(corpus.sources),
        "tables": len(corpus.tables),
        "figures": len(corpus.figures),
        "events": len(corpus.events),
        "glossary": len(corpus.glossary),
    }


def home_view(site: PageSite) -> HomeView:
    """The landing page's view. Unknown particulars are listed, never guessed."""
    corpus, urls = site.corpus, site.urls
    first = corpus.chapters[0] if corpus.chapters else None
    outline = tuple(
        OutlineChapter(
            site.href(urls.chapter(ch.id)),
            ch.data.get("number"),
            ch.title,
            len(ch.paragraphs),
            tuple(
                OutlineSection(
                    s.depth,
                    str(s.data.get("number") or ""),
                    s.title,
                    site.href(urls.chapter(ch.id), urls.anchor("section", s.id)),
                )
                for s in ch.sections
            ),
        )
        for ch in corpus.chapters
    )
    targets = {
        "paragraphs": urls.chapter(first.id) if first else None,
        "sources": urls.bibliography,
        "tables": urls.tables_index,
        "figures": urls.figures_index,
        "events": urls.timeline,
        "glossary": urls.glossary,
    }
    counted = tuple(
        Count(kind, n, site.href(targets[kind]) if targets[kind] else "#outline")
        for kind, n in counts(corpus).items()
        if n
    )
    meta = corpus.meta
    values = {key: _particular(meta, key) for key in PARTICULARS}
    return HomeView(
        meta=meta,
        start=Link(site.href(urls.chapter(first.id)), str(first.data.get("number") or first.title)) if first else None,
        outline=outline,
        counts=counted,
        strip=site.timeline_strip() if corpus.events else None,
        known=tuple((key, value) for key, value in values.items() if value),
        unknown=tuple(key for key, value in values.items() if not value),
        editors=tuple(_editor(a) for a in meta.get("editors") or ()),
        translations=tuple(sorted((meta.get("translations") or {}).items(), key=lambda kv: kv[0].lower())),
    )
