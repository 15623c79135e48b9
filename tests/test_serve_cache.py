"""`mkdocs serve --dirty` with the build cache: after each kind of edit the served site (the folder the
server serves) equals a cold `mkdocs build` of the edited project, file for file, and after an edit
only the pages whose inputs changed are written again."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

from alliance_site.site import BuildCache, build_site
from support.edits import NEW_SOURCE, replace, write
from support.serving import start_serve, stop_serve, wait_for
from support.sitebuild import REPO, mkdocs_build

EPOCH = {"SOURCE_DATE_EPOCH": "1764028800"}


# kind, the edit, the page that shows it, what it shows there (None: the page is gone)
EDITS = [
    (
        "source",
        replace("content/sources/smith2020.yml", "title: ", "title: Edited "),
        "bibliography/smith2020/",
        "Edited ",
    ),
    (
        "paragraph",
        replace("content/chapters/one.yml", "An opening paragraph", "An edited opening paragraph"),
        "chapters/one/",
        "An edited",
    ),
    (
        "event",
        replace("content/events/war.yml", "title: The war begins", "title: The war begins anew"),
        "timeline/war/",
        "begins anew",
    ),
    (
        "table",
        replace("content/tables/numbers.yml", "caption: Some numbers", "caption: Some edited numbers"),
        "tables/numbers/",
        "edited numbers",
    ),
    (  # in the navigation of every page
        "chapter title",
        replace("content/chapters/one.yml", "title: The first chapter", "title: The retitled chapter"),
        "",
        "The retitled chapter",
    ),
    (
        "page template",
        replace("templates/pages/source.md.j2", "\n", "\nZqx page template edit\n"),
        "bibliography/doe2019/",
        "Zqx page template edit",
    ),
    (
        "theme template",
        write("templates/theme/partials/copyright.html", "<p>Zqx theme edit</p>\n"),
        "",
        "Zqx theme edit",
    ),
    ("new file", write("content/sources/new2021.yml", NEW_SOURCE), "bibliography/new2021/", "A new book"),
    ("deleted file", write("content/sources/new2021.yml", None), "bibliography/new2021/", None),
]


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read() if response.status == 200 else None
    except (urllib.error.URLError, OSError):
        return None


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "minimal"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", project)
    # The user's template overrides, there before the server starts (it watches templates/ if it exists).
    (project / "templates" / "pages").mkdir(parents=True)
    shutil.copy(REPO / "templates" / "pages" / "source.md.j2", project / "templates" / "pages")
    (project / "templates" / "theme" / "partials").mkdir(parents=True)
    (project / "templates" / "theme" / "partials" / "copyright.html").write_text("<p>Zqx theme</p>\n", "utf-8")
    return project


def _serve(tmp_path: Path, project: Path):
    """`mkdocs serve --dirty` with the cache on; returns the process, its address, its log and the
    folder it serves (MkDocs makes it in the temporary folder, here one of the test's own)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    log = tmp_path / "serve.log"
    env = {"ALLIANCE_SITE_NO_CACHE": "", "TMPDIR": str(tmp), **EPOCH}
    proc, base = start_serve(project, log, env, "--dirty")
    wait_for("the first page", lambda: _fetch(base), proc, log, 120)
    (site,) = tmp.glob("mkdocs_*")
    return proc, base, log, site


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _cold_build(project: Path, base: str, where: Path) -> dict[str, bytes]:
    """A cold `mkdocs build` of a copy of ``project`` (no cache) at the served address."""
    cold = where / "project"
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns(".cache"))
    config = cold / "mkdocs.yml"
    config.write_text(f"site_url: {base}\n" + config.read_text("utf-8"), "utf-8")
    result = mkdocs_build(cold, where / "site", env={"ALLIANCE_SITE_NO_CACHE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return _files(where / "site")


def _differences(served: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    return sorted(uri for uri in served.keys() | expected.keys() if served.get(uri) != expected.get(uri))


def test_served_site_equals_a_cold_build_after_each_kind_of_edit(tmp_path):
    project = _project(tmp_path)
    proc, base, log, site = _serve(tmp_path, project)
    try:
        for n, (kind, edit, page, shows) in enumerate(EDITS):
            edit(project)
            if shows is None:
                wait_for(f"the {kind} edit", lambda page=page: _fetch(base + page) is None, proc, log, 60)
            else:
                visible = lambda page=page, shows=shows: shows.encode() in (_fetch(base + page) or b"")
                wait_for(f"the {kind} edit", visible, proc, log, 60)
            expected = _cold_build(project, base, tmp_path / f"cold-{n}")
            # Requests wait while the server builds; a poll of the page may answer just before the
            # search index and sitemap are written: wait until the folder settles on the cold build.
            wait_for(
                f"the served site to equal the cold build after the {kind} edit",
                lambda expected=expected: not _differences(_files(site), expected),
                proc,
                log,
                60,
            )
            assert _differences(_files(site), expected) == [], kind
        assert "Traceback" not in log.read_text("utf-8")
    finally:
        stop_serve(proc)


def _generated(project: Path) -> dict[str, str]:
    build = build_site(project / "content", templates_dir=project / "templates", cache=BuildCache.at(None))
    return {p.uri: p.content for p in build.pages if p.uri.endswith(".md")}


def _built_page(uri: str) -> str:
    """Where MkDocs writes the page of ``uri`` (directory URLs)."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


# Written by every build: the theme's templates and the search index hold every page.
EVERY_BUILD = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}


def test_a_paragraph_edit_writes_only_the_pages_it_changes(tmp_path):
    project = _project(tmp_path)
    proc, base, log, site = _serve(tmp_path, project)
    try:
        before_pages = _generated(project)
        mtimes = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
        replace("content/chapters/one.yml", "An opening paragraph", "An edited opening paragraph")(project)
        wait_for("the edit", lambda: b"An edited" in (_fetch(base + "chapters/one/") or b""), proc, log, 60)
        expected = _cold_build(project, base, tmp_path / "cold")
        wait_for("the rebuild", lambda: not _differences(_files(site), expected), proc, log, 60)
        written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
        written = {uri for uri in written if (site / uri).stat().st_mtime_ns != mtimes.get(site / uri)}
        after_pages = _generated(project)
        changed = {uri for uri in after_pages if after_pages[uri] != before_pages.get(uri)}
        assert "chapters/one.md" in changed
        assert written - EVERY_BUILD == {_built_page(uri) for uri in changed}
    finally:
        stop_serve(proc)
