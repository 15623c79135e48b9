"""Incremental ``mkdocs serve --dirty``: after an edit only the pages whose inputs changed are rendered
and written again, and the served site still equals a cold build, file for file. Free of MkDocs.

MkDocs' dirty build skips every page whose ``File.is_modified()`` is false: its source file is older
than its built page. So the generated pages reach MkDocs as files of :class:`PageSources`, written again
(and so made newer) only when their bytes change. What a changed page cannot carry is kept here too:

* :func:`site_fingerprint` is everything that is in every page (the navigation with its titles, the
  list of files, the configuration, the theme overrides, the hand-written pages); when it changes,
  :func:`make_stale` dates every built file back so that MkDocs builds the whole site again.
* :func:`remove_stale` deletes the built files of pages that are no longer there.
* :class:`SearchIndexRepair`: Material's search plugin, in a dirty reload, keeps the index entries of
  the pages it did not rebuild but assumes one rebuilt page (it drops the old entries of the first one
  only and appends the new ones at the end); the index is put back in the order a cold build writes it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from .cache.fingerprint import Fingerprint

__all__ = ["PageSources", "SearchIndexRepair", "make_stale", "remove_stale", "site_fingerprint"]


class PageSources:
    """The generated pages as files in a folder of this server's own (removed by :meth:`close`)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="alliance-site-serve-"))
        self.written: dict[str, str | bytes] = {}

    def path(self, uri: str, content: str | bytes) -> str:
        """The file holding ``content`` for ``uri``: written again only when the content changed, so
        that its modification time says whether the built page is out of date."""
        target = self.folder / uri
        if self.written.get(uri) != content or not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
            self.written[uri] = content
        return str(target)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _stat_listing(folder: Path) -> list:
    if not folder.is_dir():
        return []
    return sorted(
        [p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns]
        for p in folder.rglob("*")
        if p.is_file()
    )


def site_fingerprint(
    nav: list, files: list, config_file: Path | None, settings: dict, theme_dirs: list[Path], hand_written: list[Path]
) -> str:
    """A digest of what every built page shows besides its own content: ``nav`` (titles and URLs),
    ``files`` (every file's source and destination), the configuration file's bytes and ``settings``
    drawn from it, the theme override folders (names, sizes, times), the hand-written pages' bytes."""
    return Fingerprint(
        ("nav", nav),
        ("files", files),
        ("config", config_file.read_bytes().hex() if config_file and config_file.is_file() else None),
        ("settings", settings),
        ("theme", [[str(folder), _stat_listing(folder)] for folder in theme_dirs]),
        ("pages", [[str(p), p.read_bytes().hex() if p.is_file() else None] for p in hand_written]),
    ).hexdigest()


def make_stale(site_dir: str | Path) -> None:
    """Date every built file back to the epoch: MkDocs' dirty build then renders and copies all again."""
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            os.utime(os.path.join(folder, name), (0, 0))


def remove_stale(site_dir: str | Path, before: set[str], now: set[str]) -> None:
    """Delete the built files (``before`` minus ``now``, absolute paths) of files no longer in the site,
    and the folders that leaves empty."""
    root = Path(site_dir).resolve()
    for path in sorted(before - now):
        target = Path(path)
        if root not in target.parents:
            continue  # only inside the site folder
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


class SearchIndexRepair:
    """Keeps every page's search entries so that the index of a dirty reload is the cold build's."""

    def __init__(self):
        self.entries: dict[str, list] = {}  # page URL -> its entries, as last built
        self.written: list | None = None  # the entries as Material itself last wrote them

    def repair(self, index_file: Path, pages: list[str], rebuilt: list[str]) -> None:
        """Rewrite ``index_file`` (Material's ``search_index.json``) with the entries of ``pages`` (their
        URLs, in the site's order): new ones for the ``rebuilt`` pages (in build order), kept ones else."""
        if not index_file.is_file():
            return
        data = json.loads(index_file.read_text("utf-8"))
        docs = data.get("docs", [])
        new = docs[self._new_from(docs, rebuilt) :]
        self.written = docs
        fresh: dict[str, list] = {url: [] for url in rebuilt}
        for entry in new:
            fresh.setdefault(_page_of(entry["location"]), []).append(entry)
        self.entries = {url: fresh[url] if url in fresh else self.entries.get(url, []) for url in pages}
        data["docs"] = [entry for url in pages for entry in self.entries[url]]
        text = json.dumps(data, separators=(",", ":"), default=str)  # as Material writes it
        if text != index_file.read_text("utf-8"):
            index_file.write_text(text, "utf-8")

    def _new_from(self, docs: list, rebuilt: list[str]) -> int:
        """Where this build's entries start. Material wrote the entries it wrote last time, less those
        whose location starts with that of this build's first entry, then this build's entries: the
        first entry belongs to the first rebuilt page that has any."""
        if self.written is None:
            return 0  # the first build: every entry is new
        for url in rebuilt:
            starts = [i for i, entry in enumerate(docs) if _page_of(entry["location"]) == url]
            for start in starts:
                prefix = docs[start]["location"]
                kept = [e for e in self.written if not e["location"].startswith(prefix)]
                if len(kept) == start and docs[:start] == kept:
                    return start
            if starts:
                break
        if docs == self.written:
            return len(docs)  # no rebuilt page has entries
        raise ValueError("the search index is not the previous one plus this build's entries")
