"""`mkdocs serve` with the build cache: after each kind of edit the served site equals a cold build of
the edited corpus, file for file, and only the pages whose Markdown changed are converted again."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

from alliance_site.site import BuildCache, build_site
from support.serving import start_serve, stop_serve, wait_for
from support.sitebuild import REPO, mkdocs_build

EDITS = [
    ("source", "sources/smith2020.yml", "title: ", "title: Edited ", "bibliography/smith2020/", "Edited "),
    (
        "paragraph",
        "chapters/one.yml",
        "An opening paragraph",
        "An edited opening paragraph",
        "chapters/one/",
        "An edited",
    ),
    ("event", "events/war.yml", "title: The war begins", "title: The war begins anew", "timeline/war/", "begins anew"),
    (
        "table",
        "tables/numbers.yml",
        "caption: Some numbers",
        "caption: Some edited numbers",
        "tables/numbers/",
        "edited numbers",
    ),
]


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read() if response.status == 200 else None
    except (urllib.error.URLError, OSError):
        return None


def _without_livereload(body: bytes) -> bytes:
    """The page as built: the server injects one `<script>` (its live-reload poller) before `</body>`."""
    end = body.rfind(b"</body>")
    start = body.rfind(b"<script>", 0, end)
    if end < 0 or start < 0 or b"livereload" not in body[start:end]:
        return body
    return body[:start] + body[end:]


def _html_entries(project: Path) -> set[str]:
    return {p.name for p in (project / ".cache" / "alliance-site" / "html").rglob("*.json")}


def _generated(project: Path) -> dict[str, str]:
    build = build_site(project / "content", templates_dir=project / "templates", cache=BuildCache.at(None))
    return {p.uri: p.content for p in build.pages if p.uri.endswith(".md")}


def test_served_site_equals_a_cold_build_after_each_kind_of_edit(tmp_path):
    project = tmp_path / "minimal"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", project)
    log = tmp_path / "serve.log"
    proc, base = start_serve(project, log, {"ALLIANCE_SITE_NO_CACHE": "", "SOURCE_DATE_EPOCH": "1764028800"})
    try:
        wait_for("the first page", lambda: _fetch(base), proc, log)
        for kind, rel, old, new, page, shows in EDITS:
            before_pages, before_entries = _generated(project), _html_entries(project)
            path = project / "content" / rel
            text = path.read_text("utf-8")
            assert old in text, kind
            path.write_text(text.replace(old, new, 1), "utf-8")
            wait_for(
                f"the {kind} edit",
                lambda shows=shows, page=page: shows.encode() in (_fetch(base + page) or b""),
                proc,
                log,
                60,
            )
            # The cold build of the same corpus at the served address.
            cold_project = tmp_path / f"cold-{kind}"
            shutil.copytree(project, cold_project, ignore=shutil.ignore_patterns(".cache"))
            config = cold_project / "mkdocs.yml"
            config.write_text(f"site_url: {base}\n" + config.read_text("utf-8"), "utf-8")
            site = tmp_path / f"cold-site-{kind}"
            result = mkdocs_build(cold_project, site, env={"ALLIANCE_SITE_NO_CACHE": "1"})
            assert result.returncode == 0, result.stdout + result.stderr
            expected = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

            def differing(expected=expected) -> list[str]:
                return [uri for uri, body in expected.items() if _without_livereload(_fetch(base + uri) or b"") != body]

            # The rebuild may still be writing the last files: wait until the served site settles.
            wait_for(
                f"the served site to equal the cold build after the {kind} edit", lambda: not differing(), proc, log, 60
            )
            assert differing() == [], kind
            # Converted again: the pages whose Markdown changed, and no other.
            after_pages = _generated(project)
            changed = {uri for uri in after_pages if after_pages[uri] != before_pages.get(uri)}
            assert changed and len(_html_entries(project) - before_entries) == len(changed), kind

        assert "Traceback" not in log.read_text("utf-8")
    finally:
        stop_serve(proc)
