"""What the page of a table, a figure or an event shows. An :class:`EventView` is also what the
timeline lists (made for the timeline page, its links are relative to it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Entry
from .blocks import FigureBlock, Link, WhereView, figure_block, link_to, para_link, source_links, where_view
from .table_block import TableBlock, table_block

if TYPE_CHECKING:
    from .page_site import PageSite

__all__ = ["EventView", "FigurePageView", "TablePageView", "event_view", "figure_page_view", "table_page_view"]


@dataclass(frozen=True)
class TablePageView:
    """A table's page: ``caption_by_editors`` when the editors wrote the caption, its ``sources``, its
    body (``table``), the ``csv_href``, ``json_href`` and ``datapackage_href`` downloads, its
    ``notes`` and ``editorial`` notes, and ``where`` it shows in the text."""

    entry: Entry
    caption_by_editors: bool
    sources: tuple[Link, ...]
    table: TableBlock
    csv_href: str
    json_href: str
    datapackage_href: str
    notes: tuple[str, ...]
    editorial: tuple[dict, ...]
    where: WhereView


@dataclass(frozen=True)
class FigurePageView:
    """A figure's page: its body (``figure``), ``description``, ``source_line`` and ``url``, its
    ``sources``, ``editorial`` notes, and ``where`` it shows in the text."""

    entry: Entry
    figure: FigureBlock
    description: str | None
    source_line: str | None
    url: str | None
    sources: tuple[Link, ...]
    editorial: tuple[dict, ...]
    where: WhereView


@dataclass(frozen=True)
class EventView:
    """An event: ``anchor`` (its place on the timeline, ``timeline_href``), ``href`` (its page),
    ``title``, ``date`` (a ``<time>`` element) and ``date_label`` (its text), ``as_written`` (the
    text's own wording of the date where it differs, else None), ``actors``, ``description``,
    ``language`` (the language the editors wrote title and description in, else None), its
    ``sources``, the ``paragraphs``, ``tables`` and ``figures`` that tell it, its ``editorial`` notes."""

    entry: Entry
    id: str
    anchor: str
    href: str
    timeline_href: str
    title: str
    date: Markup
    date_label: str
    as_written: str | None
    actors: tuple[str, ...]
    description: str | None
    language: str | None
    sources: tuple[Link, ...]
    paragraphs: tuple[Link, ...]
    tables: tuple[Link, ...]
    figures: tuple[Link, ...]
    editorial: tuple[dict, ...]


def table_page_view(site: PageSite, entry: Entry) -> TablePageView:
    data = entry.data
    return TablePageView(
        entry=entry,
        caption_by_editors=data.get("caption_by") == "editors",
        sources=source_links(site, data.get("sources")),
        table=table_block(site, entry),
        csv_href=site.href(f"tables/{entry.id}.csv"),
        json_href=site.href(f"tables/{entry.id}.json"),
        datapackage_href=site.href("datapackage.json"),
        notes=tuple(data.get("notes") or ()),
        editorial=tuple(data.get("editorial") or ()),
        where=where_view(site, entry),
    )


def figure_page_view(site: PageSite, entry: Entry) -> FigurePageView:
    data = entry.data
    return FigurePageView(
        entry=entry,
        figure=figure_block(site, entry),
        description=data.get("description"),
        source_line=data.get("source_line"),
        url=data.get("url"),
        sources=source_links(site, data.get("sources")),
        editorial=tuple(data.get("editorial") or ()),
        where=where_view(site, entry),
    )


def event_view(site: PageSite, entry: Entry) -> EventView:
    data, corpus = entry.data, site.corpus
    date = site.event_time(entry)
    label = date.striptags()
    written = data.get("date_as_written")
    return EventView(
        entry=entry,
        id=entry.id,
        anchor=site.urls.anchor("event", entry.id),
        href=site.entry_href("event", entry.id),
        timeline_href=site.event_href(entry),
        title=data["title"],
        date=date,
        date_label=label,
        as_written=written if written and written != label else None,
        actors=tuple(data.get("actors") or ()),
        description=data.get("description"),
        language=data.get("language"),
        sources=source_links(site, data.get("sources")),
        paragraphs=tuple(para_link(site, corpus.paragraphs[pid]) for pid in data.get("paragraphs") or ()),
        tables=tuple(link_to(site, corpus.tables[t]) for t in data.get("tables") or ()),
        figures=tuple(link_to(site, corpus.figures[f]) for f in data.get("figures") or ()),
        editorial=tuple(data.get("editorial") or ()),
    )
