"""The scholarly <head> metadata (issue 15): written into each built page by the plugin, so that a
site's own main.html keeps it, and escaped there; theme templates stay within what Zensical's
MiniJinja also runs (no ``dict.get`` calls)."""

from __future__ import annotations

import re
import shutil

import pytest

from alliance_site.render.head_meta import head_html, with_head
from support.sitebuild import REPO, mkdocs_build

MINIMAL = REPO / "tests" / "roots" / "minimal"
OWN_MAIN = '{% extends "base.html" %}\n{% block extrahead %}<meta name="own" content="mine">{% endblock %}\n'


def _build_with(tmp_path, place: str):
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("expected"))
    if place == "custom_dir":
        (project / "overrides").mkdir()
        (project / "overrides" / "main.html").write_text(OWN_MAIN, "utf-8")
        config = (project / "mkdocs.yml").read_text("utf-8")
        (project / "mkdocs.yml").write_text(
            config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
        )
    else:  # the site's own templates/theme/main.html, in place of the generator's
        (project / "templates" / "theme").mkdir(parents=True)
        (project / "templates" / "theme" / "main.html").write_text(OWN_MAIN, "utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.parametrize("place", ["custom_dir", "templates_dir"])
def test_a_sites_own_main_html_keeps_the_scholarly_metadata(tmp_path, place):
    site = _build_with(tmp_path, place)
    chapter = (site / "chapters" / "one" / "index.html").read_text("utf-8")
    assert '<meta name="own" content="mine">' in chapter  # the site's own template is the one used
    head = chapter.split("</head>")[0]
    assert '<meta name="citation_title" content="Chapter 1 — The first chapter">' in head
    assert head.count('<script type="application/ld+json">') == 1
    bibliography = (site / "bibliography" / "index.html").read_text("utf-8").split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/x-bibtex" href="../bibliography.bib" title="BibTeX">' in bibliography
    )
    source = (site / "bibliography" / "smith2020" / "index.html").read_text("utf-8").split("</head>")[0]
    assert '<meta name="citation_title" content="A history">' in source


def test_head_values_are_escaped():
    meta = {
        "citation_meta": [["citation_title", '"><script>alert(1)</script>']],
        "alternates": [{"type": "a", "href": 'x" onload="y', "title": "<t>"}],
        "jsonld": {"name": "</script><script>alert(1)</script>"},
    }
    block = head_html(meta)
    assert "<script>alert" not in block and 'onload="' not in block and "<t>" not in block
    assert '<meta name="citation_title" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in block
    page = with_head("<html><head><title>x</title></head><body></body></html>", meta)
    assert page.count("</script>") == 1 and page.index(block) < page.index("</head>")
    assert with_head(page, meta) == page  # never twice


def test_a_page_without_metadata_is_unchanged():
    html = "<html><head></head><body></body></html>"
    assert with_head(html, {}) == with_head(html, None) == html


def test_theme_templates_call_no_dict_methods():
    """Zensical renders theme templates with MiniJinja, which has no Python dict methods."""
    for template in (REPO / "templates" / "theme").rglob("*.html"):
        text = template.read_text("utf-8")
        assert not re.search(r"\.(get|items|keys|values)\(", text), template
