"""The small views that several pages share: a link, the "where it is" list of a table or figure, and
a figure's body (its image, structure drawing, chart or placeholder).

Like every view (see :mod:`.page_views`), they are made for one page, by a function given the
:class:`~.page_site.PageSite` bound to it, and hold finished hrefs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Entry, Placement

if TYPE_CHECKING:
    from .page_site import PageSite

__all__ = ["FigureBlock", "Link", "PlacedLink", "WhereView", "figure_block", "link_to", "where_view"]


@dataclass(frozen=True)
class Link:
    """A link from the page: ``href`` (relative to it) and the text that names the target."""

    href: str
    label: str


@dataclass(frozen=True)
class PlacedLink:
    """Where a table or figure is placed: the chapter (and section), and the paragraph just before it."""

    link: Link
    after: Link | None


@dataclass(frozen=True)
class WhereView:
    """Where a table or figure shows and is used: placements, paragraphs that refer to it, paragraphs
    whose data it holds (tables), and the events that rest on it."""

    placed: tuple[PlacedLink, ...]
    referenced: tuple[Link, ...]
    data_in: tuple[Link, ...]
    events: tuple[Link, ...]


@dataclass(frozen=True)
class FigureBlock:
    """A figure's body, the first of: its image (``image_href``, ``image_alt``), its structure
    (``drawing`` and its ``text_alternative``), the chart of its data table (``chart``), else a
    placeholder naming it (``number``, ``caption``, ``source_line``)."""

    entry: Entry
    image_href: str | None
    image_alt: str
    drawing: Markup | None
    text_alternative: Markup | None
    chart: Markup | None
    number: object
    caption: str
    source_line: str | None


def link_to(site: PageSite, entry: Entry) -> Link:
    """A link to an entry's page (an event's: its place on the timeline is :meth:`Links.event_href`)."""
    return Link(site.entry_href(entry.kind, entry.id), site.entry_label(entry))


def para_link(site: PageSite, para) -> Link:
    return Link(site.para_href(para), site.para_label(para))


def source_links(site: PageSite, keys) -> tuple[Link, ...]:
    return tuple(Link(site.entry_href("source", key), site.source_label(key)) for key in keys or ())


def _placed(site: PageSite, kind: str, entry: Entry, pl: Placement) -> PlacedLink:
    where = str(pl.chapter.data.get("number") or pl.chapter.title)
    if pl.section is not None:
        where += " · " + str(pl.section.data.get("number") or pl.section.title)
    link = Link(site.href(site.urls.chapter(pl.chapter.id), f"{kind}-{entry.id}"), where)
    return PlacedLink(link, para_link(site, pl.after) if pl.after else None)


def where_view(site: PageSite, entry: Entry) -> WhereView:
    corpus, kind = site.corpus, entry.kind
    data_in = ()
    if kind == "table":
        paras = [corpus.paragraphs[pid] for pid, tables in corpus.data_from.items() if entry in tables]
        data_in = tuple(para_link(site, p) for p in paras)
    return WhereView(
        placed=tuple(_placed(site, kind, entry, pl) for pl in corpus.placements.get((kind, entry.id), [])),
        referenced=tuple(para_link(site, p) for p in corpus.referenced_by.get((kind, entry.id), [])),
        data_in=data_in,
        events=tuple(
            Link(site.event_href(e), site.entry_label(e)) for e in corpus.related_events.get((kind, entry.id), [])
        ),
    )


def figure_block(site: PageSite, entry: Entry) -> FigureBlock:
    data = entry.data
    image, table = data.get("image"), data.get("data_table")
    return FigureBlock(
        entry=entry,
        image_href=site.href(site.urls.asset(image["path"])) if image else None,
        image_alt=image.get("alt", "") if image else "",
        drawing=site.figure_drawing(entry) if data.get("structure") else None,
        text_alternative=site.figure_list(entry) if data.get("structure") else None,
        chart=site.table_view(site.corpus.tables[table]).chart if table else None,
        number=data.get("number"),
        caption=data["caption"],
        source_line=data.get("source_line"),
    )
