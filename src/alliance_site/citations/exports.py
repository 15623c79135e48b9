"""The bibliography as files reference managers read: BibTeX, CSL-JSON and RIS.

Each format has a whole-bibliography function (sources sorted by key, so the
files are deterministic) and a single-entry one for per-source pages.
BibTeX is written with bibtexparser 2, in classic BibTeX field names (which
biblatex also reads) and biblatex entry types where BibTeX has none, except
those Zotero drops (``@misc`` with the type in ``entrysubtype``); its mapping
is the importer's read backwards (``_bibtex_map``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import Entry, Field, ImplicitComment

from . import _bibtex_map as bm
from .csl import names_of, to_csl_item
from .dates import date_parts, edtf, iso_date
from .pages import first_last_page, page_ranges

__all__ = ["csl_export_item", "entry_bibtex", "entry_csl_json", "entry_ris", "to_bibtex", "to_csl_json", "to_ris"]


#: How Zotero keeps a citation key: a line of an item's Extra field (Zotero's BibTeX and CSL-JSON
#: exports then write the item under that key, as Better BibTeX does). The CSL-JSON export carries it
#: in ``note``, the RIS export in ``M2``: what Zotero's importers of those formats put into Extra.
CITATION_KEY_LINE = "Citation Key: {key}"


def _sorted(sources: Iterable[dict]) -> list[dict]:
    return sorted(sources, key=lambda s: str(s["id"]))


# -- BibTeX ---------------------------------------------------------------------------

_AND_TOKEN = re.compile(r"(?i)(?<![a-z])and(?![a-z])")


def _needs_braces(part: str, family: bool) -> bool:
    return (
        "," in part
        or _AND_TOKEN.search(part) is not None  # BibTeX would split the name list there
        # A multi-word family would lose words to "von" (any word whose first letter is lower case).
        or (family and len(part.split()) > 1)
    )


def _bib_name(name: dict) -> str:
    """A CSL name in BibTeX form: ``von Family, Suffix, Given``; literal and one-part names braced."""
    if "literal" in name:
        return "{" + bm.latex_escape(name["literal"]) + "}"
    family = bm.latex_escape(name.get("family", ""))
    given = bm.latex_escape(name.get("given", ""))
    particles = [bm.latex_escape(name[p]) for p in ("dropping-particle", "non-dropping-particle") if name.get(p)]
    # a comma or an "and" in a particle or suffix would split the name (or the list) there: braced too
    particle = " ".join("{" + p + "}" if _needs_braces(p, False) else p for p in particles)
    suffix = bm.latex_escape(name.get("suffix", ""))
    if _needs_braces(suffix, False):
        suffix = "{" + suffix + "}"
    if _needs_braces(family, True):
        family = "{" + family + "}"
    if given and _needs_braces(given, False):
        given = "{" + given + "}"
    head = f"{particle} {family}" if particle else family
    if suffix:
        return f"{head}, {suffix}, {given or '{}'}"
    return f"{head}, {given}" if given else head


def _literal_list(value: str) -> str:
    """CSL "A; B" (a list of publishers or places) as BibTeX "A and B", braces keeping an inner "and"."""
    parts = [bm.latex_escape(p.strip()) for p in str(value).split(";") if p.strip()]
    return " and ".join("{" + p + "}" if _needs_braces(p, False) else p for p in parts)


def _biblatex_type(item: dict) -> str:
    kind = item["type"]
    if kind == "thesis":
        genre = str(item.get("genre", "")).lower()
        if re.search(r"ph\.?\s?d|doctor|disserta", genre):
            return "phdthesis"
        if re.search(r"master|m\.?a\.?\b|m\.?sc", genre):
            return "mastersthesis"
    return bm.CSL_TO_BIB_TYPE.get(kind, "misc")


def _misc_note(key: str, kind: str) -> str:
    """The comment line before an entry written as misc for a biblatex type Zotero would drop. (No "at"
    sign: BibTeX and Zotero would take the text after one for an entry.)"""
    return (
        f"% {key}: a biblatex {kind}, written as misc (entrysubtype = {kind}): Zotero's importer drops {kind} entries"
    )


def _bib_fields(item: dict) -> list[tuple[str, str]]:
    kind = item["type"]
    out: list[tuple[str, str]] = []

    def add(name: str, value, verbatim: bool = False) -> None:
        if value not in (None, "", []):
            text = str(value)
            out.append((name, bm.verbatim_escape(text) if verbatim else bm.latex_escape(text)))

    for bib, csl in bm.NAME_FIELDS.items():
        if item.get(csl):
            out.append((bib, " and ".join(_bib_name(n) for n in item[csl])))
    add("title", item.get("title"))
    if kind in bm.ARTICLE_TYPES:
        add("journal", item.get("container-title"))
        add("issuetitle", item.get("volume-title"))
        add("number", item.get("issue"))
    else:
        add("booktitle" if kind in bm.CHAPTER_TYPES else "maintitle", item.get("container-title"))
        add("number", item.get("number") if kind in bm.NUMBERED_TYPES else item.get("collection-number"))
    if kind in bm.MAGAZINE_SUBTYPES.values():
        add("entrysubtype", kind.removeprefix("article-"))
    elif _biblatex_type(item) in bm.MISC_SUBTYPES:
        add("entrysubtype", _biblatex_type(item))
    add("series", item.get("collection-title"))
    issued = date_parts(item.get("issued"))
    if issued and isinstance(issued["date-parts"][0][0], int):
        first = issued["date-parts"][0]
        add("year", first[0])
        if len(first) > 1:
            add("month", first[1])
        if len(first) > 2 or len(issued["date-parts"]) > 1 or issued.get("circa"):
            add("date", edtf(issued), verbatim=True)
    elif issued and issued.get("literal"):
        add("year", issued["literal"])
    if item.get("page"):
        # Page ranges take BibTeX's en dash "--" (the importer reads it back as "-"); a list stays a list.
        ranges = ["--".join(bm.latex_escape(p) for p in r if p) for r in page_ranges(item["page"])]
        out.append(("pages", ", ".join(ranges)))
    publisher_field = {"thesis": "school", "report": "institution"}.get(kind, "publisher")
    if item.get("publisher"):
        out.append((publisher_field, _literal_list(item["publisher"])))
    if item.get("publisher-place"):
        out.append(("address", _literal_list(item["publisher-place"])))
    add("type", item.get("genre"))
    add("language", item.get("language"))
    for bib, csl in bm.SIMPLE_FIELDS.items():
        add(bib, item.get(csl), verbatim=bib in bm.VERBATIM_FIELDS)
    for bib, csl in bm.DATE_FIELDS.items():
        if csl in item:
            add(bib, edtf(item[csl]), verbatim=True)
    if item.get("PMID"):
        add("eprint", item["PMID"], verbatim=True)
        add("eprinttype", "pubmed")
    return out


def _blocks(source: dict) -> list:
    """The source's entry, after a comment line when its biblatex type is written as misc."""
    item = to_csl_item(source)
    kind = _biblatex_type(item)
    fields = [Field(k, v) for k, v in _bib_fields(item)]
    if kind in bm.MISC_SUBTYPES:
        return [ImplicitComment(_misc_note(item["id"], kind)), Entry("misc", item["id"], fields)]
    return [Entry(kind, item["id"], fields)]


def to_bibtex(sources: Iterable[dict]) -> str:
    """A .bib file of the sources, written with bibtexparser (entries sorted by key).

    Special characters are LaTeX-escaped so that LaTeX decoding (as the
    importer does) gives every value back; URLs and DOIs stay verbatim.
    The citation key is the entry's key, where every BibTeX reader looks for it.
    """
    blocks = [block for s in _sorted(sources) for block in _blocks(s)]
    # The blocks are this call's own: bibtexparser may enclose the values in place instead of copying
    # the whole library first (slow, and warned about, at 10,000 sources).
    text = bibtexparser.write_string(
        Library(blocks), unparse_stack=default_unparse_stack(allow_inplace_modification=True)
    )
    for comment in (b for b in blocks if isinstance(b, ImplicitComment)):  # each right above its entry
        text = text.replace(comment.comment + "\n\n\n", comment.comment + "\n", 1)
    return text


def entry_bibtex(source: dict) -> str:
    """One source as a BibTeX entry (for a source page's copy button)."""
    return to_bibtex([source]).strip() + "\n"


# -- CSL-JSON -------------------------------------------------------------------------


def csl_export_item(source: dict) -> dict:
    """The CSL-JSON item of an export: the source's item, its citation key also in ``note`` as Zotero reads it."""
    item = to_csl_item(source)
    lines = [line for line in str(item.get("note", "")).split("\n") if line]
    if not any(line.casefold().startswith("citation key:") for line in lines):
        item["note"] = "\n".join([*lines, CITATION_KEY_LINE.format(key=item["id"])])
    return item


def to_csl_json(sources: Iterable[dict]) -> str:
    """CSL-JSON of the sources: items sorted by id, keys sorted, valid per the official csl-data.json."""
    items = [csl_export_item(s) for s in _sorted(sources)]
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def entry_csl_json(source: dict) -> str:
    """One source as a CSL-JSON item (an object, not a list)."""
    return json.dumps(csl_export_item(source), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# -- RIS ------------------------------------------------------------------------------

RIS_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "chapter": "CHAP",
    "dataset": "DATA",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "graphic": "ART",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "pamphlet": "PAMP",
    "paper-conference": "CPAPER",
    "patent": "PAT",
    "periodical": "JFULL",
    "personal_communication": "PCOMM",
    "post": "BLOG",
    "post-weblog": "BLOG",
    "report": "RPRT",
    "software": "COMP",
    "song": "SOUND",
    "standard": "STAND",
    "thesis": "THES",
    "webpage": "ELEC",
}
#: RIS types whose M2 EndNote reads as a field of its own (a newspaper article's section, a
#: pamphlet's pages, a map's type, a film's timing, a patent's class): no key is written there.
RIS_M2_TAKEN = frozenset({"NEWS", "PAMP", "MAP", "MPCT", "PAT", "VIDEO"})
#: RIS lines end in CR LF (RIS specification); readers also accept LF.
RIS_EOL = "\r\n"


def _ris_date(value) -> str | None:
    """RIS DA form ``YYYY/MM/DD/`` at the precision known."""
    text = iso_date(value)
    if not text:
        return None
    parts = text.lstrip("-").split("-")
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def _ris_lines(source: dict) -> list[tuple[str, str]]:
    item = to_csl_item(source)
    lines: list[tuple[str, str]] = [("TY", RIS_TYPES.get(item["type"], "GEN"))]

    def add(tag: str, value) -> None:
        if value not in (None, ""):
            lines.append((tag, " ".join(str(value).split())))  # one line per tag

    for tag, field in (("AU", "author"), ("A2", "editor"), ("A4", "translator")):
        for name in names_of(item, field):
            add(tag, name.get("literal") or ", ".join(p for p in (name.get("family"), name.get("given")) if p))
    issued = item.get("issued")
    add("PY", str(date_parts(issued)["date-parts"][0][0]) if date_parts(issued) else None)
    add("DA", _ris_date(issued))
    add("TI", item.get("title"))
    add("T2", item.get("container-title"))
    add("T3", item.get("collection-title"))
    add("ET", item.get("edition"))
    add("VL", item.get("volume"))
    add("IS", item.get("issue") or item.get("number"))
    first, last = first_last_page(item.get("page"))
    add("SP", first)
    add("EP", last)
    add("PB", item.get("publisher"))
    add("CY", item.get("publisher-place"))
    add("SN", item.get("ISBN") or item.get("ISSN"))
    add("DO", item.get("DOI"))
    add("UR", item.get("URL"))
    add("Y2", _ris_date(item.get("accessed")) if "accessed" in item else None)
    add("LA", item.get("language"))
    add("AB", item.get("abstract"))
    for keyword in str(item.get("keyword", "")).split(","):
        add("KW", keyword.strip())
    add("N1", item.get("note"))
    # M2 ("Miscellaneous 2", free text in the RIS specification) is the tag Zotero's RIS importer puts
    # into Extra for every type; ID, the RIS reference ID that other readers take as the key, it ignores.
    if lines[0][1] not in RIS_M2_TAKEN:
        add("M2", CITATION_KEY_LINE.format(key=item["id"]))
    add("ID", item["id"])
    lines.append(("ER", ""))
    return lines


def entry_ris(source: dict) -> str:
    """One source as an RIS record (TY ... ER)."""
    return "".join(f"{tag}  - {value}{RIS_EOL}" for tag, value in _ris_lines(source))


def to_ris(sources: Iterable[dict]) -> str:
    """An .ris file of the sources (sorted by key), records separated by a blank line."""
    return RIS_EOL.join(entry_ris(s) for s in _sorted(sources))
