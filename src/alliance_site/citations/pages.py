"""Page ranges as every export and metadata format needs them: one parser for "12", "12-15",
"12–15" (en dash), "12—15" (em dash), "12--15" (BibTeX) and "12 - 15".

A CSL ``page`` value may also list several ranges ("3-5, 9"); the first and last page are then the
first range's first page and the last range's last page, which is what RIS ``SP``/``EP``, Highwire
``citation_firstpage``/``citation_lastpage`` and OpenURL ``spage``/``epage`` mean.
"""

from __future__ import annotations

import re

__all__ = ["first_last_page", "page_ranges"]

#: A range separator: hyphen, the dashes, the minus sign, BibTeX's "--", with spaces around or not.
_DASH = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")
#: Separators between ranges of a list of ranges.
_LIST = re.compile(r"\s*[,;&]\s*")


def page_ranges(page) -> list[tuple[str, str]]:
    """The ranges of a page value, each as (first, last); ``last`` is "" for a single page."""
    ranges = []
    for part in _LIST.split(str(page if page is not None else "").strip()):
        if not part:
            continue
        first, *rest = _DASH.split(part, maxsplit=1)
        ranges.append((first.strip(), rest[0].strip() if rest else ""))
    return [(first, last) for first, last in ranges if first or last]


def first_last_page(page) -> tuple[str, str]:
    """First and last page of a page value ("" where there is none): "12–15" → ("12", "15")."""
    ranges = page_ranges(page)
    if not ranges:
        return "", ""
    first = ranges[0][0] or ranges[0][1]
    last = ranges[-1][1] or (ranges[-1][0] if len(ranges) > 1 else "")
    return first, last
