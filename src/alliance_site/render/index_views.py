"""What the index pages show: the timeline (its events in order, grouped by era), the lists of
tables and figures, the bibliography and the glossary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Entry
from .blocks import Link, WhereView, link_to, where_view
from .entry_views import EventView, event_view

if TYPE_CHECKING:
    from .page_site import PageSite

__all__ = [
    "BibliographyEntry",
    "BibliographyView",
    "Download",
    "EntryListView",
    "Era",
    "GlossaryView",
    "ListedEntry",
    "Term",
    "TimelineView",
    "bibliography_view",
    "entry_list_view",
    "glossary_view",
    "timeline_view",
]


@dataclass(frozen=True)
class Era:
    """A group of the timeline: its ``name``, ``anchor`` and ``events`` in date order."""

    name: str
    anchor: str
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class TimelineView:
    """The timeline: ``events`` in date order, the same grouped in ``eras``, the ``actors`` to filter
    by, the SVG ``strip`` (None without events) and the ``downloads`` (timeline.json, TimelineJS)."""

    events: tuple[EventView, ...]
    eras: tuple[Era, ...]
    actors: tuple[str, ...]
    strip: Markup | None
    downloads: tuple[Link, ...]


@dataclass(frozen=True)
class ListedEntry:
    """A table or figure in its list: the ``link`` to its page and ``where`` it shows."""

    entry: Entry
    link: Link
    where: WhereView


@dataclass(frozen=True)
class EntryListView:
    """The list of tables or of figures (``kind``), in the corpus's order."""

    kind: str
    entries: tuple[ListedEntry, ...]


@dataclass(frozen=True)
class Download:
    """A file of the bibliography: ``name``, ``href``, ``media_type`` and ``label`` (its format)."""

    name: str
    href: str
    media_type: str
    label: str


@dataclass(frozen=True)
class BibliographyEntry:
    """A work of the bibliography: ``key``, ``anchor``, ``href`` of its page, its reference (``html``),
    its CSL ``type``, whether the text ``cited`` it, whether its record is ``incomplete``, and its
    ``coins`` span."""

    entry: Entry
    key: str
    anchor: str
    href: str
    html: str
    type: str
    cited: bool
    incomplete: bool
    coins: Markup


@dataclass(frozen=True)
class BibliographyView:
    """The bibliography: ``downloads``, the source ``types`` to filter by, the ``entries`` in the
    style's order."""

    downloads: tuple[Download, ...]
    types: tuple[str, ...]
    entries: tuple[BibliographyEntry, ...]


@dataclass(frozen=True)
class Term:
    """A glossary term: ``term``, ``anchor``, ``expansion``, ``expanded_by`` (a label key: who gave the
    expansion) and the editors' ``note``."""

    term: str
    anchor: str
    expansion: str
    expanded_by: str
    note: str | None


@dataclass(frozen=True)
class GlossaryView:
    """The glossary: its ``terms`` in the corpus's order."""

    terms: tuple[Term, ...]


def timeline_view(site: PageSite) -> TimelineView:
    views = {e.id: event_view(site, e) for e in site.corpus.events.values()}
    eras = tuple(
        Era(name, f"era-{i}", tuple(views[e.id] for e in events))
        for i, (name, events) in enumerate(site.event_groups(), start=1)
    )
    downloads = (Link(site.href("timeline.json"), "timeline.json"), Link(site.href("timelinejs.json"), "TimelineJS"))
    return TimelineView(
        events=tuple(ev for era in eras for ev in era.events),
        eras=eras,
        actors=tuple(site.actors()),
        strip=site.timeline_strip() if site.corpus.events else None,
        downloads=downloads,
    )


def entry_list_view(site: PageSite, kind: str) -> EntryListView:
    entries = site.corpus.tables if kind == "table" else site.corpus.figures
    return EntryListView(kind, tuple(ListedEntry(e, link_to(site, e), where_view(site, e)) for e in entries.values()))


def bibliography_view(site: PageSite) -> BibliographyView:
    corpus = site.corpus
    entries = []
    for key in site.bib.keys_in_order():
        source = corpus.sources[key]
        entries.append(
            BibliographyEntry(
                entry=source,
                key=key,
                anchor=site.urls.anchor("reference", key),
                href=site.entry_href("source", key),
                html=site.bib.reference(key),
                type=source.data["type"],
                cited=bool(corpus.cited_in.get(key)),
                incomplete=bool(site.missing(key)),
                coins=site.coins(source),
            )
        )
    downloads = tuple(Download(name, site.href(name), kind, label) for name, (kind, label) in site.exports.items())
    return BibliographyView(downloads, tuple(site.source_types()), tuple(entries))


def glossary_view(site: PageSite) -> GlossaryView:
    terms = tuple(
        Term(g["term"], site.urls.anchor("term", g["term"]), g["expansion"], g["expanded_by"], g.get("note"))
        for g in site.corpus.glossary
    )
    return GlossaryView(terms)
