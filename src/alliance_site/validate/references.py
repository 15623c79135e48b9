"""Checks across files: every reference resolving to something that exists. This module reads the
corpus once and hands each part to the check of its concept: unique ids (``unique_ids``), paragraph
texts (``paragraphs``), table contents (``tables``), dates (``dates``) and figure images (``images``).
It checks itself what only the whole corpus shows: the chapters corpus.yml lists, the entries an
event or figure names, where tables and figures are placed, the translation languages entries use,
glossary terms, and sources that nothing cites."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .. import outline
from ..errors import Problem
from .dates import check_date
from .documents import Document
from .images import check_image
from .paragraphs import check_paragraph
from .report import Report, as_dict, as_list
from .tables import check_table
from .unique_ids import claim_outline_id, entry_ids, page_name_clashes
from .verdict import NOTE

__all__ = ["check_references"]


def check_references(
    docs: list[Document], content_dir: Path | None = None, unreadable: Iterable[tuple[str, str]] = ()
) -> list[Problem]:
    """Every cross-file problem of the corpus.

    ``unreadable`` names the files that could not be read at all, as (kind, file stem). Their
    entries are taken to exist under the id their file is named by, so that one syntax error is
    reported once, in its file, and not again as an "unknown key" in every file that cites it.
    """
    report = Report()
    unread: dict[str, set[str]] = {}
    for kind, stem in unreadable:
        unread.setdefault(kind, set()).add(stem)
    sources = entry_ids(docs, "source", report)
    tables = entry_ids(docs, "table", report)
    figures = entry_ids(docs, "figure", report)
    events = entry_ids(docs, "event", report)
    chapters = entry_ids(docs, "chapter", report)
    for kind, entries in {"source": sources, "table": tables, "figure": figures, "event": events}.items():
        page_name_clashes(kind, entries, report)
    page_name_clashes("chapter", chapters, report)
    # what a reference may name: the entries read, and those whose files could not be read
    known_sources = {**dict.fromkeys(unread.get("source", ())), **sources}
    known_tables = {**dict.fromkeys(unread.get("table", ())), **tables}
    known_figures = {**dict.fromkeys(unread.get("figure", ())), **figures}
    known_events = {**dict.fromkeys(unread.get("event", ())), **events}
    known_chapters = {**dict.fromkeys(unread.get("chapter", ())), **chapters}
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    languages = set(as_dict(corpus.data.get("translations")) if corpus else ())

    # Paragraph and section ids are unique across the corpus: they are anchors and permalinks.
    paragraphs: dict[str, tuple[Document, tuple]] = {}
    sections: dict[str, tuple[Document, tuple]] = {}
    para_items = []
    for doc in chapters.values():
        for item in outline.walk(doc.data):
            if item.kind not in ("paragraph", "section") or not isinstance(item.data.get("id"), str):
                continue
            claim_outline_id(paragraphs if item.kind == "paragraph" else sections, doc, item, report)
            if item.kind == "paragraph":
                para_items.append((doc, item))
            _check_languages(doc, item.path, item.data, languages, report)

    # a chapter that could not be read hides its paragraphs and sections: references to them cannot be checked
    known_paragraphs = None if "chapter" in unread else paragraphs
    known_sections = None if "chapter" in unread else sections
    if corpus is not None:
        _check_chapter_list(corpus, chapters, known_chapters, report)
    cited: set[str] = set()
    xref_targets = {"table": known_tables, "figure": known_figures, "event": known_events, "section": known_sections}
    for doc, item in para_items:
        check_paragraph(doc, item, known_sources, xref_targets, cited, report)
    _check_placements(chapters, known_tables, known_figures, report)

    for doc in docs:
        data = doc.data
        if doc.kind in ("table", "figure", "event"):
            report.unknown(doc, ("sources",), data.get("sources"), known_sources, "source")
            cited.update(s for s in as_list(data.get("sources")) if isinstance(s, str))
            _check_languages(doc, (), data, languages, report)
        if doc.kind == "table":
            check_table(doc, known_paragraphs, known_sources, cited, report)
        elif doc.kind == "figure":
            report.unknown(
                doc, ("data_table",), [data.get("data_table")] if data.get("data_table") else [], known_tables, "table"
            )
            image = data.get("image")
            if isinstance(image, dict) and content_dir is not None and isinstance(image.get("path"), str):
                check_image(doc, image["path"], Path(content_dir), report)
        elif doc.kind == "event":
            check_date(doc, ("date",), data.get("date"), report)
            report.unknown(doc, ("paragraphs",), data.get("paragraphs"), known_paragraphs, "paragraph")
            report.unknown(doc, ("tables",), data.get("tables"), known_tables, "table")
            report.unknown(doc, ("figures",), data.get("figures"), known_figures, "figure")
        elif doc.kind == "source":
            for field in ("issued", "accessed", "original-date", "event-date", "submitted", "available-date"):
                check_date(doc, (field,), data.get(field), report)
        elif doc.kind == "glossary":
            _check_glossary(doc, languages, report)
    for key, doc in sources.items():
        if key not in cited and not unread:  # an unread file may be the one that cites it
            report.add(
                doc,
                doc.where(("id",)),
                NOTE,
                f"source {key!r} is cited nowhere",
                "cite it in a paragraph as [@" + key + "], or list it in a table, figure or event",
            )
    return report.problems


def _check_chapter_list(corpus: Document, chapters: dict[str, Document], known_chapters, report: Report) -> None:
    """The chapters corpus.yml lists exist, and every chapter is listed (else it is not published)."""
    report.unknown(corpus, ("chapters",), corpus.data.get("chapters"), known_chapters, "chapter")
    listed = {c for c in as_list(corpus.data.get("chapters")) if isinstance(c, str)}
    for ident, doc in chapters.items():
        if isinstance(corpus.data.get("chapters"), list) and ident not in listed:
            report.add(
                doc,
                doc.where(("id",)),
                "warning",
                f"chapter {ident!r} is not listed in corpus.yml",
                "add it to 'chapters' in content/corpus.yml to publish it",
            )


def _check_placements(chapters: dict[str, Document], known_tables, known_figures, report: Report) -> None:
    """Every table or figure a chapter places exists, and none is placed twice."""
    placed: dict[tuple, tuple] = {}
    for doc in chapters.values():
        for item in outline.walk(doc.data):
            if item.kind in ("table", "figure"):
                ident = item.data.get(item.kind)
                known = known_tables if item.kind == "table" else known_figures
                report.unknown(doc, item.path + (item.kind,), [ident], known, item.kind)  # at the id, not the dash
                if not isinstance(ident, str):
                    continue
                if (item.kind, ident) in placed:
                    report.add(
                        doc,
                        doc.where(item.path),
                        "warning",
                        f"{item.kind} {ident!r} is placed twice",
                        "place each table or figure once, where the original has it",
                    )
                placed[(item.kind, ident)] = item.path


def _check_glossary(doc: Document, languages: set[str], report: Report) -> None:
    """Each glossary term is defined once, and its translations are in declared languages."""
    terms: dict[str, int] = {}
    for i, entry in enumerate(as_list(doc.data.get("entries"))):
        term = entry.get("term") if isinstance(entry, dict) else None
        if not isinstance(term, str):
            continue
        if term in terms:
            report.add(
                doc,
                doc.where(("entries", i, "term")),
                "error",
                f"duplicate glossary term {term!r}",
                f"merge it with entry {terms[term] + 1}",
            )
        else:
            terms[term] = i
        if isinstance(entry, dict):
            _check_languages(doc, ("entries", i), entry, languages, report)


def _check_languages(doc, path, data, languages, report: Report) -> None:
    """The translations at ``path`` are in languages corpus.yml declares: the translations module checks
    only those, so a translation in any other language would be checked by nothing."""
    for lang in as_dict(data.get("translations")):
        if lang not in languages:
            report.add(
                doc,
                doc.where(path + ("translations", lang), key=True),
                "warning",
                f"translation language {lang!r} is not declared in corpus.yml",
                f"add '{lang}' under 'translations' in content/corpus.yml with who translated it",
            )
