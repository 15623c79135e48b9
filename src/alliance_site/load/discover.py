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
    """A corpus file: its kind, its path, and the path shown to editors in messages."""

    kind: str
    path: Path
    display: str


def discover(content_dir: Path, display_root: Path | None = None) -> tuple[list[ContentFile], list[Path]]:
    """Return the corpus files in a stable order, and YAML files in places no kind lives."""
    content_dir = Path(content_dir)
    root = display_root or content_dir.parent

    def shown(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    found: list[ContentFile] = []
    stray: list[Path] = []
    for path in sorted(content_dir.rglob("*")):
        if path.suffix not in _SUFFIXES or not path.is_file():
            continue
        rel = path.relative_to(content_dir)
        if len(rel.parts) == 1 and path.stem in ("corpus", "glossary"):
            found.append(ContentFile(KINDS[path.stem], path, shown(path)))
        elif len(rel.parts) == 2 and rel.parts[0] in KINDS and rel.parts[0] not in ("corpus", "glossary"):
            found.append(ContentFile(KINDS[rel.parts[0]], path, shown(path)))
        else:
            stray.append(path)
    return found, stray
