"""Findings about the site's own settings (``mkdocs.yml``), not the corpus: ``site_url``, without which
the sitemap, the canonical links and the absolute URLs of the Highwire ``citation_*`` tags are empty.
A note: a site read from disk or served locally needs none."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem
from .verdict import NOTE

__all__ = ["site_url_finding", "site_url_in"]

_SITE_URL = re.compile(r"^site_url:[ \t]*['\"]?([^'\"#\s]+)", re.MULTILINE)


def site_url_in(mkdocs_yml: Path) -> str:
    """The top-level ``site_url`` written in ``mkdocs_yml`` ('' when none, or the file cannot be read)."""
    try:
        m = _SITE_URL.search(mkdocs_yml.read_text("utf-8", "replace"))
    except OSError:
        return ""
    return m[1] if m else ""


def site_url_finding(config_file: str, site_url: str) -> Problem | None:
    if site_url:
        return None
    return Problem(
        config_file,
        1,
        1,
        NOTE,
        "site_url is not set: the sitemap, canonical links and absolute citation URLs (citation_* tags) are empty",
        "add 'site_url: https://…/' with the address the site is published at (README: Publish)",
    )
