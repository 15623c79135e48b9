"""Writing imported sources into a corpus: one YAML file per source, never through a link, keeping what
editors wrote by hand (a driver of :mod:`alliance_site.citations.import_bib`, which only converts)."""

from __future__ import annotations

from pathlib import Path

from .citations.import_bib import ImportResult, dump_source, safe_filename
from .load.safe_yaml import YamlProblem, load_yaml
from .safe_write import UnsafeWrite, write_text_safely

__all__ = ["HAND_WRITTEN", "write_sources"]


#: fields an editor writes by hand, which no .bib file holds: ``--force`` keeps them
HAND_WRITTEN = ("cited_as", "editorial")


def write_sources(
    result: ImportResult,
    content_dir,
    force: bool = False,
    schema_url: str | None = None,
    existing: dict[str, Path] | None = None,
) -> list[tuple[str, str, str]]:
    """Write one ``content_dir/sources/<safe name>.yml`` per imported source.

    ``existing`` maps keys the corpus already has to their files: such a source
    goes to that file (whatever its name), so that a key never ends up in two
    files.  An existing file is left alone unless ``force`` (reported as
    ``"skipped: exists"``, never raised); with ``force`` its hand-written fields
    (:data:`HAND_WRITTEN`) are kept, and a file that cannot be read to keep them is
    not replaced.  A symbolic link is never written through.  Returns (key, path,
    action) per source, action being ``"written"``, ``"overwritten"`` (``"overwritten,
    kept editorial"``), ``"skipped: exists"``, ``"skipped: link"`` or ``"skipped: unreadable"``.
    """
    folder = Path(content_dir) / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    existing = existing or {}
    actions = []
    for source in result.sources:
        path = Path(existing.get(source["id"]) or folder / f"{safe_filename(source['id'])}.yml")
        if path.is_symlink():
            actions.append((source["id"], str(path), "skipped: link"))
            continue
        if path.exists() and not force:
            actions.append((source["id"], str(path), "skipped: exists"))
            continue
        action = "written"
        if path.exists():
            try:
                old = load_yaml(path.read_bytes()).data
            except (OSError, YamlProblem):
                actions.append((source["id"], str(path), "skipped: unreadable"))
                continue
            kept = [name for name in HAND_WRITTEN if isinstance(old, dict) and name in old]
            source = {**source, **{name: old[name] for name in kept}}
            action = "overwritten" + (f", kept {', '.join(kept)}" if kept else "")
        try:
            write_text_safely(path, dump_source(source, schema_url))
        except UnsafeWrite:  # a link put there while importing
            actions.append((source["id"], str(path), "skipped: link"))
            continue
        actions.append((source["id"], str(path), action))
    return actions
