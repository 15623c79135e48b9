"""Parse the inline markup of paragraph text: Pandoc citations and cross-references.

The grammar is the subset of Pandoc's citation syntax and pandoc-crossref's
reference syntax that a corpus needs:

* ``[@key]``, ``[@key, p. 12]``, ``[see @a, ch. 2; @b]``, ``[-@key]`` (bracketed);
* ``@key`` and ``@key [p. 12]`` (narrative, in the running sentence);
* ``@tbl:id``, ``@fig:id``, ``@evt:id``, ``@sec:id`` (cross-references);
* ``\\@`` and ``\\[`` for a literal ``@`` or ``[``.

The parser is pure and knows nothing of sources: it returns tokens with their
offsets, so that the validator can point at ``file:line:column`` of a bad key.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .locators import parse_locator
from .tokens import Citation, CiteItem, CrossRef, MarkupError, Text, Token

__all__ = [
    "XREF_KINDS",
    "Citation",
    "CiteItem",
    "CrossRef",
    "MarkupError",
    "Text",
    "Token",
    "keys_of",
    "parse",
    "parse_locator",
]

#: Cross-reference prefixes (pandoc-crossref style) and the kind of unit each names.
XREF_KINDS = {"tbl": "table", "fig": "figure", "evt": "event", "sec": "section"}

# Pandoc: a key starts with a letter, digit or _, and may hold internal
# punctuation; trailing punctuation belongs to the sentence, not the key.
_KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&\-+?<>~/](?=[A-Za-z0-9_]))*"
_KEY_RE = re.compile(_KEY)
_NARRATIVE_RE = re.compile(r"(?<![\w\\])@(" + _KEY + r")")
_ITEM_RE = re.compile(r"^(?P<prefix>.*?)(?P<suppress>-?)@(?P<key>" + _KEY + r")(?P<rest>.*)$", re.DOTALL)


def _parse_item(chunk: str, base: int) -> CiteItem | None:
    match = _ITEM_RE.match(chunk)
    if not match:
        return None
    rest = match["rest"]
    label = locator = suffix = ""
    if rest.startswith(","):
        label, locator, suffix = parse_locator(rest[1:])
    elif rest.strip():
        suffix = rest.strip()
    return CiteItem(
        key=match["key"],
        locator=locator,
        label=label,
        prefix=match["prefix"].strip(),
        suffix=suffix,
        suppress_author=bool(match["suppress"]),
        offset=base + match.start("key") - 1,
    )


_NARRATIVE_LOCATOR_RE = re.compile(r" \[([^\]@]*)\]")
_KEY_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


@dataclass(frozen=True)
class _Brackets:
    """What the bracket parser needs of a paragraph, found in one pass so that a paragraph of
    100,000 ``[`` is parsed in linear time (no bracket rescans to the end of the text).

    ``close[i]`` is the index of the ``]`` that closes the ``[`` at ``i`` (``-1`` if none);
    ``cite_at`` the sorted indices of every ``@`` that would start a citation item inside a
    bracket: preceded by a space, ``;``, ``-`` or ``[`` and followed by a key's first character."""

    close: dict[int, int]
    cite_at: list[int]


def _scan_brackets(text: str) -> _Brackets:
    close: dict[int, int] = {}
    open_at: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            open_at.append(i)
        elif ch == "]" and open_at:
            close[open_at.pop()] = i
        i += 1
    for start in open_at:
        close[start] = -1
    cite_at = [
        p
        for p in range(1, n - 1)
        if text[p] == "@" and text[p + 1] in _KEY_START and (text[p - 1].isspace() or text[p - 1] in ";-[")
    ]
    return _Brackets(close, cite_at)


def _looks_like_citation(text: str, start: int, end: int, brackets: _Brackets) -> bool:
    """Whether the bracket ``text[start:end]`` (``end`` past its last inner character) holds an
    ``@key`` item, or starts with ``@`` or ``-@``; constant work per bracket apart from the
    leading spaces, which only this bracket scans."""
    k = bisect_left(brackets.cite_at, start + 1)
    if k < len(brackets.cite_at) and brackets.cite_at[k] + 1 < end:
        return True
    j = start + 1
    while j < end and text[j].isspace():
        j += 1
    if j < end and text[j] == "-":
        j += 1
    return j < end and text[j] == "@"


def _bracketed(text: str, start: int, brackets: _Brackets) -> Citation | None:
    """Parse ``[ ... ]`` at ``start`` as a citation, or None if it is plain text."""
    end = brackets.close.get(start, -1)
    if not _looks_like_citation(text, start, end if end != -1 else len(text), brackets):
        return None
    if end == -1:
        raise MarkupError(
            "citation bracket '[' is never closed", start, "close it with ']', or write '\\[' for a literal bracket"
        )
    inner = text[start + 1 : end]
    items = []
    offset = start + 1
    for chunk in inner.split(";"):
        item = _parse_item(chunk, offset)
        if item is None:
            raise MarkupError(
                f"citation item {chunk.strip()!r} has no @key",
                offset + len(chunk) - len(chunk.lstrip()),  # at the item's first word, not the space before it
                "each item between ';' needs one @key, e.g. [@smith2020, p. 4; @doe2019]",
            )
        if item.key.split(":", 1)[0] in XREF_KINDS:
            raise MarkupError(
                f"@{item.key} is a cross-reference, not a citation",
                item.offset,
                f"write it outside brackets: @{item.key}",
            )
        items.append(item)
        offset += len(chunk) + 1
    return Citation(tuple(items), True, start, end + 1, text[start : end + 1])


def parse(text: str) -> list[Token]:
    """Split paragraph text into :class:`Text`, :class:`Citation` and :class:`CrossRef` tokens.

    Memoized (tokens are immutable): the validator and the model each need the tokens of every
    paragraph, and a serve rebuild needs those of the unchanged ones again. The bound is above the
    paragraph count of a large corpus, so one pass over all of them does not evict the next."""
    return list(_parse_shared(text))


@lru_cache(maxsize=65536)
def _parse_shared(text: str) -> tuple[Token, ...]:
    return tuple(_parse(text))


def _parse(text: str) -> list[Token]:
    tokens: list[Token] = []
    buf: list[str] = []
    buf_start = 0
    i = 0

    def flush(at: int) -> None:
        nonlocal buf_start
        if buf:
            tokens.append(Text("".join(buf), buf_start))
            buf.clear()
        buf_start = at

    n = len(text)
    brackets = _scan_brackets(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in "@[]\\":
            # An escape is a Text of its own: every other Text is then the raw text verbatim, so
            # raw offsets (where a page break or a note goes) map to it one to one.
            flush(i)
            tokens.append(Text(text[i + 1], i))
            i += 2
            buf_start = i
            continue
        if ch == "[":
            cite = _bracketed(text, i, brackets)
            if cite:
                flush(i)
                tokens.append(cite)
                i = cite.end
                buf_start = i
                continue
        if ch == "@":
            match = (
                _NARRATIVE_RE.match(text, i) if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "\\")) else None
            )
            if match:
                key = match[1]
                flush(i)
                prefix = key.split(":", 1)[0]
                if ":" in key and prefix in XREF_KINDS:
                    tokens.append(CrossRef(XREF_KINDS[prefix], key.split(":", 1)[1], i, match.end()))
                    i = match.end()
                else:
                    end = match.end()
                    label = locator = suffix = ""
                    loc = _NARRATIVE_LOCATOR_RE.match(text, end)
                    if loc:
                        label, locator, suffix = parse_locator(loc[1])
                        end = loc.end()
                    item = CiteItem(key, locator, label, "", suffix, False, i)
                    tokens.append(Citation((item,), False, i, end, text[i:end]))
                    i = end
                buf_start = i
                continue
        if not buf:
            buf_start = i
        buf.append(ch)
        i += 1
    flush(n)
    return tokens


def keys_of(tokens: list[Token]) -> list[str]:
    """Every citation key in ``tokens``, in order (repeats kept)."""
    return [item.key for tok in tokens if isinstance(tok, Citation) for item in tok.items]


assert _KEY_RE  # the compiled key pattern is part of the module's tested surface
