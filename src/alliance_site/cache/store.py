"""A folder of JSON cache entries, each trusted only after its header and digest check out.

An entry is one header line, ``{"format", "version", "kind", "key", "bytes", "sha256"}``, then the
payload's canonical JSON: the digest is of those payload bytes, so a truncated, edited or foreign file
is a miss (and is rebuilt), never a wrong answer, and checking it needs no second serialisation.
JSON, not pickle: loading a cache must never run code.

The payload is written as it is serialised, piece by piece (:func:`canonical_pieces`), its size and
digest counted on the way; the header, known only then, goes into the room left for it at the start
(padded with spaces, which JSON ignores). A build's whole output is one entry: serialised in one piece
it would sit in memory twice more (as text, then as bytes) at the build's peak.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["FORMAT", "VERSION", "JsonStore", "cache_folder", "canonical", "canonical_pieces"]

FORMAT = "alliance-site-cache"
VERSION = 2
# A cache entry larger than this is not read (a bounded read, whatever the folder holds).
MAX_ENTRY_BYTES = 512 * 1024 * 1024
_WRITE_BUFFER = 1024 * 1024


def canonical(value: Any) -> bytes:
    """The one byte form of a JSON value that digests are taken of."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _canonical_text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_pieces(value: Any, depth: int = 3) -> Iterator[str]:
    """:func:`canonical` of ``value`` as consecutive pieces of text (joined and encoded, the same bytes):
    the containers of its first ``depth`` levels are written out here, each value below them in one
    piece, so that no piece is much larger than one of the values there (one page of a build)."""
    if depth > 0 and isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield "{"
        for i, key in enumerate(sorted(value)):
            yield ("," if i else "") + _canonical_text(key) + ":"
            yield from canonical_pieces(value[key], depth - 1)
        yield "}"
    elif depth > 0 and isinstance(value, (list, tuple)):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ","
            yield from canonical_pieces(item, depth - 1)
        yield "]"
    else:
        yield _canonical_text(value)


def _header(kind: str, key: str, size: int, digest: str) -> bytes:
    return canonical({"format": FORMAT, "version": VERSION, "kind": kind, "key": key, "bytes": size, "sha256": digest})


def _header_room(kind: str, key: str) -> int:
    # The widest header this entry can have: a size of 20 digits, a sha256 is always 64 hex digits.
    return len(_header(kind, key, 10**19, "0" * 64))


class JsonStore:
    """Entries under ``folder/<kind>/<key[:2]>/<key>.json``; ``folder=None`` is a store that keeps nothing
    (``--no-cache``). ``hits`` and ``misses`` count lookups, for tests and the benchmark."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None
        self.hits = 0
        self.misses = 0
        self.used: set[tuple[str, str]] = set()

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        if not (key.isalnum() and kind.replace("-", "").isalnum()):
            raise ValueError(f"not a cache key: {kind}/{key}")
        return self.folder / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> Any | None:
        """The payload stored under ``kind``/``key``, or None when absent or not to be trusted."""
        if self.folder is None:
            return None
        payload = self._read(self._path(kind, key), kind, key)
        if payload is None:
            self.misses += 1
        else:
            self.hits += 1
            self.used.add((kind, key))
        return payload

    @staticmethod
    def _read(path: Path, kind: str, key: str) -> Any | None:
        try:
            if path.stat().st_size > MAX_ENTRY_BYTES:
                return None
            raw = path.read_bytes()
            newline = raw.find(b"\n")
            if newline < 0:
                return None
            header = json.loads(raw[:newline])
            if not isinstance(header, dict):
                return None
            if (header.get("format"), header.get("version"), header.get("kind"), header.get("key")) != (
                FORMAT,
                VERSION,
                kind,
                key,
            ):
                return None
            # The payload is read where it lies in the file's bytes (a view, not a copy of a large entry).
            with memoryview(raw)[newline + 1 :] as body:
                if header.get("bytes") != len(body) or header.get("sha256") != hashlib.sha256(body).hexdigest():
                    return None
                text = str(body, "utf-8")
            del raw
            return json.loads(text)
        except (OSError, ValueError, RecursionError):
            return None

    def put(self, kind: str, key: str, payload: Any) -> None:
        """Store ``payload`` atomically (a reader sees the old entry or the new one, never half of one).
        A cache that cannot be written is no error: the build goes on without it."""
        if self.folder is None:
            return
        path = self._path(kind, key)
        room = _header_room(kind, key)
        digest, size = hashlib.sha256(), 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb", buffering=_WRITE_BUFFER) as out:
                    out.write(b" " * room + b"\n")
                    for piece in canonical_pieces(payload):
                        data = piece.encode("utf-8")
                        digest.update(data)
                        size += len(data)
                        out.write(data)
                    out.seek(0)
                    out.write(_header(kind, key, size, digest.hexdigest()).ljust(room))
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return
        self.used.add((kind, key))

    def prune(self, kind: str) -> None:
        """Delete the entries of ``kind`` this store neither read nor wrote (so the folder does not grow
        with every edit). Only ``*.json`` files inside the store's own folder are touched."""
        if self.folder is None:
            return
        keep = {key for k, key in self.used if k == kind}
        for path in sorted((self.folder / kind).glob("*/*.json")):
            if path.stem not in keep and not path.is_symlink():
                try:
                    path.unlink()
                except OSError:
                    pass


def cache_folder(project_root: Path, enabled: bool = True) -> Path | None:
    """Where a project's cache lives: ``.cache/alliance-site/`` beside its mkdocs.yml. None (no cache)
    when ``enabled`` is false or the environment sets ALLIANCE_SITE_NO_CACHE (e.g. ``=1``)."""
    if not enabled or os.environ.get("ALLIANCE_SITE_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    return Path(project_root) / ".cache" / "alliance-site"
