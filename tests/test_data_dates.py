"""EDTF dates at their real precision: parse, sort, <time datetime>, display in en and id, groups."""

from __future__ import annotations

import re

import pytest

from alliance_site.data.dates import (
    DateError,
    Point,
    datetime_attr,
    datetime_attrs,
    decade,
    display,
    group_key,
    parse_date,
    time_html,
)

# https://html.spec.whatwg.org/#datetime-value: year, month and date strings (years >= 1, four digits or more).
HTML_DATE = re.compile(r"[0-9]{4,}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("1948", "year", Point(1948), None),
        ("1950-06", "month", Point(1950, 6), None),
        ("1950-06-25", "day", Point(1950, 6, 25), None),
        ("2010/2016", "range", Point(2010), Point(2016)),
        ("1950-06-25/1953-07-27", "range", Point(1950, 6, 25), Point(1953, 7, 27)),
        ("1950/1953-07", "range", Point(1950), Point(1953, 7)),
        ("2000-02-29", "day", Point(2000, 2, 29), None),
        ("-0043", "year", Point(-43), None),
    ],
)
def test_parse(text, precision, start, end) -> None:
    date = parse_date(text)
    assert (date.precision, date.start, date.end, date.text) == (precision, start, end, text)
    assert "/".join(p.iso() for p in (date.start, date.end) if p) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1950-13", "month 13"),
        ("1950-00", "month 00"),
        ("1950-02-30", "day 30"),
        ("1900-02-29", "day 29"),
        ("2016/2010", "ends before it starts"),
        ("1950-06-25/1950-06-24", "ends before it starts"),
        ("50", "is not a date"),
        ("1950-6", "is not a date"),
        ("June 1950", "is not a date"),
        ("1950/", "is not a date"),
        ("1950-06-25T10:00", "is not a date"),
        (1948, "quote it in YAML"),
    ],
)
def test_bad_dates(text, message) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_sort_key_is_chronological_and_coarse_first() -> None:
    texts = [
        "1953",
        "1950-06-25/1953-07-27",
        "1948",
        "1950",
        "1950-06-25",
        "1950-06",
        "1950/1953",
        "1950-01",
        "2010/2016",
    ]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == [
        "1948",
        "1950",
        "1950/1953",
        "1950-01",
        "1950-06",
        "1950-06-25",
        "1950-06-25/1953-07-27",
        "1953",
        "2010/2016",
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1948", "1948", None),
        ("1950-06", "1950-06", None),
        ("1950-06-25", "1950-06-25", None),
        ("2010/2016", "2010", "2016"),
        ("1950-06/1953-07-27", "1950-06", "1953-07-27"),
        ("0950", "0950", None),
        ("-0043", None, None),  # no HTML form before year 1
    ],
)
def test_datetime_attrs_are_valid_html(text, start, end) -> None:
    assert datetime_attrs(text) == (start, end)
    assert datetime_attr(parse_date(text)) == start
    for value in (start, end):
        assert value is None or HTML_DATE.fullmatch(value)


THIN = "\u2009"  # CLDR's English intervals set the en dash between thin spaces


@pytest.mark.parametrize(
    ("text", "en", "id"),
    [
        ("1948", "1948", "1948"),
        ("1950-06", "June 1950", "Juni 1950"),
        ("1950-06-25", "June 25, 1950", "25 Juni 1950"),
        ("1953-08-08", "August 8, 1953", "8 Agustus 1953"),
        ("2010/2016", f"2010{THIN}–{THIN}2016", "2010–2016"),
        ("1950-06/1950-07", f"June{THIN}–{THIN}July 1950", "Juni–Juli 1950"),
        ("1950-06-25/1950-06-27", f"June 25{THIN}–{THIN}27, 1950", "25–27 Juni 1950"),
        ("1950-06-25/1953-07-27", f"June 25, 1950{THIN}–{THIN}July 27, 1953", "25 Juni 1950–27 Juli 1953"),
        ("1950-06-25/1950-07-27", f"June 25{THIN}–{THIN}July 27, 1950", "25 Juni–27 Juli 1950"),
        ("1950/1953-07", f"1950{THIN}–{THIN}July 1953", "1950–Juli 1953"),
        ("1950/1950", "1950", "1950"),
        ("-0043", "44 BCE", "44 SM"),
        ("-0043/0010", f"44 BCE{THIN}–{THIN}10", "44 SM–10"),
    ],
)
def test_display_shows_only_the_precision_given(text, en, id) -> None:
    assert display(text, "en") == en
    assert display(parse_date(text), "id") == id
    assert display(text, "id-ID") == id
    assert display(text, "qaa") == en  # a language CLDR does not know falls back to English


@pytest.mark.parametrize(
    ("text", "lang", "shown"),
    [
        ("1953-08-08", "fr", "8 août 1953"),
        ("1950-06", "nl-BE", "juni 1950"),
        ("1950-06-25", "en-GB", "25 June 1950"),
        ("1950-06/1950-07", "de", "Juni–Juli 1950"),
        ("1950-06-25/1950-06-27", "de", "25.–27. Juni 1950"),
        ("1950-06-25/1950-07-27", "de", f"25. Juni{THIN}–{THIN}27. Juli 1950"),
        ("1950-06-25/1950-06-27", "fr", "25–27 juin 1950"),
        ("1950-06/1951-07", "fr", f"juin 1950{THIN}–{THIN}juillet 1951"),
        ("1950-06-25", "ja", "1950年6月25日"),
        ("2010/2016", "ja", "2010年～2016年"),
        ("1950-06-25/1950-06-27", "ja", "1950年6月25日～27日"),
        ("1950-06/1951", "ja", "1950年6月～1951年"),
    ],
)
def test_any_locale_cldr_knows(text, lang, shown) -> None:
    """Month names, day forms and interval patterns of the locale (CLDR's, written out here)."""
    assert display(text, lang) == shown


@pytest.mark.parametrize(
    ("text", "lang", "html"),
    [
        ("1948", "en", '<time datetime="1948">1948</time>'),
        ("1950-06", "id", '<time datetime="1950-06">Juni 1950</time>'),
        ("2010/2016", "en", f'<time datetime="2010">2010</time>{THIN}–{THIN}<time datetime="2016">2016</time>'),
        ("2010/2016", "id", '<time datetime="2010">2010</time>–<time datetime="2016">2016</time>'),
        (
            "1950-06/1950-07",
            "en",
            f'<time datetime="1950-06">June</time>{THIN}–{THIN}<time datetime="1950-07">July 1950</time>',
        ),
        (
            "1950-06-25/1950-06-27",
            "de",
            '<time datetime="1950-06-25">25.</time>–<time datetime="1950-06-27">27. Juni 1950</time>',
        ),
        (
            "1950-06-25/1950-06-27",
            "ja",
            '<time datetime="1950-06-25">1950年6月25日</time>～<time datetime="1950-06-27">27日</time>',
        ),
        ("-0043", "en", "<time>44 BCE</time>"),
    ],
)
def test_time_html(text, lang, html) -> None:
    """Each end of an interval in its own ``<time>``; the locale's separator between them."""
    assert time_html(text, lang) == html


@pytest.mark.parametrize(
    ("event", "lang", "key"),
    [
        ({"date": "1948"}, "en", "1940s"),
        ({"date": "1948"}, "id", "1940-an"),
        ({"date": "1950-06-25/1953-07-27"}, "en", "1950s"),
        ({"date": "2000"}, "en", "2000s"),
        ({"date": "1953", "era": "Korean War"}, "id", "Korean War"),
    ],
)
def test_group_key(event, lang, key) -> None:
    assert group_key(event, lang) == key


def test_decade() -> None:
    assert [decade(t) for t in ("1948", "1950", "2016-01-01", "-0043")] == [1940, 1950, 2010, -50]
