"""The bibtexparser 2 middleware that decodes a .bib file's LaTeX to Unicode and its names to CSL names.

bibtexparser's own LaTeX decoder skips lists of split names (``NameParts``) and would decode a
URL's ``%20`` as a LaTeX comment; this one decodes names too, keeps verbatim fields as written,
and splits literal lists ("Düsseldorf and Zürich") at their top-level "and".
"""

from __future__ import annotations

import re

from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import Entry, Field
from pylatexenc import latex2text
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec

from ._bibtex_map import VERBATIM_FIELDS

__all__ = ["DecodeLatexMiddleware", "clean", "make_decoder"]


def make_decoder() -> LatexNodes2Text:
    """bibtexparser's decoder, plus the text macros it lacks (``\\texttt`` vanished, ``\\LaTeX``...)."""
    db = latex2text.get_default_latex_context_db()
    simple = {"url": "%s", "texttt": "%s", "path": "%s", "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX"}
    simple |= {"textasciicircum": "^", "textbraceleft": "{", "textbraceright": "}", "textasciitilde": "~"}
    db.add_context_category(
        "alliance-bib",
        prepend=True,
        macros=[MacroTextSpec(name, simplify_repl=repl) for name, repl in simple.items()],
    )
    return LatexNodes2Text(latex_context=db, math_mode="verbatim", keep_braced_groups=False)


_SPACE = re.compile(r"[ \t\r\n]+")
# biblatex literal lists: "Düsseldorf and Zürich" is two places, "{Barnes and Noble}" one publisher.
_LIST_FIELDS = frozenset(["publisher", "location", "address", "institution", "school", "organization", "language"])
_AND = re.compile(r"\s+and\s+")


def _split_and(value: str) -> list[str]:
    """Split a literal list at top-level ``and`` (not inside braces)."""
    depth_at = []
    depth = 0
    for ch in value:
        depth_at.append(depth)
        depth += (ch == "{") - (ch == "}")
    parts, start = [], 0
    for match in _AND.finditer(value):
        if depth_at[match.start()] == 0:
            parts.append(value[start : match.start()])
            start = match.end()
    parts.append(value[start:])
    return parts


def clean(text: str) -> str:
    """Decoded text tidied: soft hyphens (``\\-``) dropped, line breaks of the .bib file collapsed."""
    return _SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def _braced_whole(token: str) -> bool:
    """``{World Health Organization}``: one brace group spanning the token (a corporate name)."""
    if not (token.startswith("{") and token.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(token):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and i < len(token) - 1:
            return False
    return True


class DecodeLatexMiddleware(LatexDecodingMiddleware):
    """LaTeX to Unicode for every field but the verbatim ones, and split names into CSL names.

    A name field (a list of bibtexparser ``NameParts``) becomes a list of CSL
    name dicts: ``{"family", "given", "non-dropping-particle", "suffix"}``, or
    ``{"literal"}`` for a name wholly in braces (``{World Health Organization}``).
    """

    def __init__(self):
        super().__init__(decoder=make_decoder())

    def _text(self, value: str) -> str:
        decoded, _error = self._transform_python_value_string(value)
        return clean(decoded)

    def _name(self, parts: NameParts) -> dict:
        if not (parts.first or parts.von or parts.jr) and len(parts.last) == 1 and _braced_whole(parts.last[0]):
            return {"literal": self._text(parts.last[0])}
        name = {
            "family": self._text(" ".join(parts.last)),
            "given": self._text(" ".join(parts.first)),
            "non-dropping-particle": self._text(" ".join(parts.von)),
            "suffix": self._text(" ".join(parts.jr)),
        }
        return {k: v for k, v in name.items() if v}

    def transform_entry(self, entry: Entry, library: Library):
        kept: list[Field] = []
        for field in entry.fields:
            if field.key.lower() in VERBATIM_FIELDS and isinstance(field.value, str):
                field.value = field.value.strip()
            elif isinstance(field.value, list) and all(isinstance(n, NameParts) for n in field.value):
                field.value = [n for n in (self._name(p) for p in field.value) if n]
            elif field.key.lower() in _LIST_FIELDS and isinstance(field.value, str):
                field.value = [t for t in (self._text(v) for v in _split_and(field.value)) if t]
            elif isinstance(field.value, str):
                field.value = self._text(field.value)
            kept.append(field)
        entry.fields = kept
        return entry
