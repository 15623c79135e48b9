"""The whole generator phase in one call: load → validate → model → format → render.

Used by the MkDocs plugin and by ``alliance-site render``; free of MkDocs imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

# Only what a cache hit needs is imported here: the loader, the renderer and the citation engine (Jinja,
# jsonschema, YAML, citeproc) are imported by build_site when it has to generate the pages.
from .cache.pages import build_key, pages_from_payload, pages_to_payload
from .cache.store import JsonStore
from .errors import Problem
from .render.generated import GeneratedPage
from .render.options import SiteOptions
from .render.template_dirs import default_templates_dir
from .validate.file_cache import FileCache

if TYPE_CHECKING:
    from .cache.bibliography import CachedBibliography

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
    """What a build may reuse. ``store`` is the persistent cache (``.cache/alliance-site/``, or a store that
    keeps nothing for ``--no-cache``): the whole generator output keyed by a hash of all its inputs, and
    the formatted citations and references keyed by the sources, style, locale and engine. ``files``
    keeps parsed files in memory across ``mkdocs serve`` rebuilds (only a changed file is parsed again);
    None for a build that runs once, so that the parsed files (their YAML nodes) are freed once the model
    is made, before the pages render."""

    store: JsonStore = field(default_factory=lambda: JsonStore(None))
    files: FileCache | None = field(default_factory=FileCache)
    last_bibliography: CachedBibliography | None = None

    @classmethod
    def at(cls, folder: Path | None) -> BuildCache:
        """A cache persisted in ``folder`` (None: in memory only)."""
        return cls(store=JsonStore(folder))


_ASSETS = ("alliance-site.css", "alliance-site.js")


def _assets() -> list[GeneratedPage]:
    folder = resources.files("alliance_site").joinpath("assets")
    return [GeneratedPage(f"assets/alliance-site/{name}", folder.joinpath(name).read_text("utf-8")) for name in _ASSETS]


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

    ``cache`` (:class:`BuildCache`) gives what earlier builds left: the same output again when no input
    changed, the formatted citations and references when the sources did not.
    """
    content_dir = Path(content_dir).resolve()
    cache = cache or BuildCache()
    store = cache.store
    options = SiteOptions(use_directory_urls, Path(templates_dir) / "pages" if templates_dir else None, ui_language)
    key = (
        build_key(content_dir, templates_dir, options, csl_style, csl_locale, default_templates_dir())
        if store.folder
        else None
    )
    payload = store.get("build", key) if key else None
    if payload is not None:
        try:
            problems, generated, nav = pages_from_payload(payload)
            return _finish(problems, generated, nav, payload["assets"], content_dir)
        except (KeyError, TypeError, ValueError, OSError):
            pass  # an entry of another shape (hand-made, or of a bug since fixed): build it again
    from .cache.bibliography import CachedBibliography
    from .citations import Bibliography
    from .render.scholarly import ScholarlyApparatus
    from .render.site import SiteRenderer
    from .validate.run import load_corpus

    result = load_corpus(content_dir, cache=cache.files)
    result.documents = []  # the model has what the pages need: the parsed files are not kept by the build
    if result.corpus is None:
        return SiteBuild(result.problems)
    corpus = result.corpus
    locale = csl_locale or corpus.meta["language"]
    sources = [s.data for s in corpus.sources.values()]
    bib = CachedBibliography(sources, style=csl_style, locale=locale, store=store, factory=Bibliography)
    bib.register([c for p in corpus.paragraphs.values() for c in p.citations])
    cache.last_bibliography = bib
    made: list[CachedBibliography] = [bib]

    def chapter_bibliography(chapters: list[dict]) -> CachedBibliography:
        made.append(CachedBibliography(chapters, style=csl_style, locale=locale, store=store, factory=Bibliography))
        return made[-1]

    apparatus = ScholarlyApparatus(corpus, bib, csl_style, locale, make_bibliography=chapter_bibliography)
    renderer = SiteRenderer(corpus, bib, options, extras={"apparatus": apparatus})
    generated = renderer.pages()
    nav = _nav(corpus, renderer.labels, renderer.urls, generated)
    images = sorted({f.data["image"]["path"] for f in corpus.figures.values() if f.data.get("image")})
    assets = [[renderer.urls.asset(p), p] for p in images]
    for formatted in made:
        formatted.save()
    if key:
        store.put("build", key, pages_to_payload(result.problems, generated, nav) | {"assets": assets})
        for kind in ("build", "bibliography"):
            store.prune(kind)
    return _finish(result.problems, generated, nav, assets, content_dir)


def _finish(problems, generated: list[GeneratedPage], nav: list, assets: list, content_dir: Path) -> SiteBuild:
    images = [GeneratedPage(uri, (content_dir / path).read_bytes()) for uri, path in assets]
    return SiteBuild(
        problems,
        pages=generated + _assets() + images,
        nav=nav,
        stylesheets=[f"assets/alliance-site/{_ASSETS[0]}"],
        scripts=[f"assets/alliance-site/{_ASSETS[1]}"],
    )
