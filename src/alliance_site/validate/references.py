"""Checks across files: unique ids, and every reference (citation, cross-reference,
placement, paragraph, source, table, figure) resolving to something that exists."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .. import outline
from ..data.dates import DateError, parse_date
from ..errors import Problem
from ..text.markup import Citation, CrossRef, MarkupError, parse
from .documents import Document
from .schema import suggest

__all__ = ["check_references"]


class _Report:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, doc: Document, where: tuple[int, int], severity: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(doc.file, where[0], where[1], severity, message, hint))


def _ids(docs: Iterable[Document], kind: str, report: _Report) -> dict[str, Document]:
    seen: dict[str, Document] = {}
    for doc in docs:
        if doc.kind != kind or not isinstance(doc.data.get("id"), str):
            continue
        ident = doc.data["id"]
        if ident in seen:
            first = seen[ident]
            line, col = first.where(("id",))
            report.add(doc, doc.where(("id",)), "error", f"duplicate {kind} id {ident!r} (also in {first.file}:{line}:{col})",
                       "ids are permalinks: give this entry a new, unused id")
        else:
            seen[ident] = doc
    return seen


def _check_date(doc, path, value, report) -> None:
    if value is None or isinstance(value, dict):
        return
    try:
        parse_date(str(value))
    except DateError as exc:
        report.add(doc, doc.where(path), "error", f"bad date {value!r}: {exc}",
                   "write YYYY, YYYY-MM, YYYY-MM-DD or START/END with a real calendar date")


def _refs(doc, path, values, known, what, report, severity="error") -> None:
    for i, value in enumerate(values or []):
        if isinstance(value, str) and value not in known:
            report.add(doc, doc.where(path + (i,)), severity, f"unknown {what} {value!r}",
                       suggest(value, known) or f"add the {what} first, or correct the id")


def check_references(docs: list[Document], content_dir: Path | None = None) -> list[Problem]:
    """Every cross-file problem of the corpus."""
    report = _Report()
    sources = _ids(docs, "source", report)
    tables = _ids(docs, "table", report)
    figures = _ids(docs, "figure", report)
    events = _ids(docs, "event", report)
    chapters = _ids(docs, "chapter", report)
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    languages = set((corpus.data.get("translations") or {}) if corpus else ())

    # Paragraph and section ids are unique across the corpus: they are anchors and permalinks.
    paragraphs: dict[str, tuple[Document, tuple]] = {}
    sections: dict[str, tuple[Document, tuple]] = {}
    para_items = []
    for doc in chapters.values():
        for item in outline.walk(doc.data):
            ident = item.data.get("id")
            if item.kind not in ("paragraph", "section") or not isinstance(ident, str):
                continue
            table = paragraphs if item.kind == "paragraph" else sections
            if ident in table:
                first_doc, first_path = table[ident]
                line, col = first_doc.where(first_path + ("id",))
                report.add(doc, doc.where(item.path + ("id",)), "error",
                           f"duplicate {item.kind} id {ident!r} (also at {first_doc.file}:{line}:{col})",
                           "ids are permalinks: give the new one its own id; never renumber the old")
            else:
                table[ident] = (doc, item.path)
            if item.kind == "paragraph":
                para_items.append((doc, item))
            _check_translations(doc, item.path, item.data, languages, report)

    if corpus is not None:
        _refs(corpus, ("chapters",), corpus.data.get("chapters"), chapters, "chapter", report)
        listed = set(corpus.data.get("chapters") or [])
        for ident, doc in chapters.items():
            if ident not in listed:
                report.add(doc, doc.where(("id",)), "warning", f"chapter {ident!r} is not listed in corpus.yml",
                           "add it to 'chapters' in content/corpus.yml to publish it")
    cited: set[str] = set()
    placed: dict[tuple, tuple] = {}
    for doc, item in para_items:
        _check_paragraph(doc, item, sources, tables, figures, events, cited, report)
    for doc in chapters.values():
        for item in outline.walk(doc.data):
            if item.kind in ("table", "figure"):
                ident = item.data.get(item.kind)
                known = tables if item.kind == "table" else figures
                _refs(doc, item.path, [ident], known, item.kind, report)
                if (item.kind, ident) in placed:
                    report.add(doc, doc.where(item.path), "warning", f"{item.kind} {ident!r} is placed twice",
                               "place each table or figure once, where the original has it")
                placed[(item.kind, ident)] = item.path

    for doc in docs:
        data = doc.data
        if doc.kind in ("table", "figure", "event"):
            _refs(doc, ("sources",), data.get("sources"), sources, "source", report)
            cited.update(s for s in data.get("sources") or [] if isinstance(s, str))
            _check_translations(doc, (), data, languages, report)
        if doc.kind == "table":
            _check_table(doc, paragraphs, sources, cited, report)
        elif doc.kind == "figure":
            _refs(doc, ("data_table",), [data.get("data_table")] if data.get("data_table") else [], tables, "table", report)
            image = data.get("image")
            if isinstance(image, dict) and content_dir is not None and isinstance(image.get("path"), str):
                if not (Path(content_dir) / image["path"]).is_file():
                    report.add(doc, doc.where(("image", "path")), "error", f"image file {image['path']!r} does not exist",
                               "put the file under content/ or correct the path (relative to content/)")
        elif doc.kind == "event":
            _check_date(doc, ("date",), data.get("date"), report)
            _refs(doc, ("paragraphs",), data.get("paragraphs"), paragraphs, "paragraph", report)
            _refs(doc, ("tables",), data.get("tables"), tables, "table", report)
            _refs(doc, ("figures",), data.get("figures"), figures, "figure", report)
        elif doc.kind == "source":
            for field in ("issued", "accessed", "original-date", "event-date", "submitted", "available-date"):
                _check_date(doc, (field,), data.get(field), report)
        elif doc.kind == "glossary":
            terms: dict[str, int] = {}
            for i, entry in enumerate(data.get("entries") or []):
                term = entry.get("term") if isinstance(entry, dict) else None
                if term in terms:
                    report.add(doc, doc.where(("entries", i, "term")), "error", f"duplicate glossary term {term!r}",
                               f"merge it with entry {terms[term] + 1}")
                elif isinstance(term, str):
                    terms[term] = i
                if isinstance(entry, dict):
                    _check_translations(doc, ("entries", i), entry, languages, report)
    for key, doc in sources.items():
        if key not in cited:
            report.add(doc, doc.where(("id",)), "warning", f"source {key!r} is cited nowhere",
                       "cite it in a paragraph as [@" + key + "], or list it in a table, figure or event")
    return report.problems


def _check_translations(doc, path, data, languages, report) -> None:
    for lang in data.get("translations") or {}:
        if lang not in languages:
            report.add(doc, doc.where(path + ("translations", lang), key=True), "warning",
                       f"translation language {lang!r} is not declared in corpus.yml",
                       f"add '{lang}' under 'translations' in content/corpus.yml with who translated it")


def _check_paragraph(doc, item, sources, tables, figures, events, cited, report) -> None:
    text = item.data.get("text")
    if not isinstance(text, str):
        return
    text_path = item.path + ("text",)
    try:
        tokens = parse(text)
    except MarkupError as exc:
        fragment = text[exc.offset : exc.offset + 12].split("\n")[0]
        report.add(doc, doc.find(text_path, fragment), "error", exc.message, exc.hint)
        return
    known = {"table": tables, "figure": figures, "event": events}
    for tok in tokens:
        if isinstance(tok, Citation):
            for cite in tok.items:
                cited.add(cite.key)
                if cite.key not in sources:
                    report.add(doc, doc.find(text_path, "@" + cite.key), "error", f"unknown citation key {cite.key!r}",
                               suggest(cite.key, sources) or "add content/sources/<key>.yml, or correct the key")
        elif isinstance(tok, CrossRef) and tok.kind in known and tok.id not in known[tok.kind]:
            prefix = {"table": "tbl", "figure": "fig", "event": "evt"}[tok.kind]
            report.add(doc, doc.find(text_path, f"@{prefix}:{tok.id}"), "error",
                       f"unknown cross-reference @{prefix}:{tok.id}: no {tok.kind} has that id",
                       suggest(tok.id, known[tok.kind]) or f"add content/{tok.kind}s/{tok.id}.yml, or correct the id")
    for i, brk in enumerate(item.data.get("page_breaks") or []):
        if isinstance(brk, dict) and isinstance(brk.get("before"), str) and brk["before"] not in text:
            report.add(doc, doc.where(item.path + ("page_breaks", i, "before")), "error",
                       f"page break words {brk['before']!r} do not occur in the paragraph",
                       "copy the first words of the new page exactly from the text")
    for i, note in enumerate(item.data.get("editorial") or []):
        at = note.get("at") if isinstance(note, dict) else None
        if isinstance(at, str) and text.count(at) < (note.get("occurrence") or 1):
            report.add(doc, doc.where(item.path + ("editorial", i, "at")), "error",
                       f"editorial note is about {at!r}, which does not occur in the paragraph"
                       + (f" {note.get('occurrence')} times" if note.get("occurrence") else ""),
                       "copy the words exactly from the text (the text itself is never changed)")


def _check_table(doc, paragraphs, sources, cited, report) -> None:
    data = doc.data
    columns = [c.get("id") for c in data.get("columns") or [] if isinstance(c, dict)]
    rows = {r.get("id") for r in data.get("rows") or [] if isinstance(r, dict)}

    def check_cell(path, cell):
        if not isinstance(cell, dict):
            return
        para = cell.get("paragraph")
        if isinstance(para, str) and para not in paragraphs:
            report.add(doc, doc.where(path + ("paragraph",)), "error", f"unknown paragraph {para!r}",
                       suggest(para, paragraphs) or "use the id of the paragraph the value comes from")
        _refs(doc, path + ("sources",), cell.get("sources"), sources, "source", report)
        cited.update(s for s in cell.get("sources") or [] if isinstance(s, str))

    for i, row in enumerate(data.get("rows") or []):
        if not isinstance(row, dict) or not isinstance(row.get("cells"), dict):
            continue
        for col, cell in row["cells"].items():
            if col not in columns:
                report.add(doc, doc.where(("rows", i, "cells", col), key=True), "error", f"unknown column {col!r}",
                           suggest(col, columns) or f"columns are: {', '.join(map(str, columns))}")
            check_cell(("rows", i, "cells", col), cell)
    for group in ("derived", "checks"):
        for i, entry in enumerate(data.get(group) or []):
            if not isinstance(entry, dict):
                continue
            if group == "derived":
                check_cell(("derived", i, "stated"), entry.get("stated"))
            formula_key = "formula" if group == "derived" else "equals"
            refs = [entry[formula_key]] if isinstance(entry.get(formula_key), str) else []
            if isinstance(entry.get("cell"), str):
                refs.append(entry["cell"])
            for text in refs:
                for ref in _cell_refs(text):
                    row, _, col = ref.partition(".")
                    if row not in rows or col not in columns:
                        report.add(doc, doc.find((group, i), ref), "error", f"formula refers to unknown cell {ref!r}",
                                   f"write ROW.COLUMN with a row id ({', '.join(sorted(map(str, rows)))}) and a column id")


def _cell_refs(formula: str) -> list[str]:
    import re

    return re.findall(r"[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*", formula)
