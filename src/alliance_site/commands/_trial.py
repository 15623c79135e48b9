"""Try a change to the corpus on a shadow copy before making it, and make it atomically.

``alliance-site new`` writes nothing that would leave the corpus invalid: the new
file (or the changed chapter) is written into a copy of ``content/``, the copy is
validated, and only problems the change itself brings count against it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from ..errors import Problem
from ..safe_write import write_text_safely
from ..validate.run import load_corpus

__all__ = ["new_problems", "shown", "write_atomic"]


def shown(content: Path, path: Path) -> str:
    """``path`` as messages show it: relative to the folder that holds ``content/``."""
    try:
        return path.relative_to(content.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _shadow(content: Path, into: Path) -> Path:
    """A copy of ``content`` to try a change on: YAML files copied, everything else (images) linked."""

    def copy(src, dst):
        if os.path.islink(src):  # a link stays a link (dangling or leading out): the validator judges it
            return os.symlink(os.readlink(src), dst)
        if src.endswith((".yml", ".yaml")):
            return shutil.copy2(src, dst)
        os.symlink(os.path.abspath(src), dst)

    shadow = into / content.resolve().name
    shutil.copytree(content, shadow, copy_function=copy)
    return shadow


def new_problems(content: Path, target: Path, text: str) -> tuple[list[Problem], list[Problem]]:
    """(new errors, new warnings) the change would bring, compared with the corpus as it is now."""
    before = load_corpus(content).problems
    with tempfile.TemporaryDirectory(prefix="alliance-site-new-") as tmp:
        shadow = _shadow(content, Path(tmp))
        shadow_target = shadow / target.resolve().relative_to(content.resolve())
        shadow_target.parent.mkdir(parents=True, exist_ok=True)
        shadow_target.write_text(text, "utf-8", newline="")
        after = load_corpus(shadow).problems
    # Positions shift when a paragraph is inserted: compare by file and message, counting repeats.
    had = Counter((p.file, p.severity, p.message) for p in before)
    fresh = []
    for p in after:
        key = (p.file, p.severity, p.message)
        if had[key]:
            had[key] -= 1
        else:
            fresh.append(p)
    return [p for p in fresh if p.severity == "error"], [p for p in fresh if p.severity != "error"]


def write_atomic(path: Path, text: str) -> None:
    """Atomic: the file is either the old one or the whole new one, never half written; never
    through a symbolic link (:class:`~alliance_site.safe_write.UnsafeWrite`)."""
    write_text_safely(path, text)
