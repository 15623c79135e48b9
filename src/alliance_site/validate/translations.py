"""Checks of the editors' translations against the original they stand beside.

A corpus declares the languages it offers under ``translations`` in ``corpus.yml``.
For each declared language, every translatable unit (paragraph, chapter and
section title, table, column, row and derived value, figure and structure node,
event, glossary entry) should carry its translation; a unit without one is a
note (pending work, never a reason for a build to fail: the site shows the original, marked as
untranslated). A translation
must cite the same works and refer to the same tables, figures, events and
sections as its original, in the same order (an error: the citations are the
same objects in every language); and it should give the same numbers, whatever
the language's way of writing them (a warning: a number may rightly be written
out in words).

What the units are is in :mod:`.translation_units`, how numbers are read in
:mod:`.numerals`, and which languages are declared in :mod:`.languages`; this
module compares each unit with its translations.

The module is pure: it reads :class:`~alliance_site.validate.documents.Document`
objects and returns :class:`~alliance_site.errors.Problem` objects. A corpus that
declares no translations gets no problems at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import outline
from ..errors import Problem
from ..text.markup import XREF_KINDS, Citation, CrossRef, MarkupError, parse
from .documents import Document
from .languages import declared_languages, language_name
from .numerals import numbers, show_numbers
from .translation_units import Unit, units
from .verdict import NOTE

# The names other modules and the tests import from here, wherever they are defined.
__all__ = ["Unit", "check_translations", "declared_languages", "language_name", "numbers", "units"]


def _references(tokens) -> list[str]:
    """The citation keys and cross-references of parsed markup, in order, as written ("@key", "@tbl:id")."""
    prefix = {kind: p for p, kind in XREF_KINDS.items()}
    out = []
    for tok in tokens:
        if isinstance(tok, Citation):
            out.extend("@" + item.key for item in tok.items)
        elif isinstance(tok, CrossRef):
            out.append(f"@{prefix.get(tok.kind, tok.kind)}:{tok.id}")
    return out


def _problem(doc: Document, where: tuple[int, int], severity: str, message: str, hint: str) -> Problem:
    return Problem(doc.file, where[0], where[1], severity, message, hint)


def check_translations(docs: list[Document], languages: Iterable[str] | None = None) -> list[Problem]:
    """Every translation problem of the corpus, for each of ``languages`` (default: those corpus.yml declares).

    * a unit without a translation in a declared language: one note per unit (pending), unless the
      editors wrote it in that language (an event's ``language``);
    * a translation into the language a unit is written in: a warning (it is not shown);
    * a translation whose citations or cross-references differ from the original's: an error;
    * a translation whose numbers differ from the original's: a warning.
    """
    docs = list(docs)
    langs = list(declared_languages(docs) if languages is None else languages)
    if not langs:
        return []
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    source_lang = str(corpus.data.get("language") or "") if corpus is not None else ""
    known = _known_references(docs)
    problems: list[Problem] = []
    for unit in units(docs):
        fields = unit.fields
        if not fields:
            continue
        translations = unit.data.get("translations")
        translations = translations if isinstance(translations, dict) else {}
        own = unit.data.get("language") if unit.kind == "event" else None  # the editors' language: nothing to translate
        own = own if isinstance(own, str) else None  # a wrong value is the schema's finding
        if own in translations:
            problems.append(_redundant(unit, own))
        for lang in langs:
            if lang == own:
                continue
            given = translations.get(lang)
            given = given if isinstance(given, dict) else {}
            missing = [f for f in fields if not (isinstance(given.get(f), str) and given[f].strip())]
            if missing:
                problems.append(_missing(unit, lang, fields, missing, bool(given)))
            for field in fields:
                if field not in missing:
                    problems.extend(_compare(unit, lang, field, given[field], source_lang, known))
    return problems


def _redundant(unit: Unit, lang: str) -> Problem:
    """A translation into the language the unit is written in: the site would show the same text twice
    (or two versions of it), so it is left out of the pages; the editor should merge it into the text."""
    name = language_name(lang)
    return _problem(
        unit.doc,
        unit.doc.where(unit.path + ("translations", lang), key=True),
        "warning",
        f"{unit.name} is written in {name} (language: {lang}), so its translations: {lang}: repeats it "
        "and is not shown",
        f"remove translations: {lang}: (keep the wording you want in the fields themselves)",
    )


def _missing(unit: Unit, lang: str, fields: list[str], missing: list[str], partial: bool) -> Problem:
    name = language_name(lang)
    example = ", ".join(f"{f}: ..." for f in missing)
    if partial:
        where = unit.doc.where(unit.path + ("translations", lang), key=True)
        what = " and ".join(missing)
        return _problem(
            unit.doc,
            where,
            NOTE,
            f"{unit.name} has no {name} translation of its {what}",
            f"add {example} under translations: {lang}: (the site shows the original there until then)",
        )
    return _problem(
        unit.doc,
        unit.doc.where(unit.path),
        NOTE,
        f"{unit.name} has no {name} translation",
        f"add 'translations: {{{lang}: {{{example}}}}}' beside the original; until then the site shows "
        "the original with a note",
    )


def _known_references(docs: list[Document]) -> set[str]:
    """Every reference that resolves, written as :func:`_references` writes them ("@key", "@tbl:id")."""
    prefix = {kind: p for p, kind in XREF_KINDS.items()}
    known = set()
    for doc in docs:
        ident = doc.data.get("id")
        if doc.kind == "source" and isinstance(ident, str):
            known.add("@" + ident)
        elif doc.kind in prefix and isinstance(ident, str):
            known.add(f"@{prefix[doc.kind]}:{ident}")
        if doc.kind == "chapter":
            for item in outline.walk(doc.data):
                if item.kind == "section" and isinstance(item.data.get("id"), str):
                    known.add(f"@sec:{item.data['id']}")
    return known


def _compare(unit: Unit, lang: str, field: str, translated: str, source_lang: str, known: set[str]) -> list[Problem]:
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
    if original_refs is not None and any(ref not in known for ref in original_refs):
        original_refs = None  # the original's unknown key is reported there: no second error asking to copy it
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
            for x in (
                f"missing {show_numbers(lost)}" if lost else "",
                f"not in the original {show_numbers(added)}" if added else "",
            )
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
