"""Paragraph text → HTML: escaped words, linked citations, acronyms, page markers and note markers.

Everything from YAML is escaped here, once; citation HTML comes from the
citation formatter, which escapes its own fields. The output is inline HTML
placed inside a raw HTML block, so Markdown never reinterprets corpus text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from ..text.markup import Citation, CrossRef, Text, Token

__all__ = ["InlineRenderer", "Insertion", "acronym_pattern"]


@dataclass(frozen=True, order=True)
class Insertion:
    """HTML to place at a character offset of the paragraph's raw text."""

    offset: int
    order: int
    html: str


def acronym_pattern(terms: list[str]) -> re.Pattern | None:
    """One regex matching any glossary term as a whole word, longest first."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=lambda t: (-len(t), t)))
    return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w])")


class InlineRenderer:
    """Render tokens to HTML. ``cite`` and ``xref`` are callbacks given by the page renderer,
    which knows where sources and tables live relative to the page it renders; :meth:`linking`
    gives the same acronyms (compiled once) with another page's callbacks."""

    def __init__(
        self,
        abbreviations: dict[str, str],
        cite: Callable[[Citation], str] | None = None,
        xref: Callable[[CrossRef], str] | None = None,
    ):
        self.abbreviations = abbreviations
        self.pattern = acronym_pattern(list(abbreviations))
        self.cite = cite
        self.xref = xref

    def linking(self, cite: Callable[[Citation], str], xref: Callable[[CrossRef], str]) -> InlineRenderer:
        """This renderer's acronyms, with citations and cross-references linked by ``cite`` and ``xref``."""
        other = copy.copy(self)
        other.cite, other.xref = cite, xref
        return other

    def words(self, text: str) -> str:
        """Escape plain text and mark acronyms with ``<abbr>``."""
        if not self.pattern:
            return escape(text, quote=False)
        out: list[str] = []
        last = 0
        for match in self.pattern.finditer(text):
            out.append(escape(text[last : match.start()], quote=False))
            term = match[1]
            out.append(f'<abbr title="{escape(self.abbreviations[term])}">{escape(term)}</abbr>')
            last = match.end()
        out.append(escape(text[last:], quote=False))
        return "".join(out)

    def render(self, tokens: list[Token], insertions: list[Insertion] = ()) -> str:
        """HTML of a paragraph; insertions land inside text runs at their raw offsets."""
        pending = sorted(insertions)
        out: list[str] = []
        for tok in tokens:
            if isinstance(tok, Text):
                start, text = tok.start, tok.text
                pos = 0
                while pending and pending[0].offset < start + len(text):
                    ins = pending.pop(0)
                    cut = max(0, ins.offset - start)
                    out.append(self.words(text[pos:cut]))
                    out.append(ins.html)
                    pos = cut
                out.append(self.words(text[pos:]))
            elif isinstance(tok, Citation):
                out.append(self.cite(tok))
            elif isinstance(tok, CrossRef):
                out.append(self.xref(tok))
        out.extend(ins.html for ins in pending)
        return "".join(out)
