"""Checks across files: unique ids, and every reference (citation, cross-reference,
placement, paragraph, source, table, figure) resolving to something that exists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .. import outline
from ..data.checks import formula_errors
from ..data.dates import DateError, parse_date
from ..errors import Problem
from ..text.ids import slug
from ..text.markup import Citation, CrossRef, MarkupError, parse
from .documents import Document
from .schema import is_valid, suggest

__all__ = ["check_references"]


# A citation key ends where Pandoc ends it (see text.markup): "@doe" must not be found inside "@doe2019".
_KEY_END = r"(?![A-Za-z0-9_]|[:.#$%&\-+?<>~/][A-Za-z0-9_])"
# The form the schemas give dates; other forms are reported by the schema check, not again here.
_DATE_FORM = re.compile(r"-?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/-?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?")


def _list(value) -> list:
    """``value`` if it is a list, else ``[]``: a wrong type is the schema check's to report."""
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


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
            report.add(
                doc,
                doc.where(("id",)),
                "error",
                f"duplicate {kind} id {ident!r} (also in {first.file}:{line}:{col})",
                "ids are permalinks: give this entry a new, unused id",
            )
        else:
            seen[ident] = doc
    return seen


def _page_name_clashes(sources: dict[str, Document], report: _Report) -> None:
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


def _check_date(doc, path, value, report) -> None:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not _DATE_FORM.fullmatch(str(value)):
        return  # not in the form of a date at all: the schema check says so
    try:
        parse_date(str(value))
    except DateError as exc:
        reason = str(exc).removeprefix(f"{str(value)!r}: ")
        report.add(
            doc,
            doc.where(path),
            "error",
            f"bad date {value!r}: {reason}",
            "write YYYY, YYYY-MM, YYYY-MM-DD or START/END with a real calendar date",
        )


def _refs(doc, path, values, known, what, report, severity="error") -> None:
    if known is None:  # some files of this kind could not be read: nothing can be said
        return
    for i, value in enumerate(_list(values)):
        if isinstance(value, str) and value not in known:
            report.add(
                doc,
                doc.where(path + (i,)),
                severity,
                f"unknown {what} {value!r}",
                suggest(value, known) or f"add the {what} first, or correct the id",
            )


def check_references(
    docs: list[Document], content_dir: Path | None = None, unreadable: Iterable[tuple[str, str]] = ()
) -> list[Problem]:
    """Every cross-file problem of the corpus.

    ``unreadable`` names the files that could not be read at all, as (kind, file stem). Their
    entries are taken to exist under the id their file is named by, so that one syntax error is
    reported once, in its file, and not again as an "unknown key" in every file that cites it.
    """
    report = _Report()
    unread: dict[str, set[str]] = {}
    for kind, stem in unreadable:
        unread.setdefault(kind, set()).add(stem)
    sources = _ids(docs, "source", report)
    _page_name_clashes(sources, report)
    tables = _ids(docs, "table", report)
    figures = _ids(docs, "figure", report)
    events = _ids(docs, "event", report)
    chapters = _ids(docs, "chapter", report)
    # what a reference may name: the entries read, and those whose files could not be read
    known_sources = {**dict.fromkeys(unread.get("source", ())), **sources}
    known_tables = {**dict.fromkeys(unread.get("table", ())), **tables}
    known_figures = {**dict.fromkeys(unread.get("figure", ())), **figures}
    known_events = {**dict.fromkeys(unread.get("event", ())), **events}
    known_chapters = {**dict.fromkeys(unread.get("chapter", ())), **chapters}
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    languages = set(_dict(corpus.data.get("translations")) if corpus else ())

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
                report.add(
                    doc,
                    doc.where(item.path + ("id",)),
                    "error",
                    f"duplicate {item.kind} id {ident!r} (also at {first_doc.file}:{line}:{col})",
                    "ids are permalinks: give the new one its own id; never renumber the old",
                )
            else:
                table[ident] = (doc, item.path)
            if item.kind == "paragraph":
                para_items.append((doc, item))
            _check_translations(doc, item.path, item.data, languages, report)

    # a chapter that could not be read hides its paragraphs and sections: references to them cannot be checked
    known_paragraphs = None if "chapter" in unread else paragraphs
    known_sections = None if "chapter" in unread else sections
    if corpus is not None:
        _refs(corpus, ("chapters",), corpus.data.get("chapters"), known_chapters, "chapter", report)
        listed = {c for c in _list(corpus.data.get("chapters")) if isinstance(c, str)}
        for ident, doc in chapters.items():
            if isinstance(corpus.data.get("chapters"), list) and ident not in listed:
                report.add(
                    doc,
                    doc.where(("id",)),
                    "warning",
                    f"chapter {ident!r} is not listed in corpus.yml",
                    "add it to 'chapters' in content/corpus.yml to publish it",
                )
    cited: set[str] = set()
    placed: dict[tuple, tuple] = {}
    xref_targets = {"table": known_tables, "figure": known_figures, "event": known_events, "section": known_sections}
    for doc, item in para_items:
        _check_paragraph(doc, item, known_sources, xref_targets, cited, report)
    for doc in chapters.values():
        for item in outline.walk(doc.data):
            if item.kind in ("table", "figure"):
                ident = item.data.get(item.kind)
                known = known_tables if item.kind == "table" else known_figures
                _refs(doc, item.path + (item.kind,), [ident], known, item.kind, report)  # at the id, not the dash
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

    for doc in docs:
        data = doc.data
        if doc.kind in ("table", "figure", "event"):
            _refs(doc, ("sources",), data.get("sources"), known_sources, "source", report)
            cited.update(s for s in _list(data.get("sources")) if isinstance(s, str))
            _check_translations(doc, (), data, languages, report)
        if doc.kind == "table":
            _check_table(doc, known_paragraphs, known_sources, cited, report)
        elif doc.kind == "figure":
            _refs(
                doc,
                ("data_table",),
                [data.get("data_table")] if data.get("data_table") else [],
                known_tables,
                "table",
                report,
            )
            image = data.get("image")
            if isinstance(image, dict) and content_dir is not None and isinstance(image.get("path"), str):
                _check_image(doc, image["path"], Path(content_dir), report)
        elif doc.kind == "event":
            _check_date(doc, ("date",), data.get("date"), report)
            _refs(doc, ("paragraphs",), data.get("paragraphs"), known_paragraphs, "paragraph", report)
            _refs(doc, ("tables",), data.get("tables"), known_tables, "table", report)
            _refs(doc, ("figures",), data.get("figures"), known_figures, "figure", report)
        elif doc.kind == "source":
            for field in ("issued", "accessed", "original-date", "event-date", "submitted", "available-date"):
                _check_date(doc, (field,), data.get(field), report)
        elif doc.kind == "glossary":
            terms: dict[str, int] = {}
            for i, entry in enumerate(_list(data.get("entries"))):
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
                elif isinstance(term, str):
                    terms[term] = i
                if isinstance(entry, dict):
                    _check_translations(doc, ("entries", i), entry, languages, report)
    for key, doc in sources.items():
        if key not in cited and not unread:  # an unread file may be the one that cites it
            report.add(
                doc,
                doc.where(("id",)),
                "warning",
                f"source {key!r} is cited nowhere",
                "cite it in a paragraph as [@" + key + "], or list it in a table, figure or event",
            )
    return report.problems


#: Image files a figure may show: raster formats and SVG (checked for anything active).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SVG_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_SVG_ACTIVE_VALUE = re.compile(r"(?:java|vb)script:|data:(?!image/)", re.IGNORECASE)


def _svg_problem(raw: bytes) -> str | None:
    """Why an SVG file could run something when opened on its own (scripts, event handlers, script
    URLs, embedded documents), or None. The file is parsed without loading DTDs or entities."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        return f"is not well-formed SVG ({exc})"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        if name.lower() in _SVG_ACTIVE_ELEMENTS:
            return f"contains a <{name}> element"
        for attr, value in el.attrib.items():
            local = etree.QName(attr).localname
            if local.lower().startswith("on"):
                return f"has an event handler attribute ({local}=) on <{name}>"
            if _SVG_ACTIVE_VALUE.search("".join(value.split())):
                return f"has a script or data URL in {local}= on <{name}>"
        if name.lower() == "style" and el.text and _SVG_ACTIVE_VALUE.search("".join(el.text.split())):
            return "has a script or data URL in its <style>"
    return None


def _check_image(doc, rel: str, content_dir: Path, report: _Report) -> None:
    """A figure's image: a file under content/, of an image type, and (for SVG) with nothing active in it.
    It is published on the site's own origin, so a file that runs when opened would run as the site."""
    where = doc.where(("image", "path"))
    hint = "give the path of an image file under content/, relative to it, e.g. images/figure-1.png"
    parts = rel.replace("\\", "/").split("/")
    if _SCHEME.match(rel):
        report.add(doc, where, "error", f"image path {rel!r} is a URL, not a file", hint)
        return
    if (
        rel.startswith(("/", "\\"))
        or "\\" in rel
        or ".." in parts
        or any(c in rel for c in "#?%")
        or any(ord(c) < 32 for c in rel)
    ):
        report.add(doc, where, "error", f"image path {rel!r} does not name a file inside content/", hint)
        return
    if not rel.lower().endswith(IMAGE_SUFFIXES):
        report.add(
            doc,
            where,
            "error",
            f"image file {rel!r} is not an image",
            "use a " + ", ".join(s.lstrip(".").upper() for s in IMAGE_SUFFIXES) + " file",
        )
        return
    path = content_dir / rel
    if not path.is_file():
        report.add(
            doc,
            where,
            "error",
            f"image file {rel!r} does not exist",
            "put the file under content/, or correct the path: it is relative to content/",
        )
        return
    try:
        path.resolve().relative_to(content_dir.resolve())
    except ValueError:
        report.add(
            doc,
            where,
            "error",
            f"image file {rel!r} links to a file outside content/",
            "copy the image into content/ instead of linking to it",
        )
        return
    if rel.lower().endswith(".svg"):
        problem = _svg_problem(path.read_bytes())
        if problem:
            report.add(
                doc,
                where,
                "error",
                f"image file {rel!r} {problem}",
                "export the drawing again as a plain SVG (or PNG): the site publishes it on its own origin, "
                "where anything active in it would run",
            )


def _check_translations(doc, path, data, languages, report) -> None:
    for lang in _dict(data.get("translations")):
        if lang not in languages:
            report.add(
                doc,
                doc.where(path + ("translations", lang), key=True),
                "warning",
                f"translation language {lang!r} is not declared in corpus.yml",
                f"add '{lang}' under 'translations' in content/corpus.yml with who translated it",
            )


def _at(doc, text_path, text: str, offset: int, needle: str, end: str = "") -> tuple[int, int]:
    """Position in the file of ``needle`` found at ``offset`` of the paragraph text: the same
    occurrence of it (the n-th), so an earlier, longer key or a repeated word is not taken for it."""
    pattern = re.compile(re.escape(needle) + end)
    return doc.find(text_path, pattern, nth=len(pattern.findall(text, 0, offset)))


def _check_paragraph(doc, item, sources, xref_targets, cited, report) -> None:
    text = item.data.get("text")
    if not isinstance(text, str):
        return
    text_path = item.path + ("text",)
    try:
        tokens = parse(text)
    except MarkupError as exc:
        # the first word from the offset: a folded text may break the line right after it
        fragment = re.match(r"\S{0,12}", text[exc.offset :])[0] or text[exc.offset : exc.offset + 1]
        report.add(doc, _at(doc, text_path, text, exc.offset, fragment), "error", exc.message, exc.hint)
        return
    prefixes = {"table": "tbl", "figure": "fig", "event": "evt", "section": "sec"}
    for tok in tokens:
        if isinstance(tok, Citation):
            for cite in tok.items:
                cited.add(cite.key)
                if cite.key not in sources:
                    report.add(
                        doc,
                        _at(doc, text_path, text, cite.offset, "@" + cite.key, _KEY_END),
                        "error",
                        f"unknown citation key {cite.key!r}",
                        suggest(cite.key, sources) or "add content/sources/<key>.yml, or correct the key",
                    )
        elif (
            isinstance(tok, CrossRef)
            and xref_targets.get(tok.kind) is not None
            and tok.id not in xref_targets[tok.kind]
        ):
            prefix = prefixes[tok.kind]
            where = "give a section that id" if tok.kind == "section" else f"add content/{tok.kind}s/{tok.id}.yml"
            report.add(
                doc,
                _at(doc, text_path, text, tok.start, f"@{prefix}:{tok.id}", _KEY_END),
                "error",
                f"unknown cross-reference @{prefix}:{tok.id}: no {tok.kind} has that id",
                suggest(tok.id, xref_targets[tok.kind]) or f"{where}, or correct the id",
            )
    for i, brk in enumerate(_list(item.data.get("page_breaks"))):
        if isinstance(brk, dict) and isinstance(brk.get("before"), str) and brk["before"] not in text:
            report.add(
                doc,
                doc.where(item.path + ("page_breaks", i, "before")),
                "error",
                f"page break words {brk['before']!r} do not occur in the paragraph",
                "copy the first words of the new page exactly from the text",
            )
    for i, note in enumerate(_list(item.data.get("editorial"))):
        if not isinstance(note, dict) or not isinstance(note.get("at"), str):
            continue
        at = note["at"]
        occurrence = note.get("occurrence") if isinstance(note.get("occurrence"), int) else None
        if text.count(at) < (occurrence or 1):
            report.add(
                doc,
                doc.where(item.path + ("editorial", i, "at")),
                "error",
                f"editorial note is about {at!r}, which does not occur in the paragraph"
                + (f" {occurrence} times" if occurrence else ""),
                "copy the words exactly from the text; the text itself is never changed",
            )


def _check_table(doc, paragraphs, sources, cited, report) -> None:
    data = doc.data
    columns = [c.get("id") for c in _list(data.get("columns")) if isinstance(c, dict) and isinstance(c.get("id"), str)]

    def check_cell(path, cell):
        if not isinstance(cell, dict):
            return
        para = cell.get("paragraph")
        if isinstance(para, str) and paragraphs is not None and para not in paragraphs:
            report.add(
                doc,
                doc.where(path + ("paragraph",)),
                "error",
                f"unknown paragraph {para!r}",
                suggest(para, paragraphs) or "use the id of the paragraph the value comes from",
            )
        _refs(doc, path + ("sources",), cell.get("sources"), sources, "source", report)
        cited.update(s for s in _list(cell.get("sources")) if isinstance(s, str))

    for i, row in enumerate(_list(data.get("rows"))):
        if not isinstance(row, dict) or not isinstance(row.get("cells"), dict):
            continue
        for col, cell in row["cells"].items():
            if col not in columns:
                report.add(
                    doc,
                    doc.where(("rows", i, "cells", col), key=True),
                    "error",
                    f"unknown column {col!r}",
                    suggest(col, columns) or f"columns are: {', '.join(map(str, columns))}",
                )
            check_cell(("rows", i, "cells", col), cell)
    for i, entry in enumerate(_list(data.get("derived"))):
        if isinstance(entry, dict):
            check_cell(("derived", i, "stated"), entry.get("stated"))
    # the formula checks trust the table's shape: a table the schema rejects gets its schema errors first
    for where, error in formula_errors(data) if is_valid("table", data) else []:
        path = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", where) if p)
        fragment = re.match(r"\S{1,40}", error.formula[error.offset :]) if isinstance(error.formula, str) else None
        place = _at(doc, path, error.formula, error.offset, fragment[0]) if fragment else doc.where(path)
        report.add(
            doc,
            place,
            "error",
            f"formula {error.formula!r}: {error.message}",
            error.hint or "write ROW.COLUMN with ids of this table's rows and columns",
        )
