"""The one verdict on a corpus: what each severity of finding means, and whether a run fails.

``alliance-site validate [--strict]`` and the MkDocs plugin (``mkdocs build [--strict]``, and its
``strict_content`` option) decide with :func:`fails` alone, so the two can never disagree.

* ``error``: the site cannot be built faithfully (a file that cannot be read, an unknown key, a
  citation of a source that does not exist). Every run fails.
* ``warning``: the site builds, but something the editors wrote is probably a mistake (a number
  that YAML read differently from how the corpus language writes it, a chapter not listed in
  corpus.yml). Strict runs fail: ``validate --strict``, ``mkdocs build --strict``.
* ``note``: editorial state shown on the site, never a reason to fail: the source text's own
  inconsistencies (a total that does not add up: the original is reproduced as written, with an
  editorial note beside it), an entry still waiting for its translation (the reading edition shows
  it as untranslated), a source in the bibliography that no paragraph cites yet.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Problem

__all__ = ["ERROR", "NOTE", "SEVERITIES", "WARNING", "count", "fails", "summary"]

ERROR, WARNING, NOTE = "error", "warning", "note"
#: The severities, from the one that always fails to the one that never does.
SEVERITIES = (ERROR, WARNING, NOTE)


def fails(problems: Iterable[Problem], *, strict: bool) -> bool:
    """Whether a run fails: on any error; on any warning too when ``strict``; never on notes."""
    failing = (ERROR, WARNING) if strict else (ERROR,)
    return any(p.severity in failing for p in problems)


def count(problems: Iterable[Problem]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for p in problems:
        counts[p.severity] += 1
    return counts


def summary(problems: Iterable[Problem]) -> str:
    """``"0 error(s), 1 warning(s), 3 note(s)"``."""
    counts = count(problems)
    return ", ".join(f"{counts[s]} {s}(s)" for s in SEVERITIES)
