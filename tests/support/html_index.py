"""Read a built site: the ids on each page and every link, for link and anchor checks."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, dict]] = field(default_factory=list)  # (tag, href, attrs)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.page.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.page.ids.add(attrs["name"])
        for attr in ("href", "src"):
            if attrs.get(attr) is not None and tag in ("a", "link", "img", "script"):
                self.page.links.append((tag, attrs[attr], attrs))


def read_page(path: Path) -> PageLinks:
    collector = _Collector()
    collector.feed(path.read_text("utf-8"))
    return collector.page


def resolve(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file and fragment a relative link on ``page`` points to (None for external links)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    base = "" if parts.path.startswith("/") else page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
    path = site / target
    if href.split("#")[0].endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor on every page that does not resolve."""
    pages = {p: read_page(p) for p in site.rglob("*.html")}
    broken = []
    for page, info in pages.items():
        for tag, href, _ in info.links:
            target, fragment = resolve(site, page, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    return broken
