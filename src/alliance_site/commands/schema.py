"""``alliance-site schema DIR``: write the JSON Schemas of every kind of content file."""

from __future__ import annotations

import json
from pathlib import Path

from ..validate.schema import SCHEMA_KINDS, schema_for


def register(sub) -> None:
    p = sub.add_parser("schema", help="export the JSON Schemas (draft 2020-12) of the content files")
    p.add_argument("dir", help="folder to write <kind>.schema.json files into")


def run(args) -> int:
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    for kind in SCHEMA_KINDS:
        text = json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"
        (out / f"{kind}.schema.json").write_text(text, "utf-8")
        print(out / f"{kind}.schema.json")
    return 0
