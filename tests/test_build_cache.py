"""The persistent build cache (.cache/alliance-site/): a build that uses it gives exactly the files of a
cold build, cold, warm, and warm after each kind of edit; an entry that does not check out is ignored and
written again; a cache turned off writes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError

from alliance_site.cache.store import FORMAT, JsonStore
from alliance_site.site import BuildCache, build_site

MINIMAL = Path(__file__).parent / "roots" / "minimal"

# One edit of each kind of file, each a real change of what pages show.
EDITS = {
    "source": ("sources/smith2020.yml", "title: ", "title: Edited ", "Edited "),
    "paragraph": ("chapters/one.yml", "An opening paragraph", "An edited opening paragraph", "An edited opening"),
    "event": ("events/war.yml", "title: The war begins", "title: The war begins in earnest", "in earnest"),
    "table": ("tables/numbers.yml", "caption: Some numbers", "caption: Some edited numbers", "Some edited numbers"),
}


def _files(build) -> dict:
    assert build.errors == [], build.errors
    return {page.uri: page.content for page in build.pages} | {"(nav)": build.nav, "(problems)": build.problems}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(MINIMAL / "content", tmp_path / "content")
    return tmp_path / "content"


def _cold(content: Path) -> dict:
    return _files(build_site(content, cache=BuildCache.at(None)))


def test_cold_warm_and_every_kind_of_edit_give_the_bytes_of_a_cold_build(content, tmp_path):
    folder = tmp_path / "cache"
    cache = BuildCache.at(folder)
    assert _files(build_site(content, cache=cache)) == _cold(content)
    assert cache.store.hits == 0 and any(folder.rglob("*.json"))

    warm = BuildCache.at(folder)  # a new process: only the folder is shared
    assert _files(build_site(content, cache=warm)) == _cold(content)
    assert warm.store.hits == 1 and warm.store.misses == 0, "nothing changed: the whole output is one hit"
    assert warm.last_bibliography is None, "nothing changed: nothing was loaded or formatted"

    for kind, (rel, old, new, shows) in EDITS.items():
        _edit(content / rel, old, new)
        cache = BuildCache.at(folder)
        built = _files(build_site(content, cache=cache))
        assert built == _cold(content), kind
        assert any(shows in str(v) for v in built.values()), f"the {kind} edit shows"
        # The citations' context is every source: only a source edit formats the bibliography again.
        assert cache.last_bibliography.engine_started == (kind == "source"), kind


def test_a_change_of_templates_or_options_is_no_hit(content, tmp_path):
    folder = tmp_path / "cache"
    build_site(content, cache=BuildCache.at(folder))
    assert _files(build_site(content, use_directory_urls=False, cache=BuildCache.at(folder))) == _files(
        build_site(content, use_directory_urls=False)
    )
    override = tmp_path / "templates" / "pages"
    override.mkdir(parents=True)
    shipped = Path(__file__).parents[1] / "templates" / "pages" / "glossary.md.j2"
    (override / "glossary.md.j2").write_text(shipped.read_text("utf-8") + "\nOVERRIDDEN\n", "utf-8")
    built = _files(build_site(content, templates_dir=tmp_path / "templates", cache=BuildCache.at(folder)))
    assert "OVERRIDDEN" in built["glossary.md"]


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        # edited: the payload is still JSON, but its digest no longer matches
        lambda raw: (
            raw.partition(b"\n")[0] + b"\n" + json.dumps({"edited": json.loads(raw.partition(b"\n")[2])}).encode()
        ),
        lambda raw: raw.replace(FORMAT.encode(), b"another-tool-cache"),  # foreign
        lambda raw: b"\x80\x81 not json",
        lambda raw: raw.partition(b"\n")[2],  # no header
        lambda raw: raw.replace(b'"version":2', b'"version":1', 1),  # an older format
    ],
    ids=["truncated", "edited", "foreign", "garbage", "headerless", "older"],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(content, tmp_path, damage):
    folder = tmp_path / "cache"
    build_site(content, cache=BuildCache.at(folder))
    for path in _entries(folder):
        path.write_bytes(damage(path.read_bytes()))
    cache = BuildCache.at(folder)
    assert _files(build_site(content, cache=cache)) == _cold(content)
    assert cache.store.hits == 0
    assert cache.last_bibliography.engine_started
    # Written again, and trusted again.
    warm = BuildCache.at(folder)
    assert _files(build_site(content, cache=warm)) == _cold(content) and warm.store.hits == 1


def test_a_well_formed_entry_is_served_but_only_under_its_own_key(tmp_path):
    store = JsonStore(tmp_path)
    store.put("build", "abc123", {"x": 1})
    assert JsonStore(tmp_path).get("build", "abc123") == {"x": 1}
    moved = tmp_path / "build" / "ab" / "abc124.json"
    shutil.copy(tmp_path / "build" / "ab" / "abc123.json", moved)
    assert JsonStore(tmp_path).get("build", "abc124") is None, "an entry copied under another key is not trusted"
    with pytest.raises(ValueError):
        store.get("build", "../escape")


def test_no_cache_reads_and_writes_nothing(content, tmp_path):
    cache = BuildCache.at(None)
    assert _files(build_site(content, cache=cache)) == _cold(content)
    assert cache.store.hits == cache.store.misses == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_old_entries_are_pruned(content, tmp_path):
    folder = tmp_path / "cache"
    build_site(content, cache=BuildCache.at(folder))
    before = {p.name for p in (folder / "build").rglob("*.json")}
    _edit(content / "chapters" / "one.yml", "An opening paragraph", "A first paragraph")
    build_site(content, cache=BuildCache.at(folder))
    after = {p.name for p in (folder / "build").rglob("*.json")}
    assert len(before) == len(after) == 1 and before != after


def test_the_generator_in_a_child_process_gives_what_it_gives_in_this_one(content, tmp_path):
    from alliance_site.apart import build_site_apart

    assert _files(build_site_apart(content, cache=BuildCache.at(tmp_path / "cache"))) == _cold(content)
    # A child that fails (an override that does not compile) leaves the parent to meet the same error.
    pages = tmp_path / "templates" / "pages"
    pages.mkdir(parents=True)
    (pages / "glossary.md.j2").write_text("{% if %}", "utf-8")
    with pytest.raises(TemplateSyntaxError):
        build_site_apart(content, templates_dir=tmp_path / "templates", cache=BuildCache.at(None))
