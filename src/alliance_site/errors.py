"""Problems found in a corpus, each with the place an editor must look at.

Every problem names ``file:line:column``, says what is wrong and how to fix
it. Problems are collected, never raised one by one, so an editor sees all of
them at once; :class:`CorpusError` carries the whole list when a build must stop.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

__all__ = ["CorpusError", "Problem", "format_problems"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: ``error``, ``warning`` or ``note``; what each means for a run is
    :mod:`alliance_site.validate.verdict`'s to say."""

    file: str
    line: int
    column: int
    severity: str  # "error" | "warning" | "note"
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict:
        return asdict(self)


class CorpusError(Exception):
    """Raised when a corpus has errors; ``problems`` holds every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the corpus:\n" + "\n".join(map(str, errors)))


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    """Render problems for a terminal (``text``) or for tools (``json``)."""
    problems = sorted(problems)
    if fmt == "json":
        return json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2)
    return "\n".join(map(str, problems))
