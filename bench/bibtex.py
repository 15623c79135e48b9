"""CSL-JSON sources → a BibLaTeX ``.bib`` file, so that mkdocs-bibtex (the peer) cites the same works.

mkdocs-bibtex reads ``.bib`` with pybtex and hands it to ``pandoc --citeproc``, which reads a
``.bib`` file as BibLaTeX; the mapping below keeps every field a Harvard reference shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["to_bibtex"]

_TYPES = {
    "book": "book",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "report": "report",
    "thesis": "thesis",
    "webpage": "online",
}
# CSL variable → BibLaTeX field (the container's name depends on the type, see below).
_FIELDS = {
    "title": "title",
    "publisher": "publisher",
    "publisher-place": "location",
    "volume": "volume",
    "issue": "number",
    "number": "number",
    "page": "pages",
    "edition": "edition",
    "DOI": "doi",
    "URL": "url",
    "genre": "type",
}
_ESCAPES = str.maketrans({c: "\\" + c for c in "&%$#_"} | {"{": "", "}": "", "~": "\\~{}", "\\": ""})


def _escape(value: Any) -> str:
    return str(value).translate(_ESCAPES)


def _names(names: Iterable[Mapping[str, Any]]) -> str:
    out = []
    for name in names:
        if "literal" in name:  # an institution: braces keep BibTeX from splitting it into given and family
            out.append("{" + _escape(name["literal"]) + "}")
        else:
            given = f", {_escape(name['given'])}" if name.get("given") else ""
            out.append(_escape(name.get("family", "")) + given)
    return " and ".join(out)


def _date(value: Any) -> dict[str, str]:
    text = str(value)
    if "/" in text or not text[:4].isdigit():
        return {"date": text}
    return {"year": text[:4], **({"date": text} if len(text) > 4 else {})}


def entry(src: Mapping[str, Any]) -> str:
    """One ``@type{key, ...}`` entry of a CSL-JSON source."""
    kind = _TYPES.get(src.get("type", ""), "misc")
    fields: dict[str, str] = {}
    for role in ("author", "editor"):
        if src.get(role):
            fields[role] = _names(src[role])
    if "issued" in src:
        fields.update(_date(src["issued"]))
    if "accessed" in src:
        fields["urldate"] = str(src["accessed"])
    for csl, bib in _FIELDS.items():
        if src.get(csl) not in (None, ""):
            fields[bib] = _escape(src[csl])
    container = src.get("container-title")
    if container:
        where = {"article": "journaltitle", "incollection": "booktitle", "inproceedings": "booktitle"}
        fields[where.get(kind, "organization" if kind == "online" else "howpublished")] = _escape(container)
    if kind == "report" and "publisher" in fields:
        fields["institution"] = fields.pop("publisher")
    if kind == "thesis" and "publisher" in fields:
        fields["institution"] = fields.pop("publisher")
    if "title" not in fields and src.get("cited_as"):  # the real corpus knows some works only by their citation
        fields["note"] = _escape(src["cited_as"] if isinstance(src["cited_as"], str) else src["cited_as"][0])
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{{src['id']},\n{body}\n}}\n"


def to_bibtex(sources: Iterable[Mapping[str, Any]]) -> str:
    """The whole ``.bib`` file, entries in the given order."""
    return "\n".join(entry(src) for src in sources)
