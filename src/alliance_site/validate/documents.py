"""A loaded content file as the validator sees it: kind, display name, data, positions, text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..load.safe_yaml import LoadedYaml

__all__ = ["Document"]


@dataclass
class Document:
    """One parsed corpus file. ``text`` is kept to point inside long paragraph texts."""

    kind: str
    file: str
    loaded: LoadedYaml
    text: str

    @property
    def data(self) -> dict:
        return self.loaded.data if isinstance(self.loaded.data, dict) else {}

    def where(self, path: tuple, *, key: bool = False) -> tuple[int, int]:
        return self.loaded.where(path, key=key)

    def find(self, path: tuple, needle: str | re.Pattern, nth: int = 0) -> tuple[int, int]:
        """Position of the ``nth`` (0-based) occurrence of ``needle`` in the file at or after the value at ``path``.

        Paragraph texts are often folded block scalars, so an offset inside the
        value cannot be mapped to a column arithmetically; the words themselves
        are in the file, and finding them gives the position an editor looks at.
        ``needle`` may be a compiled pattern, to find a key only where it ends.
        """
        pattern = needle if isinstance(needle, re.Pattern) else re.compile(re.escape(needle))
        line, col = self.where(path)
        lines = self.text.split("\n")
        for i in range(line - 1, len(lines)):
            for hit in pattern.finditer(lines[i], col - 1 if i == line - 1 else 0):
                if nth == 0:
                    return (i + 1, hit.start() + 1)
                nth -= 1
        return (line, col)
