"""Content hashes of a build's inputs: the bytes of folders of files, the package's own code and the
versions of the libraries it runs, each added under a label so that no two inputs can be confused."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from importlib import metadata
from pathlib import Path
from typing import Any

from .store import canonical

# The canonical JSON of a str (canonical() of a one-file label and digest size, without its overhead).
_json_text = json.encoder.encode_basestring

__all__ = ["Fingerprint", "code_fingerprint", "tree_digest"]

_CODE_SUFFIXES = (".py", ".j2", ".json", ".css", ".js", ".html", ".csl", ".xml")


class Fingerprint:
    """A sha256 over labelled values: ``Fingerprint().add("style", data).hexdigest()``."""

    def __init__(self, *parts: tuple[str, Any]):
        self._hash = hashlib.sha256()
        for label, value in parts:
            self.add(label, value)

    def add(self, label: str, value: Any) -> Fingerprint:
        body = value if isinstance(value, bytes) else canonical(value)
        self._hash.update(canonical([label, len(body)]))
        self._hash.update(body)
        return self

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def tree_digest(folder: Path | None) -> str:
    """A digest of every file under ``folder``: relative paths and bytes, in sorted order; a missing
    folder has its own digest. Unreadable files count by their error, so they cannot hit a cache."""
    hasher = Fingerprint()
    if folder is None or not Path(folder).is_dir():
        return hasher.add("absent", str(folder)).hexdigest()
    # Plain strings, not Path objects: a warm build hashes every corpus file, and Path's per-file
    # overhead was most of that time. The digest is the one Fingerprint.add gives for each file.
    top = os.path.join(os.fspath(folder), "")
    update = hasher._hash.update
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            relative = path[len(top) :].replace(os.sep, "/")
            try:
                with open(path, "rb") as file:
                    body = hashlib.sha256(file.read()).digest()
            except OSError as exc:
                hasher.add(relative, f"unreadable: {exc.strerror}")
                continue
            update(b"[" + _json_text(relative).encode("utf-8") + b",32]")
            update(body)
    return hasher.hexdigest()


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0]


@functools.cache
def code_fingerprint() -> str:
    """The package's own files (an editable install changes without a new version number) and the
    versions of the libraries it requires: a new release of either makes every cache entry stale."""
    from .. import __file__ as package_init

    package = Path(package_init).parent
    hasher = Fingerprint()
    for path in sorted(package.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            hasher.add(path.relative_to(package).as_posix(), hashlib.sha256(path.read_bytes()).digest())
    try:
        requirements = metadata.requires("alliance-site") or []
        hasher.add("alliance-site", metadata.version("alliance-site"))
    except metadata.PackageNotFoundError:
        requirements = []
    for name in sorted({_requirement_name(r) for r in requirements if "extra ==" not in r}):
        try:
            hasher.add(name, metadata.version(name))
        except metadata.PackageNotFoundError:
            hasher.add(name, None)
    return hasher.hexdigest()
