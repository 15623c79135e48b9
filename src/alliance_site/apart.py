"""The generator phase in a child process, so that its memory is the operating system's again before
MkDocs builds.

A cold build's generator holds the whole corpus model, every formatted citation and the CSL engine's
heap at its peak; after it, most of that is garbage that the Python process keeps (freed memory stays in
its heap) while MkDocs then needs as much again for the pages. Forked, the generator's peak ends with the
child: the parent receives only the finished :class:`~alliance_site.site.SiteBuild` (pickled pages,
navigation, problems), pickled into a pipe as it is serialised and unpickled as it arrives, so that
neither process holds it a second time as one block of bytes. Where ``fork`` is missing or unsafe
(another thread runs), or the child fails in any way, the phase runs in the process itself: same
result, only the memory differs. Free of MkDocs imports.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
import sys
from pathlib import Path

from .site import SiteBuild, build_site

__all__ = ["build_site_apart"]

_PIPE_BUFFER = 1024 * 1024


def _child(write_fd: int, read_fd: int, content_dir: Path, kwargs: dict) -> None:
    os.close(read_fd)  # the parent's end: were it kept open here, the parent would not see the end of the data
    try:
        cache = kwargs.get("cache")
        if cache is not None:
            # The child's copy of the cache ends with it: it keeps no parsed file (freed before the pages render).
            kwargs = {**kwargs, "cache": dataclasses.replace(cache, files=None)}
        build = build_site(content_dir, **kwargs)
        # Pickled into the pipe as it is serialised: the whole output never sits in memory a second time.
        with open(write_fd, "wb", buffering=_PIPE_BUFFER) as pipe:
            pickle.dump(build, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the parent runs the phase again itself and meets the error there
        sys.exit(1)  # (a quiet exit: an exit code, no traceback)


def _one_thread() -> bool:
    """Whether this process runs a single thread (native ones included): only then is a fork safe, since
    a lock another thread holds at the fork stays locked in the child for ever."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def build_site_apart(content_dir: Path, **kwargs) -> SiteBuild:
    """:func:`~alliance_site.site.build_site` run in a forked child (its ``cache`` must keep nothing in
    memory that the caller needs afterwards: the child's copy of it is lost)."""
    if "fork" not in multiprocessing.get_all_start_methods() or not _one_thread():
        return build_site(content_dir, **kwargs)
    context = multiprocessing.get_context("fork")
    read_fd, write_fd = os.pipe()
    child = context.Process(target=_child, args=(write_fd, read_fd, content_dir, kwargs), daemon=True)
    try:
        child.start()
    except OSError:  # no child to be had (a process limit): the phase runs here
        os.close(read_fd)
        return build_site(content_dir, **kwargs)
    finally:
        os.close(write_fd)
    # Read as the child writes. Closed before the child is waited for: a child still writing then gets
    # a broken pipe and ends, instead of waiting for ever for a reader.
    with open(read_fd, "rb", buffering=_PIPE_BUFFER) as pipe:
        try:
            build = pickle.load(pipe)
        except Exception:  # noqa: BLE001 - no output, or a partial one: the child failed
            build = None
    child.join()
    if child.exitcode != 0 or not isinstance(build, SiteBuild):
        return build_site(content_dir, **kwargs)
    return build
