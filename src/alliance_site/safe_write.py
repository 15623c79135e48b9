"""Writing a file the editor's commands create or replace (``new``, ``import-bib``): atomically, and
never through a symbolic link, so that no command writes outside the project however content/ is
laid out. Free of MkDocs."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["UnsafeWrite", "write_text_safely"]


class UnsafeWrite(Exception):
    """A file that is not written, because writing it would write somewhere else."""

    def __init__(self, path: Path, message: str, hint: str):
        super().__init__(f"{path}: {message} ({hint})")
        self.path, self.message, self.hint = path, message, hint


def write_text_safely(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path``: either the old file stays or the whole new
    one is there. A symbolic link at ``path``, dangling or not, is refused (:class:`UnsafeWrite`): the
    file it points to may be anywhere, and replacing the link would lose what the editor set up."""
    path = Path(path)
    if path.is_symlink():
        raise UnsafeWrite(
            path,
            f"is a symbolic link (to {os.readlink(path)}), not written",
            "replace the link with the file itself, or remove it",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates a new file (O_EXCL): it never opens a link someone left under the temporary name
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
