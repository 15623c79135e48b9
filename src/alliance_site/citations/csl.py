"""Sources as CSL-JSON items, and which fields a scholar would miss in them.

A source file is CSL-JSON plus two fields of ours (``cited_as``, ``editorial``)
and friendlier dates (``issued: 2016``).  :func:`to_csl_item` gives the strict
CSL-JSON item that citeproc and reference managers read and that validates
against the official ``csl-data.json`` schema.
"""

from __future__ import annotations

from ._text import word_set
from .dates import date_parts

__all__ = [
    "CSL_DATE_FIELDS",
    "CSL_FIELDS",
    "CSL_NAME_FIELDS",
    "missing_fields",
    "name_text",
    "names_of",
    "to_csl_item",
]

#: Name variables of CSL-JSON 1.0 (lists of ``{family, given}`` or ``{literal}``).
CSL_NAME_FIELDS = word_set(
    "author chair collection-editor compiler composer container-author contributor curator director "
    "editor editorial-director executive-producer guest host interviewer illustrator narrator "
    "organizer original-author performer producer recipient reviewed-author script-writer "
    "series-creator translator"
)
#: Date variables of CSL-JSON 1.0.
CSL_DATE_FIELDS = frozenset(["accessed", "available-date", "event-date", "issued", "original-date", "submitted"])
# Variables the schema types as string only (numbers would fail validation).
_STRING_ONLY = word_set(
    "type citation-key language journalAbbreviation shortTitle abstract annote archive "
    "archive_collection archive_location archive-place authority call-number citation-label "
    "collection-title container-title container-title-short dimensions division DOI event event-title "
    "event-place genre ISBN ISSN jurisdiction keyword medium note original-publisher "
    "original-publisher-place original-title part-title PMCID PMID publisher publisher-place "
    "references reviewed-genre reviewed-title scale section source status title title-short URL "
    "version volume-title volume-title-short year-suffix"
)
# Variables that may be a string or a number.
_STRING_OR_NUMBER = word_set(
    "chapter-number citation-number collection-number edition first-reference-note-number issue "
    "locator number number-of-pages number-of-volumes page page-first part printing supplement volume"
)
#: Every top-level property of a CSL-JSON 1.0 item (the official schema's list).
CSL_FIELDS = frozenset(
    CSL_NAME_FIELDS | CSL_DATE_FIELDS | _STRING_ONLY | _STRING_OR_NUMBER | {"id", "categories", "custom"}
)
_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
_NAME_FLAGS = ("comma-suffix", "static-ordering", "parse-names")


def _csl_name(name) -> dict | None:
    """One CSL name with string parts; empty parts dropped (citeproc renders ``"Defense, ."`` for ``given: ""``)."""
    if isinstance(name, str):
        return {"literal": name} if name.strip() else None
    if not isinstance(name, dict):
        return None
    out = {}
    for part in _NAME_PARTS:
        value = name.get(part)
        if value is None or isinstance(value, bool):
            continue
        text = str(value).strip()
        if text:
            out[part] = text
    if not out:
        return None
    for flag in _NAME_FLAGS:
        if flag in name:
            out[flag] = name[flag]
    return out


def names_of(source: dict, field: str = "author") -> list[dict]:
    """The non-empty CSL names of ``field`` (a list of dicts with string parts)."""
    value = source.get(field)
    if not isinstance(value, list):
        return []
    return [n for n in (_csl_name(v) for v in value) if n]


def name_text(name: dict, inverted: bool = True) -> str:
    """A name as one string: ``"van Gogh, Vincent"`` (inverted) or ``"Vincent van Gogh"``; literals as is."""
    if "literal" in name:
        return str(name["literal"])
    family = " ".join(str(name[p]) for p in ("non-dropping-particle", "family") if name.get(p))
    given = " ".join(str(name[p]) for p in ("given", "dropping-particle") if name.get(p))
    suffix = str(name.get("suffix") or "")
    if inverted:
        return ", ".join(p for p in (family, given, suffix) if p)
    return " ".join(p for p in (given, family, suffix) if p)


def to_csl_item(source: dict) -> dict:
    """Normalise a source dict to a CSL-JSON item valid per the official ``csl-data.json``.

    Dates become ``{"date-parts": ...}`` objects, names keep only non-empty string
    parts, string-only variables are stringified, and non-CSL fields (``cited_as``,
    ``editorial``, anything unknown) are dropped.  ``id`` (the citation key) is kept.
    Keys come out sorted, so the item serialises deterministically.
    """
    item: dict = {}
    for key, value in source.items():
        if key not in CSL_FIELDS or value is None or value == "" or value == []:
            continue
        if key in CSL_NAME_FIELDS:
            names = names_of(source, key)
            if names:
                item[key] = names
        elif key in CSL_DATE_FIELDS:
            date = date_parts(value)
            if date:
                item[key] = date
        elif key == "id":
            item[key] = str(value)
        elif key in _STRING_ONLY:
            if not isinstance(value, (dict, list)):
                item[key] = str(value)
        elif key in _STRING_OR_NUMBER:
            if isinstance(value, bool):
                item[key] = str(value)
            elif isinstance(value, (str, int, float)):
                item[key] = value
        elif key == "categories":
            if isinstance(value, list):
                item[key] = [str(v) for v in value]
        elif key == "custom" and isinstance(value, dict):
            item[key] = value
    item.setdefault("type", "document")
    return dict(sorted(item.items()))


# What a scholar expects to find, by CSL type, beyond author/title/issued.
# "publisher" for a thesis is the institution; a web item needs its URL and the
# day it was read (Harvard and APA print it).
_CONTAINER = ("container-title",)
_EXPECTED: dict[str, tuple[str, ...]] = {
    "article-journal": ("container-title", "volume", "page"),
    "article-magazine": _CONTAINER,
    "article-newspaper": _CONTAINER,
    "review": _CONTAINER,
    "review-book": _CONTAINER,
    "book": ("publisher",),
    "collection": ("publisher",),
    "pamphlet": ("publisher",),
    "report": ("publisher",),
    "thesis": ("publisher",),
    "chapter": ("container-title", "publisher"),
    "paper-conference": ("container-title",),
    "entry-dictionary": _CONTAINER,
    "entry-encyclopedia": _CONTAINER,
    "webpage": ("URL", "accessed"),
    "post": ("URL", "accessed"),
    "post-weblog": ("URL", "accessed"),
    "dataset": ("publisher", "URL"),
    "software": ("publisher", "URL"),
    "patent": ("number",),
    "legislation": (),
    "bill": (),
    "legal_case": ("authority",),
    "treaty": (),
    "regulation": (),
    "standard": ("publisher", "number"),
}
# Types whose works have no personal author as a rule (laws, cases, treaties).
_AUTHORLESS = frozenset({"legislation", "bill", "legal_case", "treaty", "regulation", "standard", "periodical"})
# Types where an editor can stand in for the author (an edited volume).
_EDITED = frozenset({"book", "collection", "report", "periodical", "entry-encyclopedia", "entry-dictionary"})


def _empty(value) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def missing_fields(source: dict) -> list[str]:
    """The fields a scholar expects for this source's type that are empty, in a fixed order.

    Always author (or editor, for edited volumes; not for laws and cases), issued
    and title; then what the type needs: container-title for articles and
    chapters, publisher for books, reports and theses, URL and accessed for
    web items, and so on.  Used to flag a source as incomplete.
    """
    kind = source.get("type", "")
    missing: list[str] = []
    edited = kind in _EDITED and names_of(source, "editor")
    if kind not in _AUTHORLESS and not names_of(source, "author") and not edited:
        missing.append("author")
    if date_parts(source.get("issued")) is None:
        missing.append("issued")
    if _empty(source.get("title")):
        missing.append("title")
    for field in _EXPECTED.get(kind, ()):
        if field in CSL_DATE_FIELDS:
            if date_parts(source.get(field)) is None:
                missing.append(field)
        elif _empty(source.get(field)):
            missing.append(field)
    return missing
