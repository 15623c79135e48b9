"""Each page is rendered from its own view alone: the renderer keeps no state between pages, so the
real corpus renders to the same bytes in any order, one page alone, or twice; and ``site`` in a
template is immutable and bound to its page."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from alliance_site.citations import Bibliography
from alliance_site.render.scholarly import ScholarlyApparatus
from alliance_site.render.site import SiteRenderer
from alliance_site.validate.run import load_corpus

REPO = Path(__file__).resolve().parents[1]
CORPORA = [REPO / "content", REPO / "tests" / "roots" / "citations-thesis" / "content"]


def _renderer(content: Path) -> SiteRenderer:
    corpus = load_corpus(content).corpus
    bib = Bibliography([s.data for s in corpus.sources.values()], locale=corpus.meta["language"])
    bib.register([c for p in corpus.paragraphs.values() for c in p.citations])
    apparatus = ScholarlyApparatus(corpus, bib, None, corpus.meta["language"])
    return SiteRenderer(corpus, bib, extras={"apparatus": apparatus})


@pytest.fixture(scope="module", params=CORPORA, ids=lambda p: p.parent.name)
def in_plan_order(request):
    renderer = _renderer(request.param)
    return request.param, {page.uri: page.content for page in renderer.pages()}


def test_pages_render_to_the_same_bytes_in_any_order(in_plan_order):
    content, expected = in_plan_order
    renderer = _renderer(content)
    views = list(renderer.plan())
    assert {"home", "chapter", "source", "bibliography"} <= {view.kind for view in views}
    random.Random(15).shuffle(views)
    shuffled = {view.uri: renderer.render_page(view).content for view in reversed(views)}
    assert shuffled == {uri: text for uri, text in expected.items() if uri in shuffled}


@pytest.mark.parametrize("kind", ["chapter", "source", "table", "figure", "event", "timeline", "bibliography"])
def test_a_page_rendered_alone_equals_the_page_of_the_whole_build(in_plan_order, kind):
    content, expected = in_plan_order
    renderer = _renderer(content)
    view = next((v for v in reversed(renderer.plan()) if v.kind == kind), None)
    if view is None:
        pytest.skip(f"{content.parent.name} has no {kind} page")
    first = renderer.render_page(view).content
    assert first == expected[view.uri]
    assert renderer.render_page(view).content == first  # and again: rendering left nothing behind


def test_site_is_immutable_and_bound_to_its_page():
    renderer = _renderer(CORPORA[1])
    chapter = next(v for v in renderer.plan() if v.kind == "chapter")
    source, other = [v for v in renderer.plan() if v.kind == "source"][:2]
    on_chapter = renderer.site.on_page(chapter.uri)
    on_source = renderer.site.on_page(source.uri)
    with pytest.raises(dataclasses.FrozenInstanceError):
        on_chapter.links = on_source.links
    # The same link, asked of two pages, is relative to each: ../bibliography/x/ against ../x/.
    key = other.entry.id
    assert on_chapter.entry_href("source", key) == f"../../bibliography/{key.lower()}/"
    assert on_source.entry_href("source", key) == f"../{key.lower()}/"
    assert on_chapter.entry_href("source", key) == renderer.site.on_page(chapter.uri).entry_href("source", key)
