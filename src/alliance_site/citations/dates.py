"""Dates as sources write them, and as CSL, BibTeX, RIS and schema.org want them.

A source date (``issued``, ``accessed`` ...) is one of: an int year (``2016``), an
EDTF-subset string (``"2016"``, ``"2016-03"``, ``"2016-03-04"``, a range
``"1984/1986"``, negative years ``"-0044"``) or a CSL date object
(``{"date-parts": [[2016, 3]]}``, optionally ``circa``, ``season``, ``literal``,
``raw``).  Everything here is pure and total: a value that is not a date gives
``None`` rather than an exception, because callers report missing data instead
of failing the build.
"""

from __future__ import annotations

import re

__all__ = ["csl_date", "date_parts", "edtf", "iso_date", "parse_edtf", "year_of"]

# One EDTF date of the subset the source schema allows (year, month, day).
_ONE = r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
_ONE_RE = re.compile(rf"^{_ONE}$")
_RANGE_RE = re.compile(rf"^{_ONE}/{_ONE}$")
# biblatex also writes open ranges ("1997/", "/1997"), approximate ("1850~") and
# uncertain ("1850?") dates; seasons are months 21-24 in EDTF.
_LOOSE_RE = re.compile(rf"^(?:{_ONE})?([~?%]?)(/?)(?:{_ONE})?([~?%]?)$")


def _parts(year: str | None, month: str | None, day: str | None) -> list[int] | None:
    if year is None:
        return None
    parts = [int(year)]
    if month is not None:
        if not 1 <= int(month) <= 12:
            return None
        parts.append(int(month))
        if day is not None:
            if not 1 <= int(day) <= 31:
                return None
            parts.append(int(day))
    return parts


def parse_edtf(text: str) -> dict | None:
    """Parse an EDTF date or range (the subset biblatex writes) into a CSL date object.

    ``"1968-05-19/1968-05-25"`` gives ``{"date-parts": [[1968, 5, 19], [1968, 5, 25]]}``;
    ``"1850~"`` or ``"1850?"`` sets ``circa``; an open range keeps its known end.
    Returns None when the text is not such a date.
    """
    text = text.strip()
    match = _LOOSE_RE.match(text)
    if not match or not text:
        return None
    y1, m1, d1, q1, slash, y2, m2, d2, q2 = match.groups()
    first, second = _parts(y1, m1, d1), _parts(y2, m2, d2)
    if (y1 and first is None) or (y2 and second is None) or (not slash and y2):
        return None
    parts = [p for p in (first, second) if p]
    if not parts:
        return None
    result: dict = {"date-parts": parts}
    if q1 or q2:
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
