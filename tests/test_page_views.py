"""Each page is rendered from its own view alone: the renderer keeps no state between pages, so every
page of the real corpus and of each fixture root renders to the same bytes in plan order, in reversed
order, and alone from a fresh renderer; ``site`` in a template is immutable and bound to its page; the
view objects are frozen and hold tuples; and the README's table of view objects is their field list."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from alliance_site.citations import Bibliography
from alliance_site.render.page_views import KIND_VIEWS, VIEW_TYPES, page_view
from alliance_site.render.scholarly import ScholarlyApparatus
from alliance_site.render.site import SiteRenderer
from alliance_site.validate.run import load_corpus

REPO = Path(__file__).resolve().parents[1]
ROOTS = REPO / "tests" / "roots"
#: The real corpus and every fixture root that builds (the broken-* roots are made to fail loading).
CORPORA = [REPO / "content"] + [
    root / "content"
    for root in sorted(ROOTS.iterdir())
    if (root / "content").is_dir() and not root.name.startswith("broken-")
]
README = (REPO / "README.md").read_text("utf-8")


def _renderer(content: Path) -> SiteRenderer:
    """A renderer made from nothing but the files (a new corpus, bibliography and apparatus)."""
    corpus = load_corpus(content).corpus
    assert corpus is not None, f"{content} does not load"
    bib = Bibliography([s.data for s in corpus.sources.values()], locale=corpus.meta["language"])
    bib.register([c for p in corpus.paragraphs.values() for c in p.citations])
    apparatus = ScholarlyApparatus(corpus, bib, None, corpus.meta["language"])
    return SiteRenderer(corpus, bib, extras={"apparatus": apparatus})


def _name(content: Path) -> str:
    return content.parent.name if content.parent != REPO else "corpus"


@pytest.fixture(scope="module", params=CORPORA, ids=_name)
def whole_build(request):
    renderer = _renderer(request.param)
    return request.param, {page.uri: page.content for page in renderer.pages()}


def test_the_fixture_roots_are_all_here():
    assert {_name(c) for c in CORPORA} >= {"corpus", "minimal", "citations-thesis", "citation-engine", "hostile"}


def test_every_page_renders_the_same_in_plan_order_reversed_and_alone(whole_build):
    content, expected = whole_build
    renderer = _renderer(content)
    plan = renderer.plan()
    assert {"home", "chapter", "source"} <= {page.kind for page in plan}
    in_order = {page.uri: renderer.render_page(page).content for page in plan}
    assert in_order == {uri: expected[uri] for uri in in_order}  # as the whole build gave them
    assert {page.uri: renderer.render_page(page).content for page in reversed(plan)} == in_order
    for uri, text in in_order.items():
        fresh = _renderer(content)
        (page,) = [p for p in fresh.plan() if p.uri == uri]
        assert fresh.render_page(page).content == text, f"{_name(content)}: {uri} differs when rendered alone"


def _values(value):
    """Every value inside a view, down through views, tuples and links."""
    yield value
    if dataclasses.is_dataclass(value) and type(value) in VIEW_TYPES:
        for f in dataclasses.fields(value):
            yield from _values(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _values(item)


def test_views_are_frozen_hold_no_lists_and_every_view_object_is_met():
    seen = set()
    for content in CORPORA:
        renderer = _renderer(content)
        for page in renderer.plan():
            view = page_view(page, renderer.site.on_page(page.uri))
            assert type(view) is KIND_VIEWS[page.kind]
            for value in _values(view):
                assert not isinstance(value, list), f"{page.uri}: a list in {type(view).__name__}"
                if dataclasses.is_dataclass(value) and type(value).__module__.startswith("alliance_site.render"):
                    assert type(value) in VIEW_TYPES, f"{type(value).__name__} is not a documented view object"
                    assert type(value).__dataclass_params__.frozen
                    seen.add(type(value))
            with pytest.raises(dataclasses.FrozenInstanceError):
                view.id = "changed"
    assert seen == set(VIEW_TYPES)  # the fixtures show every kind of view at least once


def test_site_is_immutable_and_bound_to_its_page():
    renderer = _renderer(ROOTS / "citations-thesis" / "content")
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
    # and so is every link of the view made for a page: a citation of a source, seen from its page
    cited = next(v for v in renderer.plan() if v.kind == "source" and renderer.corpus.cited_in.get(v.entry.id))
    (use, *_) = page_view(cited, renderer.site.on_page(cited.uri)).uses
    assert use.link.href == f"../../chapters/{use.use.paragraph.chapter.id}/#{use.use.paragraph.id}"
    reference = page_view(chapter, on_chapter).references[0]
    assert reference.href == f"../../bibliography/{reference.key.lower()}/"


def _documented() -> dict[str, list[str]]:
    start = README.index("\n### View objects\n")
    section = README[start : README.index("\n## ", start)]
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| (.+) \|$", section, re.MULTILINE)
    return {name: re.findall(r"`(\w+)`", fields) for name, fields in rows}


def test_the_readme_lists_every_view_object_with_exactly_its_fields():
    documented = _documented()
    actual = {cls.__name__: [f.name for f in dataclasses.fields(cls)] for cls in VIEW_TYPES}
    assert sorted(documented) == sorted(actual), "README: view objects added or missing"
    for name, fields in actual.items():
        assert documented[name] == fields, f"README: the fields of {name}"


#: What the shipped templates may read besides their view: the documented variables, and of ``site``
#: only the helpers that are not a page's content (README, "What a page template sees").
PAGE_VARIABLES = {"view", "title", "L", "lang", "site"}
SITE_HELPERS = {"tr_langs", "language_name", "distinct_trs"}
#: What each partial is given by the template that includes it.
PARTIAL_INPUTS = {
    "_paragraph": {"p", "para_links", "editorial_list"},  # with the macros chapter.md.j2 imports
    "_placement": {"pl"},
    "_table": {"table"},
    "_figure": {"figure"},
    "_where": {"where"},
}


def test_the_shipped_templates_read_their_view_and_only_the_documented_helpers():
    from jinja2 import meta, nodes

    from alliance_site.render.environment import default_templates_dir, make_environment

    env = make_environment()
    templates = sorted((default_templates_dir() / "pages").glob("*.j2"))
    assert len(templates) > 11
    for path in templates:
        tree = env.parse(path.read_text("utf-8"))
        name = path.name.split(".")[0]
        allowed = PAGE_VARIABLES | PARTIAL_INPUTS.get(name, set())
        # (a name set inside an {% if %} counts as undeclared to Jinja's tracker: it is the template's own)
        own = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "store"}
        assert meta.find_undeclared_variables(tree) - own <= allowed, path.name
        used = {
            n.attr for n in tree.find_all(nodes.Getattr) if isinstance(n.node, nodes.Name) and n.node.name == "site"
        }
        assert used <= SITE_HELPERS, f"{path.name} asks site for {sorted(used - SITE_HELPERS)}"
