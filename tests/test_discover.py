"""Which files under content/ the corpus reads, as what kind, and which it warns about."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alliance_site.load.discover import discover
from alliance_site.validate.run import FileCache, load_corpus

MINIMAL = Path(__file__).parent / "roots" / "minimal" / "content"

PLACES = [
    # (path under content/, kind or None for a stray file, or "ignored")
    ("corpus.yml", "corpus"),
    ("glossary.yml", "glossary"),
    ("chapters/two.yml", "chapter"),
    ("sources/extra.yaml", "source"),
    ("tables/t.yml", "table"),
    ("figures/f.yml", "figure"),
    ("events/e.yml", "event"),
    ("notes.yml", None),
    ("sources/old/x.yml", None),
    ("drafts/x.yml", None),
    ("corpus/corpus.yml", None),
    ("chapters/readme.txt", "ignored"),
    ("images/chart.png", "ignored"),
]


@pytest.mark.parametrize(("rel", "kind"), PLACES, ids=[p[0] for p in PLACES])
def test_kind_of_each_place(rel, kind, tmp_path):
    content = tmp_path / "content"
    path = content / rel
    path.parent.mkdir(parents=True)
    path.write_text("x: 1\n")
    found, stray = discover(content)
    if kind == "ignored":
        assert (found, stray) == ([], [])
    elif kind is None:
        assert (found, stray) == ([], [path])
    else:
        assert [(f.kind, f.path, f.display) for f in found] == [(kind, path, "content/" + rel)]
        assert stray == []


def test_order_is_stable_and_sorted(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    found, _ = discover(content)
    assert [f.display for f in found] == [
        "content/chapters/one.yml",
        "content/corpus.yml",
        "content/events/war.yml",
        "content/figures/chart.yml",
        "content/glossary.yml",
        "content/sources/doe2019.yml",
        "content/sources/smith2020.yml",
        "content/tables/numbers.yml",
    ]


def test_stray_file_is_a_warning_not_an_error(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    (content / "notes.yml").write_text("anything: at all\n")
    result = load_corpus(content)
    assert result.corpus is not None
    warning = "content/notes.yml:1:1: warning: file is not in a folder the corpus reads"
    assert [str(p) for p in result.problems if p.severity != "note"] == [
        warning + " (move it into chapters/, sources/, tables/, figures/ or events/)"
    ]


def test_cache_reparses_only_what_changed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    cache = FileCache()
    assert load_corpus(content, cache=cache).corpus is not None
    kept = {name: entry[1] for name, entry in cache.entries.items()}
    doe = content / "sources" / "doe2019.yml"
    doe.write_text(doe.read_text().replace("issued: 2019", "issued: 2018"))
    assert load_corpus(content, cache=cache).corpus is not None
    for name, entry in cache.entries.items():
        assert (entry[1] is kept[name]) == (name != "content/sources/doe2019.yml"), name
    # a broken edit is reported from the cache's run too, and fixing it clears it
    doe.write_text("id: doe2019\ntype: [document\n")
    assert load_corpus(content, cache=cache).corpus is None
    doe.write_text(doe.read_text().replace("[document", "document"))
    assert load_corpus(content, cache=cache).corpus is not None
