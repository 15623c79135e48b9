"""A cold build formats on a thread while the corpus is still read and the pages render (issue 16).

The answers must be those of the engine asked in turn: the thread only changes when the work is done.
Checked on the real corpus, against a plain ``Bibliography``, and at the edges: citations registered
after the thread started, questions asked while it formats, errors raised on it, the loader's hook.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from alliance_site.cache import CachedBibliography, JsonStore
from alliance_site.citations.formatter import Bibliography
from alliance_site.text.markup import Citation, CiteItem
from alliance_site.validate.run import EARLY_KINDS, load_corpus

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():
    result = load_corpus(REPO / "content")
    assert result.corpus is not None, result.problems
    return result.corpus


def _sources(corpus) -> list[dict]:
    return [s.data for s in corpus.sources.values()]


def _citations(corpus) -> list:
    return [c for p in corpus.paragraphs.values() for c in p.citations]


def _answers(bib, corpus, extra: list) -> dict:
    keys = list(corpus.sources)
    return {
        "order": bib.keys_in_order(),
        "references": [bib.reference(k) for k in keys],
        "labels": [bib.cite_key(k) for k in keys],
        "parts": [bib.cite_parts(c) for c in _citations(corpus) + extra],
        "cites": [bib.cite(c) for c in _citations(corpus) + extra],
        "terms": [bib.term("page"), bib.term("page", plural=True)],
        "suffixes": bib.year_suffixes(),
    }


def _late_citations(corpus) -> list:
    """Citations no paragraph holds (new locators), registered after the thread started."""
    keys = sorted(corpus.sources)[:5]
    return [Citation((CiteItem(k, "999", "page"),), True, 0, 0) for k in keys] + [
        Citation(tuple(CiteItem(k, "", "page") for k in keys[:3]), True, 0, 0)
    ]


def test_formatted_ahead_answers_as_the_engine_asked_in_turn(corpus):
    late = _late_citations(corpus)
    plain = Bibliography(_sources(corpus), locale="id-ID")
    plain.register(_citations(corpus) + late)
    ahead = CachedBibliography(
        _sources(corpus), style=None, locale="id-ID", store=JsonStore(None), factory=Bibliography
    )
    ahead.format_ahead()
    assert ahead.formatting_ahead
    ahead.register(_citations(corpus))
    ahead.register(late)
    assert _answers(ahead, corpus, late) == _answers(plain, corpus, late)
    ahead.save()
    assert not ahead.formatting_ahead
    assert [t for t in threading.enumerate() if t.name == "alliance-site-format"] == []


def test_questions_asked_from_another_thread_while_it_formats(corpus):
    """The engine serialises its own state: questions from two threads at once get the same answers."""
    plain = Bibliography(_sources(corpus), locale="id-ID")
    plain.register(_citations(corpus))
    expected = [plain.cite(c) for c in _citations(corpus)]
    shared = Bibliography(_sources(corpus), locale="id-ID")
    shared.register(_citations(corpus))
    preparing = threading.Thread(target=shared.prepare)
    preparing.start()
    got = [shared.cite(c) for c in _citations(corpus)]
    preparing.join()
    assert got == expected


def test_nothing_starts_when_the_cache_answers(corpus, tmp_path):
    store = JsonStore(tmp_path)
    first = CachedBibliography(_sources(corpus), style=None, locale="id-ID", store=store, factory=Bibliography)
    first.register(_citations(corpus))
    first.format_ahead()
    answers = _answers(first, corpus, [])
    first.save()
    again = CachedBibliography(_sources(corpus), style=None, locale="id-ID", store=store, factory=Bibliography)
    again.register(_citations(corpus))
    again.format_ahead()
    assert not again.formatting_ahead
    assert _answers(again, corpus, []) == answers
    assert not again.engine_started


def test_an_error_on_the_thread_is_raised_by_the_first_question(corpus):
    class Broken(RuntimeError):
        pass

    def factory(*_args, **_kwargs):
        raise Broken("the engine could not start")

    bib = CachedBibliography(_sources(corpus), style=None, locale="id-ID", store=JsonStore(None), factory=factory)
    bib.format_ahead()
    bib.register(_citations(corpus))
    with pytest.raises(Broken, match="could not start"):
        bib.keys_in_order()
    with pytest.raises(Broken):
        bib.cite(_citations(corpus)[0])
    bib.save()  # nobody else is owed the error: saving waits for the thread and keeps nothing


def test_loader_hands_the_corpus_file_and_sources_over_first(tmp_path):
    seen: list[list] = []
    plain = load_corpus(REPO / "content")
    hooked = load_corpus(REPO / "content", early=lambda docs: seen.append(docs))
    assert len(seen) == 1
    assert {d.kind for d in seen[0]} == set(EARLY_KINDS)
    assert len(seen[0]) == 1 + len(plain.corpus.sources)
    assert [d.file for d in hooked.documents] == [d.file for d in plain.documents]  # the order found
    assert hooked.problems == plain.problems


def test_loader_hands_nothing_over_when_a_source_cannot_be_read(tmp_path):
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "chapters").mkdir()
    (content / "corpus.yml").write_text("title: T\nlanguage: en\nchapters: [one]\n", encoding="utf-8")
    (content / "sources" / "a.yml").write_text("id: a\n  type: [\n", encoding="utf-8")
    (content / "chapters" / "one.yml").write_text("id: one\ntitle: One\nblocks: []\n", encoding="utf-8")
    seen: list = []
    result = load_corpus(content, early=seen.append)
    assert seen == []
    assert result.corpus is None and any(p.file == "content/sources/a.yml" for p in result.problems)


def test_a_context_that_cannot_start_early_is_reported_where_it_is_used(tmp_path):
    """Starting V8 ahead prints nothing when it fails: the first real use raises the clear error."""
    import subprocess
    import sys

    script = (
        "import time\n"
        "from pathlib import Path\n"
        "from alliance_site.citations import citeproc_js\n"
        f"citeproc_js.CITEPROC_JS = Path({str(tmp_path / 'missing.js')!r})\n"
        "citeproc_js.CiteprocJS.start_shared()\n"
        "time.sleep(1)\n"
        "try:\n"
        "    citeproc_js.CiteprocJS.shared()\n"
        "except citeproc_js.VendorMissingError as error:\n"
        "    print('REPORTED', error)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("REPORTED citeproc-js is missing")
    assert "Traceback" not in result.stderr
