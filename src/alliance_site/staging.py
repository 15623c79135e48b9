"""Atomic output: a build writes into a staging folder of its own beside the site, which replaces the
site only when the whole build succeeded, so a failed build never leaves a half-made site. Free of MkDocs.

* One build at a time per site: a lock (``.site.lock`` beside it, held with ``flock`` for the whole
  build and released by the kernel if the process dies) makes a second build into the same folder
  fail at once with a clear message, instead of two builds sharing one staging folder.
* No moment without a site: the finished staging folder and the old site trade places in one
  ``rename`` (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, the gap as short as it can
  be). A kill at any point leaves the old or the new site, whole, at the published path.
* Nothing of the user's is touched: the old site is moved to the build's own uniquely named folder
  (never to a ``site.old`` that may be the user's) and removed there; a symbolic link ``site`` stays a
  link, the site being replaced where it points; a read-only old site is made writable to be removed.
  Staging folders that a killed build left behind are removed by the next build, under the lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass

__all__ = ["Staging", "StagingError", "begin"]

_PARTIAL = ".partial-"


class StagingError(Exception):
    """The site folder cannot be staged or replaced; the message says why and what to do."""


@dataclass
class Staging:
    """A build's staging folder (``path``) for the site at ``published`` (the real folder, links resolved)."""

    path: str
    published: str
    lock: int

    def swap_in(self) -> None:
        """Make the finished staging folder the site, then remove the old one."""
        if os.path.lexists(self.published):
            _exchange(self.path, self.published)  # self.path now holds the old site
            _remove(self.path)
        else:
            os.rename(self.path, self.published)
        self.release()

    def discard(self) -> None:
        """Remove what a failed build staged."""
        _remove(self.path)
        self.release()

    def release(self) -> None:
        if self.lock >= 0:
            os.close(self.lock)  # closing the descriptor releases the flock
            self.lock = -1


def begin(site_dir: str) -> Staging:
    """Lock the site at ``site_dir`` for this build and create its staging folder beside it."""
    published = os.path.realpath(site_dir)  # a link "site" stays a link: the site is replaced where it points
    parent, name = os.path.split(published)
    if os.path.lexists(published) and not os.path.isdir(published):
        raise StagingError(f"{site_dir} is a file, not a folder (move it away, or build elsewhere with -d)")
    try:
        os.makedirs(parent, exist_ok=True)
        lock = os.open(os.path.join(parent, f".{name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StagingError(
            f"cannot write the site beside {site_dir}: {exc.strerror} (make {parent} writable, or build elsewhere with -d)"
        ) from None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(lock)
        raise StagingError(
            f"another build is writing the site {site_dir} right now (wait for it to finish, or build elsewhere with -d)"
        ) from None
    for stale in os.listdir(parent):  # left by a build that was killed: no build holds them, we hold the lock
        if stale.startswith(name + _PARTIAL):
            _remove(os.path.join(parent, stale))
    try:
        path = tempfile.mkdtemp(prefix=name + _PARTIAL, dir=parent)
    except OSError as exc:
        os.close(lock)
        raise StagingError(
            f"cannot write the site beside {site_dir}: {exc.strerror} (make {parent} writable, or build elsewhere with -d)"
        ) from None
    os.chmod(path, 0o755 & ~_umask())
    return Staging(path, published, lock)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: str, b: str) -> None:
    """Swap the folders at ``a`` and ``b`` in one step where the system can, else in two renames."""
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None) if libc_name else None
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), b)
    aside = a + ".old"  # the build's own unique name: never a folder of the user's
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


def _remove(path: str) -> None:
    """Remove a folder tree, read-only parts too (a site the user made read-only)."""

    def writable_then_retry(function, target, _exc_info):
        os.chmod(os.path.dirname(target), stat.S_IRWXU)
        if os.path.isdir(target) and not os.path.islink(target):
            os.chmod(target, stat.S_IRWXU)
        function(target)

    if os.path.isdir(path) and not os.path.islink(path):
        os.chmod(path, stat.S_IRWXU)
        shutil.rmtree(path, onerror=writable_then_retry)
    elif os.path.lexists(path):
        os.unlink(path)
