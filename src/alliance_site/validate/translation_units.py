"""The translatable units of a corpus (paragraphs, titles, tables and their columns, rows and derived
values, figures and their structure nodes, events, glossary entries) and the fields each one translates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import outline
from .documents import Document

__all__ = ["FIELDS", "Unit", "units"]

#: Translatable fields by kind of unit (the JSON Schemas' ``translations`` of each).
FIELDS = {
    "corpus": ("title", "description"),
    "chapter": ("title",),
    "section": ("title",),
    "paragraph": ("text",),
    "table": ("caption", "description"),
    "column": ("label",),
    "row": ("label",),
    "derived": ("label",),
    "figure": ("caption", "description"),
    "node": ("label",),
    "event": ("title", "description"),
    "glossary entry": ("expansion", "note"),
}


@dataclass(frozen=True)
class Unit:
    """One translatable unit: what it is, its name in messages, and where it sits in its file."""

    kind: str
    name: str
    doc: Document
    path: tuple
    data: dict

    @property
    def fields(self) -> list[str]:
        """The translatable fields the original has (only those can be missing in a translation)."""
        return [f for f in FIELDS[self.kind] if isinstance(self.data.get(f), str) and self.data[f].strip()]


def _nodes(doc: Document, node, path: tuple, figure: str) -> Iterator[Unit]:
    if not isinstance(node, dict):
        return
    label = node.get("label")
    yield Unit("node", f"structure node {label!r} of figure {figure!r}", doc, path, node)
    children = node.get("children")
    for i, child in enumerate(children if isinstance(children, list) else []):  # not a list: the schema says so
        yield from _nodes(doc, child, path + ("children", i), figure)


def units(docs: Iterable[Document]) -> Iterator[Unit]:
    """Every translatable unit of the corpus, file by file, in reading order within each file."""
    for doc in docs:
        data = doc.data
        ident = data.get("id")
        if doc.kind == "corpus":
            yield Unit("corpus", "the corpus metadata", doc, (), data)
        elif doc.kind == "chapter":
            yield Unit("chapter", f"chapter {ident!r} (its title)", doc, (), data)
            for item in outline.walk(data):
                if item.kind in ("paragraph", "section"):
                    name = f"{item.kind} {item.data.get('id')!r}" + (" (its title)" if item.kind == "section" else "")
                    yield Unit(item.kind, name, doc, item.path, item.data)
        elif doc.kind == "table":
            yield Unit("table", f"table {ident!r}", doc, (), data)
            for group, kind in (("columns", "column"), ("rows", "row"), ("derived", "derived")):
                entries = data.get(group)
                for i, entry in enumerate(entries if isinstance(entries, list) else []):
                    if isinstance(entry, dict):
                        what = "derived value" if kind == "derived" else kind
                        yield Unit(kind, f"{what} {entry.get('id')!r} of table {ident!r}", doc, (group, i), entry)
        elif doc.kind == "figure":
            yield Unit("figure", f"figure {ident!r}", doc, (), data)
            if isinstance(data.get("structure"), dict):
                yield from _nodes(doc, data["structure"], ("structure",), ident)
        elif doc.kind == "event":
            yield Unit("event", f"event {ident!r}", doc, (), data)
        elif doc.kind == "glossary":
            entries = data.get("entries")
            for i, entry in enumerate(entries if isinstance(entries, list) else []):
                if isinstance(entry, dict):
                    yield Unit("glossary entry", f"glossary entry {entry.get('term')!r}", doc, ("entries", i), entry)
