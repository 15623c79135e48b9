"""Pure helpers of ``alliance-site new``: ids by the corpus's conventions, entries as data, YAML text.

Nothing here reads or writes files: the command gathers the ids already taken
and the text of the chapter, and these functions return what to write. That
keeps every convention (how a key is derived, where a paragraph goes) testable
without a corpus on disk.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

__all__ = [
    "ScaffoldError",
    "caption_id",
    "coerce_date",
    "compact",
    "entry_yaml",
    "event_id",
    "paragraph_id",
    "parse_name",
    "parse_pairs",
    "schema_line",
    "slug",
    "source_key",
    "table_entry",
    "words",
    "year_of",
]

#: Function words skipped when an id is made from the first words of a text (Indonesian and English,
#: the languages of the corpus and of its editors): "the", "di", "dan" say nothing about a paragraph.
_STOPWORDS_EN = "a an and are as at be by for from in into is it its of on or that the this to was were with"
_STOPWORDS_ID = (
    "ada adalah akan bahwa dan dari dalam dengan di ini itu juga ke kepada oleh pada para saat sebagai telah"
)
STOPWORDS = frozenset(f"{_STOPWORDS_EN} {_STOPWORDS_ID} tersebut untuk yaitu yang".split(" "))
_CITATION = re.compile(r"\[[^\]]*@[^\]]*\]|(?<![\w\\])-?@[\w:.#$%&+?<>~/-]+")


class ScaffoldError(ValueError):
    """An entry cannot be made as asked; the message says what to change."""


# ---------------------------------------------------------------- ids


def _fold(text: str) -> str:
    """Lowercase ASCII: ids are permalinks and should survive any keyboard and any URL."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def words(text: str) -> list[str]:
    """The meaningful words of ``text``: citation markup and function words removed."""
    found = re.findall(r"[a-z0-9]+", _fold(_CITATION.sub(" ", text)))
    return [w for w in found if w not in STOPWORDS]


def slug(text: str, n_words: int = 3) -> str:
    """``'p-'``-less slug of the first ``n_words`` meaningful words, e.g. 'isu-kemanan-semenanjung'."""
    return "-".join(words(text)[:n_words])


def _unique(base: str, taken, suffixes) -> str:
    if base not in taken:
        return base
    return next(base + s for s in suffixes if base + s not in taken)


def _letters():
    """a, b, …, z, aa, ab, … : the author-year convention for the same author in the same year."""
    n = 0
    while True:
        n, s, k = n + 1, "", n
        while True:
            s = chr(ord("a") + k % 26) + s
            k = k // 26 - 1
            if k < 0:
                break
        yield s


def _numbers():
    return (f"-{n}" for n in range(2, 1_000_000))


def paragraph_id(text: str, taken) -> str:
    """'p-' + slug of the first 3 meaningful words, made unique with -2, -3, …"""
    base = slug(text)
    if not base:
        raise ScaffoldError("the text has no words to make an id of; give one with --id")
    return _unique("p-" + base, taken, _numbers())


def year_of(value) -> str | None:
    """The first year of a date as written ('2019', '2019-05-01', '2016/2020') or of a CSL date object."""
    if isinstance(value, dict):
        parts = value.get("date-parts") or [[None]]
        value = parts[0][0] if parts and parts[0] else None
    match = re.search(r"\d{4}", str(value)) if value is not None else None
    return match.group(0) if match else None


def source_key(authors: list[dict], issued, title: str | None, taken) -> str | None:
    """Family name (or first word of an institution) + year, lowercase; 'a', 'b', … on a collision.

    None when there is neither a name nor a year to make a key of: the editor must give one.
    """
    first = authors[0] if authors else {}
    if first.get("family"):  # 'van der Berg' → 'vanderberg': the whole family name, as written
        name = "".join(re.findall(r"[a-z0-9]+", _fold(str(first["family"]))))
    else:  # an institution or an anonymous work: its first meaningful word
        found = words(str(first.get("literal") or title or ""))
        name = found[0] if found else ""
    year = year_of(issued)
    if not name or not year:
        return None
    return _unique(name + year, taken, _letters())


def event_id(title: str, date: str | None, taken) -> str:
    """Slug of the title's first 3 meaningful words + the year, as in 'invasion-1950'."""
    base = "-".join(filter(None, [slug(title), year_of(date)]))
    if not base:
        raise ScaffoldError("the title has no words to make an id of; give one with --id")
    return _unique(base, taken, _numbers())


def caption_id(caption: str, taken) -> str:
    """Slug of the caption's first 3 meaningful words, for tables and figures."""
    base = slug(caption)
    if not base:
        raise ScaffoldError("the caption has no words to make an id of; give one with --id")
    return _unique(base, taken, _numbers())


# ---------------------------------------------------------------- flag values


def parse_name(text: str) -> dict:
    """'Kim, Jae' → family and given; 'Kang' → family; 'Doe Institute' (several words, no comma) → literal."""
    text = text.strip()
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return {"family": family, "given": given} if given else {"family": family}
    return {"family": text} if len(text.split()) == 1 else {"literal": text}


def parse_pairs(values: list[str], what: str) -> list[tuple[str, str]]:
    """'a:North,b:South' (or repeated flags) → [('a', 'North'), ('b', 'South')]; 'North' alone → ('north', 'North')."""
    pairs = []
    for value in values:
        for item in filter(None, (v.strip() for v in value.split(","))):
            ident, sep, label = item.partition(":")
            ident, label = (ident.strip(), label.strip()) if sep else (slug(item, 99), item)
            if not ident or not label:
                raise ScaffoldError(f"{what} {item!r}: write ID:LABEL, e.g. a:North")
            pairs.append((ident, label))
    return pairs


def coerce_date(value: str):
    """A bare year becomes a number, as the corpus writes it (issued: 2019); anything else stays text."""
    return int(value) if re.fullmatch(r"\d{4}", value.strip()) else value.strip()


# ---------------------------------------------------------------- entries


def compact(**fields) -> dict:
    """The fields that were given, in the order given: an unset option leaves no empty key behind."""
    return {k.replace("__", "-"): v for k, v in fields.items() if v not in (None, "", [], {})}


def table_entry(
    ident: str,
    caption: str,
    columns: list[tuple[str, str]],
    rows: list[tuple[str, str]],
    *,
    number: str | None = None,
    caption_by: str | None = None,
    sources: list[str] | None = None,
    unit: str | None = None,
) -> dict:
    """A table with its columns and rows; every cell starts as ``value: null`` (no value entered yet)."""
    return compact(
        id=ident,
        number=number,
        caption=caption,
        caption_by=caption_by,
        sources=sources,
        columns=[{"id": c, "label": label} for c, label in columns],
        rows=[
            compact(id=r, label=label, unit=unit, cells={c: {"value": None} for c, _ in columns}) for r, label in rows
        ],
    )


# ---------------------------------------------------------------- YAML text


def schema_line(schema_ref: str) -> str:
    """The first line of every content file: editors (VS Code) read it for completion and checks."""
    return f"# yaml-language-server: $schema={schema_ref}\n"


def entry_yaml(data: dict, schema_ref: str) -> str:
    """A new content file: the schema line, then the fields in the order given."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return schema_line(schema_ref) + body
