"""The timeline: events in order and in groups, an SVG overview strip, and two JSON exports.

* :func:`sort_events` / :func:`group_events` order the events for the semantic page (an
  ordered list with ``<time datetime>``), grouped by era or decade.
* :func:`timeline_svg` draws the overview strip. Its marks are links to the events'
  anchors, so the root is ``role="group"`` (an image role would hide the links from
  assistive technology); each link has an ``aria-label`` and a ``<title>`` tooltip.
* :func:`timeline_json` writes the project's own form; :func:`timelinejs_json` writes
  TimelineJS3's JSON (https://timeline.knightlab.com/docs/json-format.html), with month
  and day only where the date has them.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping
from html import escape
from typing import Any

from .dates import Point, display, group_key, parse_date
from .exports import json_text
from .svg import PALETTE, esc, num, svg_open

__all__ = ["actors", "group_events", "sort_events", "timeline_json", "timeline_svg", "timelinejs_json"]

Event = Mapping[str, Any]

_CLASS = "alliance-timeline"
_W = 360.0
_M = 16.0  # room for the first and last year labels
_HIT = 24.0  # link target size (WCAG 2.5.8 asks for 24 CSS px)
_LANE = 28.0
_STYLE = (
    f".{_CLASS}-hit{{fill:currentColor;fill-opacity:0;pointer-events:all}}"
    f".{_CLASS} a:hover .{_CLASS}-hit{{fill-opacity:.1}}"
    f".{_CLASS} a:focus .{_CLASS}-hit{{stroke:currentColor;stroke-width:2;outline:none}}"
    f".{_CLASS}-axis,.{_CLASS}-tick{{stroke:currentColor}}.{_CLASS}-drop{{stroke:currentColor;stroke-opacity:.35}}"
    f".{_CLASS}-mark{{stroke:currentColor;stroke-width:1}}"
)


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Events in chronological order (a coarser date before finer ones within it; ties by id)."""
    return sorted(events, key=lambda event: (parse_date(event["date"]).sort_key, event["id"]))


def group_events(events: Iterable[Event], lang: str = "en") -> list[tuple[str, list[Event]]]:
    """Events in order, grouped by era or decade; groups in the order of their first event."""
    groups: dict[str, list[Event]] = {}
    for event in sort_events(events):
        groups.setdefault(group_key(event, lang), []).append(event)
    return list(groups.items())


def actors(events: Iterable[Event]) -> list[str]:
    """Every actor named by the events, once each, sorted case-insensitively (for the filter)."""
    names = {name for event in events for name in event.get("actors") or []}
    return sorted(names, key=lambda name: (name.casefold(), name))


def _moment(point: Point, *, end: bool) -> float:
    """A point as a fractional year: its first moment, or (``end``) its last moment."""
    if point.day:
        days = calendar.monthrange(point.year if point.year >= 1 else 2000, point.month)[1]
        return point.year + (point.month - 1 + (point.day - (0 if end else 1)) / days) / 12
    if point.month:
        return point.year + (point.month - (0 if end else 1)) / 12
    return point.year + (1 if end else 0)


def _axis(lo: float, hi: float) -> tuple[int, int, int]:
    """(first year, last year, step) of the axis: round years, at most ten labels across the strip."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        start, stop = int(lo // step * step), int(-(-hi // step) * step)
        stop = max(stop, start + step)
        if (stop - start) / step <= 9:
            return start, stop, step
    return start, stop, step


def timeline_svg(
    events: Iterable[Event],
    href_for: Callable[[Event], str],
    *,
    title: str = "Timeline",
    desc: str = "",
    lang: str = "en",
    id_prefix: str = "timeline",
) -> str:
    """The overview strip: one mark per event on a time axis, each a link to ``href_for(event)``.

    Points are circles at the middle of their year, month or day; intervals are bars
    from their first to their last moment. Marks that would overlap go to further
    lanes, so every link keeps a 24-unit target. Text and lines use ``currentColor``.
    """
    ordered = sort_events(events)
    spans = []
    for event in ordered:
        date = parse_date(event["date"])
        first, last = _moment(date.start, end=False), _moment(date.end or date.start, end=True)
        spans.append((first, last))
    lo = min((first for first, _ in spans), default=0.0)
    hi = max((last for _, last in spans), default=1.0)
    start, stop, step = _axis(lo, hi)
    scale = (_W - 2 * _M) / (stop - start)

    def x_of(year: float) -> float:
        return _M + (year - start) * scale

    # Greedy lane assignment, chronological: the first lane whose last target ends before this one.
    placed, lane_ends = [], []
    for event, (first, last) in zip(ordered, spans, strict=True):
        x1, x2 = x_of(first), x_of(last)
        centre = (x1 + x2) / 2
        left, right = min(x1, centre - _HIT / 2), max(x2, centre + _HIT / 2)
        lane = next((i for i, end in enumerate(lane_ends) if end + 2 <= left), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(right)
        lane_ends[lane] = right
        placed.append((event, x1, x2, centre, left, right, lane))
    lanes = max(len(lane_ends), 1)
    axis_y = 8 + lanes * _LANE + 4
    body = [f'<line class="{_CLASS}-axis" x1="{num(_M)}" y1="{num(axis_y)}" x2="{num(_W - _M)}" y2="{num(axis_y)}"/>']
    for year in range(start, stop + 1, step):
        x = x_of(year)
        body.append(
            f'<line class="{_CLASS}-tick" x1="{num(x)}" y1="{num(axis_y)}" x2="{num(x)}" y2="{num(axis_y + 5)}"/>'
        )
        body.append(f'<text x="{num(x)}" y="{num(axis_y + 18)}" font-size="11" text-anchor="middle">{year}</text>')
    marks = []
    for event, x1, x2, centre, left, right, lane in placed:
        mid = axis_y - 4 - _LANE / 2 - lane * _LANE
        # Drop lines go first, under every mark, so none is crossed by another's line.
        body.append(
            f'<line class="{_CLASS}-drop" x1="{num(centre)}" y1="{num(mid)}" x2="{num(centre)}" y2="{num(axis_y)}"/>'
        )
        label = esc(f"{display(event['date'], lang)}: {event['title']}")
        marks.append(f'<a href="{esc(href_for(event))}" aria-label="{label}">')
        marks.append(f"<title>{label}</title>")
        marks.append(
            f'<rect class="{_CLASS}-hit" x="{num(left)}" y="{num(mid - _HIT / 2)}"'
            f' width="{num(right - left)}" height="{num(_HIT)}" rx="4"/>'
        )
        colour = f'class="{_CLASS}-mark {_CLASS}-s0" fill="{PALETTE[0]}"'
        if parse_date(event["date"]).precision == "range" and x2 - x1 > 10:
            marks.append(f'<rect {colour} x="{num(x1)}" y="{num(mid - 5)}" width="{num(x2 - x1)}" height="10" rx="5"/>')
        else:
            marks.append(f'<circle {colour} cx="{num(centre)}" cy="{num(mid)}" r="6"/>')
        marks.append("</a>")
    body += marks
    head = svg_open(
        _W,
        axis_y + 26,
        id_prefix=id_prefix,
        title=title,
        desc=desc or f"{len(placed)} events from {start} to {stop}; each mark links to its event.",
        css_class=_CLASS,
        style=_STYLE,
        role="group",
        max_width="48rem",
    )
    return "\n".join([*head, *body, "</svg>"]) + "\n"


def timeline_json(events: Iterable[Event], corpus_meta: Mapping[str, Any], lang: str = "en") -> str:
    """The project's own timeline export: ``{format, version, corpus, events: [...]}``, events in order.

    Each event: ``id``, ``date`` (EDTF as in the corpus), ``date_as_written``,
    ``precision`` (year, month, day or range), ``start`` / ``end`` (EDTF points; end null
    but for intervals), ``display`` (in ``lang``), ``group``, ``title``, ``description``,
    ``actors``, ``sources``, ``paragraphs``, ``tables``, ``figures`` and ``translations``.
    Absent text fields are null and absent lists empty, so every event has every key.
    """
    out = []
    for event in sort_events(events):
        date = parse_date(event["date"])
        out.append(
            {
                "id": event["id"],
                "date": event["date"],
                "date_as_written": event.get("date_as_written"),
                "precision": date.precision,
                "start": date.start.iso(),
                "end": date.end.iso() if date.end else None,
                "display": display(date, lang),
                "group": group_key(event, lang),
                "title": event["title"],
                "description": event.get("description"),
                "actors": list(event.get("actors") or []),
                "sources": list(event.get("sources") or []),
                "paragraphs": list(event.get("paragraphs") or []),
                "tables": list(event.get("tables") or []),
                "figures": list(event.get("figures") or []),
                "translations": dict(event.get("translations") or {}),
            }
        )
    return json_text({"format": "alliance-site/timeline", "version": 1, "corpus": dict(corpus_meta), "events": out})


def _tl_date(point: Point) -> dict[str, int]:
    date = {"year": point.year}
    if point.month:
        date["month"] = point.month
    if point.day:
        date["day"] = point.day
    return date


def timelinejs_json(
    events: Iterable[Event],
    title: str,
    *,
    text: str = "",
    lang: str = "en",
    href_for: Callable[[Event], str] | None = None,
    link_text: str = "Read in context",
) -> str:
    """The events in TimelineJS3's JSON format, ready to pass to ``new TL.Timeline(id, url)``.

    ``title`` (and ``text``) make the title slide. Each event becomes a slide with
    ``start_date`` (and ``end_date`` for an interval) holding ``year`` and only the
    ``month`` / ``day`` the date has, ``display_date`` at the date's own precision,
    ``text`` {``headline``, ``text``}, ``group`` (era or decade) and ``unique_id`` (the
    event id). TimelineJS reads headline and text as HTML, so all corpus text is
    HTML-escaped; with ``href_for`` each slide ends with a link to the event's page.
    """
    slides = []
    for event in sort_events(events):
        date = parse_date(event["date"])
        body = f"<p>{escape(event['description'])}</p>" if event.get("description") else ""
        if href_for:
            body += f'<p><a href="{escape(href_for(event))}">{escape(link_text)}</a></p>'
        slide: dict[str, Any] = {"start_date": _tl_date(date.start)}
        if date.end and date.end != date.start:
            slide["end_date"] = _tl_date(date.end)
        slide["display_date"] = display(date, lang)
        slide["text"] = {"headline": escape(event["title"]), "text": body}
        slide["group"] = escape(group_key(event, lang))  # TimelineJS shows the group label as HTML too
        slide["unique_id"] = event["id"]
        slides.append(slide)
    return json_text({"title": {"text": {"headline": escape(title), "text": escape(text)}}, "events": slides})
