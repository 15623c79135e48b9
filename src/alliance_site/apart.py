"""The generator phase in a child process, so that its memory is the operating system's again before
MkDocs builds.

A cold build's generator holds the whole corpus model, every formatted citation and the CSL engine's
heap at its peak; after it, most of that is garbage that the Python process keeps (freed memory stays in
its heap) while MkDocs then needs as much again for the pages. Forked, the generator's peak ends with the
child: the parent receives only the finished :class:`~alliance_site.site.SiteBuild` (pickled pages,
navigation, problems). Where ``fork`` is missing or unsafe (another thread runs), or the child fails in
any way, the phase runs in the process itself: same result, only the memory differs. Free of MkDocs imports.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from pathlib import Path

from .site import SiteBuild, build_site

__all__ = ["build_site_apart"]


def _child(conn, content_dir: Path, kwargs: dict) -> None:
    try:
        build = build_site(content_dir, **kwargs)
        conn.send_bytes(pickle.dumps(build, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # noqa: BLE001 - the parent runs the phase again itself and meets the error there
        conn.send_bytes(b"")
    finally:
        conn.close()


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
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, content_dir, kwargs), daemon=True)
    try:
        child.start()
        send.close()
        data = receive.recv_bytes()
    except (OSError, EOFError):
        data = b""
    finally:
        receive.close()
        child.join()
    if not data or child.exitcode != 0:
        return build_site(content_dir, **kwargs)
    build = pickle.loads(data)
    return build if isinstance(build, SiteBuild) else build_site(content_dir, **kwargs)
