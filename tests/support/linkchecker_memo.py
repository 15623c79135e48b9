"""The LinkChecker CLI, with what it parses remembered by content: run as `python linkchecker_memo.py ARGS`.

With its AnchorCheck plugin on, LinkChecker checks every `page/#anchor` as a URL of its own: it fetches
the page again, parses it again (BeautifulSoup), walks every element again for links to follow and again
for anchors. A chapter of 400 paragraphs has some thousand anchors pointing into it, and every walk of
its 1 MB costs seconds: hours in all. The content of one address does not change during a check, so
this wrapper keeps, per page content (a SHA-256 of the bytes), the parsed page, the anchors found in it,
and whether its links were already queued (the same content at the same address, the #anchor aside,
has the same links). Every URL is still fetched and checked, every anchor still looked up, by
LinkChecker's own code; its options, output and exit code are those of the `linkchecker` command.
"""

from __future__ import annotations

import hashlib
import sys
import threading

from linkcheck import parser
from linkcheck.checker import urlbase
from linkcheck.htmlutil import htmlsoup, linkparse
from linkcheck.plugins import anchorcheck

_lock = threading.Lock()
_soups: dict[bytes, object] = {}
_anchors: dict[bytes, list] = {}
_parsed: set[tuple[str, bytes]] = set()
_make_soup = htmlsoup.make_soup


def _digest(markup) -> bytes:
    data = markup if isinstance(markup, bytes) else str(markup).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).digest()


def make_soup(markup, from_encoding=None):
    key = _digest(markup) + str(from_encoding).encode()
    with _lock:
        soup = _soups.get(key)
    if soup is None:
        soup = _make_soup(markup, from_encoding)
        with _lock:
            _soups[key] = soup
    return soup


def parse_html(url_data):
    soup = url_data.get_soup()
    key = (url_data.url.split("#", 1)[0], _digest(url_data.data))
    with _lock:
        if key in _parsed:
            return  # this page's links are queued already
        _parsed.add(key)
    linkparse.find_links(soup, url_data.add_url, linkparse.LinkTags)


def check_anchors(self, url_data):
    key = _digest(url_data.get_raw_content())
    with _lock:
        anchors = _anchors.get(key)
    if anchors is None:
        collector = anchorcheck.UrlAnchorCheck()
        linkparse.find_links(url_data.get_soup(), collector.add_anchor, linkparse.AnchorTags)
        anchors = collector.anchors
        with _lock:
            _anchors[key] = anchors
    checker = anchorcheck.UrlAnchorCheck()
    checker.anchors = anchors
    checker.check_anchor(url_data)


htmlsoup.make_soup = urlbase.htmlsoup.make_soup = make_soup
parser.parse_html = parse_html
anchorcheck.AnchorCheck.check = check_anchors

if __name__ == "__main__":
    from linkcheck.command.linkchecker import linkchecker

    sys.argv[0] = "linkchecker"
    sys.exit(linkchecker())
