"""Dates as sources write them, and as CSL, BibTeX, RIS and schema.org want them.

A source date (``issued``, ``accessed`` ...) is one of: an int year (``2016``), an
EDTF-subset string (``"2016"``, ``"2016-03"``, ``"2016-03-04"``, a range
``"1984/1986"``, negative years ``"-0044"``) or a CSL date object
(``{"date-parts": [[2016, 3]]}``, optionally ``circa``, ``season``, ``literal``,
``raw``).  Everything here is pure and total: a value that is not a date gives
``None`` rather than an exception, because callers report missing data instead
of failing the build. Strings are read by the package's one EDTF parser (:mod:`alliance_site.edtf`).
"""

from __future__ import annotations

import re

from ..edtf import Point, parse_loose

__all__ = ["csl_date", "date_parts", "edtf", "iso_date", "parse_edtf", "year_of"]


def _parts(point: Point | None) -> list[int] | None:
    if point is None:
        return None
    return [point.year] + [p for p in (point.month, point.day) if p]


def parse_edtf(text: str) -> dict | None:
    """Parse an EDTF date or range (the subset biblatex writes) into a CSL date object.

    ``"1968-05-19/1968-05-25"`` gives ``{"date-parts": [[1968, 5, 19], [1968, 5, 25]]}``;
    ``"1850~"`` or ``"1850?"`` sets ``circa``; an open range keeps its known end.
    Returns None when the text is not such a date (``2016-02-31`` is none: see :mod:`alliance_site.edtf`).
    """
    parsed = parse_loose(text)
    if parsed is None:
        return None
    result: dict = {"date-parts": [p for p in (_parts(parsed.start), _parts(parsed.end)) if p]}
    if parsed.qualified:
        result["circa"] = True
    return result


def date_parts(value) -> dict | None:
    """Normalise any source date value to a CSL date object with ``date-parts``.

    Extra CSL keys of an object (``circa``, ``season``, ``literal``, ``raw``) are
    kept; a ``raw``-only object is parsed.  Returns None for an empty or
    unparseable value, so a caller can report the date as missing.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return {"date-parts": [[value]]}
    if isinstance(value, str):
        return parse_edtf(value)
    if isinstance(value, dict):
        result = {k: value[k] for k in ("date-parts", "season", "circa", "literal", "raw") if k in value}
        if not result.get("date-parts"):
            result.pop("date-parts", None)
            parsed = parse_edtf(str(value.get("raw", ""))) if "raw" in value else None
            if parsed:
                result.update(parsed)
        else:
            result["date-parts"] = [[_int(p) for p in dp] for dp in result["date-parts"] if dp]
        if result.get("date-parts") or result.get("literal"):
            return result
    return None


def _int(part):
    """Date parts may be strings in CSL-JSON; make numeric ones ints for stable output."""
    if isinstance(part, str) and re.fullmatch(r"-?\d+", part.strip()):
        return int(part)
    return part


csl_date = date_parts  # the name exports use: a CSL date object


def _first_parts(value) -> list | None:
    obj = date_parts(value)
    if not obj or not obj.get("date-parts"):
        return None
    return obj["date-parts"][0]


def year_of(value) -> int | None:
    """The (first) year of a date value, or None."""
    parts = _first_parts(value)
    if parts and isinstance(parts[0], int):
        return parts[0]
    return None


def _fmt(parts: list, sep: str = "-") -> str:
    year = parts[0]
    out = f"-{abs(year):04d}" if year < 0 else f"{year:04d}"
    for p in parts[1:]:
        if not isinstance(p, int):
            break
        out += f"{sep}{p:02d}"
    return out


def iso_date(value) -> str | None:
    """ISO 8601 text of the first date, at the precision written (``"2016-03"``)."""
    parts = _first_parts(value)
    if parts and isinstance(parts[0], int):
        return _fmt(parts)
    return None


def edtf(value) -> str | None:
    """EDTF text of a date value, a range as ``START/END`` (what biblatex's ``date`` takes)."""
    obj = date_parts(value)
    if not obj or not obj.get("date-parts") or not all(isinstance(p[0], int) for p in obj["date-parts"]):
        return None
    text = "/".join(_fmt(p) for p in obj["date-parts"][:2])
    return text + ("~" if obj.get("circa") and "/" not in text else "")
