"""Per-page views: for each page kind, a pure function from the corpus model (with the formatted
citations, the labels and the options) to a small immutable view, which the page's template reads
as ``view``.

**Links.** Each view function is given the :class:`~.page_site.PageSite` bound to the page being
rendered (its :class:`~.links.Links` make every href relative to that page), and the views hold
finished hrefs. The other choice, views that hold target identities and templates that ask for
hrefs, fails on the text itself: a paragraph's inline HTML already holds its citations' and
cross-references' links, so a view that holds rendered text is bound to its page anyway, and one
rule for every link is simpler than two. The same function with the same inputs gives an equal
view, so a page renders alone, in any order, or from a cache.

**The API.** The dataclasses listed in :data:`VIEW_TYPES` are what template overrides see (the
README's "View objects" section lists their fields; a test keeps the two equal). ``site`` stays in
templates for helpers that are not a page's content (``site.tr_langs``, ``site.language_name``,
``site.distinct_trs``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import blocks, chapter_view, entry_views, home_view, index_views, source_view, table_block

if TYPE_CHECKING:
    from .page_site import PageSite
    from .views import PageView

__all__ = ["VIEW_TYPES", "page_view"]

#: Page kind → the view its template gets as ``view``.
KIND_VIEWS = {
    "home": home_view.HomeView,
    "chapter": chapter_view.ChapterView,
    "timeline": index_views.TimelineView,
    "tables": index_views.EntryListView,
    "figures": index_views.EntryListView,
    "bibliography": index_views.BibliographyView,
    "glossary": index_views.GlossaryView,
    "source": source_view.SourceView,
    "table": entry_views.TablePageView,
    "figure": entry_views.FigurePageView,
    "event": entry_views.EventView,
}

#: Every view object a template can meet, page views first, then the parts they are made of.
VIEW_TYPES = (
    *dict.fromkeys(KIND_VIEWS.values()),
    home_view.OutlineChapter,
    home_view.OutlineSection,
    home_view.Count,
    chapter_view.SectionView,
    chapter_view.ParagraphView,
    chapter_view.TranslationView,
    chapter_view.PlacementView,
    chapter_view.Reference,
    index_views.Era,
    index_views.ListedEntry,
    index_views.BibliographyEntry,
    index_views.Download,
    index_views.Term,
    source_view.CitationPlace,
    source_view.RelyingGroup,
    table_block.TableBlock,
    table_block.RowView,
    table_block.CellView,
    table_block.DerivedView,
    blocks.FigureBlock,
    blocks.WhereView,
    blocks.PlacedLink,
    blocks.Link,
)


def page_view(page: PageView, site: PageSite):
    """The view of ``page``, made with ``site`` bound to it."""
    kind = page.kind
    if kind == "home":
        return home_view.home_view(site)
    if kind == "chapter":
        return chapter_view.chapter_view(site, page.chapter)
    if kind == "timeline":
        return index_views.timeline_view(site)
    if kind in ("tables", "figures"):
        return index_views.entry_list_view(site, kind[:-1])
    if kind == "bibliography":
        return index_views.bibliography_view(site)
    if kind == "glossary":
        return index_views.glossary_view(site)
    if kind == "source":
        return source_view.source_view(site, page.entry)
    if kind == "table":
        return entry_views.table_page_view(site, page.entry)
    if kind == "figure":
        return entry_views.figure_page_view(site, page.entry)
    return entry_views.event_view(site, page.entry)
