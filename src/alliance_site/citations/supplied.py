"""Supplied titles: what a source is called where the citing text gives it no title.

A chapter that cites "(Kwak, 2010)" and has no reference list gives its source no title, yet
reference managers need one (Zotero's COinS translator skips an item without a title, its
Embedded Metadata translator needs ``citation_title``). Cataloguers then devise a title and put it
in square brackets (ISBD area 1, RDA 2.3.2.11 "devised title"); the site does the same, from what
the corpus knows and nothing else:

    [<names> <year>, cited in <chapters>]        e.g. [Kwak 2010, cited in BAB IV]

* ``<names>``: the authors' family names (or institutional names as written), "A and B" for two,
  "A et al." for more; editors where there is no author; left out where there is neither;
* ``<year>``: the year of ``issued`` (or its literal text); left out where unknown;
* ``<chapters>``: the numbers (or titles) of the corpus's chapters that cite the source, in corpus
  order, joined with "and"; the clause is left out for a source no chapter cites;
* ``[Untitled]`` where none of these is known.

The title is always marked as supplied: on the source page, and in every export by
:data:`SUPPLIED_NOTE` in the item's ``note`` (CSL-JSON ``note``, BibTeX ``note``, RIS ``N1``).
A source that has a title keeps it, untouched.
"""

from __future__ import annotations

from .csl import names_of
from .dates import date_parts

__all__ = ["SUPPLIED_NOTE", "catalogue_record", "supplied_title"]

#: The mark a supplied title carries in the exports.
SUPPLIED_NOTE = "The title in square brackets is supplied by the editors: the citing text gives none."


def _short_name(name: dict) -> str:
    if "literal" in name:
        return str(name["literal"])
    return " ".join(str(name[p]) for p in ("non-dropping-particle", "family") if name.get(p)) or str(
        name.get("given", "")
    )


def _names(source: dict) -> str:
    names = [n for n in (_short_name(n) for n in names_of(source, "author") or names_of(source, "editor")) if n]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names)


def _year(source: dict) -> str:
    issued = date_parts(source.get("issued"))
    if not issued:
        return ""
    if issued.get("date-parts"):
        return str(issued["date-parts"][0][0])
    return str(issued.get("literal") or "")


def supplied_title(source: dict, cited_in: list[str]) -> str | None:
    """The devised title of a source that has none (None when it has one); ``cited_in`` names the
    chapters that cite it ("BAB IV")."""
    if str(source.get("title") or "").strip():
        return None
    head = " ".join(part for part in (_names(source), _year(source)) if part)
    clause = f"cited in {' and '.join(cited_in)}" if cited_in else ""
    text = ", ".join(part for part in (head, clause) if part)
    return f"[{text or 'Untitled'}]"


def catalogue_record(source: dict, cited_in: list[str]) -> dict:
    """The source as reference managers get it: its own fields, plus a supplied title (marked in
    ``note``) where it has none. The source itself is not changed."""
    title = supplied_title(source, cited_in)
    if title is None:
        return source
    note = "\n".join(str(n) for n in (source.get("note"), SUPPLIED_NOTE) if n)
    return {**source, "title": title, "note": note}
