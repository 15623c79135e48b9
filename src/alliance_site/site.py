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
    from .page_stream import PageWriter
    from .render.page_reuse import RenderedUnits
    from .render.site import SiteRenderer

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
    # `mkdocs serve`: render again only the pages whose inputs changed (render/page_reuse.py), and reuse
    # the last build's formatted bibliographies while their sources are the same.
    incremental: bool = False
    pages: RenderedUnits | None = None
    bibliographies: dict[str, CachedBibliography] = field(default_factory=dict)
    environment: tuple | None = None  # (options, template bytes, Jinja environment) of the last build

    def environment_for(self, options: SiteOptions):
        """Serving: the last build's Jinja environment (its templates compiled) while the options and every
        template's bytes are the same; None (a new one) otherwise."""
        if not self.incremental or self.environment is None:
            return None
        from .render.site import SiteRenderer

        was, templates, env = self.environment
        if was != options or templates != SiteRenderer.template_files(options):
            return None
        return env

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
    stream: PageWriter | None = None,
) -> SiteBuild:
    """Run the generator phase. Returns problems instead of raising; pages only when there are no errors.

    ``cache`` (:class:`BuildCache`) gives what earlier builds left: the same output again when no input
    changed, the formatted citations and references when the sources did not. ``stream`` (a cold build
    in ``mkdocs build``'s child) is handed the build without the planned pages' contents as soon as that
    is known, then each of those pages as it is rendered (:mod:`.page_stream`).
    """
    content_dir = Path(content_dir).resolve()
    cache = cache or BuildCache()
    store = cache.store
    options = SiteOptions(use_directory_urls, Path(templates_dir) / "pages" if templates_dir else None, ui_language)
    key = (
        build_key(content_dir, templates_dir, options, csl_style, csl_locale, default_templates_dir())
        if store.folder and not cache.incremental  # serving: the pages are reused one by one instead
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
    from .citations.citeproc_js import CiteprocJS
    from .render.page_inputs import RecordingBibliography
    from .render.scholarly import ScholarlyApparatus
    from .render.site import SiteRenderer
    from .validate.run import load_corpus

    CiteprocJS.start_shared()  # ready by the time the sources are read (format_ahead below)
    reuse = cache.bibliographies if cache.incremental else None
    early: list[CachedBibliography] = []

    def format_ahead(docs) -> None:
        # A cold build formats the sources on a thread while the chapters, events and tables are read.
        meta = next((d.data for d in docs if d.kind == "corpus"), {})
        sources = sorted((d.data for d in docs if d.kind == "source"), key=lambda data: str(data.get("id")))
        if isinstance(csl_locale or meta.get("language"), str) and all(isinstance(s.get("id"), str) for s in sources):
            early.append(bibliography(sources, csl_locale or meta["language"]))
            early[0].format_ahead()

    def bibliography(sources: list[dict], locale: str) -> CachedBibliography:
        return CachedBibliography(
            sources, style=csl_style, locale=locale, store=store, factory=Bibliography, reuse=reuse
        )

    result = load_corpus(content_dir, cache=cache.files, early=format_ahead)
    result.documents = []  # the model has what the pages need: the parsed files are not kept by the build
    if result.corpus is None:
        for unused in early:
            unused.save()  # waits for its thread; an erroneous corpus has nothing to keep
        return SiteBuild(result.problems)
    corpus = result.corpus
    locale = csl_locale or corpus.meta["language"]
    sources = [s.data for s in corpus.sources.values()]
    started = early[0] if early and early[0].same_input(sources, locale) else None
    bib = started or bibliography(sources, locale)
    bib.register([c for p in corpus.paragraphs.values() for c in p.citations])
    cache.last_bibliography = bib
    made: list[CachedBibliography] = [bib]

    def chapter_bibliography(chapters: list[dict]) -> CachedBibliography:
        made.append(bibliography(chapters, locale))
        return RecordingBibliography(made[-1], "chapters") if cache.incremental else made[-1]

    shown = RecordingBibliography(bib, "bib") if cache.incremental else bib
    apparatus = ScholarlyApparatus(corpus, shown, csl_style, locale, make_bibliography=chapter_bibliography)
    environment = cache.environment_for(options)
    renderer = SiteRenderer(corpus, shown, options, extras={"apparatus": apparatus}, environment=environment)
    if bib.formatting_ahead:
        apparatus.prepare_exports()
    images = sorted({f.data["image"]["path"] for f in corpus.figures.values() if f.data.get("image")})
    assets = [[renderer.urls.asset(p), p] for p in images]
    if stream is not None and not cache.incremental:

        def announce(stubs: list[GeneratedPage]) -> None:
            nav = _nav(corpus, renderer.labels, renderer.urls, stubs)
            stream.head(_finish(result.problems, stubs, nav, assets, content_dir))

        generated = renderer.pages(announce=announce, deliver=stream.page)
    else:
        generated = _render_pages(renderer, cache, made)
    nav = _nav(corpus, renderer.labels, renderer.urls, generated)
    for formatted in made:
        formatted.save()
    if key:
        store.put("build", key, pages_to_payload(result.problems, generated, nav) | {"assets": assets})
        for kind in ("build", "bibliography"):
            store.prune(kind)
    return _finish(result.problems, generated, nav, assets, content_dir)


def _render_pages(renderer: SiteRenderer, cache: BuildCache, made: list[CachedBibliography]) -> list[GeneratedPage]:
    """Every page; serving, only those whose inputs changed are rendered again (render/page_reuse.py)."""
    if not cache.incremental:
        return renderer.pages()
    from .render.read_shapes import Inputs

    earlier = cache.pages.inputs if cache.pages else None
    inputs = Inputs(renderer.corpus, {"bib": made[0], "chapters": made[-1]}, earlier)
    generated, cache.pages = renderer.pages_reusing(cache.pages, inputs)
    cache.environment = (renderer.options, renderer.template_files(renderer.options), renderer.env)
    cache.bibliographies = {formatted.key: formatted for formatted in made}
    return generated


def _finish(problems, generated: list[GeneratedPage], nav: list, assets: list, content_dir: Path) -> SiteBuild:
    images = [GeneratedPage(uri, (content_dir / path).read_bytes()) for uri, path in assets]
    return SiteBuild(
        problems,
        pages=generated + _assets() + images,
        nav=nav,
        stylesheets=[f"assets/alliance-site/{_ASSETS[0]}"],
        scripts=[f"assets/alliance-site/{_ASSETS[1]}"],
    )
