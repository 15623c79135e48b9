"""What the landing page tells a reader first: what the text is, its outline, what the edition
holds and which of the text's particulars are known.

Pure: reads the corpus model, returns plain data for ``home.md.j2`` (labels and links stay in the
template, so an editor who overrides it keeps full control of the words).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Chapter, Corpus, Section

__all__ = ["HomeView", "OutlineEntry", "home_view"]

#: The particulars of the text a landing page names, in the order a catalogue gives them.
PARTICULARS = ("original_title", "author", "institution", "year", "language", "licence")


@dataclass(frozen=True)
class OutlineEntry:
    """A chapter (``section`` None) or one of its sections, at its heading depth (chapter: 0)."""

    chapter: Chapter
    section: Section | None
    depth: int
    number: str
    title: str


@dataclass(frozen=True)
class HomeView:
    outline: list[OutlineEntry]
    counts: dict[str, int]  # kind → how many the edition holds
    known: list[tuple[str, str]]  # (particular, its value as text), in PARTICULARS order
    unknown: list[str]  # the particulars the text does not give


def _person(name: dict) -> str:
    return name.get("literal") or " ".join(p for p in (name.get("given"), name.get("family")) if p)


def _particular(meta: dict, key: str) -> str:
    value = meta.get(key)
    if key == "author" and value:
        return "; ".join(n for n in (_person(a) for a in value) if n)
    return "" if value is None else str(value).strip()


def home_view(corpus: Corpus) -> HomeView:
    """The landing page's data. Unknown particulars are listed, never guessed."""
    outline = []
    for chapter in corpus.chapters:
        outline.append(OutlineEntry(chapter, None, 0, str(chapter.data.get("number") or ""), chapter.title))
        outline += [
            OutlineEntry(chapter, s, s.depth, str(s.data.get("number") or ""), s.title) for s in chapter.sections
        ]
    counts = {
        "paragraphs": len(corpus.paragraphs),
        "sources": len(corpus.sources),
        "tables": len(corpus.tables),
        "figures": len(corpus.figures),
        "events": len(corpus.events),
        "glossary": len(corpus.glossary),
    }
    values = {key: _particular(corpus.meta, key) for key in PARTICULARS}
    return HomeView(
        outline=outline,
        counts=counts,
        known=[(key, value) for key, value in values.items() if value],
        unknown=[key for key, value in values.items() if not value],
    )
