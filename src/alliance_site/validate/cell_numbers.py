"""Table values that YAML or an editor got silently wrong, each a warning at the value:

* a number whose YAML token looks like a group of thousands in the corpus language (``value: 34.500`` in
  an Indonesian corpus, where it means 34,500; YAML reads 34.5);
* a value that disagrees with the number its ``as_written`` gives;
* an ``as_written`` that does not occur in the paragraph the cell names as its origin.

Positions come from the loader; the token is read from the file at that position.
"""

from __future__ import annotations

import re

from .. import outline
from ..errors import Problem
from ..text.markup import MarkupError, Text, parse
from .documents import Document
from .numerals import _DECIMAL_COMMA, numbers
from .report import as_dict, as_list
from .verdict import WARNING

__all__ = ["check_cell_numbers"]

_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_TOKEN_END = re.compile(r"[\s,}\]#]")


def _token(doc: Document, where: tuple[int, int]) -> str:
    line = doc.text.split("\n")[where[0] - 1] if where[0] >= 1 else ""
    rest = line[where[1] - 1 :]
    end = _TOKEN_END.search(rest)
    return rest[: end.start()] if end else rest


def _paragraph_texts(docs: list[Document]) -> dict[str, str]:
    texts = {}
    for doc in docs:
        if doc.kind == "chapter":
            for item in outline.walk(doc.data):
                if item.kind == "paragraph" and isinstance(item.data.get("text"), str):
                    try:  # the words as the reader sees them: "\@" is "@", a citation is no word of the text
                        plain = "".join(t.text for t in parse(item.data["text"]) if isinstance(t, Text))
                    except MarkupError:
                        plain = item.data["text"]  # its markup error is the paragraph check's to report
                    texts[str(item.data.get("id"))] = plain
    return texts


def _collapse(text: str) -> str:
    return " ".join(text.split())


def check_cell_numbers(docs: list[Document]) -> list[Problem]:
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    lang = str(as_dict(corpus.data if corpus else {}).get("language") or "")
    decimal_comma = lang.split("-")[0].lower() in _DECIMAL_COMMA
    paragraphs = _paragraph_texts(docs)
    problems = []
    for doc in docs:
        if doc.kind != "table":
            continue
        for r, row in enumerate(as_list(doc.data.get("rows"))):
            for column, cell in as_dict(as_dict(row).get("cells")).items():
                if isinstance(cell, dict):
                    problems.extend(
                        _check_cell(doc, ("rows", r, "cells", column), cell, lang, decimal_comma, paragraphs)
                    )
    return problems


def _check_cell(doc, path, cell, lang, decimal_comma, paragraphs) -> list[Problem]:
    out = []
    value, written = cell.get("value"), cell.get("as_written")
    if isinstance(value, float) and decimal_comma:
        where = doc.where(path + ("value",))
        token = _token(doc, where)
        if _GROUPED.fullmatch(token):
            grouped = token.replace(".", "")
            out.append(
                Problem(
                    doc.file,
                    *where,
                    WARNING,
                    f"value {token} is read by YAML as {value:g}, but in this corpus's language ({lang}) "
                    f"{token} means {int(grouped):,}",
                    f"write the number without separators, value: {grouped}, and the text's way in "
                    f"as_written: '{token}'",
                )
            )
            return out  # the comparison with as_written would only repeat it
    # Only a bare number is compared ("34.500", "12%"): words of scale ("5 miliar") are the reader's to weigh.
    bare = isinstance(written, str) and not re.search(r"[^\W\d_]", written)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and bare:
        given = numbers(written, lang)
        if len(given) == 1 and value not in given:
            (number,) = given
            out.append(
                Problem(
                    doc.file,
                    *doc.where(path + ("value",)),
                    WARNING,
                    f"value {value!r} disagrees with as_written {written!r} ({number!r} in {lang})",
                    "correct the value, or as_written (the number exactly as the text writes it)",
                )
            )
    paragraph = cell.get("paragraph")
    origin = paragraphs.get(paragraph) if isinstance(paragraph, str) else None
    if (
        isinstance(written, str)
        and written.strip()
        and origin is not None
        and _collapse(written) not in _collapse(origin)
    ):
        out.append(
            Problem(
                doc.file,
                *doc.where(path + ("as_written",)),
                WARNING,
                f"as_written {written!r} does not occur in paragraph {paragraph!r}",
                "copy the number exactly as that paragraph writes it, or name the paragraph it comes from",
            )
        )
    return out
