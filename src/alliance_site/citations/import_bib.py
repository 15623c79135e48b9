"""Import a BibTeX/biblatex file as source dicts (content/sources/<id>.yml), with a report.

bibtexparser 2 does the parsing; its middlewares resolve ``@string`` macros,
split co-authors and name parts, and ours resolve ``#`` concatenation and
``crossref`` (``_bib_expand``) and decode LaTeX to Unicode (``_bib_decode``).  The mapping to
CSL lives in ``_bibtex_map`` and is shared with the BibTeX export, so that
import -> export -> import gives the same sources.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
import yaml
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts, default_parse_stack
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from . import _bibtex_map as bm
from ._bib_decode import DecodeLatexMiddleware
from ._bib_expand import CROSSREF_NOTE, BibTooLarge, BoundExpansionMiddleware, ResolveCrossrefMiddleware
from ._text import word_set, words
from .dates import edtf, parse_edtf

__all__ = ["BibTooLarge", "ImportResult", "import_bib", "safe_filename", "source_from_entry"]

_KEY_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$")  # the source schema's id pattern
_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_NUMERIC = frozenset({"edition", "volume", "number-of-volumes", "number-of-pages", "chapter-number"})
_EPRINT_NAMES = {"arxiv": "arXiv", "jstor": "JSTOR", "hdl": "HDL", "googlebooks": "Google Books", "doi": "DOI"}


@dataclass
class ImportResult:
    """Sources imported (schema-valid dicts, in file order) and what was skipped, as (entry key, why)."""

    sources: list[dict] = field(default_factory=list)
    report: list[tuple[str, str]] = field(default_factory=list)


def _read(path_or_text) -> str:
    if isinstance(path_or_text, os.PathLike):
        return Path(path_or_text).read_text(encoding="utf-8")
    text = str(path_or_text)
    if "\n" not in text and "@" not in text and Path(text).is_file():
        return Path(text).read_text(encoding="utf-8")
    return text


def import_bib(path_or_text) -> ImportResult:
    """Parse a .bib file (a path) or BibTeX text into source dicts plus a report.

    Every entry is either imported or named in the report with the reason; so
    is every field that has no CSL home.  Entries whose key is no valid
    citation key, duplicates and unparseable blocks are reported, not raised. A file whose macros
    expand it to more than a million characters beyond its own size raises :class:`BibTooLarge`.
    """
    name_fields = tuple(bm.NAME_FIELDS)
    text = _read(path_or_text)
    limit = len(text) + 1_000_000
    library = bibtexparser.parse_string(
        text,
        parse_stack=[
            BoundExpansionMiddleware(limit),
            *default_parse_stack(allow_inplace_modification=True),
            ResolveCrossrefMiddleware(limit),
            SeparateCoAuthors(name_fields=name_fields),
            SplitNameParts(name_fields=name_fields),
            DecodeLatexMiddleware(),
        ],
    )
    result = ImportResult()
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            result.report.append((block.key, "entry skipped: duplicate key (the first one is imported)"))
        elif isinstance(getattr(block, "ignore_error_block", None), Entry):
            result.report.append((block.ignore_error_block.key, f"entry skipped: {block.error}"))
        else:
            snippet = (block.raw or "").strip().splitlines()[:1]
            result.report.append((snippet[0][:60] if snippet else "?", f"block skipped: {block.error}"))
    for entry in library.entries:
        kind = entry.entry_type.lower()
        if kind in bm.SKIPPED_TYPES:
            result.report.append((entry.key, f"entry skipped: {bm.SKIPPED_TYPES[kind]}"))
            continue
        if not _KEY_RE.match(entry.key):
            result.report.append(
                (entry.key, "entry skipped: the key is no valid citation key (letters, digits, _:.#$%&+?<>~/-)")
            )
            continue
        source, notes = source_from_entry(entry)
        result.sources.append(source)
        result.report.extend((entry.key, note) for note in notes)
    return result


def _title(main: str | None, sub: str | None = None, addon: str | None = None) -> str | None:
    if not main:
        return None
    text = main
    if sub:
        text += (" " if text[-1] in "?!:." else ": ") + sub
    if addon:
        text += (" " if text[-1] in "?!." else ". ") + addon
    return text


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    if value[:3] in _MONTH_NAMES:
        return _MONTH_NAMES.index(value[:3]) + 1
    return None


def _source_date(obj: dict | None, literal: str = ""):
    """A parsed date as the source schema writes it: 2006, "1968-05-19/1968-05-25", or a CSL object."""
    if obj is None:
        return {"literal": literal} if literal else None
    if obj.get("circa"):
        return obj
    parts = obj["date-parts"]
    if len(parts) == 1 and len(parts[0]) == 1:
        return parts[0][0]
    return edtf(obj)


def _issued(f: dict, notes: list[str]):
    if f.get("date"):
        parsed = parse_edtf(f["date"])
        if parsed and len(parsed["date-parts"]) == 1 and "/" in f["date"]:
            notes.append(f"date {f['date']!r}: open-ended range, kept as its known end")
        return _source_date(parsed, f["date"])
    year = f.get("year", "").strip()
    if not year:
        return None
    if not re.fullmatch(r"-?\d{1,4}", year):
        return {"literal": year}
    parts = [int(year)]
    month = _month(f["month"]) if f.get("month") else None
    if f.get("month") and month is None:
        notes.append(f"field 'month' skipped: {f['month']!r} is no month")
    if month:
        parts.append(month)
        if f.get("day", "").strip().isdigit():
            parts.append(int(f["day"]))
    return _source_date({"date-parts": [parts]})


def _number(value: str):
    return int(value) if re.fullmatch(r"[1-9]\d{0,8}", value) else value


def _literal_list(value) -> str:
    return "; ".join(value) if isinstance(value, list) else value


def source_from_entry(entry: Entry) -> tuple[dict, list[str]]:
    """One decoded bibtexparser entry as a source dict, plus notes on what it could not carry."""
    f = {fl.key.lower(): fl.value for fl in entry.fields}
    used: set[str] = set()
    notes: list[str] = []

    def take(*names):
        for name in names:
            if f.get(name) not in (None, "", []):
                used.add(name)
                return f[name]
        return None

    kind = entry.entry_type.lower()
    csl_type = bm.BIB_TO_CSL_TYPE.get(kind)
    if csl_type is None:
        csl_type = "document"
        notes.append(f"type @{kind} unknown to CSL, imported as 'document'")
    subtype = take("entrysubtype")
    if csl_type == "article-journal" and subtype in bm.MAGAZINE_SUBTYPES:
        csl_type = bm.MAGAZINE_SUBTYPES[subtype]
    elif kind == "misc" and subtype in bm.MISC_SUBTYPES:  # the export's @misc for a type Zotero drops
        csl_type = bm.BIB_TO_CSL_TYPE[subtype]
    src: dict = {"id": entry.key, "type": csl_type}
    src["title"] = _title(take("title"), take("subtitle"), take("titleaddon"))
    for bib, csl in bm.NAME_FIELDS.items():
        if f.get(bib):
            src[csl] = take(bib)
    src["issued"] = _issued(f, notes)
    used.update(k for k in ("date", "year", "month", "day") if k in f)
    container = _title(take("journaltitle", "journal"), take("journalsubtitle"))
    if container is None:
        container = _title(take("booktitle"), take("booksubtitle"), take("booktitleaddon"))
    main = _title(take("maintitle"), take("mainsubtitle"), take("maintitleaddon"))
    series = take("series")
    if main and container is None and csl_type not in bm.CHAPTER_TYPES:
        container, main = main, None  # a volume of a multi-volume work: the work holds it
    src["container-title"] = container
    src["collection-title"] = series or main
    if main and series:
        notes.append("field 'maintitle' skipped: CSL has one series/collection title, 'series' kept")
    if csl_type in bm.ARTICLE_TYPES:
        src["volume-title"] = _title(take("issuetitle"), take("issuesubtitle"))
        src["issue"] = _number(take("number", "issue") or "")
    elif csl_type in bm.NUMBERED_TYPES:
        src["number"] = _number(take("number") or "")
    else:
        src["collection-number"] = _number(take("number") or "")
    for bib, csl in bm.SIMPLE_FIELDS.items():
        if bib in f and bib != "note":
            value = take(bib)
            src[csl] = _number(value) if csl in _NUMERIC else value
    pages = take("pages")
    if pages:
        src["page"] = pages.replace("\u2013", "-").replace("\u2014", "-")
    publishers = ("institution", "school", "publisher") if csl_type in ("thesis", "report") else ("publisher",)
    publisher = take(*publishers, "organization", "howpublished")
    src["publisher"] = _literal_list(publisher) if publisher else None
    src["publisher-place"] = _literal_list(take("location", "address") or "") or None
    genre = take("type")
    src["genre"] = bm.GENRES.get(genre, genre) if genre else bm.DEFAULT_GENRE.get(kind)
    language = take("language", "langid")
    if language:
        src["language"] = bm.language_tag(_literal_list(language).split(";")[0])
    for bib, csl in bm.DATE_FIELDS.items():
        if f.get(bib):
            src[csl] = _source_date(parse_edtf(take(bib)), f[bib])
    if not src.get("original-date") and f.get("origyear"):
        src["original-date"] = _source_date(parse_edtf(take("origyear")), f["origyear"])
    note = [take("note"), take("addendum")]
    eprint = take("eprint")
    if eprint:
        scheme = (take("eprinttype") or "eprint").strip()
        if scheme.lower() == "pubmed":
            src["PMID"] = eprint
        else:
            klass = take("eprintclass")
            scheme = _EPRINT_NAMES.get(scheme.lower(), scheme)
            note.append(f"{scheme}: {eprint}" + (f" [{klass}]" if klass else ""))
    src["note"] = " ".join(n for n in note if n) or None
    src["annote"] = src.get("annote") or take("annote")
    src = {k: v for k, v in src.items() if v not in (None, "", [])}
    for name in sorted(set(f) - used):
        if name in ("crossref",):
            continue
        reason = bm.skip_reason(name)
        if name in bm.HANDLED_FIELDS:
            reason = "CSL has no second field for it"
        notes.append(f"field '{name}' skipped: {reason}")
    if CROSSREF_NOTE in entry.parser_metadata and "not in the file" in entry.parser_metadata[CROSSREF_NOTE]:
        notes.append(entry.parser_metadata[CROSSREF_NOTE])
    return src, notes


# The order a person reads a source file in; other fields follow alphabetically.
_FIELD_ORDER = words(
    "id type title title-short author editor translator container-author issued container-title "
    "volume-title collection-title collection-number edition volume number-of-volumes issue number "
    "page number-of-pages chapter-number part publisher publisher-place genre event-title event-place "
    "event-date original-title original-publisher original-publisher-place original-date status "
    "version language DOI ISBN ISSN PMID URL accessed note keyword abstract annote cited_as editorial"
)
_RESERVED = word_set("con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt1 lpt2 lpt3")


def ordered(source: dict) -> dict:
    """The source with its fields in reading order (id, type, title, author ...), the rest sorted."""
    rank = {name: i for i, name in enumerate(_FIELD_ORDER)}
    return dict(sorted(source.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def safe_filename(key: str) -> str:
    """A file name (without .yml) for a citation key, safe on every file system and unique per key.

    A plain lower-case key is its own name (``aksin``); any other key is slugged
    and given a short hash of the key, so ``westfahl:space`` and
    ``westfahl-space`` (or ``Smith`` and ``smith`` on a case-blind disk) never
    share a file.
    """
    slug = re.sub(r"[^a-z0-9_-]+", "-", key.lower()).strip("-_") or "source"
    if slug == key and slug not in _RESERVED:
        return slug
    return f"{slug[:80]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def dump_source(source: dict, schema_url: str | None = None) -> str:
    """YAML text of one source file: the schema modeline (if a URL is given), then ordered fields."""
    body = yaml.safe_dump(ordered(source), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    head = f"# yaml-language-server: $schema={schema_url}\n" if schema_url else ""
    return head + body
