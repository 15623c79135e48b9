"""bibtexparser 2 middlewares that expand a .bib file's text before it is decoded: ``#``
concatenation and ``crossref`` inheritance, under a budget.

bibtexparser resolves plain ``@string`` references but leaves ``#`` concatenation and
``crossref`` alone; these fill the gap, and refuse a file whose macros or parents would
expand it far past its own size (the LaTeX decoding after them reads every character).
"""

from __future__ import annotations

from bibtexparser.library import Library
from bibtexparser.middlewares import LibraryMiddleware
from bibtexparser.model import Entry, Field

from ._text import word_set

__all__ = ["CROSSREF_NOTE", "BibTooLarge", "BoundExpansionMiddleware", "ResolveCrossrefMiddleware"]

#: parser_metadata key where the crossref resolver leaves a note for the report.
CROSSREF_NOTE = "alliance_crossref"

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

# biblatex's inheritance rules (biblatex manual, appendix B), the common part:
# these fields never pass from parent to child ...
_NO_INHERIT = word_set(
    "ids crossref xref entryset entrysubtype execute label options presort related "
    "relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey"
)
# ... and the parent's titles take another name in the child.
_TITLE_FIELDS = ("title", "subtitle", "titleaddon", "shorttitle", "sorttitle", "indextitle", "indexsorttitle")
_MV = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_PERIODICAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}


def _title_map(parent_type: str, child_type: str) -> dict[str, str]:
    if parent_type.startswith("mv"):
        return _MV
    if parent_type == "periodical":
        return _PERIODICAL
    if parent_type in ("book", "collection", "proceedings", "reference") and child_type != parent_type:
        return _BOOK
    return {}


class BibTooLarge(ValueError):
    """``@string`` macros or ``crossref`` make the file's text far larger than the file itself."""


class _Budget:
    """Characters of field text the expansion may produce: the file's own size and a million more. A
    macro or a parent entry used again and again cannot grow the import (and the LaTeX decoding after
    it) past that, however it is nested."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0

    def spend(self, chars: int, where: str) -> None:
        self.used += chars
        if self.used > self.limit:
            raise BibTooLarge(
                f"{where}: @string macros and crossref expand the file to more than {self.limit:,} characters "
                "(write the long text once instead of repeating a macro that holds it)"
            )


def _top_level_parts(value: str) -> list[str]:
    """``a # {b} # "c"`` → ``["a", "{b}", '"c"']``: the parts of a BibTeX ``#`` expression."""
    parts, depth, start, quoted = [], 0, 0, False
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


class BoundExpansionMiddleware(LibraryMiddleware):
    """First in the parse stack: the size every field will have once macros are resolved, counted
    from the sizes of the macros (defined through earlier ones, in file order) without building
    any text, and refused past the budget before bibtexparser resolves and copies anything."""

    def __init__(self, limit: int):
        super().__init__(allow_inplace_modification=True)
        self.limit = limit

    def transform(self, library: Library) -> Library:
        budget = _Budget(self.limit)
        sizes: dict[str, int] = {}

        def size(value, where: str) -> int:
            if not isinstance(value, str):
                return 0
            parts = _top_level_parts(value) if "#" in value else [value.strip()]
            total = sum(sizes.get(part.lower(), len(part)) for part in parts)
            budget.spend(total, where)
            return total

        for key, string in library.strings_dict.items():
            sizes[key.lower()] = size(string.value, f"@string {key}")
        for entry in library.entries:
            for field in entry.fields:
                size(field.value, f"@{entry.entry_type}{{{entry.key}")
        return library


def _concatenate(value: str, strings: dict[str, str], budget: _Budget | None = None, where: str = "") -> str:
    """Resolve ``cup # { and others}``: BibTeX string concatenation with ``#``."""
    out = []
    for part in _top_level_parts(value):
        if len(part) >= 2 and part[0] + part[-1] in ("{}", '""'):
            out.append(part[1:-1])
        elif part.lower() in strings:
            out.append(strings[part.lower()])
        elif part.lower()[:3] in _MONTHS and len(part) == 3:
            out.append(part.lower())
        else:
            out.append(part)
    if budget is not None:  # counted before the text is joined: a refused expansion is never built
        budget.spend(sum(map(len, out)), where)
    return "".join(out)


class ResolveCrossrefMiddleware(LibraryMiddleware):
    """Resolve ``#`` concatenations, then let each ``crossref`` child inherit its parent's fields.

    Runs after bibtexparser's string resolution and enclosing removal (values
    are plain text) and before name splitting (inherited names are split too).
    Parents are resolved first, so chains (mvbook -> book -> inbook) work.
    """

    def __init__(self, limit: int = 1_000_000):
        super().__init__(allow_inplace_modification=True)
        self.limit = limit

    def transform(self, library: Library) -> Library:
        budget = _Budget(self.limit)
        # A macro may be defined through earlier ones (@string{b = a # " and " # a}): resolved in file order.
        strings: dict[str, str] = {}
        for key, string in library.strings_dict.items():
            value = string.value
            if isinstance(value, str) and _has_top_level_hash(value):
                value = _concatenate(value, strings, budget, f"@string {key}")
            strings[key.lower()] = value
        for entry in library.entries:
            for field in entry.fields:
                # Only values written unenclosed ("no-enclosing") are expressions; "{C\# and F\#}" is text.
                expression = field.enclosing == "no-enclosing"
                if expression and isinstance(field.value, str) and _has_top_level_hash(field.value):
                    field.value = _concatenate(field.value, strings, budget, f"@{entry.entry_type}{{{entry.key}")
        by_key = {e.key.lower(): e for e in library.entries}
        done: set[str] = set()
        for entry in library.entries:
            self._resolve(entry, by_key, done, ())
        total = _Budget(self.limit)  # what the decoding that follows will read: every field, macros resolved
        for entry in library.entries:
            for field in entry.fields:
                if isinstance(field.value, str):
                    total.spend(len(field.value), f"@{entry.entry_type}{{{entry.key}")
        return library

    def _resolve(self, entry: Entry, by_key: dict, done: set, chain: tuple) -> None:
        key = entry.key.lower()
        if key in done or key in chain:
            return
        parent_key = entry.fields_dict.get("crossref")
        if parent_key is not None:
            parent = by_key.get(str(parent_key.value).strip().lower())
            if parent is None:
                entry.parser_metadata[CROSSREF_NOTE] = f"crossref parent {parent_key.value!r} is not in the file"
            else:
                self._resolve(parent, by_key, done, (*chain, key))
                self._inherit(entry, parent)
                entry.parser_metadata[CROSSREF_NOTE] = f"inherited fields from crossref parent {parent.key!r}"
        done.add(key)

    @staticmethod
    def _inherit(child: Entry, parent: Entry) -> None:
        mapping = _title_map(parent.entry_type.lower(), child.entry_type.lower())
        have = {f.key.lower() for f in child.fields}
        for field in parent.fields:
            name = field.key.lower()
            if name in _NO_INHERIT:
                continue
            if name in _TITLE_FIELDS:
                if not mapping:
                    target = name if name in ("title", "subtitle", "titleaddon") else None
                else:
                    target = mapping.get(name)
                if target is None:
                    continue
            else:
                target = name
            if target in have:
                continue
            child.set_field(Field(target, field.value))
            have.add(target)
        book_part = child.entry_type.lower() in ("inbook", "bookinbook", "suppbook")
        if (
            book_part
            and parent.entry_type.lower() in ("book", "mvbook")
            and "bookauthor" not in have
            and "author" in parent
        ):
            # An inbook's author may differ from the book's: biblatex keeps the latter as bookauthor.
            child.set_field(Field("bookauthor", parent["author"]))


def _has_top_level_hash(value: str) -> bool:
    depth = 0
    for ch in value:
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "#" and depth == 0:
            return True
    return False
