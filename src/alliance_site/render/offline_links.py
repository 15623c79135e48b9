"""The error page of a site read from disk (``file://``): MkDocs writes ``404.html`` with root-absolute
links (``/assets/…``), which a browser resolves from the file system's root. 404.html lies at the site's
root, so the same links written relatively (``./assets/…``) work from disk."""

from __future__ import annotations

import re

__all__ = ["relative_root_links"]

_ROOT_LINK = re.compile(r'\b(href|src)="/(?!/)')
_CONFIG_BASE = re.compile(r'("base":\s*)"/"')


def relative_root_links(html: str) -> str:
    """``html`` (a page at the site's root) with its root-absolute links and Material's base made relative."""
    return _CONFIG_BASE.sub(r'\1"."', _ROOT_LINK.sub(r'\1="./', html))
