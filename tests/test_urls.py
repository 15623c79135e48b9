"""Where pages live and the relative links between them, with and without ``use_directory_urls``.

Every expected href is written out by hand; a second test resolves each one the way a browser
does (``urljoin`` against the linking page's address) and checks that it lands on the target.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from alliance_site.render.urls import Urls, slug

PAGES = [
    # (source path, URL with directory URLs, URL without)
    ("index.md", "", "index.html"),
    ("glossary.md", "glossary/", "glossary.html"),
    ("chapters/one.md", "chapters/one/", "chapters/one.html"),
    ("bibliography/index.md", "bibliography/", "bibliography/index.html"),
    ("bibliography/smith2020.md", "bibliography/smith2020/", "bibliography/smith2020.html"),
    ("timeline/index.md", "timeline/", "timeline/index.html"),
    ("timeline/war.md", "timeline/war/", "timeline/war.html"),
    ("media/img/chart.png", "media/img/chart.png", "media/img/chart.png"),
]


@pytest.mark.parametrize(("uri", "directory", "flat"), PAGES, ids=[p[0] for p in PAGES])
def test_page_urls(uri, directory, flat):
    assert Urls(use_directory_urls=True).url(uri) == directory
    assert Urls(use_directory_urls=False).url(uri) == flat


LINKS = [
    # (id, from, to, anchor, href with directory URLs, href without)
    ("chapter-to-source", "chapters/one.md", "bibliography/smith2020.md", "", "../../bibliography/smith2020/", "../bibliography/smith2020.html"),
    ("source-to-paragraph", "bibliography/smith2020.md", "chapters/one.md", "p-intro", "../../chapters/one/#p-intro", "../chapters/one.html#p-intro"),
    ("same-page-anchor", "chapters/one.md", "chapters/one.md", "p-second", "#p-second", "one.html#p-second"),
    ("same-page-no-anchor", "chapters/one.md", "chapters/one.md", "", "./", "one.html"),
    ("home-to-chapter", "index.md", "chapters/one.md", "", "chapters/one/", "chapters/one.html"),
    ("chapter-to-home", "chapters/one.md", "index.md", "", "../../", "../index.html"),
    ("home-to-itself", "index.md", "index.md", "", "./", "index.html"),
    ("home-anchor", "index.md", "index.md", "start", "#start", "index.html#start"),
    ("home-to-index-page", "index.md", "bibliography/index.md", "", "bibliography/", "bibliography/index.html"),
    ("index-page-to-entry", "bibliography/index.md", "bibliography/smith2020.md", "", "smith2020/", "smith2020.html"),
    ("entry-to-its-index", "bibliography/smith2020.md", "bibliography/index.md", "ref-smith2020", "../#ref-smith2020", "index.html#ref-smith2020"),
    ("entry-to-sibling-entry", "bibliography/smith2020.md", "bibliography/doe2019.md", "", "../doe2019/", "doe2019.html"),
    ("event-to-chapter-section", "timeline/war.md", "chapters/one.md", "sec-s-one", "../../chapters/one/#sec-s-one", "../chapters/one.html#sec-s-one"),
    ("glossary-to-timeline", "glossary.md", "timeline/index.md", "evt-war", "../timeline/#evt-war", "timeline/index.html#evt-war"),
    ("timeline-to-glossary", "timeline/index.md", "glossary.md", "term-usa", "../glossary/#term-usa", "../glossary.html#term-usa"),
    ("chapter-to-image", "chapters/one.md", "media/img/chart.png", "", "../../media/img/chart.png", "../media/img/chart.png"),
    ("home-to-image", "index.md", "media/img/chart.png", "", "media/img/chart.png", "media/img/chart.png"),
    ("home-to-glossary", "index.md", "glossary.md", "", "glossary/", "glossary.html"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("from_uri", "to_uri", "anchor", "directory", "flat"), [link[1:] for link in LINKS], ids=[link[0] for link in LINKS]
)
def test_href(from_uri, to_uri, anchor, directory, flat):
    assert Urls(use_directory_urls=True).href(from_uri, to_uri, anchor) == directory
    assert Urls(use_directory_urls=False).href(from_uri, to_uri, anchor) == flat


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory-urls", "flat-urls"])
@pytest.mark.parametrize("base", ["https://example.org/", "https://example.org/deep/site/", "file:///tmp/site/"])
def test_every_href_lands_on_its_target(use_directory_urls, base):
    """Resolved as a browser resolves it, from any base path, each link reaches the target page."""
    urls = Urls(use_directory_urls=use_directory_urls)
    uris = [p[0] for p in PAGES if p[0].endswith(".md")] + ["media/img/chart.png"]
    for from_uri in uris:
        if not from_uri.endswith(".md"):
            continue
        for to_uri in uris:
            for anchor in ("", "x-1"):
                href = urls.href(from_uri, to_uri, anchor)
                assert not href.startswith("/"), href  # relative: works under any base path
                landed = urljoin(base + urls.url(from_uri), href)
                assert landed == base + urls.url(to_uri) + (f"#{anchor}" if anchor else ""), (from_uri, to_uri, href)


ENTRIES = [
    ("source", "smith2020", "bibliography/smith2020.md"),
    ("source", "knuth:ct:a", "bibliography/knuth-ct-a.md"),
    ("source", "doe/2019", "bibliography/doe-2019.md"),
    ("table", "numbers", "tables/numbers.md"),
    ("figure", "chart", "figures/chart.md"),
    ("event", "war", "timeline/war.md"),
]


@pytest.mark.parametrize(("kind", "ident", "uri"), ENTRIES, ids=[f"{k}:{i}" for k, i, _ in ENTRIES])
def test_entry_pages(kind, ident, uri):
    assert Urls.entry(kind, ident) == uri


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("smith2020", "smith2020"),
        ("knuth:ct:a", "knuth-ct-a"),
        ("a  b", "a-b"),
        ("-x-", "x"),
        (".x.", "x"),
        ("::", "_"),
    ],
)
def test_slug(text, expected):
    assert slug(text) == expected


@pytest.mark.parametrize(
    ("kind", "ident", "anchor"),
    [
        ("paragraph", "p-intro", "p-intro"),
        ("section", "s-one", "sec-s-one"),
        ("event", "war", "evt-war"),
        ("term", "USA", "term-USA"),
        ("reference", "knuth:ct:a", "ref-knuth-ct-a"),
        ("page", 12, "page-12"),
    ],
)
def test_anchors(kind, ident, anchor):
    assert Urls.anchor(kind, ident) == anchor


def test_fixed_pages():
    urls = Urls()
    assert (urls.home, urls.bibliography, urls.timeline, urls.glossary) == (
        "index.md",
        "bibliography/index.md",
        "timeline/index.md",
        "glossary.md",
    )
    assert Urls.chapter("bab-iv") == "chapters/bab-iv.md"
    assert Urls.asset("/img/a.png") == "media/img/a.png"
