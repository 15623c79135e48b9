"""The English reading edition (issue 10): every unit of the real corpus has its translation, with the same
citations, cross-references and numbers as the original; and the check that says so finds a missing
translation, a changed citation and a changed number in a small corpus built for the purpose."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from alliance_site import outline
from alliance_site.cli import main as cli_main
from alliance_site.load.discover import discover
from alliance_site.load.safe_yaml import load_yaml
from alliance_site.text.markup import Citation, CrossRef, parse
from alliance_site.validate.documents import Document
from alliance_site.validate.run import load_corpus
from alliance_site.validate.translations import check_translations, declared_languages, numbers, units

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
MINIMAL = ROOT / "tests" / "roots" / "minimal" / "content"


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def documents(content: Path) -> list[Document]:
    """The corpus files as the validator reads them (kind, display path, data with positions, text)."""
    files, _ = discover(content)
    docs = []
    for cf in files:
        raw = cf.path.read_bytes()
        docs.append(Document(cf.kind, cf.display, load_yaml(raw), raw.decode("utf-8")))
    return docs


# --------------------------------------------------------------------------- the real corpus

CORPUS = load(CONTENT / "corpus.yml")
CHAPTERS = [load(CONTENT / "chapters" / f"{cid}.yml") for cid in CORPUS["chapters"]]
TABLES = [load(p) for p in sorted((CONTENT / "tables").glob("*.yml"))]
FIGURES = [load(p) for p in sorted((CONTENT / "figures").glob("*.yml"))]
EVENTS = [load(p) for p in sorted((CONTENT / "events").glob("*.yml"))]
GLOSSARY = load(CONTENT / "glossary.yml")["entries"]


def nodes(node):
    yield node
    for child in node.get("children") or []:
        yield from nodes(child)


def translatable() -> dict[str, list[tuple[dict, tuple[str, ...]]]]:
    """Every unit of the real corpus with the fields it has to translate, by kind (counted independently of
    the validator's own list of units)."""
    found: dict[str, list] = {
        k: []
        for k in (
            "chapter",
            "section",
            "paragraph",
            "table",
            "column",
            "row",
            "derived",
            "figure",
            "node",
            "event",
            "glossary",
        )
    }

    def add(kind, unit, fields):
        found[kind].append((unit, tuple(f for f in fields if f in unit)))

    for chapter in CHAPTERS:
        add("chapter", chapter, ["title"])
        for item in outline.walk(chapter):
            if item.kind == "section":
                add("section", item.data, ["title"])
            elif item.kind == "paragraph":
                add("paragraph", item.data, ["text"])
    for table in TABLES:
        add("table", table, ["caption", "description"])
        for kind, group in (("column", "columns"), ("row", "rows"), ("derived", "derived")):
            for entry in table.get(group) or []:
                add(kind, entry, ["label"])
    for figure in FIGURES:
        add("figure", figure, ["caption", "description"])
        if figure.get("structure"):
            for node in nodes(figure["structure"]):
                add("node", node, ["label"])
    for event in EVENTS:
        add("event", event, ["title", "description"])
    for entry in GLOSSARY:
        add("glossary", entry, ["expansion", "note"])
    return found


#: How many units of each kind BAB IV has; each must have its English translation.
EXPECTED_COUNTS = {
    "chapter": 1,
    "section": 2,
    "paragraph": 32,
    "table": 6,
    "column": 8,
    "row": 42,
    "derived": 1,
    "figure": 3,
    "node": 15,
    "event": 10,
    "glossary": 18,
}


def test_the_corpus_declares_the_editors_english_translation():
    assert declared_languages(documents(CONTENT)) == ["en"]
    en = CORPUS["translations"]["en"]
    assert en["by"] == "alliance-site editors"
    assert en["date"] == "2026-11-25"
    assert "machine assistance" in en["note"] and "the Indonesian original is authoritative" in en["note"]
    assert en["title"] and en["description"]
    assert CORPUS["language"] == "id"


@pytest.mark.parametrize("kind", list(EXPECTED_COUNTS))
def test_every_unit_has_its_english_translation(kind):
    units_of_kind = translatable()[kind]
    translated = [
        unit
        for unit, fields in units_of_kind
        # an event the editors wrote in English (language: en) has nothing to translate into English
        if unit.get("language") == "en"
        or all(isinstance(((unit.get("translations") or {}).get("en") or {}).get(f), str) for f in fields)
    ]
    assert len(units_of_kind) == EXPECTED_COUNTS[kind]
    assert len(translated) == len(units_of_kind), f"{len(translated)}/{len(units_of_kind)} {kind} units translated"


def test_the_validator_sees_the_same_units():
    seen = Counter(u.kind for u in units(documents(CONTENT)))
    renamed = {"glossary entry": "glossary"}
    assert {renamed.get(k, k): n for k, n in seen.items() if k != "corpus"} == EXPECTED_COUNTS
    assert seen["corpus"] == 1


def test_paragraph_translations_are_translations_with_the_same_citations_in_order():
    for chapter in CHAPTERS:
        for item in outline.walk(chapter):
            if item.kind != "paragraph":
                continue
            original, english = item.data["text"], item.data["translations"]["en"]["text"]
            assert english != original, item.data["id"]
            assert [_refs(parse(english))] == [_refs(parse(original))], item.data["id"]


def _refs(tokens):
    return [("cite", i.key) for t in tokens if isinstance(t, Citation) for i in t.items] + [
        ("xref", t.kind, t.id) for t in tokens if isinstance(t, CrossRef)
    ]


def test_the_real_corpus_has_no_translation_problems():
    assert check_translations(documents(CONTENT)) == []


def test_the_real_corpus_still_validates(capsys):
    result = load_corpus(CONTENT)
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert result.corpus is not None
    assert cli_main(["validate", "--content", str(CONTENT)]) == 0


def test_the_armistice_is_in_the_english_of_its_paragraph():
    paragraphs = {
        item.data["id"]: item.data for ch in CHAPTERS for item in outline.walk(ch) if item.kind == "paragraph"
    }
    assert "armistice" in paragraphs["p-ketegangan-1950"]["translations"]["en"]["text"]
    assert "gencatan senjata" in paragraphs["p-ketegangan-1950"]["text"]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "indonesian,english",
    [
        (
            "Ada 842.000 anggota, sedangkan di Selatan ada 629.000.",
            "There are 842,000 members, and 629,000 in the South.",
        ),
        ("dengan bandingan 1,34:1", "at a ratio of 1.34:1"),
        ("sekitar 3,88 persen dan 2,78 persen", "about 3.88 percent and 2.78 percent"),
        ("sekitar 34.500, termasuk 495, 000 Army", "about 34,500, including 495,000 Army"),
        ("sekitar 4.500.000 cadangan", "about 4,500,000 reserves"),
        ("$36 miliyar atau 2.2 persen", "$36 billion or 2.2 percent"),
        ("markas angkatan darat ke-8, Tank M1 Abrams", "the 8th Army headquarters, M1 Abrams tanks"),
        ("gambar 3.3 dan 4.4 [@defense-ro-2016]", "figures 3.3 and 4.4 [@defense-ro-2016]"),
    ],
)
def test_numbers_are_read_by_each_languages_conventions(indonesian, english):
    assert numbers(indonesian, "id") == numbers(english, "en")
    assert numbers(indonesian, "id")


def test_numbers_tell_values_apart():
    assert numbers("842.000", "id") == Counter({842000: 1})
    assert numbers("842,000", "en") == Counter({842000: 1})
    assert numbers("1,34:1", "id") == Counter({1.34: 1, 1: 1})
    assert numbers("495, 000", "id") == Counter({495000: 1})
    assert numbers("pada 2016, 200 orang", "id") == Counter({2016: 1, 200: 1})
    assert numbers("842", "en") != numbers("842.000", "id")
    assert numbers("citing [@smith2020, p. 12]", "en") == Counter()  # citations are compared as citations


# --------------------------------------------------------------------------- a small corpus with translations


def _en(text: str) -> str:
    """A stand-in translation: the original with a marker, so its citations and numbers are kept."""
    return "EN " + text


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")


@pytest.fixture
def translated(tmp_path) -> Path:
    """tests/roots/minimal/content as an Indonesian original with every unit translated into English."""
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)

    corpus = load(content / "corpus.yml")
    corpus["language"] = "id"
    corpus["translations"] = {"en": {"by": "the test", "date": "2026-11-25", "title": _en(corpus["title"])}}
    _dump(content / "corpus.yml", corpus)

    chapter = load(content / "chapters" / "one.yml")
    chapter["translations"] = {"en": {"title": _en(chapter["title"])}}
    for item in outline.walk(chapter):
        field = {"paragraph": "text", "section": "title"}.get(item.kind)
        if field:
            item.data["translations"] = {"en": {field: _en(item.data[field])}}
    _dump(content / "chapters" / "one.yml", chapter)

    table = load(content / "tables" / "numbers.yml")
    table["translations"] = {"en": {"caption": _en(table["caption"])}}
    for entry in table["columns"] + table["rows"]:
        entry["translations"] = {"en": {"label": _en(entry["label"])}}
    _dump(content / "tables" / "numbers.yml", table)

    figure = load(content / "figures" / "chart.yml")
    figure["translations"] = {"en": {"caption": _en(figure["caption"])}}
    _dump(content / "figures" / "chart.yml", figure)

    event = load(content / "events" / "war.yml")
    event["translations"] = {"en": {"title": _en(event["title"])}}
    _dump(content / "events" / "war.yml", event)

    glossary = load(content / "glossary.yml")
    for entry in glossary["entries"]:
        entry["translations"] = {"en": {"expansion": _en(entry["expansion"])}}
    _dump(content / "glossary.yml", glossary)
    return content


def _edit_paragraph(content: Path, pid: str, change) -> Path:
    path = content / "chapters" / "one.yml"
    chapter = load(path)
    for item in outline.walk(chapter):
        if item.kind == "paragraph" and item.data["id"] == pid:
            change(item.data)
    _dump(path, chapter)
    return path


def _position(path: Path, needle: str, prefix: str = "") -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(prefix) and needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def test_a_fully_translated_corpus_has_no_problems(translated):
    docs = documents(translated)
    assert declared_languages(docs) == ["en"]
    assert check_translations(docs) == []
    result = load_corpus(translated)
    assert result.errors == [], "\n".join(map(str, result.errors))


def test_a_missing_translation_is_one_note_at_its_paragraph(translated):
    path = _edit_paragraph(translated, "p-intro", lambda p: p.pop("translations"))
    problems = check_translations(documents(translated))
    assert len(problems) == 1, "\n".join(map(str, problems))
    (problem,) = problems
    assert problem.severity == "note"  # pending work: never a reason for a build to fail
    assert problem.file == "content/chapters/one.yml"
    assert (problem.line, problem.column) == _position(path, "id: p-intro")
    assert problem.message == "paragraph 'p-intro' has no English (en) translation"
    assert "translations" in problem.hint and "original" in problem.hint
    assert str(problem).startswith(f"content/chapters/one.yml:{problem.line}:{problem.column}: note: ")


def test_each_missing_unit_is_noted_once_per_language(translated):
    corpus = load(translated / "corpus.yml")
    corpus["translations"]["de"] = {"by": "the test"}
    _dump(translated / "corpus.yml", corpus)
    problems = check_translations(documents(translated))
    assert problems and all(p.severity == "note" for p in problems)
    assert all("German (de)" in p.message for p in problems)
    assert len(problems) == len([u for u in units(documents(translated)) if u.fields])
    assert check_translations(documents(translated), ["en"]) == []


def test_a_translation_lacking_one_field_names_the_field(translated):
    corpus = load(translated / "corpus.yml")
    del corpus["translations"]["en"]["title"]
    _dump(translated / "corpus.yml", corpus)
    (problem,) = check_translations(documents(translated))
    assert problem.severity == "note"
    assert problem.message == "the corpus metadata has no English (en) translation of its title"
    assert problem.file == "content/corpus.yml"
    assert (problem.line, problem.column) == _position(translated / "corpus.yml", "en:", prefix="  ")


@pytest.mark.parametrize(
    "translation",
    [
        "EN The war began in 1950 [@doe2019; @smith2020] and the data are in @tbl:numbers.",  # order changed
        "EN The war began in 1950 [@smith2020] and the data are in @tbl:numbers.",  # a citation dropped
        "EN The war began in 1950 [@smith2020; @doe2019] and the data are in the table.",  # a cross-reference lost
        "EN The war began in 1950 [@smith2020; @doe2019; @doe2019] and the data are in @tbl:numbers.",  # one added
        "EN The war began in 1950 [@smith2021; @doe2019] and the data are in @tbl:numbers.",  # a key mistyped
    ],
)
def test_changed_citations_or_cross_references_are_an_error(translated, translation):
    def change(p):
        p["translations"]["en"]["text"] = translation

    path = _edit_paragraph(translated, "p-second", change)
    problems = check_translations(documents(translated))
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, "\n".join(map(str, problems))
    assert "p-second" in errors[0].message and "@smith2020" in errors[0].message
    assert errors[0].file == "content/chapters/one.yml"
    assert errors[0].line == _position(path, "EN The war began")[0]


def test_malformed_markup_in_a_translation_is_an_error(translated):
    def change(p):
        p["translations"]["en"]["text"] = "EN The war began in 1950 [@smith2020; @doe2019 and @tbl:numbers."

    _edit_paragraph(translated, "p-second", change)
    errors = [p for p in check_translations(documents(translated)) if p.severity == "error"]
    assert errors and "never closed" in errors[0].message


def test_changed_numbers_are_a_warning(translated):
    def change(p):
        p["translations"]["en"]["text"] = (
            "EN The war began in 1951 [@smith2020; @doe2019] and the data are in @tbl:numbers."
        )

    _edit_paragraph(translated, "p-second", change)
    (problem,) = check_translations(documents(translated))
    assert problem.severity == "warning"
    assert "p-second" in problem.message and "missing 1950" in problem.message and "1951" in problem.message


def test_a_corpus_without_translations_gets_no_problems(tmp_path):
    assert check_translations(documents(MINIMAL)) == []
    assert check_translations(documents(MINIMAL), []) == []
    # Units may carry translations before any language is declared: still nothing to say here (the reference
    # checks warn of the undeclared language).
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    _edit_paragraph(content, "p-intro", lambda p: p.update(translations={"en": {"text": "EN [@doe2019]"}}))
    assert check_translations(documents(content)) == []


def test_a_mistyped_key_in_the_original_is_one_error_not_two(translated):
    """The original's unknown key is reported once, with its suggestion; the translation, which cites the
    right key, is not asked to copy the typo."""

    def change(p):
        p["text"] = p["text"].replace("@smith2020", "@smith2002")

    _edit_paragraph(translated, "p-second", change)
    errors = load_corpus(translated).errors
    assert len(errors) == 1, "\n".join(map(str, errors))
    assert errors[0].message == "unknown citation key 'smith2002'"
    assert "did you mean 'smith2020'?" in errors[0].hint


# ------------------------------------------------------------- a unit written in a language of its own


def test_an_event_written_in_english_needs_no_english_translation(translated):
    path = translated / "events" / "war.yml"
    event = load(path)
    event.pop("translations")
    event["language"] = "en"
    _dump(path, event)
    assert check_translations(documents(translated)) == []
    corpus = load(translated / "corpus.yml")
    corpus["translations"]["de"] = {"by": "the test"}
    _dump(translated / "corpus.yml", corpus)
    german = [p for p in check_translations(documents(translated)) if p.file == "content/events/war.yml"]
    assert [p.message for p in german] == ["event 'war' has no German (de) translation"]  # still pending in German


def test_a_translation_into_the_events_own_language_is_a_warning_at_its_key(translated):
    path = translated / "events" / "war.yml"
    event = load(path)
    event["language"] = "en"  # and the fixture's translations: en: stays
    _dump(path, event)
    problems = check_translations(documents(translated))
    assert len(problems) == 1, "\n".join(map(str, problems))
    (problem,) = problems
    assert problem.severity == "warning"
    assert (problem.file, problem.line, problem.column) == ("content/events/war.yml", *_position(path, "en:", "  "))
    assert "written in English (en)" in problem.message and "not shown" in problem.message
    assert "remove translations: en:" in problem.hint
