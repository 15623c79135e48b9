"""What keeps a build's memory and a cache hit small: a cache entry written piece by piece (the same bytes
as in one piece, and still never trusted when damaged), the forked generator's output streamed through
a pipe (a child that fails halfway leaves the parent to build), and a cache hit that imports none of
the generator's heavy libraries."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_site.cache.fingerprint import Fingerprint, tree_digest
from alliance_site.cache.store import JsonStore, canonical, canonical_pieces
from alliance_site.site import BuildCache, SiteBuild, build_site

MINIMAL = Path(__file__).parent / "roots" / "minimal"

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@given(_JSON, st.integers(min_value=0, max_value=5))
def test_an_entry_written_in_pieces_is_the_canonical_bytes(value, depth):
    assert "".join(canonical_pieces(value, depth)).encode("utf-8") == canonical(value)


@pytest.mark.parametrize(
    "value",
    [
        {"b": [1, (2, 3)], "a": {"é": "«»—\n\"'", "\U0001f600": None}},
        {
            "x": {10: "keys that are not text", 9: [1.5, -0.0, 10**30]}
        },  # json sorts 9 before 10, then makes text of them
        [],
        {},
    ],
)
def test_pieces_agree_with_json_on_awkward_values(value):
    assert "".join(canonical_pieces(value)).encode("utf-8") == canonical(value)


def test_a_streamed_entry_is_its_header_then_the_canonical_payload(tmp_path):
    payload = {"pages": [["index.md", {"text": "x" * 3_000_000 + "é"}, "Home", True]] * 3, "nav": []}
    JsonStore(tmp_path).put("build", "abc123", payload)
    (path,) = (tmp_path / "build").rglob("*.json")
    head, _, body = path.read_bytes().partition(b"\n")
    assert body == canonical(payload)
    header = json.loads(head)
    assert header["bytes"] == len(body) and header["kind"] == "build" and header["key"] == "abc123"
    assert JsonStore(tmp_path).get("build", "abc123") == payload
    # Cut anywhere in the payload, it is a miss.
    for cut in (len(head) + 1, len(head) + 100, len(path.read_bytes()) - 1):
        raw = path.read_bytes()
        path.write_bytes(raw[:cut])
        assert JsonStore(tmp_path).get("build", "abc123") is None
        path.write_bytes(raw)


def test_a_payload_that_cannot_be_written_leaves_no_entry_and_no_temporary_file(tmp_path):
    store = JsonStore(tmp_path)
    with pytest.raises(TypeError):
        store.put("build", "abc123", {"pages": [["a", "b" * 2_000_000], ["c", object()]]})
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert store.get("build", "abc123") is None


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(MINIMAL / "content", tmp_path / "content")
    return tmp_path / "content"


def _files(build: SiteBuild) -> dict:
    assert build.errors == [], build.errors
    return {page.uri: page.content for page in build.pages} | {"(nav)": build.nav, "(problems)": build.problems}


_CUT = """
import os, sys
from pathlib import Path
from alliance_site import apart
from alliance_site.render.generated import GeneratedPage
from alliance_site.site import BuildCache, build_site

parent, real = os.getpid(), apart.build_site


class Cut:
    # Passes the head and three pages on, then a page pickle cannot write: the child dies mid-stream.
    def __init__(self, stream):
        self.stream, self.sent, self.headed = stream, 0, False

    def head(self, build):
        self.stream.head(build)
        self.headed = True

    def page(self, page):
        self.sent += 1
        self.stream.page(page if self.sent <= 3 else GeneratedPage(page.uri, lambda: None))


def cut_halfway(content_dir, *, stream=None, **kwargs):
    return real(content_dir, stream=Cut(stream) if stream and os.getpid() != parent else stream, **kwargs)


apart.build_site = cut_halfway
content = Path(sys.argv[1])
streamed = apart.stream_site_apart(content, cache=BuildCache.at(None))
assert streamed is not None, "no fork"
head = streamed.head()
got = {p.uri: (p.content if p.content is not None else streamed.content(p.uri)) for p in head.pages}
streamed.close()
whole = build_site(content, cache=BuildCache.at(None))
assert got == {p.uri: p.content for p in whole.pages} and head.nav == whole.nav
print("FELL BACK" if streamed.fell_back else "STREAMED")
"""


def test_a_child_that_fails_while_sending_leaves_the_parent_to_build(content):
    """In a process of its own (one thread: the fork is safe), a child that dies after three pages: the
    parent generates the rest itself, and has the same pages as a build in one process."""
    result = subprocess.run(
        [sys.executable, "-c", _CUT, str(content)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "FELL BACK"


_WARM = """
import sys
from pathlib import Path
from alliance_site.site import BuildCache, build_site
cache = BuildCache.at(Path(sys.argv[2]))
build = build_site(Path(sys.argv[1]), cache=cache)
assert cache.store.hits == 1 and not build.errors
heavy = ("jinja2", "jsonschema", "yaml", "lxml", "babel", "bibtexparser", "py_mini_racer",
         "alliance_site.citations", "alliance_site.validate.run", "alliance_site.render.site")
print(" ".join(name for name in heavy if name in sys.modules))
"""


def test_a_cache_hit_imports_neither_the_loader_nor_the_renderer_nor_the_citation_engine(content, tmp_path):
    folder = tmp_path / "cache"
    cold = _files(build_site(content, cache=BuildCache.at(folder)))
    warm = subprocess.run(
        [sys.executable, "-c", _WARM, str(content), str(folder)], capture_output=True, text=True, check=True
    )
    assert warm.stdout.split() == []
    # And what it serves is the cold build's.
    assert _files(build_site(content, cache=BuildCache.at(folder))) == cold


def test_a_tree_digest_is_the_fingerprint_of_each_files_path_and_bytes(tmp_path):
    files = {"a.txt": b"one", "z.txt": b"", "b/c.txt": b"two", "b/d/\u00e9.yml": "\u00e9".encode()}
    for relative, data in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(data)
    # A folder's own files first, then its subfolders, each in sorted order.
    order = ["a.txt", "z.txt", "b/c.txt", "b/d/\u00e9.yml"]
    expected = Fingerprint(*[(name, hashlib.sha256(files[name]).digest()) for name in order]).hexdigest()
    assert tree_digest(tmp_path) == expected
    (tmp_path / "b" / "c.txt").write_bytes(b"edited")
    assert tree_digest(tmp_path) != expected
