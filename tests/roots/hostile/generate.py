"""Write tests/roots/hostile: a corpus whose every free-text field, of every kind of file, carries the
hostile payloads of tests/support/payloads.py (and a mkdocs.yml to build it).

    .venv/bin/python tests/roots/hostile/generate.py      # rewrites tests/roots/hostile/content etc.

tests/test_hostile.py checks that the committed files are what this script writes, that every free-text
field of every schema carries a payload, and that the built site has none of them live.
"""

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from support.payloads import KEY, KEY2, PM, URL, P

HEAD = "# yaml-language-server: $schema=../../../../../src/alliance_site/schemas/{}.schema.json\n"
TOP = "# yaml-language-server: $schema=../../../../src/alliance_site/schemas/{}.schema.json\n"


def name(p=P):
    """A CSL name with every part hostile (the flags too: the schema lets them be text)."""
    parts = (
        "family",
        "given",
        "dropping-particle",
        "non-dropping-particle",
        "suffix",
        "comma-suffix",
        "static-ordering",
        "parse-names",
    )
    return {part: p for part in parts}


def notes(at=None):
    out = [{"kind": "note", "note": PM, "reading": P}, {"kind": "sic", "reading": P, "note": P}]
    if at:
        out.append({"kind": "correction", "at": at, "reading": P, "note": PM})
    return out


def write(rel, kind, data, top=False):
    path = ROOT / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text((TOP if top else HEAD).format(kind) + text, "utf-8")


TEXT = (
    "Text "
    + P
    + " cites ["
    + P.replace("@", "")
    + " see @"
    + KEY
    + ", p. 12 "
    + P.replace("@", "")
    + "] and @"
    + KEY2
    + " [p. 3] and [-@"
    + KEY2
    + "; @"
    + KEY
    + ", pp. 1-2] and @tbl:t1 and @fig:f1 and @evt:e1 and @sec:s1. "
    + PM
    + " last words here"
)
# The citation syntax reads '[' ... '@': the payload has no '@', but its '[' must not open a citation.
TEXT = (
    TEXT.replace("[x](javascript", "\\[x](javascript")
    .replace("[y](data", "\\[y](data")
    .replace("![z]", "!\\[z]")
    .replace(" [w]:", " \\[w]:")
)
TEXT = TEXT.replace("\n\n[x](", "\n\n\\[x](").replace("\n\n[ref]", "\n\n\\[ref]").replace("@misc", "\\@misc")
write(
    "corpus.yml",
    "corpus",
    {
        "title": P,
        "original_title": P,
        "subtitle": P,
        "description": PM,
        "language": "en",
        "genre": P,
        "type": "thesis",
        "author": [name(), {"literal": P}],
        "institution": P,
        "year": 2020,
        "licence": P,
        "url": URL,
        "editors": [name(), {"literal": P}],
        "edition_note": PM,
        "chapters": ["ch1"],
        "translations": {"fr": {"by": P, "date": "2024", "note": PM, "title": P, "description": PM}},
    },
    top=True,
)


def para(pid, extra=""):
    return {
        "id": pid,
        "text": TEXT + extra,
        "page": 7,
        "page_breaks": [{"page": 8, "before": "last words here"}],
        "editorial": notes(at="onmouseover")
        + [{"kind": "mismatch", "note": P, "refs": ["tbl:t1", "fig:f1", "evt:e1", "sec:s1", "p1"]}],
        "translations": {"fr": {"text": TEXT + extra}},
    }


write(
    "chapters/ch1.yml",
    "chapter",
    {
        "id": "ch1",
        "number": P,
        "title": P,
        "page": 7,
        "editorial": notes(),
        "translations": {"fr": {"title": P}},
        "blocks": [para("p1"), {"table": "t1"}],
        "sections": [
            {
                "id": "s1",
                "number": P,
                "title": P,
                "page": 9,
                "editorial": notes(),
                "translations": {"fr": {"title": P}},
                "blocks": [para("p2"), {"figure": "f1"}, {"figure": "f2"}, {"figure": "f3"}],
                "sections": [{"id": "s2", "title": PM, "translations": {"fr": {"title": PM}}, "blocks": [para("p3")]}],
            }
        ],
    },
)

SCHEMAS = Path(__file__).resolve().parents[3] / "src" / "alliance_site" / "schemas"


def source(key, typ, **more):
    """Every field of the source schema: free text gets the payload, names get hostile names."""
    schema = json.loads((SCHEMAS / "source.schema.json").read_text("utf-8"))
    data = {"id": key, "type": typ}
    for field, spec in schema["properties"].items():
        kind = spec.get("type")
        if field in data or "pattern" in spec or "enum" in spec:
            continue
        if kind == "string" or (isinstance(kind, list) and "string" in kind):
            data[field] = PM if field in ("note", "abstract", "annote") else P
        elif (
            kind == "array"
            and spec.get("items", {}).get("$ref", "").endswith("name-variable")
            or field
            in (
                "author",
                "editor",
                "translator",
                "chair",
                "collection-editor",
                "compiler",
                "composer",
                "container-author",
                "contributor",
                "curator",
                "director",
                "editorial-director",
                "executive-producer",
                "guest",
                "host",
                "interviewer",
                "illustrator",
                "narrator",
                "organizer",
                "original-author",
                "performer",
                "producer",
                "recipient",
                "reviewed-author",
                "script-writer",
                "series-creator",
                "translator",
            )
        ):
            data[field] = [name(), {"literal": P}]
    data.update(
        {
            "issued": "2019-05-04",
            "accessed": "2020-01-02",
            "original-date": "1950",
            "event-date": "2001/2002",
            "submitted": "2018-01",
            "available-date": "2019",
            "URL": URL,
            "categories": [P],
            "custom": {"note": P},
            "cited_as": [P, P + " 2"],
            "editorial": notes(),
            "language": "en",
        }
    )
    data.update(more)
    return data


write("sources/k1.yml", "source", source(KEY, "article-journal"))
write("sources/evil2.yml", "source", source(KEY2, "webpage", author=[{"literal": PM}], cited_as=PM, language=P))

cell = {"value": 10, "as_written": P, "qualifier": "about", "paragraph": "p1", "sources": [KEY], "note": PM}
write(
    "tables/t1.yml",
    "table",
    {
        "id": "t1",
        "number": P,
        "caption": P,
        "caption_by": "editors",
        "description": PM,
        "sources": [KEY, KEY2],
        "columns": [
            {"id": "a", "label": P, "translations": {"fr": {"label": P}}},
            {"id": "b", "label": PM, "translations": {"fr": {"label": PM}}},
        ],
        "rows": [
            {
                "id": "r1",
                "label": P,
                "unit": P,
                "cells": {"a": cell, "b": {"value": 5, "as_written": PM}},
                "translations": {"fr": {"label": P}},
            },
            {
                "id": "r2",
                "label": PM,
                "unit": PM,
                "cells": {"a": {"value": None, "as_written": P, "note": P}, "b": {"value": 7}},
                "translations": {"fr": {"label": PM}},
            },
        ],
        "derived": [
            {
                "id": "d1",
                "label": P,
                "unit": P,
                "formula": "r1.a + r1.b",
                "stated": {"value": 15, "as_written": P, "paragraph": "p2", "sources": [KEY2], "note": PM},
                "translations": {"fr": {"label": P}},
            }
        ],
        "checks": [{"id": "c1", "cell": "r1.a", "equals": "r1.b * 2", "label": P}],
        "notes": [P, PM],
        "editorial": notes(),
        "translations": {"fr": {"caption": P, "description": PM}},
    },
)
write(
    "tables/t2.yml",
    "table",
    {
        "id": "t2",
        "caption": PM,
        "sources": [KEY],
        "columns": [{"id": "a", "label": P, "translations": {"fr": {"label": P}}}],
        "rows": [
            {
                "id": "r1",
                "label": P,
                "cells": {"a": {"value": 3, "as_written": P}},
                "translations": {"fr": {"label": P}},
            }
        ],
        "translations": {"fr": {"caption": PM}},
    },
)

node = lambda depth: {
    "label": P if depth % 2 else PM,
    "note": PM,
    "translations": {"fr": {"label": P if depth % 2 else PM}},
    **({"children": [node(depth + 1), node(depth + 1)]} if depth < 2 else {}),
}
write(
    "figures/f1.yml",
    "figure",
    {
        "id": "f1",
        "number": P,
        "caption": P,
        "sources": [KEY],
        "source_line": P,
        "url": URL,
        "image": {"path": "images/f1.svg", "alt": PM},
        "description": PM,
        "editorial": notes(),
        "translations": {"fr": {"caption": P, "description": PM}},
    },
)
write(
    "figures/f2.yml",
    "figure",
    {
        "id": "f2",
        "caption": PM,
        "sources": [KEY2],
        "source_line": PM,
        "url": URL,
        "description": PM,
        "structure": node(0),
        "translations": {"fr": {"caption": PM, "description": PM}},
    },
)
write(
    "figures/f3.yml",
    "figure",
    {
        "id": "f3",
        "number": P,
        "caption": P,
        "data_table": "t1",
        "source_line": P,
        "description": P,
        "translations": {"fr": {"caption": P, "description": P}},
    },
)
write(
    "figures/f4.yml",
    "figure",
    {
        "id": "f4",
        "caption": P,
        "source_line": P,
        "sources": [KEY],
        "translations": {"fr": {"caption": P}},
    },
)

for i, (date, era) in enumerate([("1950-06-25", P), ("2010/2016", PM), ("1948", None)], start=1):
    data = {
        "id": f"e{i}",
        "date": date,
        "date_as_written": P,
        "title": P if i != 2 else PM,
        "description": PM,
        **({"era": era} if era else {}),
        "actors": [P, PM, "ok"],
        "sources": [KEY, KEY2],
        "paragraphs": ["p1", "p3"],
        "tables": ["t1"],
        "figures": ["f1", "f4"],
        "editorial": notes(),
        "translations": {"fr": {"title": P if i != 2 else PM, "description": PM}},
    }
    write(f"events/e{i}.yml", "event", data)

write(
    "glossary.yml",
    "glossary",
    {
        "entries": [
            {
                "term": "Text",
                "expansion": P,
                "expanded_by": "editors",
                "forms": ["cites", P],
                "note": PM,
                "translations": {"fr": {"expansion": P, "note": PM}},
            },
            {
                "term": "onmouseover",
                "expansion": PM,
                "expanded_by": "text",
                "note": P,
                "translations": {"fr": {"expansion": PM, "note": P}},
            },
            {"term": P, "expansion": P, "expanded_by": "text", "translations": {"fr": {"expansion": P}}},
        ]
    },
    top=True,
)

svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'
(ROOT / "content" / "images").mkdir(parents=True, exist_ok=True)
(ROOT / "content" / "images" / "f1.svg").write_text(svg, "utf-8")
(ROOT / "docs").mkdir(parents=True, exist_ok=True)
(ROOT / "docs" / ".gitkeep").write_text("")
(ROOT / "mkdocs.yml").write_text(
    """site_name: Hostile corpus
site_url: https://example.org/
docs_dir: docs
theme:
  name: material
  font: false
  language: en
plugins:
  - search
  - alliance-site
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
""",
    "utf-8",
)
