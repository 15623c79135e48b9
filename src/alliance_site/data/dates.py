"""Dates of events for readers: shown in a language, marked up as ``<time>``, grouped by era or decade.

Parsed by the one EDTF parser of the package (:mod:`alliance_site.edtf`, re-exported here), and kept
at the precision written: "1948" is shown as "1948", exported with no month, given to
``<time datetime="1948">`` (a valid HTML year string).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from html import escape
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

from ..edtf import DateError, EDTFDate, Point, parse_date

__all__ = [
    "DateError",
    "EDTFDate",
    "Point",
    "datetime_attr",
    "datetime_attrs",
    "decade",
    "display",
    "group_key",
    "month_names",
    "parse_date",
    "time_html",
]

# Not in CLDR in these forms (its English era is "BC", it has no decade pattern): English elsewhere.
_BEFORE_YEAR_ONE = {"en": "BCE", "id": "SM"}
_DECADE = {"en": "{}s", "id": "{}-an"}


@cache
def month_names(lang: str) -> tuple[str, ...]:
    """The twelve month names in ``lang``, from CLDR (Babel); English for a language CLDR does not know."""
    try:
        locale = Locale.parse(lang)
    except (ValueError, TypeError, UnknownLocaleError):
        locale = Locale.parse("en")
    names = get_month_names("wide", locale=locale)
    return tuple(names[month] for month in range(1, 13))


def _date(date: EDTFDate | str) -> EDTFDate:
    return parse_date(date) if isinstance(date, str) else date


def datetime_attrs(date: EDTFDate | str) -> tuple[str | None, str | None]:
    """Values for ``<time datetime>`` of the start and (for an interval) the end.

    HTML accepts ``1948``, ``1950-06`` and ``1950-06-25`` as they are; a year before 1
    has no HTML form and gives None (then write the ``<time>`` without ``datetime``).
    """
    parsed = _date(date)
    return tuple(p.iso() if p and p.year >= 1 else None for p in (parsed.start, parsed.end))  # type: ignore[return-value]


def datetime_attr(date: EDTFDate | str) -> str | None:
    """The ``<time datetime>`` value of the date's start (see :func:`datetime_attrs`)."""
    return datetime_attrs(date)[0]


def _lang(lang: str) -> str:
    return lang.split("-")[0].lower() or "en"


def _point_text(point: Point, lang: str, *, year: bool = True, month: bool = True) -> str:
    words = []
    if point.day:
        words.append(str(point.day))
    if point.month and month:
        words.append(month_names(lang)[point.month - 1])
    if year:
        era = _BEFORE_YEAR_ONE.get(lang, _BEFORE_YEAR_ONE["en"])
        words.append(f"{1 - point.year} {era}" if point.year < 1 else str(point.year))
    return " ".join(words)


def _parts(date: EDTFDate, lang: str) -> tuple[str, str, str]:
    """(start text, dash, end text) of an interval, the start shortened by what both ends share."""
    start, end = date.start, date.end
    assert end is not None
    same = start.precision == end.precision and start.year == end.year and start.year >= 1
    if same and start.precision == "month":
        first = _point_text(start, lang, year=False)
    elif same and start.precision == "day" and start.month == end.month:
        first = _point_text(start, lang, year=False, month=False)
    elif same and start.precision == "day":
        first = _point_text(start, lang, year=False)
    else:
        first = _point_text(start, lang)
    last = _point_text(end, lang)
    # Closed dash between simple ends (2010–2016, June–July 1950, 25–27 June 1950); spaced
    # when an end is itself several words that are not shared (25 June – 27 July 1950).
    closed = " " not in first and (same or " " not in last)
    return first, "–" if closed else " – ", last


def display(date: EDTFDate | str, lang: str = "en") -> str:
    """The date for readers, at its own precision: ``1948``, ``June 1950`` / ``Juni 1950``, ``25 June 1950``.

    Intervals share what their ends share: ``2010–2016``, ``June–July 1950``,
    ``25–27 June 1950``; ends with spaces in them are joined by a spaced dash
    (``June 1950 – July 1951``). Month names come from CLDR for any language it knows.
    """
    parsed, code = _date(date), _lang(lang)
    if parsed.end is None or parsed.end == parsed.start:
        return _point_text(parsed.start, code)
    return "".join(_parts(parsed, code))


def decade(date: EDTFDate | str) -> int:
    """The decade of the date's start: 1948 -> 1940."""
    return _date(date).start.year // 10 * 10


def group_key(event: Mapping[str, Any], lang: str = "en") -> str:
    """The timeline group of an event: its ``era`` if it has one, else its decade (``1940s`` / ``1940-an``)."""
    if event.get("era"):
        return event["era"]
    return _DECADE.get(_lang(lang), _DECADE["en"]).format(decade(event["date"]))


def time_html(date: EDTFDate | str, lang: str = "en") -> str:
    """``<time datetime>`` markup showing :func:`display`; an interval gets a ``<time>`` per end.

    ``1950-06/1950-07`` gives ``<time datetime="1950-06">June</time>–<time
    datetime="1950-07">July 1950</time>``.
    """
    parsed, code = _date(date), _lang(lang)
    start_attr, end_attr = datetime_attrs(parsed)

    def one(attr: str | None, text: str) -> str:
        return f'<time datetime="{attr}">{escape(text)}</time>' if attr else f"<time>{escape(text)}</time>"

    if parsed.end is None or parsed.end == parsed.start:
        return one(start_attr, display(parsed, code))
    first, dash, last = _parts(parsed, code)
    return one(start_attr, first) + dash + one(end_attr, last)
