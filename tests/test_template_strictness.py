"""Template overrides are checked by name: a typo (``entry.data.titel``, ``site.entry_lable``) is an
error that names the override's file and line, while an optional field the schemas declare and a
file leaves out renders as nothing, as it did before. Real corpus, real build (``build_site``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from alliance_site.render.environment import make_environment, template_error_place
from alliance_site.site import build_site
from support.sitebuild import mkdocs_build

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
DEFAULT_TABLE = (REPO / "templates" / "pages" / "table.md.j2").read_text("utf-8")
README = (REPO / "README.md").read_text("utf-8")
#: The README's example override (section "View objects"), as an editor would copy it.
EVENT_EXAMPLE = re.search(
    r'```jinja title="templates/pages/event.md.j2"\n(.*?)^```$', README, re.DOTALL | re.MULTILINE
)[1]


def _override(tmp_path: Path, name: str, text: str) -> Path:
    pages = tmp_path / "templates" / "pages"
    pages.mkdir(parents=True)
    (pages / name).write_text(text, "utf-8")
    return pages / name


@pytest.mark.parametrize(
    "typo",
    [
        "{{ entry.data.titel }}",
        "{% if entry.data.captoin %}x{% endif %}",
        "{{ site.entry_lable(entry) }}",
        "{{ L.tabels }}",
        "{{ view.titel }}",
        "{{ view.table.rows[0].cels }}",
    ],
)
def test_a_typo_in_an_override_is_an_error_naming_its_file_and_line(tmp_path, typo):
    override = _override(tmp_path, "table.md.j2", DEFAULT_TABLE.replace("{% include", typo + "\n{% include", 1))
    line = DEFAULT_TABLE.split("{% include", 1)[0].count("\n") + 1
    with pytest.raises(UndefinedError) as caught:
        build_site(CONTENT, templates_dir=tmp_path / "templates")
    assert template_error_place(caught.value) == f"{override}:{line}: "


def test_the_unchanged_template_as_an_override_builds_the_same_pages(tmp_path):
    _override(tmp_path, "table.md.j2", DEFAULT_TABLE)
    with_override = {p.uri: p.content for p in build_site(CONTENT, templates_dir=tmp_path / "templates").pages}
    assert with_override == {p.uri: p.content for p in build_site(CONTENT).pages}


def test_a_declared_optional_field_left_out_renders_as_nothing():
    env = make_environment()
    template = env.from_string(
        "[{{ d.number }}|{% if d.number %}n{% endif %}|{% for x in d.notes %}{{ x }}{% endfor %}]"
    )
    assert template.render(d={"caption": "Tabel"}) == "[||]"
    with pytest.raises(UndefinedError):  # asking an absent field for more is a mistake, not an empty value
        env.from_string("{{ d.image.path }}").render(d={"caption": "Gambar"})
    with pytest.raises(UndefinedError):  # and a name no schema declares is a typo
        env.from_string("{{ d.numbre }}").render(d={"caption": "Tabel"})


def test_mkdocs_build_names_the_override_and_line_of_a_typo(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", project)
    chapter = (REPO / "templates" / "pages" / "chapter.md.j2").read_text("utf-8")
    override = _override(project, "chapter.md.j2", chapter + "{{ chapter.data.titel }}\n")
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    line = chapter.count("\n") + 1
    assert f"{override}:{line}: error: UndefinedError" in result.stdout + result.stderr
    assert not (project / "site").exists()  # no half-made site


def _event_pages(build) -> dict[str, str]:
    return {p.uri: p.content for p in build.pages if p.uri.startswith("timeline/") and p.uri != "timeline/index.md"}


def test_the_readme_override_of_the_event_page_reads_its_view(tmp_path):
    _override(tmp_path, "event.md.j2", EVENT_EXAMPLE)
    build = build_site(CONTENT, templates_dir=tmp_path / "templates")
    assert build.errors == []
    pages = _event_pages(build)
    default = _event_pages(build_site(CONTENT))
    assert pages.keys() == default.keys() and pages
    for uri, text in pages.items():
        body = text.split("\n---\n", 1)[1]
        date = re.search(r'<p class="my-event-date">(<time [^>]*>[^<]*</time>)', body)
        assert date and date[1] in default[uri]  # the same <time> element as the default page's
        assert 'class="as-told-in"' not in body and "my-event-told" in body
    # The first event of the corpus, against its YAML: its actors, and a link to each paragraph that tells it.
    event = (CONTENT / "events" / "armistice-1953.yml").read_text("utf-8")
    (page,) = [t for u, t in pages.items() if "armistice-1953" in u]
    actors = re.findall(r"^- (.+)$", event.split("actors:", 1)[1].split("sources:", 1)[0], re.MULTILINE)
    assert f'<p class="my-event-actors">Actors: {", ".join(actors)}</p>' in page
    paragraphs = re.findall(r"^- (p-[\w-]+)$", event.split("paragraphs:", 1)[1], re.MULTILINE)
    assert paragraphs and all(f'#{pid}"' in page for pid in paragraphs)


def test_a_typo_in_the_readme_override_names_its_file_and_line(tmp_path):
    typo = EVENT_EXAMPLE.replace("view.actors %}", "view.actros %}", 1)
    assert typo != EVENT_EXAMPLE
    override = _override(tmp_path, "event.md.j2", typo)
    line = typo.split("view.actros", 1)[0].count("\n") + 1
    with pytest.raises(UndefinedError) as caught:
        build_site(CONTENT, templates_dir=tmp_path / "templates")
    assert template_error_place(caught.value) == f"{override}:{line}: "
