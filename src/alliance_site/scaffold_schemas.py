"""The ``$schema`` line of the files ``init``, ``new`` and ``import-bib`` write: a path relative to the
file, to a schema inside the corpus (``content/schemas/<kind>.schema.json``, written by
``alliance-site schema``), so that an editor's autocompletion works wherever the corpus is copied to;
never a machine's absolute path or a path into the installed package."""

from __future__ import annotations

import os
from pathlib import Path

from .schemas import COMMON, SCHEMA_FILES, schema_text

__all__ = ["HEADER", "SCHEMA_FOLDER", "ensure_schema", "schema_ref", "write_schemas"]

HEADER = "# yaml-language-server: $schema="
#: Where in the corpus folder the schemas live.
SCHEMA_FOLDER = "schemas"


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every kind of content file into ``folder``, and beside them
    ``common.schema.json``, whose definitions their relative ``$ref`` name; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_FILES:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), "utf-8", newline="")
        written.append(path)
    return written


def _sibling_ref(folder: Path) -> str | None:
    """The relative schema path the files already in ``folder`` use, when it resolves there."""
    for sibling in sorted(folder.glob("*.y*ml")):
        try:
            first = sibling.read_text("utf-8", "replace").split("\n", 1)[0]
        except OSError:
            continue
        ref = first[len(HEADER) :].strip() if first.startswith(HEADER) else ""
        if ref and ":" not in ref and not ref.startswith("/") and (folder / ref).is_file():
            return ref
    return None


def schema_ref(content: Path, kind: str, folder: Path) -> str:
    """The ``$schema`` of a ``kind`` file written into ``folder`` of the corpus ``content``: the one its
    siblings use, else the corpus's own schema (see :func:`ensure_schema`)."""
    found = _sibling_ref(folder) if folder.is_dir() else None
    if found:
        return found
    return Path(os.path.relpath(content / SCHEMA_FOLDER / f"{kind}.schema.json", folder)).as_posix()


def ensure_schema(content: Path, written: Path) -> None:
    """After ``written`` was written: if the schema its first line names is not there, write the corpus's
    schemas (``content/schemas/``), so the line resolves; if it is there without the shared definitions
    beside it (a folder written before they were split out), write those, so its ``$ref`` resolve."""
    first = written.read_text("utf-8", "replace").split("\n", 1)[0]
    ref = first[len(HEADER) :].strip() if first.startswith(HEADER) else ""
    if not ref:
        return
    target = written.parent / ref
    if not target.is_file():
        write_schemas(content / SCHEMA_FOLDER)
    elif not (common := target.parent / f"{COMMON}.schema.json").is_file():
        common.write_text(schema_text(COMMON), "utf-8", newline="")
