"""Walk a chapter's outline (sections within sections, blocks within each) in reading order.

Shared by the validator, which needs the YAML path of every block for its
messages, and by the model, which needs the same order: one walker, so they
can never disagree about what comes first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["OutlineItem", "walk"]


@dataclass(frozen=True)
class OutlineItem:
    """A section heading or a block, with where it sits."""

    kind: str  # "section" | "paragraph" | "table" | "figure"
    data: dict
    path: tuple  # YAML path inside the chapter file
    sections: tuple  # enclosing section dicts, outermost first
    depth: int  # heading depth of a section: 1 for the chapter's top-level sections


def _block_kind(block: dict) -> str:
    if "table" in block:
        return "table"
    if "figure" in block:
        return "figure"
    return "paragraph"


def walk(chapter: dict) -> Iterator[OutlineItem]:
    """Yield sections and blocks of ``chapter`` in reading order."""
    yield from _walk(chapter, (), ())


def _walk(node: dict, path: tuple, sections: tuple) -> Iterator[OutlineItem]:
    blocks, subsections = node.get("blocks"), node.get("sections")  # not lists: the schema check reports them
    for i, block in enumerate(blocks if isinstance(blocks, list) else []):
        if isinstance(block, dict):
            yield OutlineItem(_block_kind(block), block, path + ("blocks", i), sections, len(sections))
    for i, section in enumerate(subsections if isinstance(subsections, list) else []):
        if isinstance(section, dict):
            here = path + ("sections", i)
            yield OutlineItem("section", section, here, sections, len(sections) + 1)
            yield from _walk(section, here, sections + (section,))
