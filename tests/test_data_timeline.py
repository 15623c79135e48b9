"""The timeline: order, groups, actors, the SVG strip (golden) and both JSON exports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alliance_site.data.timeline import actors, group_events, sort_events, timeline_json, timeline_svg, timelinejs_json
from support.golden import assert_golden

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(\"x\")</script> & 'q' {{ config }}"

EVENTS = [
    {"id": "iiss-2016", "date": "2016", "title": "IISS estimate of ROK forces", "tables": ["rok-forces-2016"]},
    {
        "id": "korean-war",
        "date": "1950-06-25/1953-07-27",
        "date_as_written": "1950–1953",
        "title": "Korean War",
        "actors": ["ROK", "DPRK", "USA"],
        "paragraphs": ["p-4-2"],
    },
    {
        "id": "war-begins",
        "date": "1950-06-25",
        "title": "North Korea invades",
        "description": "Forces cross the 38th parallel.",
        "actors": ["DPRK"],
        "sources": ["kwak2010"],
    },
    {"id": "rok-founded", "date": "1948", "title": "Republic of Korea founded", "actors": ["ROK"]},
    {"id": "treaty", "date": "1953-10", "title": "Mutual Defense Treaty", "actors": ["USA", "ROK"], "era": "Alliance"},
    {"id": "opcon", "date": "2010/2016", "title": "OPCON transition planned", "actors": ["usa-forces-korea"]},
]
ORDER = ["rok-founded", "war-begins", "korean-war", "treaty", "opcon", "iiss-2016"]


def href(event) -> str:
    return f"#evt-{event['id']}"


def test_sort_and_group() -> None:
    assert [e["id"] for e in sort_events(EVENTS)] == ORDER
    groups = group_events(EVENTS, "id")
    assert [(name, [e["id"] for e in events]) for name, events in groups] == [
        ("1940-an", ["rok-founded"]),
        ("1950-an", ["war-begins", "korean-war"]),
        ("Alliance", ["treaty"]),
        ("2010-an", ["opcon", "iiss-2016"]),
    ]


def test_actors_for_the_filter() -> None:
    assert actors(EVENTS) == ["DPRK", "ROK", "USA", "usa-forces-korea"]


def test_golden_svg() -> None:
    assert_golden("data_timeline.svg", timeline_svg(EVENTS, href, title="Timeline", desc="Overview; the list follows."))


def test_svg_marks_link_to_events_in_order() -> None:
    root = ET.fromstring(timeline_svg(EVENTS, href, title="Overview", lang="id"))
    assert root.get("role") == "group" and root.get("aria-labelledby") == "timeline-title"
    assert root[0].tag == SVG + "title" and root[1].tag == SVG + "desc" and root[1].text
    assert root.get("width") == "100%" and root.get("height") is None
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == [f"#evt-{i}" for i in ORDER]
    assert links[1].get("aria-label") == "25 Juni 1950: North Korea invades"
    assert links[1].find(f"{SVG}title").text == "25 Juni 1950: North Korea invades"
    for a in links:  # every link keeps a 24-unit target
        hit = a.find(f"{SVG}rect[@class='alliance-timeline-hit']")
        assert float(hit.get("width")) >= 24 and float(hit.get("height")) >= 24


def test_svg_marks_do_not_overlap() -> None:
    crowded = [{"id": f"e{i}", "date": f"1950-{i:02d}", "title": f"Event {i}"} for i in range(1, 13)]
    root = ET.fromstring(timeline_svg(crowded, href))
    boxes = []
    for a in root.findall(f"{SVG}a"):
        hit = a.find(f"{SVG}rect")
        x, y, w, h = (float(hit.get(k)) for k in ("x", "y", "width", "height"))
        boxes.append((x, y, x + w, y + h))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_svg_escapes_hostile_text_and_hrefs() -> None:
    events = [{"id": "x", "date": "1950", "title": HOSTILE}]
    text = timeline_svg(events, lambda e: '#x" onclick="alert(1)', title=HOSTILE, desc=HOSTILE)
    assert "<script" not in text and "{{" not in text and "}}" not in text
    root = ET.fromstring(text)
    link = root.find(f"{SVG}a")
    assert link.get("href") == '#x" onclick="alert(1)' and link.get("onclick") is None
    assert link.get("aria-label") == f"1950: {HOSTILE}"


def test_svg_axis_covers_every_event() -> None:
    root = ET.fromstring(timeline_svg(EVENTS, href))
    years = [int(t.text) for t in root.iter(SVG + "text")]
    assert years[0] <= 1948 and years[-1] >= 2017
    assert years == sorted(years)


def test_timeline_json_own_form() -> None:
    data = json.loads(timeline_json(EVENTS, {"title": "Bab IV", "lang": "id"}, lang="id"))
    assert data["format"] == "alliance-site/timeline" and data["version"] == 1
    assert data["corpus"] == {"title": "Bab IV", "lang": "id"}
    assert [e["id"] for e in data["events"]] == ORDER
    war = data["events"][2]
    assert war == {
        "id": "korean-war",
        "date": "1950-06-25/1953-07-27",
        "date_as_written": "1950–1953",
        "precision": "range",
        "start": "1950-06-25",
        "end": "1953-07-27",
        "display": "25 Juni 1950–27 Juli 1953",
        "group": "1950-an",
        "title": "Korean War",
        "description": None,
        "actors": ["ROK", "DPRK", "USA"],
        "sources": [],
        "paragraphs": ["p-4-2"],
        "tables": [],
        "figures": [],
        "translations": {},
    }
    assert data["events"][0]["precision"] == "year" and data["events"][0]["end"] is None


def test_timelinejs_json_format() -> None:
    data = json.loads(timelinejs_json(EVENTS, "Bab IV", text="Timeline of the chapter", href_for=href))
    assert data["title"] == {"text": {"headline": "Bab IV", "text": "Timeline of the chapter"}}
    slides = {s["unique_id"]: s for s in data["events"]}
    assert [s["unique_id"] for s in data["events"]] == ORDER
    # Only the precision the date has: no invented month or day.
    assert slides["rok-founded"]["start_date"] == {"year": 1948}
    assert slides["treaty"]["start_date"] == {"year": 1953, "month": 10}
    assert slides["war-begins"]["start_date"] == {"year": 1950, "month": 6, "day": 25}
    assert "end_date" not in slides["war-begins"]
    assert slides["opcon"]["start_date"] == {"year": 2010} and slides["opcon"]["end_date"] == {"year": 2016}
    assert slides["opcon"]["display_date"] == "2010\u2009–\u20092016"  # CLDR: thin spaces around the dash in English
    assert slides["treaty"]["group"] == "Alliance" and slides["rok-founded"]["group"] == "1940s"
    assert slides["war-begins"]["text"] == {
        "headline": "North Korea invades",
        "text": '<p>Forces cross the 38th parallel.</p><p><a href="#evt-war-begins">Read in context</a></p>',
    }
    for slide in data["events"]:  # the documented date object: numbers, year required
        for key in ("start_date", "end_date"):
            if key in slide:
                assert set(slide[key]) <= {"year", "month", "day"} and all(type(v) is int for v in slide[key].values())


@pytest.mark.parametrize(
    "render", [lambda ev: timelinejs_json(ev, HOSTILE), lambda ev: timeline_json(ev, {"title": HOSTILE})]
)
def test_json_exports_escape_for_html(render) -> None:
    events = [{"id": "x", "date": "1950", "title": HOSTILE, "description": HOSTILE}]
    text = render(events)
    assert "<" not in text and ">" not in text and "&" not in text.replace("\\u0026", "")
    data = json.loads(text)
    if "format" in data:  # the project's own form keeps the text as it is
        assert data["events"][0]["title"] == HOSTILE
    else:  # TimelineJS reads headline and text as HTML: escaped once, shown as written
        assert (
            data["events"][0]["text"]["headline"]
            == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27; {{ config }}"
        )


def test_deterministic() -> None:
    assert timeline_svg(EVENTS, href) == timeline_svg(list(reversed(EVENTS)), href)
    assert timelinejs_json(EVENTS, "t") == timelinejs_json(list(reversed(EVENTS)), "t")
    assert timeline_json(EVENTS, {}) == timeline_json(list(reversed(EVENTS)), {})


@pytest.mark.parametrize(
    ("dates", "first", "last"),
    [
        (["1948", "2021"], 1940, 2030),
        (["1950-06-25"], 1950, 1951),
        (["1000", "2020"], 1000, 2200),
        (["-0500", "0100"], -500, 200),  # year 100 runs to its end, 101
    ],
)
def test_svg_axis_labels_are_round_and_few(dates, first, last) -> None:
    events = [{"id": f"e{i}", "date": d, "title": d} for i, d in enumerate(dates)]
    years = [int(t.text) for t in ET.fromstring(timeline_svg(events, href)).iter(SVG + "text")]
    assert (years[0], years[-1]) == (first, last)
    assert len(years) <= 10


def test_svg_without_events() -> None:
    root = ET.fromstring(timeline_svg([], href))
    assert root.findall(f"{SVG}a") == []
