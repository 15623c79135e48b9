"""The ``alliance-site`` MkDocs plugin: thin event glue around :func:`alliance_site.site.build_site`."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path, PurePosixPath

from jinja2 import TemplateError
from mkdocs import utils
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .apart import stream_site_apart
from .build_log import BuildLogFilter
from .cache import cache_folder
from .cache.html_pages import HtmlPageCache, conversion_context
from .config import PluginConfig
from .errors import format_problems
from .incremental import PageSources, SearchIndexRepair, make_stale, remove_stale, site_fingerprint
from .raw_blocks import Rules, SetAside, markdown_allows, put_back, set_aside
from .render.environment import template_error_message
from .render.head_meta import with_head
from .render.offline_links import relative_root_links
from .site import BuildCache, SiteBuild, build_site
from .sitemap import rewrite_sitemap_gz
from .staging import Staging, StagingError, begin
from .style_check import StyleProblem, check_style
from .validate.site_settings import site_url_finding
from .validate.verdict import NOTE, WARNING, fails

log = get_plugin_logger(__name__)


class AllianceSitePlugin(BasePlugin[PluginConfig]):
    """Generates every page of the corpus in memory, before MkDocs writes anything."""

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds: the cache of parsed
        # files and the last good build live here.
        self.command, self.dirty = command, dirty
        self.cache = BuildCache()
        self.last_good: SiteBuild | None = None
        # `mkdocs build --strict` aborts on warnings only after on_post_build; the staged site must not be
        # swapped in then. Count the warnings as MkDocs does (its own counter is out of reach).
        self.warnings = utils.CountHandler()
        self.warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        self.build_log = BuildLogFilter()  # MkDocs' messages name the published folder, not the staging one
        self.build_log.attach()
        # `mkdocs serve --dirty`: only the pages whose inputs changed are built again (see incremental.py).
        self.sources = PageSources() if command == "serve" and dirty else None
        self.site_digest, self.built_dests, self.search_repair = None, set(), SearchIndexRepair()

    def on_shutdown(self):
        if getattr(self, "sources", None) is not None:
            self.sources.close()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.build_log.detach()

    def on_config(self, config):
        self.build: SiteBuild | None = None  # per-build state, reset on every (re)build
        self.streamed, self.coming = None, set()
        self.final_site_dir = None
        self.staging: Staging | None = None
        self.html_cache, self.html_context_done, self.converting = None, False, {}
        self.raw_rules: Rules | None | bool = False  # False: not asked yet this build
        root = Path(config.config_file_path or ".").resolve().parent
        folder = cache_folder(root, self.config.cache)
        if getattr(self, "cache", None) is None or self.cache.store.folder != folder:
            self.cache = BuildCache.at(folder)
        self.cache.incremental = getattr(self, "command", None) == "serve"  # pages reused between rebuilds
        self.cache.store.used.clear()  # what this build uses is kept; the rest is pruned after it
        self.content_dir = root / self.config.content_dir
        self.templates_dir = root / self.config.templates_dir
        style = self.config.csl_style
        serving = getattr(self, "command", None) == "serve" and getattr(self, "last_good", None) is not None
        try:
            style_path = check_style(root, style)
            build = self._generate(
                templates_dir=self.templates_dir,
                use_directory_urls=config.use_directory_urls,
                ui_language=self.config.ui_language or config.theme.get("language") or "en",
                csl_style=style_path,
                csl_locale=self.config.csl_locale,
                cache=getattr(self, "cache", None),
            )
        except (TemplateError, StyleProblem) as exc:  # an editor's template override or style: say where
            message = str(exc) if isinstance(exc, StyleProblem) else template_error_message(exc)
            if not serving:
                raise PluginError(message) from None
            log.error(message + "\nThe last good version of the site keeps being served.")
            build = self.last_good
        except Exception as exc:  # serving: whatever breaks a rebuild, the last good site stays up
            if not serving:
                raise
            log.error(f"the rebuild failed ({type(exc).__name__}: {exc}); the last good version keeps being served")
            build = self.last_good
        stopping = fails(build.problems, strict=self.config.strict_content)
        unset = site_url_finding(Path(config.config_file_path or "mkdocs.yml").name, config.site_url or "")
        if unset and not serving:
            log.info(str(unset))
        for problem in build.problems:
            # Each finding once: those that stop the build are in its error message, not logged before it.
            if problem.severity == NOTE:
                log.info(str(problem))
            elif problem.severity == WARNING and not stopping:
                log.warning(str(problem))  # `mkdocs build --strict` fails on it, as `validate --strict` does
        if stopping:
            problems = format_problems([p for p in build.problems if p.severity != NOTE])
            if not serving:
                raise PluginError("the corpus has errors; nothing was built:\n" + problems)
            log.error(problems + "\nThe site was not updated: the last good version keeps being served.")
            build = self.last_good
        build_log = getattr(self, "build_log", None) or BuildLogFilter()
        build_log.kept_last_good = serving and build is self.last_good  # MkDocs must not say "built"
        self.build = self.last_good = build
        self.generated_uris = {page.uri for page in build.pages if page.uri.endswith(".md")}
        # Theme overrides rank below the user's custom_dir and above Material itself.
        at = 1 if config.theme.custom_dir else 0
        for theme_dir in dict.fromkeys([self.templates_dir / "theme", build.theme_dir]):
            if theme_dir.is_dir():
                config.theme.dirs.insert(at, str(theme_dir))
                at += 1
        for ext in ("attr_list", "md_in_html"):
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        config.extra_css.extend(build.stylesheets)
        config.extra_javascript.extend(build.scripts)
        if self.config.set_nav and config.nav is None:
            config.nav = build.nav
        if getattr(self, "command", None) == "build" and not self.dirty:
            # Atomic output: write into a staging folder, swap it in only when the whole build succeeded.
            try:
                self.staging = begin(config.site_dir)
            except StagingError as exc:
                raise PluginError(str(exc)) from None
            self.final_site_dir = config.site_dir
            config.site_dir = self.staging.path
            build_log.staging, build_log.published = str(self.staging.path), str(self.final_site_dir)
        return config

    def _generate(self, **options) -> SiteBuild:
        if getattr(self, "command", None) == "serve":  # here, with the parsed files and citations kept
            return build_site(self.content_dir, **options)
        # `mkdocs build`: the generator in a child process, whose peak memory ends with it, sending each
        # page as it is rendered, so that MkDocs converts the first ones while the child renders the rest.
        self.streamed = stream_site_apart(self.content_dir, **options)
        return self.streamed.head() if self.streamed else build_site(self.content_dir, **options)

    def on_pre_page(self, page, *, config, files):
        if page.file.src_uri in self.coming:  # a page still being rendered by the child: wait for it
            self.coming.discard(page.file.src_uri)
            try:
                page.file.content_string = self.streamed.content(page.file.src_uri)
            except TemplateError as exc:  # the child stopped on it, and so did this process
                raise PluginError(template_error_message(exc)) from None
        return page

    def on_files(self, files: Files, config) -> Files:
        for page in self.build.pages:
            if files.get_file_from_path(page.uri) is not None:
                log.warning(f"docs/{page.uri} is written by hand; the generated page of that name is not used")
                self.generated_uris.discard(page.uri)  # a hand-written page goes through Markdown every time
                continue
            if page.content is None:  # streamed: on_pre_page puts the content in once it arrives
                self.coming.add(page.uri)
            file = self._generated_file(config, page.uri, "" if page.content is None else page.content)
            if page.uri.endswith(".md") and not page.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
        _refuse_files_where_folders_go(files)
        if getattr(self, "command", None) == "build":
            # `mkdocs build` reads each page once: from then on its Markdown is MkDocs' own copy
            # (page.markdown) alone, not also held here and by its File (see on_page_markdown).
            self.build = self.last_good = dataclasses.replace(self.build, pages=[])
        # In the order MkDocs reads a docs/ folder: the site (its search index) is then the one that
        # `mkdocs build` makes of `alliance-site render --out`, byte for byte.
        return Files(sorted(files, key=file_sort_key))

    # -- incremental serve: only what changed is built again --------------------------------------

    def _generated_file(self, config, uri: str, content: str | bytes) -> File:
        if getattr(self, "sources", None) is None:
            return File.generated(config, uri, content=content)
        # Backed by a file newer than the built page only when the content changed: see is_modified().
        return File.generated(config, uri, abs_src_path=self.sources.path(uri, content))

    def on_nav(self, nav: Navigation, config, files: Files) -> Navigation:
        if getattr(self, "sources", None) is None:
            return nav
        self.rebuilt, self.files = [], files
        # A page MkDocs does not read again has no title: the navigation holds only if every title is given.
        titled = all(page.title is not None for page in nav.pages)
        digest = self._site_digest(nav, config, files) if titled else None
        if digest is None or digest != self.site_digest:
            make_stale(config.site_dir)  # in every page: every page is built again
        self.site_digest = digest
        dests = {f.abs_dest_path for f in files}
        remove_stale(config.site_dir, self.built_dests, dests)
        self.built_dests = dests
        return nav

    def _site_digest(self, nav: Navigation, config, files: Files) -> str:
        theme_dirs = [
            Path(d) for d in (config.theme.custom_dir, self.templates_dir / "theme", self.build.theme_dir) if d
        ]
        hand_written = [Path(f.abs_src_path) for f in files if f.is_documentation_page() and not f.generated_by]
        settings = {"extra_css": list(config.extra_css), "extra_javascript": [str(s) for s in config.extra_javascript]}
        listing = sorted([f.src_uri, f.dest_uri, f.inclusion.name] for f in files)
        config_file = Path(config.config_file_path) if config.config_file_path else None
        return site_fingerprint(_nav_outline(nav.items), listing, config_file, settings, theme_dirs, hand_written)

    def on_page_context(self, context, *, page, config, nav):
        if getattr(self, "sources", None) is not None:
            self.rebuilt.append(page.url)  # in the order MkDocs builds them, the order of the search index
        return context

    def _repair_search_index(self, config) -> None:
        search = [p for p in config.plugins.values() if type(p).__module__.startswith("material.plugins.search")]
        if getattr(self, "sources", None) is None or not search:
            return
        pages = [f.page.url for f in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve) if f.page]
        try:
            self.search_repair.repair(Path(config.site_dir) / "search" / "search_index.json", pages, self.rebuilt)
        except (ValueError, KeyError, TypeError) as exc:
            log.warning(f"the search index could not be updated in place ({exc}); the next build makes it whole")
            self.site_digest, self.search_repair = None, SearchIndexRepair()

    # -- generated pages skip Markdown: their HTML cached, or their raw HTML blocks set aside ---------

    def _html_cache(self, config, files: Files) -> HtmlPageCache | None:
        if not self.html_context_done:
            self.html_context_done = True
            if self.cache.store.folder is not None:
                site = {"use_directory_urls": config.use_directory_urls, "validation": str(config.validation)}
                listing = sorted([f.src_uri, f.dest_uri, f.url] for f in files)
                context = conversion_context(config.markdown_extensions, config.mdx_configs or {}, site, listing)
                self.html_cache = HtmlPageCache(self.cache.store, context) if context else None
        return self.html_cache

    def _raw_rules(self, config) -> Rules | None:
        if self.raw_rules is False:
            self.raw_rules = markdown_allows(config.markdown_extensions, config.mdx_configs or {})
        return self.raw_rules

    @event_priority(-100)  # the Markdown as every other plugin left it
    def on_page_markdown(self, markdown, page, config, files):
        uri = page.file.src_uri
        if uri not in self.generated_uris:
            return markdown  # a hand-written page goes through Markdown as it is
        if getattr(self, "command", None) == "build":
            page.file.content_string = ""  # read: the page's text is `markdown` now (memory at 10,000 sources)
        cache = self._html_cache(config, files)
        key = cache.key(markdown, uri, page.file.dest_uri) if cache else None
        hit = cache.get(key) if cache else None
        rules = self._raw_rules(config) if hit is None else None
        aside = set_aside(markdown, rules) if rules else SetAside(markdown)
        self.converting[uri] = (key, markdown, hit, aside, sum(n for _, n in self.warnings.get_counts()))
        # A cached page needs no conversion: MkDocs converts an empty text, on_page_content puts the HTML.
        # Otherwise Python-Markdown converts the page with its raw HTML blocks set aside (one-line slots).
        return "" if hit is not None else aside.text

    @event_priority(100)  # before every other plugin sees the HTML
    def on_page_content(self, html, page, config, files):
        pending = self.converting.pop(page.file.src_uri, None)
        if pending is None:
            return html
        key, markdown, hit, aside, warnings_before = pending
        page.markdown = markdown
        if hit is not None:
            page.toc = TableOfContents([_anchor(item) for item in hit["toc"]])
            page._title_from_render = hit["title"]
            page.present_anchor_ids = set(hit["anchors"])
            if hit["links"] is not None:
                page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in hit["links"].items()}
            return hit["html"]
        whole = put_back(html, aside)
        if whole is None:  # a slot did not come out once (not seen yet): convert the page as it is
            log.debug(f"{page.file.src_uri}: its raw HTML blocks could not be put back; converted whole")
            page.render(config, files)
            whole = page.content
        else:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | aside.anchors
        html = whole
        links = getattr(page, "links_to_anchors", None)
        # A conversion that warned (a broken link) is not cached: every build must warn again.
        cache = self.html_cache
        if cache and sum(n for _, n in self.warnings.get_counts()) == warnings_before and None not in (links or {}):
            cache.put(
                key,
                html,
                [_toc_item(item) for item in page.toc],
                page._title_from_render,
                sorted(page.present_anchor_ids or ()),
                {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None,
            )
        return html

    def on_post_template(self, output_content, *, template_name, config):
        # A site built to be read from disk (the offline plugin, no site_url): its 404.html must link relatively.
        offline = any(name in config.plugins for name in ("offline", "material/offline"))
        if template_name == "404.html" and offline and not config.site_url:
            return relative_root_links(output_content)
        return output_content

    def on_post_page(self, output, *, page, config):
        # The scholarly <head> metadata, added after the theme so that a user's own main.html keeps it.
        return with_head(output, page.meta)

    def on_serve(self, server, config, builder):
        server.watch(str(self.content_dir))
        if self.templates_dir.is_dir():
            server.watch(str(self.templates_dir))
        return server

    @event_priority(-100)  # after every other plugin has written its files (search index, sitemap)
    def on_post_build(self, config):
        if self.streamed is not None:  # the child has sent every page; it ends once its cache is written
            self.streamed.close()
            how = "generated them itself" if self.streamed.fell_back else "received them as they were rendered"
            log.debug(f"generated pages: this process {how}")
        rewrite_sitemap_gz(config.site_dir)
        self._repair_search_index(config)
        if self.final_site_dir and config.strict and self.warnings.get_counts():
            return  # MkDocs aborts the strict build right after this event: on_build_error drops the staging folder
        if self.html_cache is not None and not self.dirty:
            self.cache.store.prune("html")  # pages no longer generated, or generated differently
        if self.staging:
            self.staging.swap_in()
            config.site_dir = self.final_site_dir

    def on_build_error(self, error):
        if self.staging:
            self.staging.discard()


def _refuse_files_where_folders_go(files: Files) -> None:
    """A file of docs/ whose output path is a folder the site needs (docs/bibliography beside the
    generated bibliography/ pages) would stop MkDocs with a traceback while it writes: say so first."""
    folders = {parent for f in files for parent in PurePosixPath(f.dest_uri).parents}
    for f in files:
        if not f.generated_by and PurePosixPath(f.dest_uri) in folders:
            raise PluginError(
                f"docs/{f.src_uri}: error: this file is where the site needs the folder {f.dest_uri}/ "
                "(rename or move the file)"
            )


def _nav_outline(items: list) -> list:
    """The navigation as plain data: each item's kind, title, URL and children."""
    outline = []
    for item in items:
        if isinstance(item, Section):
            outline.append(["section", item.title, _nav_outline(item.children)])
        elif isinstance(item, Link):
            outline.append(["link", item.title, item.url])
        else:
            outline.append(["page", item.title, item.url])
    return outline


def _toc_item(link: AnchorLink) -> list:
    return [link.title, link.id, link.level, [_toc_item(child) for child in link.children]]


def _anchor(item: list) -> AnchorLink:
    title, anchor_id, level, children = item
    link = AnchorLink(title, anchor_id, level)
    link.children = [_anchor(child) for child in children]
    return link
