"""The synthetic corpus generator: deterministic, the promised counts, and valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alliance_site.cli import main
from alliance_site.synth import Counts, synthesize
from alliance_site.text.markup import Citation
from alliance_site.validate.run import load_corpus

N = 50


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return synthesize(N, seed=3)


@pytest.fixture(scope="module")
def corpus(files, tmp_path_factory):
    root = tmp_path_factory.mktemp("synth")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    result = load_corpus(root / "content")
    assert result.problems == []  # not a single error or warning
    return result.corpus


def test_same_seed_same_bytes_other_seed_other_bytes(files):
    assert synthesize(N, seed=3) == files
    assert synthesize(N, seed=4) != files


def test_file_counts_match_n(files):
    c = Counts.for_sources(N)
    by_folder = {}
    for rel in files:
        by_folder[rel.split("/")[1]] = by_folder.get(rel.split("/")[1], 0) + 1
    assert by_folder["sources"] == c.sources == N
    assert by_folder["events"] == c.events == N // 5
    assert by_folder["tables"] == c.tables == N // 50
    assert by_folder["figures"] == c.figures == 1
    assert by_folder["chapters"] == c.chapters


def test_model_counts_and_citations(corpus):
    c = Counts.for_sources(N)
    assert len(corpus.sources) == N
    assert len(corpus.paragraphs) == 2 * N
    assert len(corpus.events) == c.events and len(corpus.tables) == c.tables and len(corpus.figures) == c.figures
    assert len(corpus.glossary) == 100
    for para in corpus.paragraphs.values():
        assert 1 <= sum(isinstance(t, Citation) for t in para.tokens) <= 3
        assert 60 <= len(para.text.split()) <= 260
    assert set(corpus.cited_in) == set(corpus.sources)  # every source is cited in the text


def test_realistic_variety(corpus):
    citations = [t for p in corpus.paragraphs.values() for t in p.tokens if isinstance(t, Citation)]
    assert any(not c.bracketed for c in citations)  # narrative @key
    assert any(len(c.items) > 1 for c in citations)  # [@a; @b]
    assert any(i.locator for c in citations for i in c.items)  # [@key, p. 12]
    types = {s.data["type"] for s in corpus.sources.values()}
    assert {"book", "article-journal"} <= types and len(types) >= 4
    assert any(re.fullmatch(r"[a-z]+\d{4}b", key) for key in corpus.sources)  # same author, same year
    assert all(
        "family" in a and "given" in a for s in corpus.sources.values() for a in s.data["author"] if "literal" not in a
    )
    text = " ".join(p.text for p in corpus.paragraphs.values())
    for entry in corpus.glossary:
        assert re.search(rf"\b{entry['term']}\b", text), entry["term"]
    precisions = {len(e.data["date"].split("/")[0]) for e in corpus.events.values()}
    assert len(precisions) >= 2
    assert any("structure" in f.data for f in corpus.figures.values())
    assert not any("image" in f.data for f in corpus.figures.values())
    assert all(t.data.get("checks") for t in corpus.tables.values())


def test_chapters_stay_small():
    files = synthesize(600, seed=1)
    chapters = [rel for rel in files if rel.startswith("content/chapters/")]
    assert len(chapters) == Counts.for_sources(600).chapters == 3


def test_cli_writes_a_buildable_site(tmp_path: Path, capsys):
    assert main(["synth", str(tmp_path), "--sources", "20", "--seed", "2"]) == 0
    assert (tmp_path / "docs" / ".gitkeep").exists()
    config = (tmp_path / "mkdocs.yml").read_text("utf-8")
    assert "alliance-site" in config and "font: false" in config
    assert main(["validate", "--content", str(tmp_path / "content")]) == 0
    assert main(["synth", str(tmp_path), "--sources", "10"]) == 1  # refuses to mix two corpora
    assert main(["synth", str(tmp_path), "--sources", "10", "--force"]) == 0
    assert len(list((tmp_path / "content" / "sources").iterdir())) == 10
