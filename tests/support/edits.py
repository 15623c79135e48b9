"""Edits a test makes to a copy of a fixture project, each a function of the project's folder."""

from __future__ import annotations

from pathlib import Path

NEW_SOURCE = "id: new2021\ntype: book\nauthor: [{family: New, given: Ann}]\nissued: 2021\ntitle: A new book\n"


def replace(rel: str, old: str, new: str):
    """An edit that replaces the first ``old`` in the file at ``rel`` by ``new`` (``old`` must be there)."""

    def edit(project: Path) -> None:
        path = project / rel
        text = path.read_text("utf-8")
        assert old in text, rel
        path.write_text(text.replace(old, new, 1), "utf-8")

    return edit


def write(rel: str, text: str | None):
    """An edit that writes ``text`` to the file at ``rel``, or deletes it (None)."""

    def edit(project: Path) -> None:
        if text is None:
            (project / rel).unlink()
        else:
            (project / rel).write_text(text, "utf-8")

    return edit
