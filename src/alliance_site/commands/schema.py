"""``alliance-site schema [DIR]``: write the JSON Schemas of every kind of content file (by default into
the corpus, ``content/schemas/``, where the files' ``$schema`` lines find them wherever the corpus lives)."""

from __future__ import annotations

from pathlib import Path

from ..scaffold_schemas import SCHEMA_FOLDER, write_schemas


def register(sub) -> None:
    p = sub.add_parser("schema", help="export the JSON Schemas (draft 2020-12) of the content files")
    p.add_argument(
        "dir",
        nargs="?",
        default=f"content/{SCHEMA_FOLDER}",
        help=f"folder to write into (default: content/{SCHEMA_FOLDER})",
    )


def run(args) -> int:
    for path in write_schemas(Path(args.dir)):
        print(path)
    return 0
