"""Serving, the generator renders again only the pages whose recorded inputs changed
(render/page_inputs.py, render/page_reuse.py): after every kind of edit its output equals a cold
build's, byte for byte, and an edit renders again only the pages that show what it changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2.exceptions import UndefinedError

from alliance_site.render.page_inputs import MODEL_CLASSES, Reads, TrackedMapping, recording
from alliance_site.render.read_shapes import Inputs
from alliance_site.site import BuildCache, build_site
from support.edits import NEW_SOURCE, replace, write
from support.sitebuild import REPO

# kind, the edit, pages that must not be rendered again (they do not show what changed)
EDITS = [
    ("source", replace("content/sources/smith2020.yml", "title: ", "title: Edited "), ["bibliography/doe2019.md"]),
    (
        "paragraph",
        replace("content/chapters/one.yml", "An opening paragraph", "An edited opening paragraph"),
        ["tables/numbers.md", "figures/chart.md"],
    ),
    (
        "citation added",
        replace("content/chapters/one.yml", "about the USA.", "about the USA [@doe2019, p. 3]."),
        ["figures/chart.md"],
    ),
    (
        "event",
        replace("content/events/war.yml", "title: The war begins", "title: The war begins anew"),
        ["bibliography/doe2019.md", "figures/chart.md"],
    ),
    (
        "table",
        replace("content/tables/numbers.yml", "caption: Some numbers", "caption: Some edited numbers"),
        ["figures/chart.md", "bibliography/doe2019.md"],
    ),
    ("figure", replace("content/figures/chart.yml", "caption: A chart", "caption: An edited chart"), []),
    ("glossary", replace("content/glossary.yml", "United States of America", "The United States"), []),
    ("corpus", replace("content/corpus.yml", "title: A minimal corpus", "title: A retitled corpus"), []),
    ("chapter title", replace("content/chapters/one.yml", "title: The first chapter", "title: Retitled"), []),
    ("page template", replace("templates/pages/source.md.j2", "\n", "\nZqx page template edit\n"), []),
    ("new file", write("content/sources/new2021.yml", NEW_SOURCE), []),
    ("deleted file", write("content/sources/new2021.yml", None), []),
]


def _pages(build) -> dict[str, str | bytes]:
    assert not build.errors, build.errors
    return {page.uri: page.content for page in build.pages}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "minimal"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", project)
    (project / "templates" / "pages").mkdir(parents=True)
    shutil.copy(REPO / "templates" / "pages" / "source.md.j2", project / "templates" / "pages")
    return project


def _build(project: Path, cache: BuildCache):
    return build_site(project / "content", templates_dir=project / "templates", cache=cache)


def test_after_each_kind_of_edit_the_reused_pages_equal_a_cold_build(project):
    cache = BuildCache.at(None)
    cache.incremental = True
    first = _pages(_build(project, cache))
    assert first == _pages(_build(project, BuildCache.at(None)))
    again = _pages(_build(project, cache))
    assert again == first and cache.pages.rendered == []  # nothing changed: nothing rendered
    for kind, edit, untouched in EDITS:
        edit(project)
        served = _pages(_build(project, cache))
        assert served == _pages(_build(project, BuildCache.at(None))), kind
        rendered = {name[1] for name in cache.pages.rendered if name[0] == "page"}
        assert cache.pages.rendered, kind
        assert not rendered & set(untouched), (kind, rendered)


def test_a_paragraph_edit_renders_again_only_the_pages_that_show_the_paragraph(project):
    cache = BuildCache.at(None)
    cache.incremental = True
    _build(project, cache)
    replace("content/chapters/one.yml", "An opening paragraph", "An edited opening paragraph")(project)
    _build(project, cache)
    rendered = {name[1] for name in cache.pages.rendered}
    # The chapter shows it; the sources it cites show where they are cited, with the words before.
    assert rendered == {"chapters/one.md", "bibliography/smith2020.md", "bibliography/doe2019.md"}


def test_reads_are_named_by_identity_and_answered_again_in_a_new_model(project):
    cache = BuildCache.at(None)
    cache.incremental = True
    _build(project, cache)
    corpus = cache.pages.inputs  # retired by the next build; here the live one
    inputs = Inputs(corpus.corpus, corpus.bibliographies)
    reads = Reads(inputs.names)
    with recording(reads):
        source = inputs.corpus.sources["smith2020"]
        title = source.data["title"]
        assert isinstance(inputs.corpus.cited_in, TrackedMapping)
        uses = inputs.corpus.cited_in.get("smith2020", [])
        assert uses and uses[0].paragraph.number == 1
    assert title
    assert ((("entry", "source", "smith2020"), "data")) in reads.keys
    assert (((("corpus",), "sources"), "item", "smith2020")) in reads.keys
    assert (((("corpus",), "cited_in"), "item", "smith2020")) in reads.keys
    shapes = inputs.shapes(reads.keys)
    assert inputs.same(shapes)
    # Outside recording, the model is read as it is.
    assert type(inputs.corpus.sources) is dict


def test_a_template_reading_a_chapters_fields_renders_the_same_served(project):
    # While a served page records, a chapter's fields are a TrackedMapping, not a dict: an optional
    # field left out (the chapter's number) must still be empty, not an error.
    shutil.copy(REPO / "templates" / "pages" / "chapter.md.j2", project / "templates" / "pages")
    with (project / "templates" / "pages" / "chapter.md.j2").open("a", encoding="utf-8") as out:
        out.write("\nZqx [{{ chapter.data.page }}] {{ chapter.data.number }} {{ chapter.data['id'] }}\n")
    cache = BuildCache.at(None)
    cache.incremental = True
    served = _pages(_build(project, cache))
    assert "Zqx [] Chapter 1 one" in served["chapters/one.md"]
    assert served == _pages(_build(project, BuildCache.at(None)))


def test_a_broken_rebuild_in_between_leaves_the_next_one_equal_to_a_cold_build(project):
    cache = BuildCache.at(None)
    cache.incremental = True
    _build(project, cache)
    # A citation of a source that does not exist: the build stops with an error, nothing is rendered.
    replace("content/chapters/one.yml", "An opening paragraph citing", "An opening [@nobody1999] citing")(project)
    assert _build(project, cache).errors
    # A template that fails while pages render (the server keeps the last good site).
    template = project / "templates" / "pages" / "source.md.j2"
    good = template.read_text("utf-8")
    template.write_text(good + "\n{{ view.no_such_field.deeper }}\n", "utf-8")
    replace("content/chapters/one.yml", "An opening [@nobody1999] citing", "An opening paragraph citing")(project)
    with pytest.raises(UndefinedError):
        _build(project, cache)
    template.write_text(good, "utf-8")
    replace("content/events/war.yml", "title: The war begins", "title: The war begins anew")(project)
    assert _pages(_build(project, cache)) == _pages(_build(project, BuildCache.at(None)))
    # The model is read as it is again: recording ended with the failed render.
    assert all("__getattribute__" not in vars(cls) for cls in MODEL_CLASSES)


ROOTS = ["minimal", "citations-thesis", "citations-style", "citation-engine", "hostile"]


@pytest.mark.parametrize("root", ROOTS)
def test_every_fixture_renders_the_same_served_and_a_comment_renders_nothing_again(tmp_path, root):
    # Translations, hostile text, other styles' fields: read through the recording model they render the
    # same. A file written again with only a comment added parses to equal data: nothing renders again.
    project = tmp_path / root
    shutil.copytree(REPO / "tests" / "roots" / root, project)
    content = project / "content"
    cold = build_site(content, cache=BuildCache.at(None))
    if cold.errors:
        pytest.skip(f"{root} does not build without its mkdocs.yml options")
    cache = BuildCache.at(None)
    cache.incremental = True
    assert _pages(build_site(content, cache=cache)) == _pages(cold)
    for path in sorted(content.rglob("*.yml")):
        path.write_text(path.read_text("utf-8") + "\n# an editor's note\n", "utf-8")
    assert _pages(build_site(content, cache=cache)) == _pages(cold)
    assert cache.pages.rendered == []
