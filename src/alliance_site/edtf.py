"""Dates in EDTF (ISO 8601-2), as the corpus and its sources write them: one parser for every part of
the package (event dates, source dates, their exports, the validator and the schemas' date pattern).

Level 0: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and an interval ``START/END`` of two of those (the ends
may differ in precision); a leading ``-`` marks a year before year 1 (astronomical numbering: ``-0043``
is 44 BCE). Every date must exist in the calendar: ``2016-02-31`` is refused, ``2016-02-29`` is not.

Level 1, as biblatex writes it in imported sources (:func:`parse_loose`): a qualifier after a date,
``~`` approximate, ``?`` uncertain, ``%`` both, and intervals open at one end (``1997/``, ``/1997``).

"1948" means the year only, and stays so everywhere.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

__all__ = ["DATE_PATTERN", "DateError", "EDTFDate", "LooseDate", "Point", "parse_date", "parse_loose"]

_POINT = "-?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
#: The level 0 form as a JSON Schema ``pattern`` (the schemas' date fields use exactly this).
DATE_PATTERN = f"^{_POINT}(/{_POINT})?$"
_POINT_RE = re.compile(r"(-?)([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_QUALIFIED_RE = re.compile(r"(.*?)([~?%]?)")


class DateError(ValueError):
    """A date string outside the accepted EDTF subset, or an impossible date."""


@dataclass(frozen=True)
class Point:
    """One end of a date: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The point as written in EDTF / ISO 8601 (``1950``, ``1950-06``, ``1950-06-25``)."""
        text = f"-{-self.year:04d}" if self.year < 0 else f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def key(self) -> tuple[int, int, int]:
        """Sort key: a coarser point sorts before the finer ones it contains (1950 < 1950-01 < 1950-01-01)."""
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class EDTFDate:
    """A parsed date: ``start``, and ``end`` for an interval."""

    text: str
    start: Point
    end: Point | None = None

    @property
    def precision(self) -> str:
        """``year``, ``month``, ``day``, or ``range`` for an interval."""
        return "range" if self.end else self.start.precision

    @property
    def sort_key(self) -> tuple[int, ...]:
        """Chronological key: by start, then by end (a single date before an interval that starts with it)."""
        return self.start.key() + (self.end or self.start).key()


def _point(text: str, whole: str) -> Point:
    match = _POINT_RE.fullmatch(text)
    if not match:
        raise DateError(f"{whole!r} is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or START/END")
    sign, year, month, day = match.groups()
    point = Point(-int(year) if sign else int(year), int(month) if month else None, int(day) if day else None)
    if point.month is not None and not 1 <= point.month <= 12:
        raise DateError(f"{whole!r}: month {month} is not 01-12")
    if point.day is not None:
        # calendar handles leap years; it knows no year < 1, so take a year with the same leap rule.
        probe = point.year if point.year >= 1 else 2000 + point.year % 400
        last = calendar.monthrange(probe, point.month)[1]
        if not 1 <= point.day <= last:
            raise DateError(f"{whole!r}: day {day} is not in {point.iso()[:-3]} (01-{last:02d})")
    return point


def parse_date(text: str) -> EDTFDate:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``START/END``; raise :class:`DateError` otherwise."""
    if not isinstance(text, str):
        raise DateError(f"{text!r} is not a date string (quote it in YAML: date: '1948')")
    first, sep, second = text.partition("/")
    start = _point(first, text)
    if not sep:
        return EDTFDate(text, start)
    end = _point(second, text)
    if end.key() < start.key():
        raise DateError(f"{text!r}: the interval ends before it starts")
    return EDTFDate(text, start, end)


@dataclass(frozen=True)
class LooseDate:
    """A level 1 date: either end may be open (None), and the date may be approximate or uncertain."""

    start: Point | None
    end: Point | None
    interval: bool
    qualified: bool


def parse_loose(text: str) -> LooseDate | None:
    """Parse a level 0 date or the level 1 forms biblatex writes (``1850~``, ``1997/``, ``/1997``,
    ``1968-05-19/1968-05-25``); None when the text is not such a date, or not a calendar date."""
    text = text.strip()
    first, slash, second = text.partition("/")
    ends = []
    qualified = False
    for part in (first, second):
        body, qualifier = _QUALIFIED_RE.fullmatch(part).groups()
        qualified = qualified or bool(qualifier)
        if not body:
            ends.append(None)
            if qualifier:
                return None
            continue
        try:
            ends.append(_point(body, text))
        except DateError:
            return None
    if ends == [None, None]:
        return None
    return LooseDate(ends[0], ends[1], bool(slash), qualified)
