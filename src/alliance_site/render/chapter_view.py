"""What a chapter page shows: its heading, notes and COinS, then its sections, paragraphs and placed
tables and figures in reading order, then the references it cites.

Each paragraph is a :class:`ParagraphView`: its number, anchor and page marker, its text as inline
HTML in the original and in each translation (citations and cross-references linked from the page),
the sources it cites, its "cite this paragraph", the events and tables it feeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Chapter, Paragraph, Placement, Section
from .blocks import FigureBlock, Link, figure_block
from .table_block import TableBlock, table_block

if TYPE_CHECKING:
    from .page_site import PageSite

__all__ = [
    "ChapterView",
    "ParagraphView",
    "PlacementView",
    "Reference",
    "SectionView",
    "TranslationView",
    "chapter_view",
    "paragraph_view",
]


@dataclass(frozen=True)
class TranslationView:
    """A paragraph in one translation language: its inline ``html`` (None: not translated yet);
    ``identical`` when the translation repeats the original (the original then stands for it)."""

    lang: str
    html: str | None
    identical: bool


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph: ``id`` (its anchor), ``number`` (reading position), ``page`` of the original it
    starts on and its ``page_anchor``, ``html`` (the original with page and note markers),
    ``translations``, ``sources`` (keys it cites, in order), ``cite`` (its ready citation, None without
    the scholarly apparatus), the ``events`` and ``tables`` it feeds, its ``editorial`` notes."""

    paragraph: Paragraph
    id: str
    number: int
    page: int | None
    page_anchor: str
    html: str
    translations: tuple[TranslationView, ...]
    sources: tuple[str, ...]
    cite: str | None
    events: tuple[Link, ...]
    tables: tuple[Link, ...]
    editorial: tuple[dict, ...]
    kind: str = "paragraph"


@dataclass(frozen=True)
class SectionView:
    """A section heading: ``depth`` (1 for a chapter's section), ``number``, ``title``, ``heading_tr``
    (its translated titles, HTML), ``anchor``, the ``page`` it starts on, its ``editorial`` notes."""

    section: Section
    id: str
    depth: int
    number: object
    title: str
    heading_tr: Markup
    anchor: str
    page: object
    page_anchor: str
    editorial: tuple[dict, ...]
    kind: str = "section"


@dataclass(frozen=True)
class PlacementView:
    """A table or figure placed in the text (``kind``: 'table' or 'figure'): ``anchor``, the ``href``
    of its own page, ``number`` and ``caption``, and its body (``table`` or ``figure``)."""

    placement: Placement
    kind: str
    id: str
    anchor: str
    href: str
    number: object
    caption: str
    table: TableBlock | None
    figure: FigureBlock | None


@dataclass(frozen=True)
class Reference:
    """A work in a reference list: its ``key``, ``anchor``, the ``href`` of its source page and its
    formatted reference (``html``)."""

    key: str
    anchor: str
    href: str
    html: str


@dataclass(frozen=True)
class ChapterView:
    """A chapter page: ``items`` are :class:`SectionView`, :class:`ParagraphView` and
    :class:`PlacementView` in reading order (tell them apart by ``item.kind``); ``coins`` is None
    without the scholarly apparatus."""

    chapter: Chapter
    id: str
    number: object
    title: str
    heading_tr: Markup
    coins: Markup | None
    editorial: tuple[dict, ...]
    items: tuple[SectionView | ParagraphView | PlacementView, ...]
    references: tuple[Reference, ...]


def paragraph_view(site: PageSite, para: Paragraph) -> ParagraphView:
    corpus = site.corpus
    keys = dict.fromkeys(item.key for c in para.citations for item in c.items)
    translations = tuple(
        TranslationView(lang, site.para_tr_html(para, lang), site.tr(para.data, "text", lang) == para.text)
        for lang in site.tr_langs
    )
    events = corpus.events_of.get(para.id, [])
    tables = corpus.data_from.get(para.id, [])
    return ParagraphView(
        paragraph=para,
        id=para.id,
        number=para.number,
        page=para.page,
        page_anchor=site.urls.anchor("page", para.page) if para.page else "",
        html=site.para_html(para),
        translations=translations,
        sources=tuple(keys),
        cite=site.cite_paragraph(para) if site.apparatus else None,
        events=tuple(Link(site.event_href(e), site.entry_label(e)) for e in events),
        tables=tuple(
            Link(site.entry_href("table", t.id), str(t.data.get("number") or t.data["caption"])) for t in tables
        ),
        editorial=tuple(para.data.get("editorial") or ()),
    )


def _section(site: PageSite, section: Section) -> SectionView:
    page = section.data.get("page")
    return SectionView(
        section=section,
        id=section.id,
        depth=section.depth,
        number=section.data.get("number"),
        title=section.title,
        heading_tr=site.heading_tr(section.data),
        anchor=site.urls.anchor("section", section.id),
        page=page,
        page_anchor=site.urls.anchor("page", page) if page else "",
        editorial=tuple(section.data.get("editorial") or ()),
    )


def _placement(site: PageSite, pl: Placement) -> PlacementView:
    entry = site.corpus.entry(pl.kind, pl.id)
    return PlacementView(
        placement=pl,
        kind=pl.kind,
        id=pl.id,
        anchor=f"{pl.kind}-{pl.id}",
        href=site.entry_href(pl.kind, pl.id),
        number=entry.data.get("number"),
        caption=entry.data["caption"],
        table=table_block(site, entry) if pl.kind == "table" else None,
        figure=figure_block(site, entry) if pl.kind != "table" else None,
    )


def references(site: PageSite, keys) -> tuple[Reference, ...]:
    """The reference list of ``keys``, linked from the page."""
    return tuple(
        Reference(key, site.urls.anchor("reference", key), site.entry_href("source", key), site.bib.reference(key))
        for key in keys
    )


def chapter_view(site: PageSite, chapter: Chapter) -> ChapterView:
    items = []
    for item in chapter.items:
        if isinstance(item, Section):
            items.append(_section(site, item))
        elif isinstance(item, Paragraph):
            items.append(paragraph_view(site, item))
        else:
            items.append(_placement(site, item))
    return ChapterView(
        chapter=chapter,
        id=chapter.id,
        number=chapter.data.get("number"),
        title=chapter.title,
        heading_tr=site.heading_tr(chapter.data),
        coins=site.apparatus.chapter_coins(chapter) if site.apparatus else None,
        editorial=tuple(chapter.data.get("editorial") or ()),
        items=tuple(items),
        references=references(site, site.keys_cited_in(chapter)),
    )
