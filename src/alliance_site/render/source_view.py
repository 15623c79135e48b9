"""What a source page shows: its full reference and COinS, what its record lacks, how the text
writes it, the title the editors supply, where the chapter cites it, the tables, figures and events
that rely on it (grouped by kind), and its exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import CitationUse, Entry
from .blocks import Link, link_to, para_link

if TYPE_CHECKING:
    from .page_site import PageSite

__all__ = ["RELYING_KINDS", "CitationPlace", "RelyingGroup", "SourceView", "source_view"]

#: The kinds of entry that may rest on a source, in the order the page lists them.
RELYING_KINDS = ("table", "figure", "event")


@dataclass(frozen=True)
class CitationPlace:
    """A citation of the source: the ``link`` to its paragraph, the ``locator`` as the style writes it
    (None when the citation gives none) and the ``snippet`` of plain words before it."""

    use: CitationUse
    link: Link
    locator: str | None
    snippet: str


@dataclass(frozen=True)
class RelyingGroup:
    """The entries of one ``kind`` (table, figure, event) that rest on the source."""

    kind: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class SourceView:
    """A source page: its ``reference`` (HTML), ``coins`` (empty where COinS cannot carry all its
    names), the ``missing`` fields of its record, ``cited_as`` (the text's own wordings), the
    ``supplied_title`` (None unless the editors supply one), its ``editorial`` notes, ``uses`` in
    reading order, ``relied_on`` (only kinds that have some), and ``formats`` (name, text: BibTeX,
    CSL-JSON, RIS; None without the scholarly apparatus)."""

    entry: Entry
    key: str
    reference: str
    coins: Markup
    missing: tuple[str, ...]
    cited_as: tuple[str, ...]
    supplied_title: str | None
    editorial: tuple[dict, ...]
    uses: tuple[CitationPlace, ...]
    relied_on: tuple[RelyingGroup, ...]
    formats: tuple[tuple[str, str], ...] | None


def source_view(site: PageSite, entry: Entry) -> SourceView:
    corpus, key = site.corpus, entry.id
    users = corpus.relied_on_by.get(key, [])
    grouped = [RelyingGroup(kind, tuple(link_to(site, e) for e in users if e.kind == kind)) for kind in RELYING_KINDS]
    uses = tuple(
        CitationPlace(
            use,
            para_link(site, use.paragraph),
            site.locator_text(use.item) if use.item.locator else None,
            site.snippet(use.paragraph, use.citation.start),
        )
        for use in corpus.cited_in.get(key, [])
    )
    cited_as = entry.data.get("cited_as") or ()
    return SourceView(
        entry=entry,
        key=key,
        reference=site.bib.reference(key),
        coins=site.page_coins(entry),
        missing=tuple(site.missing(key)),
        cited_as=(cited_as,) if isinstance(cited_as, str) else tuple(cited_as),
        supplied_title=site.supplied_title(key),
        editorial=tuple(entry.data.get("editorial") or ()),
        uses=uses,
        relied_on=tuple(g for g in grouped if g.links),
        formats=tuple(site.entry_formats(entry)) if site.apparatus else None,
    )
