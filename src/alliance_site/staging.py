"""Atomic output: a build writes into a staging folder beside the site, which replaces the site only
when the whole build succeeded, so a failed build never leaves a half-made site. Free of MkDocs."""

from __future__ import annotations

import os
import shutil

__all__ = ["discard", "staging_dir", "swap_in"]


def staging_dir(site_dir: str) -> str:
    """The staging folder of ``site_dir``: ``site.partial`` beside ``site``."""
    return site_dir.rstrip("/\\") + ".partial"


def swap_in(staging: str, site_dir: str) -> None:
    """Replace ``site_dir`` with the finished ``staging`` folder. The old site is moved aside first
    and removed last, so at every moment one complete site exists under one of the two names."""
    old = site_dir.rstrip("/\\") + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(site_dir):
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(site_dir: str) -> None:
    """Remove what a failed build staged for ``site_dir``."""
    shutil.rmtree(staging_dir(site_dir), ignore_errors=True)
