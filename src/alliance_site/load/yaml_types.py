"""What loading a corpus file gives: its data with the position of every value, or a problem at a
position; and the bounds that loading keeps within."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DEFAULT_LIMITS", "Limits", "LoadedYaml", "YamlProblem", "position"]


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or mistaken file from exhausting the build."""

    max_bytes: int = 2_000_000
    max_nodes: int = 200_000
    max_aliases: int = 100
    max_depth: int = 50
    #: characters of text the loaded data may hold once every alias is expanded: a file without
    #: aliases never comes near it (it is twice the file limit), one 1 MB text repeated by 300
    #: aliases (300 MB) is refused at its third use
    max_expanded_chars: int = 4_000_000
    max_number_digits: int = 60


#: The bounds every corpus file is loaded within, unless a caller gives others.
DEFAULT_LIMITS = Limits()


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read as corpus YAML, with a 1-based position."""

    line: int
    column: int
    message: str
    hint: str = ""


@dataclass
class LoadedYaml:
    """Plain data plus positions: ``marks[path]`` is (line, column) of the value at ``path``;
    ``key_marks[path]`` is the position of the mapping key that names it."""

    data: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: tuple, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``, falling back to its nearest ancestor."""
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]


def position(mark) -> tuple[int, int]:
    """The 1-based (line, column) of a PyYAML mark."""
    return (mark.line + 1, mark.column + 1)
