"""The cache `mkdocs serve` keeps between rebuilds: a rebuild after an edit gives exactly the pages of a
cold build of the edited corpus, while the formatted bibliography is reused as long as the sources are
unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

from alliance_site.site import BuildCache, build_site

MINIMAL = Path(__file__).parent / "roots" / "minimal" / "content"


def _pages(build) -> dict:
    assert build.errors == [], build.errors
    return {page.uri: page.content for page in build.pages}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_rebuilds_equal_cold_builds_and_reuse_the_bibliography(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    cache = BuildCache()
    assert _pages(build_site(content, cache=cache)) == _pages(build_site(content))
    first = cache.bibliography

    # The paragraphs lose their citations of a source: it is now uncited, as a cold build says.
    _edit(content / "chapters" / "one.yml", "citing [@smith2020, p. 12] and", "citing")
    _edit(content / "chapters" / "one.yml", "[@smith2020; @doe2019]", "[@doe2019]")
    warm = _pages(build_site(content, cache=cache))
    assert "smith2020" in cache.bibliography.uncited_keys()
    assert cache.bibliography is first, "the sources did not change: the bibliography is reused"
    assert warm == _pages(build_site(content))

    # A source changes: the bibliography is formatted again, and the page shows the new title.
    _edit(content / "sources" / "smith2020.yml", "title: ", "title: Edited ")
    warm = _pages(build_site(content, cache=cache))
    assert cache.bibliography is not first
    assert warm == _pages(build_site(content))
    assert "Edited" in warm["bibliography/smith2020.md"]
