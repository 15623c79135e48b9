"""The whole generator phase in one call: load → validate → model → format → render.

Used by the MkDocs plugin and by ``alliance-site render``; free of MkDocs imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path

from .citations import Bibliography
from .errors import Problem
from .render.environment import default_templates_dir
from .render.scholarly import ScholarlyApparatus
from .render.site import GeneratedPage, SiteOptions, SiteRenderer
from .validate.run import FileCache, load_corpus

__all__ = ["BuildCache", "SiteBuild", "build_site"]


@dataclass
class SiteBuild:
    """Everything a build needs from the generator."""

    problems: list[Problem]
    pages: list[GeneratedPage] = field(default_factory=list)
    nav: list = field(default_factory=list)
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    theme_dir: Path = field(default_factory=lambda: default_templates_dir() / "theme")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass
class BuildCache:
    """What ``mkdocs serve`` keeps between rebuilds: the parsed and checked files (only a changed file is
    read again), and the formatted bibliography, reused while the sources, the style and the locale are
    unchanged (formatting every citation and reference again is most of a rebuild's cost)."""

    files: FileCache = field(default_factory=FileCache)
    bibliography_key: str | None = None
    bibliography: Bibliography | None = None

    def bibliography_for(self, sources: list[dict], style: str | None, locale: str) -> Bibliography:
        key = json.dumps([sources, style, locale], sort_keys=True, default=str)
        if key != self.bibliography_key or self.bibliography is None:
            self.bibliography_key, self.bibliography = key, Bibliography(sources, style=style, locale=locale)
        self.bibliography.forget_citations()  # which sources are cited is this build's to say
        return self.bibliography


_ASSETS = ("alliance-site.css", "alliance-site.js")


def _assets() -> list[GeneratedPage]:
    folder = resources.files("alliance_site").joinpath("assets")
    return [GeneratedPage(f"assets/alliance-site/{name}", folder.joinpath(name).read_text("utf-8")) for name in _ASSETS]


def _images(corpus, content_dir: Path, urls) -> list[GeneratedPage]:
    """Figure images, copied from content/ into the site (the validator checked that they exist)."""
    paths = sorted({f.data["image"]["path"] for f in corpus.figures.values() if f.data.get("image")})
    return [GeneratedPage(urls.asset(p), (content_dir / p).read_bytes()) for p in paths]


def _nav(corpus, labels, urls, pages: list[GeneratedPage]) -> list:
    # Navigation titles are HTML to MkDocs and Material (printed unescaped): escaped text here.
    chapters = [
        {
            escape(
                (ch.data.get("number") + " — " if ch.data.get("number") else "") + ch.title, quote=False
            ): urls.chapter(ch.id)
        }
        for ch in corpus.chapters
    ]
    written = {page.uri for page in pages}
    nav = [
        {labels["home"]: urls.home},
        {labels["chapters"]: chapters},
        {labels["timeline"]: urls.timeline},
        {labels["tables"]: urls.tables_index},
        {labels["figures"]: urls.figures_index},
        {labels["bibliography"]: urls.bibliography},
        {labels["glossary"]: urls.glossary},
        {labels["how_to_edit"]: urls.howto},
    ]
    # Only the pages there are: an index with nothing to list is not written.
    return [item for item in nav if any(isinstance(v, list) or v in written for v in item.values())]


def build_site(
    content_dir: Path,
    *,
    templates_dir: Path | None = None,
    use_directory_urls: bool = True,
    ui_language: str = "en",
    csl_style: str | None = None,
    csl_locale: str | None = None,
    cache: BuildCache | None = None,
) -> SiteBuild:
    """Run the generator phase. Returns problems instead of raising; pages only when there are no errors.

    ``cache`` keeps parsed files and the formatted bibliography between calls (``mkdocs serve``).
    """
    content_dir = Path(content_dir).resolve()
    result = load_corpus(content_dir, cache=cache.files if cache else None)
    if result.corpus is None:
        return SiteBuild(result.problems)
    corpus = result.corpus
    locale = csl_locale or corpus.meta["language"]
    sources = [s.data for s in corpus.sources.values()]
    if cache:
        bib = cache.bibliography_for(sources, csl_style, locale)
    else:
        bib = Bibliography(sources, style=csl_style, locale=locale)
    bib.register([c for p in corpus.paragraphs.values() for c in p.citations])
    apparatus = ScholarlyApparatus(corpus, bib, csl_style, locale)
    options = SiteOptions(use_directory_urls, Path(templates_dir) / "pages" if templates_dir else None, ui_language)
    renderer = SiteRenderer(corpus, bib, options, extras={"apparatus": apparatus})
    pages = renderer.pages() + _assets() + _images(corpus, content_dir, renderer.urls)
    return SiteBuild(
        result.problems,
        pages=pages,
        nav=_nav(corpus, renderer.labels, renderer.urls, pages),
        stylesheets=[f"assets/alliance-site/{_ASSETS[0]}"],
        scripts=[f"assets/alliance-site/{_ASSETS[1]}"],
    )
