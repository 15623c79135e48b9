"""Unique ids: of entries (sources, tables, figures, events, chapters), of paragraphs and sections
across the corpus, and of the pages source keys are published under. Ids are permalinks, so a
clash is an error, never something to resolve by renumbering."""

from __future__ import annotations

from collections.abc import Iterable

from ..text.ids import slug
from .documents import Document
from .report import Report

__all__ = ["claim_outline_id", "entry_ids", "page_name_clashes"]


def entry_ids(docs: Iterable[Document], kind: str, report: Report) -> dict[str, Document]:
    """The entries of ``kind`` by id; a second entry with an id already taken is reported, not kept."""
    seen: dict[str, Document] = {}
    for doc in docs:
        if doc.kind != kind or not isinstance(doc.data.get("id"), str):
            continue
        ident = doc.data["id"]
        if ident in seen:
            first = seen[ident]
            line, col = first.where(("id",))
            report.add(
                doc,
                doc.where(("id",)),
                "error",
                f"duplicate {kind} id {ident!r}: in {first.file}:{line}:{col} and in {doc.file}",
                "ids are permalinks: the entry already published under this id keeps it; give the newer of "
                "the two a new, unused id (and name its file after it)",
            )
        else:
            seen[ident] = doc
    return seen


def page_name_clashes(sources: dict[str, Document], report: Report) -> None:
    """Two keys that differ only in characters a file name cannot hold ('a:b', 'a-b') would share a page."""
    pages: dict[str, str] = {}
    for key in sorted(sources):
        page = slug(key)
        if page in pages:
            doc = sources[key]
            report.add(
                doc,
                doc.where(("id",)),
                "error",
                f"source key {key!r} gets the same page as {pages[page]!r} (bibliography/{page}/)",
                "make the keys differ in letters or digits, not only in punctuation",
            )
        else:
            pages[page] = key


def claim_outline_id(table: dict[str, tuple[Document, tuple]], doc: Document, item, report: Report) -> None:
    """Record the id of a paragraph or section (``item``) in ``table``, the ids of its kind so far;
    if another one has it already, report the clash at the later one."""
    ident = item.data["id"]
    if ident in table:
        first_doc, first_path = table[ident]
        line, col = first_doc.where(first_path + ("id",))
        report.add(
            doc,
            doc.where(item.path + ("id",)),
            "error",
            f"duplicate {item.kind} id {ident!r} (also at {first_doc.file}:{line}:{col})",
            "ids are permalinks: give the new one its own id; never renumber the old",
        )
    else:
        table[ident] = (doc, item.path)
