"""Dates of events for readers: shown in a language, marked up as ``<time>``, grouped by era or decade.

Parsed by the one EDTF parser of the package (:mod:`alliance_site.edtf`, re-exported here), and kept
at the precision written: "1948" is shown as "1948", exported with no month, given to
``<time datetime="1948">`` (a valid HTML year string).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from html import escape
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton, get_month_names, match_skeleton

from ..edtf import DateError, EDTFDate, Point, parse_date
from .locales import cldr_locale

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
# A date at the precision it is written, as a CLDR skeleton: the year; the month named in full; the day.
_SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}
# CLDR's interval fields from the largest: the first that differs between the ends picks the pattern.
_FIELDS = (("y", "year"), ("M", "month"), ("d", "day"))
_ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")


@cache
def month_names(lang: str) -> tuple[str, ...]:
    """The twelve month names in ``lang``, from CLDR (Babel); English for a language CLDR does not know."""
    names = get_month_names("wide", locale=cldr_locale(lang))
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
    return lang or "en"


def _calendar_date(point: Point) -> datetime.date:
    return datetime.date(point.year, point.month or 1, point.day or 1)


def _point_text(point: Point, lang: str) -> str:
    """One date at its precision, in CLDR's form for the locale (``June 25, 1950`` in en, ``25 Juni 1950``
    in id); a year before 1, which CLDR's Gregorian calendar here cannot hold, as ``44 BCE``."""
    if point.year >= 1:
        return format_skeleton(_SKELETONS[point.precision], _calendar_date(point), locale=cldr_locale(lang))
    words = [str(point.day)] if point.day else []
    if point.month:
        words.append(month_names(lang)[point.month - 1])
    era = _BEFORE_YEAR_ONE.get(lang.split("-")[0].lower(), _BEFORE_YEAR_ONE["en"])
    return " ".join([*words, f"{1 - point.year} {era}"])


def _split_separator(text: str) -> tuple[str, str]:
    """The first part of a CLDR interval, ``June 25 – ``, as (``June 25``, `` – ``): the dash and the spaces
    around it, which belong to neither end."""
    cut = len(text)
    while cut and (unicodedata.category(text[cut - 1]) in ("Pd", "Zs", "Sm") or text[cut - 1] in "~"):
        cut -= 1
    return text[:cut], text[cut:]


def _interval_patterns(skeleton: str, locale: Locale) -> Mapping[str, list[str]] | None:
    """CLDR's interval patterns for ``skeleton``, or for its nearest one with the month widened back as
    the skeleton asks (CLDR has ``yMMMd`` where a date with a full month name asks ``yMMMMd``)."""
    formats = locale.interval_formats
    found = skeleton if skeleton in formats else match_skeleton(skeleton, formats)
    if not found:
        return None
    patterns = formats[found]
    if "MMMM" in skeleton and "MMMM" not in found:
        return {k: [_ABBREVIATED_MONTH.sub("MMMM", p) for p in v] for k, v in patterns.items()}
    return patterns


def _parts(date: EDTFDate, lang: str) -> tuple[str, str, str]:
    """(start text, separator, end text) of an interval, by CLDR's interval patterns for the locale: the
    start shortened by what both ends share (``2010–2016``, ``June – July 1950``, ``25–27 Juni 1950``).
    Ends of different precisions, or before year 1, are each written whole and joined by the locale's
    fallback pattern (``June 1950 – 1951``)."""
    start, end = date.start, date.end
    assert end is not None
    locale = cldr_locale(lang)
    if start.precision == end.precision and start.year >= 1:
        patterns = _interval_patterns(_SKELETONS[start.precision], locale)
        for field, attribute in _FIELDS:
            if patterns and field in patterns and getattr(start, attribute) != getattr(end, attribute):
                first_pattern, last_pattern = patterns[field]
                first, separator = _split_separator(format_date(_calendar_date(start), first_pattern, locale=locale))
                return first, separator, format_date(_calendar_date(end), last_pattern, locale=locale)
    fallback = locale.interval_formats.get(None) or "{0} – {1}"
    separator = fallback.split("{0}", 1)[1].split("{1}", 1)[0]
    return _point_text(start, lang), separator, _point_text(end, lang)


def display(date: EDTFDate | str, lang: str = "en") -> str:
    """The date for readers in ``lang``, at its own precision, in CLDR's forms for any locale:
    ``1948``, ``June 1950`` / ``Juni 1950``, ``June 25, 1950`` / ``25 Juni 1950``.

    Intervals share what their ends share, by the locale's interval patterns: ``2010 – 2016``,
    ``June – July 1950``, ``June 25 – 27, 1950`` (en, CLDR's thin spaces around the dash);
    ``2010–2016``, ``25–27 Juni 1950`` (id).
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
    return _DECADE.get(_lang(lang).split("-")[0].lower(), _DECADE["en"]).format(decade(event["date"]))


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
