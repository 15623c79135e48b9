"""``mkdocs serve``: an edit that breaks the corpus shows ``file:line:column`` in the terminal (no traceback)
while the last good site keeps being served; fixing it brings the new page."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.serving import edit_text, http_get, served_page, start_serve, stop_serve, wait_for

REPO = Path(__file__).resolve().parents[1]
PAGE = "chapters/one/"
OLD, BROKEN, FIXED = "An opening paragraph", "A broken paragraph", "A mended paragraph"


def test_serve_keeps_the_last_good_site_while_an_edit_is_invalid(tmp_path):
    root = tmp_path / "minimal"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", root)
    chapter = root / "content" / "chapters" / "one.yml"
    log = tmp_path / "serve.log"
    proc, base = start_serve(root, log)
    url = base + PAGE
    try:
        page = wait_for("the first page", lambda: served_page(url), proc, log)
        assert OLD in page
        builds = log.read_text("utf-8").count("Documentation built in")

        # An unknown citation key: the rebuild fails validation.
        edit_text(chapter, f"{OLD} citing [@smith2020,", f"{BROKEN} citing [@smith2021,")
        line_no, line = next(
            (i, ln) for i, ln in enumerate(chapter.read_text("utf-8").split("\n"), 1) if "@smith2021" in ln
        )
        where = f"content/chapters/one.yml:{line_no}:{line.index('@smith2021') + 1}: error: unknown citation key 'smith2021'"
        wait_for("the error in the terminal", lambda: where in log.read_text("utf-8"), proc, log)
        # The rebuild goes on with the last good pages, and says so instead of "Documentation built".
        kept = "The site was not updated: the last good version is still served"
        wait_for("the rebuild to finish", lambda: kept in log.read_text("utf-8"), proc, log)
        output = log.read_text("utf-8")
        assert "Traceback" not in output, output
        assert output.count("Documentation built in") == builds, "a failed rebuild must not say it built the site"
        status, page = http_get(url)
        assert status == 200 and OLD in page and BROKEN not in page

        # Fixed: the page shows the edit.
        edit_text(chapter, f"{BROKEN} citing [@smith2021,", f"{FIXED} citing [@smith2020,")
        wait_for("the mended page", lambda: FIXED in http_get(url)[1], proc, log)
        assert "Traceback" not in log.read_text("utf-8")
        assert proc.poll() is None, "the server stopped"
    finally:
        stop_serve(proc)


def test_serve_keeps_the_last_good_site_while_a_template_is_broken(tmp_path):
    root = tmp_path / "minimal"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", root)
    template = root / "templates" / "pages" / "glossary.md.j2"
    template.parent.mkdir(parents=True)
    shutil.copy(REPO / "templates" / "pages" / "glossary.md.j2", template)
    good = template.read_text("utf-8")
    log = tmp_path / "serve.log"
    proc, base = start_serve(root, log)
    url = base + "glossary/"
    try:
        page = wait_for("the first page", lambda: served_page(url), proc, log)
        assert "United States of America" in page
        template.write_text(good + "{% if %}\n", "utf-8")
        wait_for("the template error in the terminal", lambda: "glossary.md.j2" in log.read_text("utf-8"), proc, log)
        status, page = http_get(url)  # times out (status 0) while MkDocs holds requests after a failed rebuild
        assert status == 200 and "United States of America" in page
        assert "Traceback" not in log.read_text("utf-8")
        template.write_text(good.replace("</", "<!-- mended --></", 1), "utf-8")
        wait_for("the mended page", lambda: "mended" in http_get(url)[1], proc, log)
    finally:
        stop_serve(proc)
