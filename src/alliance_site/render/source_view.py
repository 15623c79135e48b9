"""What a source page shows after the reference: where the chapter cites it, and the tables,
figures and events that rely on it, grouped by kind.

Pure: reads the corpus model, returns plain data for ``source.md.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import CitationUse, Corpus, Entry

__all__ = ["RELYING_KINDS", "SourceView", "source_view"]

#: The kinds of entry that may rest on a source, in the order the page lists them.
RELYING_KINDS = ("table", "figure", "event")


@dataclass(frozen=True)
class SourceView:
    uses: list[CitationUse]  # every citation of the source, in reading order
    relied_on: list[tuple[str, list[Entry]]]  # (kind, entries), only kinds that have some


def source_view(corpus: Corpus, key: str) -> SourceView:
    users = corpus.relied_on_by.get(key, [])
    grouped = [(kind, [e for e in users if e.kind == kind]) for kind in RELYING_KINDS]
    return SourceView(uses=list(corpus.cited_in.get(key, [])), relied_on=[(k, es) for k, es in grouped if es])
