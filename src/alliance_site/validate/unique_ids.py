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


#: the folder each kind of entry has its pages in, and the page name that folder's listing takes
_FOLDERS = {
    "source": "bibliography",
    "table": "tables",
    "figure": "figures",
    "event": "timeline",
    "chapter": "chapters",
}
_RESERVED = {"index"}
#: characters of an id's page name: well below the 255 bytes a file name may have on every file system,
#: with room for the folder, ".md" and "/index.html"
MAX_PAGE_NAME = 100


def page_name_clashes(kind: str, entries: dict[str, Document], report: Report) -> None:
    """What the build would hit when it writes the page of each entry of ``kind``: a name too long for
    a file, the name of the folder's listing page (``index``), or the name of another entry's page,
    where two keys differ only in characters a file name cannot hold ('a:b', 'a-b') or only in case
    ('Smith2020', 'smith2020': one file on the case-insensitive file systems of Windows and macOS)."""
    folder = _FOLDERS[kind]
    pages: dict[str, str] = {}
    for key in sorted(entries):
        doc, page = entries[key], slug(key)
        if len(page) > MAX_PAGE_NAME:
            report.add(
                doc,
                doc.where(("id",)),
                "error",
                f"{kind} id is {len(page)} characters long, more than {MAX_PAGE_NAME}: its page's file name is too long",
                f"shorten the id to at most {MAX_PAGE_NAME} characters",
            )
        elif page.casefold() in _RESERVED:
            report.add(
                doc,
                doc.where(("id",)),
                "error",
                f"{kind} id {key!r} is the name of the listing page {folder}/{page}.md",
                "choose another id: 'index' is taken by the page that lists every entry of this kind",
            )
        elif page.casefold() in pages:
            report.add(
                doc,
                doc.where(("id",)),
                "error",
                f"{kind} id {key!r} gets the same page as {pages[page.casefold()]!r} ({folder}/{page}/"
                + ("" if slug(pages[page.casefold()]) == page else ", on file systems that ignore capitals")
                + ")",
                "make the ids differ in letters or digits, not only in punctuation or in capitals",
            )
        else:
            pages[page.casefold()] = key


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
