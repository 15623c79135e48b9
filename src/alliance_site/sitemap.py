"""``sitemap.xml.gz`` the same bytes for the same input: MkDocs stamps its gzip header with the
build time (the newest page date), so two builds of one corpus on different days differ. Rewritten
here with the header's time from ``SOURCE_DATE_EPOCH``, or zero (gzip's "no time"). Free of MkDocs."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

__all__ = ["rewrite_sitemap_gz"]


def rewrite_sitemap_gz(site_dir: str | Path, environ=os.environ) -> None:
    """Write ``site_dir/sitemap.xml.gz`` again from ``sitemap.xml``, deterministically (no-op without it)."""
    xml = Path(site_dir) / "sitemap.xml"
    if not xml.is_file():
        return
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    mtime = int(epoch) if epoch.isdigit() else 0
    with (
        open(xml.with_name("sitemap.xml.gz"), "wb") as out,
        gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=out, mtime=mtime) as packed,
    ):
        packed.write(xml.read_bytes())
