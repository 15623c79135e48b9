"""A paragraph's text against the rest of the corpus: its markup parses, its citations name known
sources, its cross-references name known tables, figures, events and sections, and the words its
page breaks and editorial notes are anchored to occur in it."""

from __future__ import annotations

import re

from ..text.markup import Citation, CrossRef, MarkupError, parse
from .report import Report, as_list, at
from .schema import suggest

__all__ = ["check_paragraph"]

# A citation key ends where Pandoc ends it (see text.markup): "@doe" must not be found inside "@doe2019".
_KEY_END = r"(?![A-Za-z0-9_]|[:.#$%&\-+?<>~/][A-Za-z0-9_])"


def check_paragraph(doc, item, sources, xref_targets, cited: set[str], report: Report) -> None:
    """The paragraph ``item`` of chapter ``doc``. ``xref_targets`` gives the known ids by kind of
    cross-reference (None where they cannot be known); every key cited is added to ``cited``."""
    text = item.data.get("text")
    if not isinstance(text, str):
        return
    text_path = item.path + ("text",)
    try:
        tokens = parse(text)
    except MarkupError as exc:
        # the first word from the offset: a folded text may break the line right after it
        fragment = re.match(r"\S{0,12}", text[exc.offset :])[0] or text[exc.offset : exc.offset + 1]
        report.add(doc, at(doc, text_path, text, exc.offset, fragment), "error", exc.message, exc.hint)
        return
    prefixes = {"table": "tbl", "figure": "fig", "event": "evt", "section": "sec"}
    for tok in tokens:
        if isinstance(tok, Citation):
            for cite in tok.items:
                cited.add(cite.key)
                if cite.key not in sources:
                    report.add(
                        doc,
                        at(doc, text_path, text, cite.offset, "@" + cite.key, _KEY_END),
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
                at(doc, text_path, text, tok.start, f"@{prefix}:{tok.id}", _KEY_END),
                "error",
                f"unknown cross-reference @{prefix}:{tok.id}: no {tok.kind} has that id",
                suggest(tok.id, xref_targets[tok.kind]) or f"{where}, or correct the id",
            )
    for i, brk in enumerate(as_list(item.data.get("page_breaks"))):
        if isinstance(brk, dict) and isinstance(brk.get("before"), str) and brk["before"] not in text:
            report.add(
                doc,
                doc.where(item.path + ("page_breaks", i, "before")),
                "error",
                f"page break words {brk['before']!r} do not occur in the paragraph",
                "copy the first words of the new page exactly from the text",
            )
    for i, note in enumerate(as_list(item.data.get("editorial"))):
        if not isinstance(note, dict) or not isinstance(note.get("at"), str):
            continue
        anchor = note["at"]
        occurrence = note.get("occurrence") if isinstance(note.get("occurrence"), int) else None
        if text.count(anchor) < (occurrence or 1):
            report.add(
                doc,
                doc.where(item.path + ("editorial", i, "at")),
                "error",
                f"editorial note is about {anchor!r}, which does not occur in the paragraph"
                + (f" {occurrence} times" if occurrence else ""),
                "copy the words exactly from the text; the text itself is never changed",
            )
