"""Property-based tests (Hypothesis): random valid corpora always load, validate and build; random
mutations of valid corpora only ever produce the project's own problems (file:line:column), never an
exception.

The corpora follow the JSON Schemas: a corpus.yml, chapters with nested sections of paragraphs (random
Unicode text with citations, cross-references, page breaks and editorial notes at words of the text),
sources, tables, figures (structure trees, charts, images), events and a glossary, sometimes with a
complete translation. The mutations are what editors do by mistake: a field deleted, a value of another
type, a misspelt key, a tab, a truncated or doubled file, a duplicated id, stray bytes.

Example counts are moderate by default (the whole file takes well under a minute); the long run is

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import string
import tempfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

import alliance_site.render.site as render_site
from alliance_site.cli import main as cli_main
from alliance_site.errors import Problem
from alliance_site.site import build_site
from alliance_site.validate.run import load_corpus
from support.html_index import broken_links
from support.sitebuild import mkdocs_build

settings.register_profile(
    "long", max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), print_blob=True
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
if PROFILE != "default":
    settings.load_profile(PROFILE)
LONG = PROFILE == "long"


def examples(default: int, long: int, shrink: bool = True) -> settings:
    """Settings of one property: ``default`` examples in the normal run, ``long`` under the long profile.
    Whole mkdocs builds (seconds each) do not shrink a failing example: it is reported as found."""
    phases = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target] + ([Phase.shrink] if shrink else [])
    return settings(
        max_examples=long if LONG else default,
        phases=phases,
        deadline=None,
        database=None,  # nothing written into the checkout
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.function_scoped_fixture,
        ],
        print_blob=True,
    )


@pytest.fixture(autouse=True, scope="module")
def _compiled_templates_once():
    """Compile the page templates once for the module (a build compiles them anew: ~0.7 s per corpus)."""
    cached = cache(render_site.make_environment)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render_site, "make_environment", cached)
        yield


# --- strategies: text -------------------------------------------------------------------------

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Anything a text may hold (every script, emoji, combining marks, zero-width and direction marks,
# '<', '&', quotes, braces), except what the corpus refuses (C0 controls, bidi controls) and what is
# markup in a paragraph (citations are placed by the strategy itself).
_CHARS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=_BIDI + "@[]\\") | st.sampled_from(
    list("<>&\"'{}%#*_`|~!-:;/.,()= \n\t") + ["{{", "}}", "{%", "<script>", "&amp;", "\u200b", "\u00a0"]
)
TEXT = st.lists(_CHARS, min_size=1, max_size=30).map("".join).filter(lambda s: s.strip())
WORD = st.text(string.ascii_letters, min_size=2, max_size=8)
# Ids as '@tbl:id' can name them: the schema also lets an id end in '-' or hold '--', but the citation
# grammar ends '@tbl:a--b' and '@tbl:a-' at the first of those hyphens, so such ids are not generated.
ID = st.from_regex(r"[a-z0-9]{1,4}(?:-[a-z0-9]{1,4}){0,2}", fullmatch=True)
KEY = st.from_regex(r"[A-Za-z0-9_]{1,6}(?:[:.#$%&+?<>~/-][A-Za-z0-9_]{1,4}){0,2}", fullmatch=True).filter(
    lambda k: not re.match(r"(tbl|fig|evt|sec):", k)
)


@st.composite
def DATE(draw):
    year = draw(st.integers(1800, 2030))
    form = draw(st.sampled_from(["Y", "YM", "YMD", "range"]))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    if form == "Y":
        return f"{year}"
    if form == "YM":
        return f"{year}-{month:02d}"
    if form == "YMD":
        return f"{year}-{month:02d}-{day:02d}"
    end = draw(st.integers(year, 2035))
    return f"{year}/{end}"


def _unique(strategy, n_min: int, n_max: int):
    return st.lists(strategy, min_size=n_min, max_size=n_max, unique_by=lambda x: x.lower())


# --- strategies: a whole corpus ---------------------------------------------------------------


@st.composite
def corpora(draw) -> dict[str, object]:
    """Files of a valid corpus without warnings: relative path under content/ → data (or bytes)."""
    files: dict[str, object] = {}
    lang_tr = draw(st.sampled_from([None, "en", "fr"]))

    def tr(data: dict, field: str) -> dict:
        """The translation of a unit: the same words, so the same citations and numbers."""
        if lang_tr and field in data:
            data.setdefault("translations", {}).setdefault(lang_tr, {})[field] = data[field]
        return data

    keys = draw(_unique(KEY, 1, 4))
    chapter_ids = draw(_unique(ID.map(lambda s: "c" + s), 1, 2))
    ids = iter(draw(_unique(ID.map(lambda s: "u" + s), 40, 40)))
    table_ids = [next(ids) for _ in range(draw(st.integers(0, 2)))]
    figure_ids = [next(ids) for _ in range(draw(st.integers(0, 2)))]
    event_ids = [next(ids) for _ in range(draw(st.integers(0, 3)))]
    terms = draw(_unique(st.text(string.ascii_uppercase, min_size=2, max_size=5), 0, 3))

    paragraphs: list[str] = []
    sections: list[str] = []
    uncited = list(keys)

    def paragraph() -> dict:
        pid = next(ids)
        paragraphs.append(pid)
        parts = [draw(TEXT)]
        for _ in range(draw(st.integers(0, 3))):
            key = uncited.pop() if uncited else draw(st.sampled_from(keys))
            form = draw(st.sampled_from(["[@{}]", "[@{}, p. 12]", " @{} ", "[-@{}]", "[see @{}; @{}]"]))
            parts.append(form.format(key, draw(st.sampled_from(keys))))
            parts.append(draw(TEXT))
        if terms and draw(st.booleans()):
            parts.append(" " + draw(st.sampled_from(terms)) + " ")
        if table_ids and draw(st.booleans()):
            parts.append(f" @tbl:{draw(st.sampled_from(table_ids))} ")
        text = "".join(parts)
        data: dict = {"id": pid, "text": text}
        if draw(st.booleans()):
            data["page"] = draw(st.integers(1, 500))
        words = [m for m in re.finditer(r"[^\s@\[\];]{2,}", text)]
        if words and draw(st.booleans()):
            word = draw(st.sampled_from(words))[0]
            data["page_breaks"] = [{"page": draw(st.integers(1, 500)), "before": word}]
        if words and draw(st.booleans()):
            data["editorial"] = [
                {
                    "kind": draw(st.sampled_from(["sic", "note", "correction"])),
                    "at": draw(st.sampled_from(words))[0],
                    "note": draw(TEXT),
                }
            ]
        return tr(data, "text")

    def section(depth: int) -> dict:
        sid = next(ids)
        sections.append(sid)
        data: dict = {"id": sid, "title": draw(TEXT)}
        if draw(st.booleans()):
            data["number"] = draw(TEXT)
        data["blocks"] = [paragraph() for _ in range(draw(st.integers(0, 2)))]
        if depth < 2 and draw(st.booleans()):
            data["sections"] = [section(depth + 1)]
        return tr(data, "title")

    placed = table_ids + figure_ids
    for cid in chapter_ids:
        chapter: dict = {"id": cid, "title": draw(TEXT), "blocks": [paragraph()]}
        if draw(st.booleans()):
            chapter["number"] = draw(TEXT)
        chapter["sections"] = [section(1) for _ in range(draw(st.integers(0, 2)))]
        while placed:  # every table and figure placed once, after the chapter's first paragraph
            item = placed.pop()
            chapter["blocks"].append({"table": item} if item in table_ids else {"figure": item})
        files[f"chapters/{cid}.yml"] = tr(chapter, "title")
    first = files[f"chapters/{chapter_ids[0]}.yml"]["blocks"][0]
    while uncited:  # every source cited somewhere
        first["text"] += f" [@{uncited.pop()}]"
        tr(first, "text")

    corpus: dict = {
        "title": draw(TEXT),
        "language": draw(st.sampled_from(["id", "en", "ko", "ar"])),
        "chapters": chapter_ids,
    }
    if draw(st.booleans()):
        corpus["description"] = draw(TEXT)
        corpus["author"] = [{"family": draw(TEXT), "given": draw(TEXT)}]
    if lang_tr:
        corpus["translations"] = {lang_tr: {"by": draw(TEXT), "title": corpus["title"]}}
        if "description" in corpus:
            corpus["translations"][lang_tr]["description"] = corpus["description"]
    files["corpus.yml"] = corpus

    for i, key in enumerate(keys):
        source: dict = {
            "id": key,
            "type": draw(
                st.sampled_from(["book", "article-journal", "document", "webpage", "report", "thesis", "chapter"])
            ),
            "author": [draw(st.sampled_from([{"family": draw(TEXT), "given": draw(TEXT)}, {"literal": draw(TEXT)}]))],
            "issued": draw(DATE()),
        }
        for field in ("title", "container-title", "publisher", "note"):
            if draw(st.booleans()):
                source[field] = draw(TEXT)
        if draw(st.booleans()):
            source["URL"] = "https://example.org/" + draw(st.text(string.ascii_letters + "/?=&%-._~", max_size=20))
        if draw(st.booleans()):
            source["cited_as"] = draw(TEXT)
        files[f"sources/s{i}.yml"] = source

    for tid in table_ids:
        columns = [{"id": f"k{j}", "label": draw(TEXT)} for j in range(draw(st.integers(1, 3)))]
        rows = []
        for j in range(draw(st.integers(1, 3))):
            cells = {}
            for col in columns:
                if draw(st.booleans()):
                    value = draw(
                        st.one_of(
                            st.none(),
                            st.integers(-(10**9), 10**9),
                            # two decimals at most: "1.234" would be a thousands group in an Indonesian corpus
                            st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False).map(lambda f: round(f, 2)),
                        )
                    )
                    cell: dict = {"value": value}
                    # A valid cell's as_written is words about the value (no bare number to disagree with it)
                    # and, being in no paragraph, names none: an as_written must occur in its paragraph.
                    if draw(st.booleans()):
                        cell["as_written"] = "about " + draw(TEXT)
                    elif draw(st.booleans()):
                        cell["paragraph"] = draw(st.sampled_from(paragraphs))
                    cells[col["id"]] = cell
            rows.append(tr({"id": f"r{j}", "label": draw(TEXT), "unit": draw(TEXT), "cells": cells}, "label"))
        table = {
            "id": tid,
            "caption": draw(TEXT),
            "sources": [draw(st.sampled_from(keys))],
            "columns": [tr(c, "label") for c in columns],
            "rows": rows,
        }
        if draw(st.booleans()):
            table["number"] = draw(TEXT)
        if draw(st.booleans()):
            table["notes"] = [draw(TEXT)]
        files[f"tables/{tid}.yml"] = tr(table, "caption")

    def node(depth: int) -> dict:
        data: dict = {"label": draw(TEXT)}
        if draw(st.booleans()):
            data["note"] = draw(TEXT)
        if depth < 3:
            children = [node(depth + 1) for _ in range(draw(st.integers(0, 3)))]
            if children:
                data["children"] = children
        return tr(data, "label")

    for fid in figure_ids:
        figure: dict = {"id": fid, "caption": draw(TEXT), "sources": [draw(st.sampled_from(keys))]}
        kind = draw(
            st.sampled_from(["plain", "structure", "image", "chart"] if table_ids else ["plain", "structure", "image"])
        )
        if kind == "structure":
            figure["structure"] = node(0)
        elif kind == "image":
            figure["image"] = {"path": f"images/{fid}.png", "alt": draw(TEXT)}
            files[f"images/{fid}.png"] = b"\x89PNG\r\n\x1a\n"
        elif kind == "chart":
            figure["data_table"] = draw(st.sampled_from(table_ids))
        for field in ("number", "source_line", "description"):
            if draw(st.booleans()):
                figure[field] = draw(TEXT)
        if draw(st.booleans()):
            figure["url"] = "https://example.org/" + draw(st.text(string.ascii_letters, max_size=10))
        tr(tr(figure, "caption"), "description")
        files[f"figures/{fid}.yml"] = figure

    for eid in event_ids:
        event: dict = {
            "id": eid,
            "date": draw(DATE()),
            "title": draw(TEXT),
            "paragraphs": draw(st.lists(st.sampled_from(paragraphs), max_size=2, unique=True)),
        }
        for field in ("date_as_written", "description", "era"):
            if draw(st.booleans()):
                event[field] = draw(TEXT)
        if draw(st.booleans()):
            event["actors"] = draw(st.lists(TEXT, min_size=1, max_size=3, unique=True))
        if draw(st.booleans()):
            event["sources"] = [draw(st.sampled_from(keys))]
        if table_ids and draw(st.booleans()):
            event["tables"] = [draw(st.sampled_from(table_ids))]
        tr(tr(event, "title"), "description")
        files[f"events/{eid}.yml"] = event

    entries = []
    for term in terms:
        entry = {"term": term, "expansion": draw(TEXT), "expanded_by": draw(st.sampled_from(["text", "editors"]))}
        if draw(st.booleans()):
            entry["note"] = draw(TEXT)
        tr(tr(entry, "expansion"), "note")
        entries.append(entry)
    files["glossary.yml"] = {"entries": entries}
    return files


def write_corpus(content: Path, files: dict[str, object], as_json: bool = False) -> None:
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif as_json:  # JSON is YAML, and some editors write it
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        else:
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80), "utf-8")


_PROBLEM = re.compile(r"^[^\n:]+\.(?:ya?ml|json|bib):\d+:\d+: (?:error|warning|note): \S")


def assert_own_problems(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.severity in ("error", "warning", "note"), problem
        assert problem.message.strip() and "Traceback" not in problem.message, problem
        assert _PROBLEM.match(str(problem)) or str(problem).startswith("content"), str(problem)


# --- properties: valid corpora ----------------------------------------------------------------


@examples(20, 1000)
@given(files=corpora(), as_json=st.booleans())
def test_random_valid_corpora_load_validate_and_render(files, as_json):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        write_corpus(content, files, as_json)
        result = load_corpus(content)
        note("\n".join(map(str, result.problems)))
        assert result.errors == [], [str(p) for p in result.errors]
        assert result.warnings == [], [str(p) for p in result.warnings]
        build = build_site(content)
        assert build.errors == []
        uris = {p.uri for p in build.pages}
        corpus = result.corpus
        assert {f"chapters/{c.id}.md" for c in corpus.chapters} <= uris
        pages = {p.uri: p.content for p in build.pages}
        for chapter in corpus.chapters:
            page = pages[f"chapters/{chapter.id}.md"]
            for para in chapter.paragraphs:
                assert f'id="{para.id}"' in page


@examples(3, 60, shrink=False)
@given(files=corpora())
def test_random_valid_corpora_build_with_mkdocs_strict(files):
    """A few whole `mkdocs build --strict` runs: no warning, no broken link or anchor."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        write_corpus(project / "content", files)
        (project / "docs").mkdir()
        (project / "mkdocs.yml").write_text(
            "site_name: Random\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - alliance-site\n",
            "utf-8",
        )
        result = mkdocs_build(project, project / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        assert broken_links(project / "site") == []


# --- properties: mutated corpora ---------------------------------------------------------------


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _paths(sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _paths(sub, path + (i,))


def _get(value, path):
    for step in path:
        value = value[step]
    return value


WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=False),
    TEXT,
    st.just([]),
    st.just({}),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(WORD, WORD, max_size=2),
    st.sampled_from(
        [
            "",
            " ",
            "1950-13-45",
            "@",
            "[@",
            "@nowhere",
            "@tbl:nowhere",
            "javascript:alert(1)",
            "../../etc/passwd",
            "\u202e",
            "0777",
            "1:30",
            ".nan",
            "~",
            "null",
        ]
    ),
)


@st.composite
def mutated(draw):
    """A valid corpus with one to three editors' mistakes: (files as text, description of the mistakes)."""
    files = draw(corpora())
    texts: dict[str, bytes] = {}
    data = {rel: d for rel, d in files.items() if not isinstance(d, bytes)}
    done = []
    for _ in range(draw(st.integers(1, 3))):
        rel = draw(st.sampled_from(sorted(data)))
        kind = draw(
            st.sampled_from(
                ["delete", "retype", "rekey", "duplicate-id", "remove-file", "wrong-file"]
                if isinstance(data[rel], dict)
                else ["retype"]
            )
        )
        doc = data[rel]
        paths = [p for p in _paths(doc) if p]
        if kind in ("delete", "retype", "rekey") and paths:
            path = draw(st.sampled_from(paths))
            parent = _get(doc, path[:-1])
            if kind == "delete":
                del parent[path[-1]]
            elif kind == "retype":
                parent[path[-1]] = draw(WRONG)
            elif isinstance(parent, dict):
                value = parent.pop(path[-1])
                parent[
                    draw(
                        st.sampled_from(
                            [str(path[-1]).upper(), str(path[-1]) + "s", "x-" + draw(WORD), "", "1", "null"]
                        )
                    )
                ] = value
        elif kind == "duplicate-id":
            folder, _, name = rel.rpartition("/")
            data[(folder + "/" if folder else "") + "copy-of-" + name] = json.loads(json.dumps(doc))
        elif kind == "remove-file":
            data.pop(rel)
            if not data:
                data["corpus.yml"] = {}
        elif kind == "wrong-file":
            data[draw(st.sampled_from(["notes.yml", "chapters/sub/x.yml", "sources/x.yaml", "other/y.yml"]))] = doc
        done.append(f"{kind} {rel}")
    for rel, doc in data.items():
        texts[rel] = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")
    for _ in range(draw(st.integers(0, 2))):  # mistakes in the text itself
        rel = draw(st.sampled_from(sorted(texts)))
        raw = texts[rel]
        at = draw(st.integers(0, len(raw)))
        kind = draw(st.sampled_from(["tab", "truncate", "bytes", "double", "line", "unindent", "tag", "alias", "bom"]))
        if kind == "tab":
            raw = raw[:at] + b"\t" + raw[at:]
        elif kind == "truncate":
            raw = raw[:at]
        elif kind == "bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
        elif kind == "double":
            raw = raw + raw
        elif kind == "line":
            lines = raw.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            raw = b"\n".join(lines)
        elif kind == "unindent":
            raw = re.sub(rb"\n  ", b"\n", raw, count=draw(st.integers(1, 3)))
        elif kind == "tag":
            raw = (
                raw[:at]
                + draw(st.sampled_from([b" !!python/object:os.system ", b" !local ", b" !!binary "]))
                + raw[at:]
            )
        elif kind == "alias":
            raw = raw[:at] + draw(st.sampled_from([b" &a ", b" *a ", b" *nowhere ", b"<<: *a\n"])) + raw[at:]
        else:
            raw = b"\xef\xbb\xbf" + raw
        texts[rel] = raw
        done.append(f"{kind} in {rel} at {at}")
    for rel, value in files.items():
        if isinstance(value, bytes):
            texts.setdefault(rel, value)
    return texts, done


@examples(40, 3000)
@given(case=mutated())
def test_mutated_corpora_give_only_the_projects_own_problems(case):
    texts, done = case
    note("; ".join(done))
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        for rel, raw in texts.items():
            (content / rel).parent.mkdir(parents=True, exist_ok=True)
            (content / rel).write_bytes(raw)
        result = load_corpus(content)  # never raises
        assert_own_problems(result.problems)
        if result.corpus is None:
            assert result.errors
        build = build_site(content)  # nor does the whole generator phase, valid or not
        assert_own_problems(build.problems)
        assert bool(build.pages) == (not build.errors)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(["validate", "--content", str(content)])
        assert code == (1 if build.errors else 0)
        for line in (out.getvalue() + err.getvalue()).splitlines()[:-1]:
            assert _PROBLEM.match(line), line


@examples(2, 40, shrink=False)
@given(case=mutated())
def test_mutated_corpora_never_give_mkdocs_a_traceback(case):
    texts, done = case
    note("; ".join(done))
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for rel, raw in texts.items():
            (project / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / "content" / rel).write_bytes(raw)
        (project / "docs").mkdir()
        (project / "mkdocs.yml").write_text(
            "site_name: Random\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - alliance-site\n",
            "utf-8",
        )
        result = mkdocs_build(project, project / "site")
        assert "Traceback" not in result.stderr, result.stderr
        if result.returncode != 0:
            assert "the corpus has errors; nothing was built" in result.stderr or "warning" in result.stderr.lower()
            assert not (project / "site").exists()
