"""Checks of the editors' translations against the original they stand beside.

A corpus declares the languages it offers under ``translations`` in ``corpus.yml``.
For each declared language, every translatable unit (paragraph, chapter and
section title, table, column, row and derived value, figure and structure node,
event, glossary entry) should carry its translation; a unit without one is a
warning, because the site then shows the original with a note. A translation
must cite the same works and refer to the same tables, figures, events and
sections as its original, in the same order (an error: the citations are the
same objects in every language); and it should give the same numbers, whatever
the language's way of writing them (a warning: a number may rightly be written
out in words).

The module is pure: it reads :class:`~alliance_site.validate.documents.Document`
objects and returns :class:`~alliance_site.errors.Problem` objects. A corpus that
declares no translations gets no problems at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import outline
from ..errors import Problem
from ..text.markup import XREF_KINDS, Citation, CrossRef, MarkupError, Text, parse
from .documents import Document

__all__ = ["Unit", "check_translations", "declared_languages", "language_name", "numbers", "units"]

#: Translatable fields by kind of unit (the JSON Schemas' ``translations`` of each).
FIELDS = {
    "corpus": ("title", "description"),
    "chapter": ("title",),
    "section": ("title",),
    "paragraph": ("text",),
    "table": ("caption", "description"),
    "column": ("label",),
    "row": ("label",),
    "derived": ("label",),
    "figure": ("caption", "description"),
    "node": ("label",),
    "event": ("title", "description"),
    "glossary entry": ("expansion", "note"),
}

#: English names of common language tags, for messages ("English (en)"); other tags are shown as they are.
_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "hi": "Hindi",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "jv": "Javanese",
    "ko": "Korean",
    "ms": "Malay",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}

#: Languages that write the decimal separator as a comma (and group thousands with a point or a space).
_DECIMAL_COMMA = {
    "af",
    "az",
    "be",
    "bg",
    "bs",
    "ca",
    "cs",
    "da",
    "de",
    "el",
    "es",
    "et",
    "eu",
    "fi",
    "fo",
    "fr",
    "gl",
    "hr",
    "hu",
    "hy",
    "id",
    "is",
    "it",
    "jv",
    "ka",
    "kk",
    "ky",
    "lt",
    "lv",
    "mk",
    "mn",
    "nb",
    "nl",
    "nn",
    "no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sk",
    "sl",
    "sq",
    "sr",
    "su",
    "sv",
    "tr",
    "uk",
    "uz",
    "vi",
}


def language_name(tag: str) -> str:
    """``"English (en)"`` for ``"en"``; the bare tag where its name is not known."""
    name = _LANGUAGE_NAMES.get(tag.split("-")[0].lower())
    return f"{name} ({tag})" if name else repr(tag)


def declared_languages(docs: Iterable[Document]) -> list[str]:
    """The translation languages ``corpus.yml`` declares, in the order it lists them."""
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    declared = corpus.data.get("translations") if corpus is not None else None
    return [str(tag) for tag in declared] if isinstance(declared, dict) else []


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Unit:
    """One translatable unit: what it is, its name in messages, and where it sits in its file."""

    kind: str
    name: str
    doc: Document
    path: tuple
    data: dict

    @property
    def fields(self) -> list[str]:
        """The translatable fields the original has (only those can be missing in a translation)."""
        return [f for f in FIELDS[self.kind] if isinstance(self.data.get(f), str) and self.data[f].strip()]


def _nodes(doc: Document, node, path: tuple, figure: str) -> Iterator[Unit]:
    if not isinstance(node, dict):
        return
    label = node.get("label")
    yield Unit("node", f"structure node {label!r} of figure {figure!r}", doc, path, node)
    children = node.get("children")
    for i, child in enumerate(children if isinstance(children, list) else []):  # not a list: the schema says so
        yield from _nodes(doc, child, path + ("children", i), figure)


def units(docs: Iterable[Document]) -> Iterator[Unit]:
    """Every translatable unit of the corpus, file by file, in reading order within each file."""
    for doc in docs:
        data = doc.data
        ident = data.get("id")
        if doc.kind == "corpus":
            yield Unit("corpus", "the corpus metadata", doc, (), data)
        elif doc.kind == "chapter":
            yield Unit("chapter", f"chapter {ident!r} (its title)", doc, (), data)
            for item in outline.walk(data):
                if item.kind in ("paragraph", "section"):
                    name = f"{item.kind} {item.data.get('id')!r}" + (" (its title)" if item.kind == "section" else "")
                    yield Unit(item.kind, name, doc, item.path, item.data)
        elif doc.kind == "table":
            yield Unit("table", f"table {ident!r}", doc, (), data)
            for group, kind in (("columns", "column"), ("rows", "row"), ("derived", "derived")):
                entries = data.get(group)
                for i, entry in enumerate(entries if isinstance(entries, list) else []):
                    if isinstance(entry, dict):
                        what = "derived value" if kind == "derived" else kind
                        yield Unit(kind, f"{what} {entry.get('id')!r} of table {ident!r}", doc, (group, i), entry)
        elif doc.kind == "figure":
            yield Unit("figure", f"figure {ident!r}", doc, (), data)
            if isinstance(data.get("structure"), dict):
                yield from _nodes(doc, data["structure"], ("structure",), ident)
        elif doc.kind == "event":
            yield Unit("event", f"event {ident!r}", doc, (), data)
        elif doc.kind == "glossary":
            entries = data.get("entries")
            for i, entry in enumerate(entries if isinstance(entries, list) else []):
                if isinstance(entry, dict):
                    yield Unit("glossary entry", f"glossary entry {entry.get('term')!r}", doc, ("entries", i), entry)


# --------------------------------------------------------------------------- numbers

# A run of digits with internal separators: "842.000", "1,34", "4.500.000", and the odd "495, 000" (a comma
# and a space before a group of exactly three digits, which no decimal is written with). Digits glued to a
# letter before them ("M1", "U2") are part of a name, not a quantity, and a translation may reorder or drop
# such a name ("Tank M1 Abrams" -> "M1 Abrams tanks"); designations with a hyphen ("F-16", "ke-8") count.
_NUMBER = re.compile(r"(?<!\w)\d+(?:(?:[.,]|, (?=\d{3}(?!\d|[.,] ?\d)))\d+)*")
_SPACED_GROUPS = re.compile(r"\d{1,3}(?:, \d{3})+")


def _value(token: str, decimal_comma: bool) -> float:
    seps = re.findall(r", |[.,]", token)
    groups = re.split(r", |[.,]", token)
    if not seps:
        return float(token)
    kinds = {s.strip() for s in seps}
    if len(kinds) == 2:  # "1.234,5" or "1,234.5": the last separator is the decimal one
        head, tail = groups[:-1], groups[-1]
        return float("".join(head) + "." + tail)
    sep = seps[0]
    if len(seps) > 1 or sep == ", ":  # repeated, or comma-space: thousands
        return float("".join(groups))
    if len(groups[1]) != 3:  # "1,34", "2.2", "3.88": a decimal whatever the language
        return float(groups[0] + "." + groups[1])
    is_decimal = (sep == ",") == decimal_comma  # "842.000" in Indonesian, "842,000" in English: thousands
    return float(groups[0] + "." + groups[1]) if is_decimal else float("".join(groups))


def numbers(text: str, lang: str) -> Counter:
    """The numeric values written in ``text`` (outside citations and cross-references), read by the
    conventions of ``lang``: ``numbers("842.000 dan 1,34:1", "id") == numbers("842,000 and 1.34:1", "en")``."""
    decimal_comma = lang.split("-")[0].lower() in _DECIMAL_COMMA
    try:
        plain = "".join(t.text for t in parse(text) if isinstance(t, Text))
    except MarkupError:
        plain = text
    found: Counter = Counter()
    for match in _NUMBER.finditer(plain):
        token = match[0]
        # "495, 000" is one number; "2016, 200" is a list of two.
        parts = [token] if ", " not in token or _SPACED_GROUPS.fullmatch(token) else token.split(", ")
        for part in parts:
            value = _value(part, decimal_comma)
            found[int(value) if value.is_integer() else value] += 1
    return found


def _show(values: Counter) -> str:
    def one(v):
        if isinstance(v, int):
            return f"{v:,}" if abs(v) >= 10000 else str(v)  # 842,000 but 1950
        return f"{v:g}"

    return ", ".join(one(v) for v in sorted(values.elements()))


# --------------------------------------------------------------------------- references


def _references(tokens) -> list[str]:
    prefix = {kind: p for p, kind in XREF_KINDS.items()}
    out = []
    for tok in tokens:
        if isinstance(tok, Citation):
            out.extend("@" + item.key for item in tok.items)
        elif isinstance(tok, CrossRef):
            out.append(f"@{prefix.get(tok.kind, tok.kind)}:{tok.id}")
    return out


# --------------------------------------------------------------------------- the check


def _problem(doc: Document, where: tuple[int, int], severity: str, message: str, hint: str) -> Problem:
    return Problem(doc.file, where[0], where[1], severity, message, hint)


def check_translations(docs: list[Document], languages: Iterable[str] | None = None) -> list[Problem]:
    """Every translation problem of the corpus, for each of ``languages`` (default: those corpus.yml declares).

    * a unit without a translation in a declared language: one warning per unit;
    * a translation whose citations or cross-references differ from the original's: an error;
    * a translation whose numbers differ from the original's: a warning.
    """
    docs = list(docs)
    langs = list(declared_languages(docs) if languages is None else languages)
    if not langs:
        return []
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    source_lang = str(corpus.data.get("language") or "") if corpus is not None else ""
    problems: list[Problem] = []
    for unit in units(docs):
        fields = unit.fields
        if not fields:
            continue
        translations = unit.data.get("translations")
        translations = translations if isinstance(translations, dict) else {}
        for lang in langs:
            given = translations.get(lang)
            given = given if isinstance(given, dict) else {}
            missing = [f for f in fields if not (isinstance(given.get(f), str) and given[f].strip())]
            if missing:
                problems.append(_missing(unit, lang, fields, missing, bool(given)))
            for field in fields:
                if field not in missing:
                    problems.extend(_compare(unit, lang, field, given[field], source_lang))
    return problems


def _missing(unit: Unit, lang: str, fields: list[str], missing: list[str], partial: bool) -> Problem:
    name = language_name(lang)
    example = ", ".join(f"{f}: ..." for f in missing)
    if partial:
        where = unit.doc.where(unit.path + ("translations", lang), key=True)
        what = " and ".join(missing)
        return _problem(
            unit.doc,
            where,
            "warning",
            f"{unit.name} has no {name} translation of its {what}",
            f"add {example} under translations: {lang}: (the site shows the original there until then)",
        )
    return _problem(
        unit.doc,
        unit.doc.where(unit.path),
        "warning",
        f"{unit.name} has no {name} translation",
        f"add 'translations: {{{lang}: {{{example}}}}}' beside the original; until then the site shows "
        "the original with a note",
    )


def _compare(unit: Unit, lang: str, field: str, translated: str, source_lang: str) -> list[Problem]:
    doc = unit.doc
    path = unit.path + ("translations", lang, field)
    name = language_name(lang)
    problems = []
    try:
        original_refs = _references(parse(unit.data[field]))
    except MarkupError:
        original_refs = None  # the original's own markup error is reported by the reference checks
    try:
        translated_refs = _references(parse(translated))
    except MarkupError as exc:
        fragment = translated[exc.offset : exc.offset + 12].split("\n")[0]
        problems.append(
            _problem(
                doc,
                doc.find(path, fragment) if fragment else doc.where(path),
                "error",
                f"{name} translation of {unit.name}: {exc.message}",
                exc.hint,
            )
        )
        translated_refs = None
    if original_refs is not None and translated_refs is not None and original_refs != translated_refs:
        extra = [r for r in translated_refs if r not in original_refs]
        where = doc.find(path, extra[0]) if extra else doc.where(path)
        problems.append(
            _problem(
                doc,
                where,
                "error",
                f"{name} translation of {unit.name} cites or refers to [{', '.join(translated_refs) or 'nothing'}], "
                f"the original to [{', '.join(original_refs) or 'nothing'}]",
                "citations and cross-references are the same objects in every language: copy each one of the "
                "original into the translation, unchanged and in the same order",
            )
        )
    original_text = unit.data[field]
    wanted = numbers(original_text, source_lang)
    got = numbers(translated, lang)
    # An original field the editors wrote in the translation's language (an English caption of an Indonesian
    # corpus) writes its numbers the translation's way: either reading of it will do.
    if got != wanted and got != numbers(original_text, lang):
        lost, added = wanted - got, got - wanted
        detail = "; ".join(
            x
            for x in (f"missing {_show(lost)}" if lost else "", f"not in the original {_show(added)}" if added else "")
            if x
        )
        problems.append(
            _problem(
                doc,
                doc.where(path),
                "warning",
                f"{name} translation of {unit.name} gives other numbers than the original ({detail})",
                "keep every number of the original, written the translation's way (842.000 → 842,000; 1,34 → 1.34); "
                "ignore this where a number is rightly written out in words",
            )
        )
    return problems
