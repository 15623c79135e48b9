"""The generator phase in a child process, so that its memory is the operating system's again before
MkDocs builds, and so that MkDocs can work on the first pages while the child renders the others.

A cold build's generator holds the whole corpus model, every formatted citation and the CSL engine's
heap at its peak; after it, most of that is garbage that the Python process keeps (freed memory stays in
its heap) while MkDocs then needs as much again for the pages. Forked, the generator's peak ends with the
child. The child sends its output through a pipe as it is made (:mod:`.page_stream`): first the build
without the planned pages' contents, then each page as it is rendered, so that neither process holds the
output a second time as one block of bytes. Where ``fork`` is missing or unsafe (another thread runs),
the phase runs in the process itself; where the child stops before the end, the process generates what
the child did not send: same result, only the memory and the time differ. Free of MkDocs imports.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .page_stream import PageReader, PageWriter
from .site import SiteBuild, build_site

__all__ = ["StreamedSite", "build_site_apart", "stream_site_apart"]

_PIPE_BUFFER = 1024 * 1024


def _child(write_fd: int, read_fd: int, content_dir: Path, kwargs: dict) -> None:
    os.close(read_fd)  # the parent's end: were it kept open here, the parent would not see the end of the data
    try:
        cache = kwargs.get("cache")
        if cache is not None:
            # The child's copy of the cache ends with it: it keeps no parsed file (freed before the pages render).
            kwargs = {**kwargs, "cache": dataclasses.replace(cache, files=None)}
        with open(write_fd, "wb", buffering=_PIPE_BUFFER) as pipe:
            writer = PageWriter(pipe)
            build = build_site(content_dir, stream=writer, **kwargs)
            if not writer.headed:  # from the cache, or a corpus with errors: all of it at once
                writer.head(build)
            writer.end()
    except BaseException:  # noqa: BLE001 - the parent sees the stream end early and generates the rest
        sys.exit(1)  # (a quiet exit: an exit code, no traceback)


def _one_thread() -> bool:
    """Whether this process runs a single thread (native ones included): only then is a fork safe, since
    a lock another thread holds at the fork stays locked in the child for ever."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class StreamedSite:
    """A generator phase running in a forked child that sends its pages as they are rendered
    (:mod:`.page_stream`). Should the child stop before the end, ``fallback()`` (the same phase in this
    process) is run once and gives what the child did not."""

    def __init__(self, reader: PageReader, child, fallback: Callable[[], SiteBuild]):
        self._reader, self._child, self._fallback = reader, child, fallback
        self._built: SiteBuild | None = None

    @property
    def fell_back(self) -> bool:
        """Whether the child stopped early, so that this process generated the pages itself."""
        return self._built is not None

    def _whole(self) -> SiteBuild:
        if self._built is None:
            self._built = self._fallback()
        return self._built

    def head(self) -> SiteBuild:
        """The build, each planned page's content None until :meth:`content` gives it."""
        head = self._reader.head()
        return head if isinstance(head, SiteBuild) else self._whole()

    def content(self, uri: str) -> str | bytes:
        """The content of the page at ``uri``, waiting for the child to render it (given once)."""
        content = self._reader.content(uri)
        if content is None:
            content = next(page.content for page in self._whole().pages if page.uri == uri)
        return content

    def close(self) -> None:
        """Wait for the child to end (it has, once every page arrived)."""
        self._reader.wait()
        self._child.join()


def stream_site_apart(content_dir: Path, **kwargs) -> StreamedSite | None:
    """:func:`~alliance_site.site.build_site` in a forked child whose pages arrive one by one; None where a
    fork is missing or unsafe (the caller then builds in its own process). The ``cache`` must keep
    nothing in memory that the caller needs afterwards: the child's copy of it is lost."""
    if "fork" not in multiprocessing.get_all_start_methods() or not _one_thread():
        return None
    context = multiprocessing.get_context("fork")
    read_fd, write_fd = os.pipe()
    child = context.Process(target=_child, args=(write_fd, read_fd, content_dir, kwargs), daemon=True)
    try:
        child.start()
    except OSError:  # no child to be had (a process limit)
        os.close(read_fd)
        return None
    finally:
        os.close(write_fd)
    reader = PageReader(os.fdopen(read_fd, "rb", buffering=_PIPE_BUFFER))
    return StreamedSite(reader, child, lambda: build_site(content_dir, **kwargs))


def build_site_apart(content_dir: Path, **kwargs) -> SiteBuild:
    """The whole of :func:`stream_site_apart`'s output, every page's content in (for callers that want
    the child's memory, not the overlap)."""
    streamed = stream_site_apart(content_dir, **kwargs)
    if streamed is None:
        return build_site(content_dir, **kwargs)
    head = streamed.head()
    pages = [
        page if page.content is not None else dataclasses.replace(page, content=streamed.content(page.uri))
        for page in head.pages
    ]
    streamed.close()
    return dataclasses.replace(head, pages=pages)
