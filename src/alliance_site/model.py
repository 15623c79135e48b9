"""The corpus as objects: every reference resolved, with the reverse indexes pages need.

Built only from files that passed validation, so it trusts its input. Entries
of each kind keep their YAML mapping in ``data`` (templates read fields from it)
and gain the links the site shows both ways: "cited in", "told in", "placed in".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import outline
from .text.markup import Citation, CrossRef, Token, parse

__all__ = ["Chapter", "CitationUse", "Corpus", "Entry", "Paragraph", "Placement", "Section", "build_corpus"]


@dataclass(eq=False)
class Entry:
    """A source, table, figure or event: one YAML file."""

    kind: str
    id: str
    data: dict
    file: str

    def get(self, key, default=None):
        return self.data.get(key, default)


@dataclass(eq=False)
class Section:
    id: str
    data: dict
    chapter: Chapter
    depth: int
    parents: tuple = ()

    @property
    def title(self) -> str:
        return self.data["title"]


@dataclass(eq=False)
class Paragraph:
    id: str
    data: dict
    tokens: list[Token]
    chapter: Chapter
    section: Section | None
    number: int  # reading position within the chapter (display only: never an id)

    @property
    def text(self) -> str:
        return self.data["text"]

    @property
    def page(self) -> int | None:
        return self.data.get("page")

    @property
    def citations(self) -> list[Citation]:
        return [t for t in self.tokens if isinstance(t, Citation)]


@dataclass(eq=False)
class Placement:
    """Where the original places a table or figure."""

    kind: str
    id: str
    chapter: Chapter
    section: Section | None
    after: Paragraph | None  # the paragraph just before it, for "back to the text"


@dataclass(eq=False)
class Chapter:
    id: str
    data: dict
    file: str
    items: list = field(default_factory=list)  # Section | Paragraph | Placement, in reading order

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [i for i in self.items if isinstance(i, Paragraph)]

    @property
    def sections(self) -> list[Section]:
        return [i for i in self.items if isinstance(i, Section)]


@dataclass(frozen=True, eq=False)
class CitationUse:
    """One occurrence of a source in a paragraph: which citation, which item (locator)."""

    paragraph: Paragraph
    citation: Citation
    item_index: int

    @property
    def item(self):
        return self.citation.items[self.item_index]


@dataclass(eq=False)
class Corpus:
    meta: dict
    chapters: list[Chapter]
    sources: dict[str, Entry]
    tables: dict[str, Entry]
    figures: dict[str, Entry]
    events: dict[str, Entry]
    glossary: list[dict]
    paragraphs: dict[str, Paragraph] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    # reverse indexes
    cited_in: dict[str, list[CitationUse]] = field(default_factory=lambda: defaultdict(list))
    relied_on_by: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    events_of: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    data_from: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    placements: dict[tuple, list[Placement]] = field(default_factory=lambda: defaultdict(list))
    referenced_by: dict[tuple, list[Paragraph]] = field(default_factory=lambda: defaultdict(list))
    related_events: dict[tuple, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    def entry(self, kind: str, ident: str) -> Entry | None:
        return {"source": self.sources, "table": self.tables, "figure": self.figures, "event": self.events}[kind].get(
            ident
        )

    @property
    def events_in_order(self) -> list[Entry]:
        return sorted(self.events.values(), key=lambda e: (e.data["date"], e.id))

    @property
    def translation_languages(self) -> list[str]:
        return sorted(self.meta.get("translations") or {})


def _entries(docs, kind) -> dict[str, Entry]:
    found = [Entry(kind, d.data["id"], d.data, d.file) for d in docs if d.kind == kind]
    return {e.id: e for e in sorted(found, key=lambda e: e.id)}


def build_corpus(docs) -> Corpus:
    """Assemble validated documents (see :mod:`alliance_site.validate`) into a :class:`Corpus`."""
    meta = next(d.data for d in docs if d.kind == "corpus")
    glossary = next((d.data.get("entries", []) for d in docs if d.kind == "glossary"), [])
    chapter_docs = {d.data["id"]: d for d in docs if d.kind == "chapter"}
    corpus = Corpus(
        meta=meta,
        chapters=[],
        sources=_entries(docs, "source"),
        tables=_entries(docs, "table"),
        figures=_entries(docs, "figure"),
        events=_entries(docs, "event"),
        glossary=sorted(glossary, key=lambda g: g["term"]),
    )
    for chapter_id in meta["chapters"]:
        doc = chapter_docs[chapter_id]
        chapter = Chapter(chapter_id, doc.data, doc.file)
        corpus.chapters.append(chapter)
        _fill_chapter(corpus, chapter)
    _index_entries(corpus)
    return corpus


def _fill_chapter(corpus: Corpus, chapter: Chapter) -> None:
    by_dict: dict[int, Section] = {}
    last: Paragraph | None = None
    number = 0
    for item in outline.walk(chapter.data):
        section = by_dict.get(id(item.sections[-1])) if item.sections else None
        if item.kind == "section":
            parents = tuple(by_dict[id(s)] for s in item.sections)
            node = Section(item.data["id"], item.data, chapter, item.depth, parents)
            by_dict[id(item.data)] = node
            corpus.sections[node.id] = node
            chapter.items.append(node)
        elif item.kind == "paragraph":
            number += 1
            para = Paragraph(item.data["id"], item.data, parse(item.data["text"]), chapter, section, number)
            corpus.paragraphs[para.id] = para
            chapter.items.append(para)
            last = para
            for tok in para.tokens:
                if isinstance(tok, Citation):
                    for i, cite in enumerate(tok.items):
                        corpus.cited_in[cite.key].append(CitationUse(para, tok, i))
                elif isinstance(tok, CrossRef):
                    corpus.referenced_by[(tok.kind, tok.id)].append(para)
        else:
            ident = item.data[item.kind]
            placement = Placement(item.kind, ident, chapter, section, last)
            corpus.placements[(item.kind, ident)].append(placement)
            chapter.items.append(placement)


def _index_entries(corpus: Corpus) -> None:
    for kind, entries in (("table", corpus.tables), ("figure", corpus.figures), ("event", corpus.events)):
        for entry in entries.values():
            for key in _sources_of(entry):
                if entry not in corpus.relied_on_by[key]:
                    corpus.relied_on_by[key].append(entry)
    for table in corpus.tables.values():
        for para_id in _paragraphs_of_table(table):
            corpus.data_from[para_id].append(table)
    for event in corpus.events_in_order:
        for para_id in event.get("paragraphs") or []:
            corpus.events_of[para_id].append(event)
        for kind in ("tables", "figures"):
            for ident in event.get(kind) or []:
                corpus.related_events[(kind[:-1], ident)].append(event)


def _cells(table: Entry):
    for row in table.data["rows"]:
        yield from row["cells"].values()
    for derived in table.data.get("derived") or []:
        if derived.get("stated"):
            yield derived["stated"]


def _sources_of(entry: Entry) -> list[str]:
    keys = list(entry.get("sources") or [])
    if entry.kind == "table":
        for cell in _cells(entry):
            keys.extend(k for k in cell.get("sources") or [] if k not in keys)
    return keys


def _paragraphs_of_table(table: Entry) -> list[str]:
    seen: list[str] = []
    for cell in _cells(table):
        if cell.get("paragraph") and cell["paragraph"] not in seen:
            seen.append(cell["paragraph"])
    return seen
