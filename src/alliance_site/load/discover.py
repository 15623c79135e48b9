"""Find the corpus files under ``content/`` and say what kind each one is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["KINDS", "ContentFile", "discover"]

#: Folder (or file stem) → kind of entry; one YAML file per entry in the folders.
KINDS = {
    "corpus": "corpus",
    "glossary": "glossary",
    "chapters": "chapter",
    "sources": "source",
    "tables": "table",
    "figures": "figure",
    "events": "event",
}
_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class ContentFile:
    """A corpus file: its kind, its path, and the path shown to editors in messages.

    ``outside`` is True for a symbolic link (of the file or of a folder above it) that leads out of
    ``content/``: it is never read, for what it leads to is no part of the project."""

    kind: str
    path: Path
    display: str
    outside: bool = False


def discover(content_dir: Path, display_root: Path | None = None) -> tuple[list[ContentFile], list[Path]]:
    """Return the corpus files in a stable order, and YAML files in places no kind lives."""
    content_dir = Path(content_dir)
    root = display_root or content_dir.parent

    def shown(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    real_content = content_dir.resolve()

    def outside(path: Path) -> bool:
        return not path.resolve().is_relative_to(real_content)

    found: list[ContentFile] = []
    stray: list[Path] = []
    for path in sorted(content_dir.rglob("*")):
        rel = path.relative_to(content_dir)
        if path.is_symlink() and path.is_dir() and outside(path):  # rglob does not enter it: say so
            kind = KINDS.get(rel.parts[0], "corpus")
            found.append(ContentFile(kind, path, shown(path), True))
            continue
        if path.suffix not in _SUFFIXES or not (path.is_file() or path.is_symlink()):
            continue
        if len(rel.parts) == 1 and path.stem in ("corpus", "glossary"):
            found.append(ContentFile(KINDS[path.stem], path, shown(path), outside(path)))
        elif len(rel.parts) == 2 and rel.parts[0] in KINDS and rel.parts[0] not in ("corpus", "glossary"):
            found.append(ContentFile(KINDS[rel.parts[0]], path, shown(path), outside(path)))
        elif not path.is_file():
            continue
        else:
            stray.append(path)
    return found, stray
