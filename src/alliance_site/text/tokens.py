"""The tokens inline markup is parsed into: running text, citations of one or more works, and
cross-references to units; each with its offsets in the raw text, for ``file:line:column`` messages."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Citation", "CiteItem", "CrossRef", "MarkupError", "Text", "Token"]


@dataclass(frozen=True)
class CiteItem:
    """One work cited: key, optional locator (with its CSL label), prefix and suffix."""

    key: str
    locator: str = ""
    label: str = ""
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    offset: int = 0  # offset of the key in the paragraph text, for error positions


@dataclass(frozen=True)
class Citation:
    """A citation of one or more works; ``bracketed`` is False for narrative ``@key``."""

    items: tuple[CiteItem, ...]
    bracketed: bool
    start: int
    end: int
    source_text: str = ""


@dataclass(frozen=True)
class CrossRef:
    """A reference to a table, figure, event or section: ``@tbl:id``."""

    kind: str
    id: str
    start: int
    end: int


@dataclass(frozen=True)
class Text:
    """Plain running text at raw offset ``start``: either the raw text verbatim, or one escaped
    character (``\\@`` → ``@``), whose raw form is two characters long."""

    text: str
    start: int = 0


Token = Text | Citation | CrossRef


@dataclass
class MarkupError(ValueError):
    """Malformed markup at ``offset`` of the text."""

    message: str
    offset: int
    hint: str = field(default="")

    def __str__(self) -> str:
        return self.message
