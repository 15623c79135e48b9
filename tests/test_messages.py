"""Messages that lead to the fix: a field indented under the wrong parent is one error that says so,
not the three consequences the schema check would list."""

from __future__ import annotations

import shutil
from pathlib import Path

from alliance_site.validate.run import load_corpus

MINIMAL = Path(__file__).parent / "roots" / "minimal" / "content"


def test_a_field_indented_under_the_wrong_parent_says_so(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    corpus = content / "corpus.yml"
    corpus.write_text(corpus.read_text("utf-8") + "translations: {fr: {by: Editors}}\n", "utf-8")
    war = content / "events" / "war.yml"
    text = war.read_text("utf-8")
    war.write_text(
        text.replace("title: The war begins\n", "title: The war begins\ntranslations:\n  fr:\n  title: La guerre\n")
    )
    problems = [p for p in load_corpus(content).problems if p.severity != "note"]
    expected = (
        "content/events/war.yml:7:3: error: 'title' (line 7) is indented as a sibling of 'fr' (line 6), so 'fr' is "
        "empty and the fields meant for it belong to its parent (indent line 7 by two more spaces, under 'fr:')"
    )
    assert [str(p) for p in problems] == [expected]


def test_an_empty_mapping_without_misplaced_fields_keeps_its_own_message(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    corpus = content / "corpus.yml"
    corpus.write_text(corpus.read_text("utf-8") + "translations: {fr: {by: Editors}}\n", "utf-8")
    war = content / "events" / "war.yml"
    war.write_text(
        war.read_text("utf-8").replace("title: The war begins\n", "title: The war begins\ntranslations:\n  fr:\n")
    )
    (problem,) = [p for p in load_corpus(content).problems if p.severity == "error"]
    assert problem.message.endswith("should be a mapping (key: value lines), not null")
