"""Corpus → the list of generated pages, each rendered from its template.

Pure: takes the model, a citation formatter and options, returns ``GeneratedPage`` objects; the
MkDocs plugin (or ``alliance-site render``) decides what to do with them.

The page plan comes from :mod:`.views` (one immutable :class:`~.views.PageView` per page); each
is rendered on its own: :func:`~.page_views.page_view` makes its view object with ``site``, a
:class:`~.page_site.PageSite` bound to that page, and its template reads ``view``.
Nothing here changes while pages render: :meth:`SiteRenderer.render_page` gives the same bytes for
a view whether it is rendered alone, first, last or twice.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from html import escape
from types import MappingProxyType

from ..model import Corpus
from ..schemas import SCHEMA_FILES, SCHEMA_KINDS, schema_for, schema_text
from . import data_views
from .environment import make_environment
from .generated import GeneratedPage
from .howto import howto_markdown
from .labels import labels_for
from .options import SiteOptions
from .page_inputs import TABLE_VIEWS, TrackedMapping, active_reads
from .page_reuse import RenderedUnits, render_units, template_bytes
from .page_site import PageSite
from .page_views import page_view
from .read_shapes import Inputs
from .template_dirs import default_templates_dir
from .urls import Urls
from .views import PageView, plan

__all__ = ["GeneratedPage", "SiteOptions", "SiteRenderer"]


class SiteRenderer:
    """Renders every page kind of a corpus. ``bib`` formats citations and references
    (see :class:`alliance_site.citations.formatter.Bibliography`). Everything is set up once, in
    ``__init__``; rendering a page changes nothing."""

    def __init__(self, corpus: Corpus, bib, options: SiteOptions | None = None, extras=None, environment=None):
        """``environment``: a Jinja environment of :func:`make_environment` for these options to reuse
        (its compiled templates), as a server does while the templates stay the same."""
        options = options or SiteOptions()
        self.corpus = corpus
        self.bib = bib
        self.options = options
        self.extras = MappingProxyType(dict(extras or {}))
        self.urls = Urls(options.use_directory_urls)
        self.env = environment or make_environment(options.templates_dir)
        self.labels = MappingProxyType(labels_for(options.ui_language))  # read-only, and strict in templates
        self.apparatus = self.extras.get("apparatus")
        self.site = PageSite.for_corpus(corpus, bib, options, self.urls, self.labels, self.apparatus)

    # ---- pages ----
    def plan(self) -> tuple[PageView, ...]:
        return plan(self.corpus, self.urls, self.labels)

    def render_page(self, page: PageView) -> GeneratedPage:
        """One page, from its plan entry alone: its template reads ``view``, the page's own view object
        (:mod:`.page_views`)."""
        site = self.site.on_page(page.uri)
        reads = active_reads()
        if reads is not None:  # rendered for reuse: which table views the page shows is a read too
            site = replace(site, table_views=TrackedMapping(site.table_views, TABLE_VIEWS, reads))
        title = page.title or site.entry_label(page.entry)
        template = self.env.get_template(page.template)
        body = template.render(
            corpus=self.corpus,
            site=site,
            L=self.labels,
            urls=self.urls,
            bib=self.bib,
            lang=site.lang,
            extras=self.extras,
            title=title,
            view=page_view(page, site),
            **page.context(),
        )
        # MkDocs and Material treat a page title as HTML (the theme prints it unescaped in <title>,
        # the header, the navigation and the search index): give them escaped text.
        meta = {"title": escape(title, quote=False), "description": self._description(page, title)}
        if self.apparatus:
            meta.update(self.apparatus.head(site, page.kind, page.entry or page.chapter))
        # Material prints the description unescaped, inside an attribute.
        meta["description"] = escape(meta["description"], quote=True)
        return GeneratedPage(page.uri, front_matter(meta) + body, title, page.in_nav)

    def _description(self, page: PageView, title: str) -> str:
        """The page's own meta description (the theme's fallback is the site-wide one): the corpus's
        description on the home page and on the chapter of a one-chapter corpus, else what the page is."""
        meta = self.corpus.meta
        whole = " ".join(str(meta.get("description") or "").split())
        if page.uri == self.urls.home or (page.chapter is not None and len(self.corpus.chapters) == 1):
            return whole or meta["title"]
        return f"{title} — {meta['title']}"

    def _howto(self) -> str:
        """The "How to edit" page, generated from the JSON Schemas (so it can never disagree with them)."""
        return howto_markdown({kind: schema_for(kind) for kind in SCHEMA_KINDS})

    def pages(
        self,
        announce: Callable[[list[GeneratedPage]], None] | None = None,
        deliver: Callable[[GeneratedPage], None] | None = None,
    ) -> list[GeneratedPage]:
        """Render every page. Deterministic: the same corpus gives the same bytes.

        The downloads and the how-to page are made first; then ``announce`` (if given) gets the whole
        output with a stub (no content) for each page of the plan, and ``deliver`` each of those pages
        as it is rendered, chapters last (on a cold build their citations are formatted last)."""
        units = list(self.units(lambda obj: None))
        planned = [n for n, (name, _, _) in enumerate(units) if name[0] == "page"]
        chapters_last = sorted(planned, key=lambda n: units[n][1][:1] == ("chapter",))
        pages = set(planned)
        outputs = {n: units[n][2]() for n in range(len(units)) if n not in pages}
        if announce is not None:
            stubs = {n: [GeneratedPage(units[n][0][1], None, "", units[n][1][2])] for n in planned}
            announce(_assemble([outputs[n] if n in outputs else stubs[n] for n in range(len(units))]))
        for n in chapters_last:
            outputs[n] = units[n][2]()
            if deliver is not None:
                for page in outputs[n]:
                    deliver(page)
        return _assemble([outputs[n] for n in range(len(units))])

    def pages_reusing(
        self, previous: RenderedUnits | None, inputs: Inputs
    ) -> tuple[list[GeneratedPage], RenderedUnits]:
        """The same pages as :meth:`pages`, rendering again only the units whose reads changed since
        ``previous`` (:mod:`.page_reuse`); ``inputs`` answers the reads in this build's model (its
        bibliographies the unwrapped ones of :class:`~.page_inputs.RecordingBibliography`)."""
        units = list(self.units(lambda obj: inputs.names.get(id(obj))))
        record = render_units(units, previous, inputs, self.site_key())
        return _assemble([record.units[name].output for name, _fingerprint, _render in units]), record

    def site_key(self) -> tuple:
        """What every page may depend on besides its reads: set up once, outside any page (see
        :mod:`.page_reuse`). The corpus's metadata and glossary make the acronym renderers and the
        languages; the templates are read from disk."""
        return (
            self.options,
            dict(self.labels),
            self.corpus.meta,
            self.corpus.glossary,
            self.apparatus is not None,
            self.template_files(self.options),
            os.environ.get("SOURCE_DATE_EPOCH"),
        )

    @staticmethod
    def template_files(options: SiteOptions) -> tuple:
        """The bytes of every template a renderer of these options may load."""
        return template_bytes([options.templates_dir, default_templates_dir() / "pages"])

    def units(self, name_of: Callable[[object], object]):
        """The output in units that can be rendered alone: ``(name, fingerprint, render)``; each
        ``render()`` gives a list of pages, or a mapping of downloads (URI → text)."""
        for page in self.plan():
            fingerprint = (page.kind, page.title, page.in_nav, name_of(page.chapter), name_of(page.entry))
            yield ("page", page.uri), fingerprint, lambda page=page: [self.render_page(page)]
        yield ("howto",), (), lambda: [self._howto_page()]
        lang = self.options.ui_language
        yield ("data downloads",), (), lambda: data_views.data_downloads(self.corpus, self.corpus.meta["title"], lang)
        if self.apparatus:
            yield ("apparatus downloads",), (), self.apparatus.downloads
        # The shipped files themselves, the shared definitions included.
        yield ("schemas",), (), lambda: {f"schemas/{name}.schema.json": schema_text(name) for name in SCHEMA_FILES}

    def _howto_page(self) -> GeneratedPage:
        howto_title = self.labels["how_to_edit"]
        meta = {"title": howto_title, "description": escape(f"{howto_title} — {self.corpus.meta['title']}")}
        return GeneratedPage(self.urls.howto, front_matter(meta) + self._howto(), howto_title, True)


def _assemble(outputs: list) -> list[GeneratedPage]:
    """The pages in their order, then every download sorted by URI."""
    pages = [page for out in outputs if isinstance(out, list) for page in out]
    downloads = {uri: text for out in outputs if isinstance(out, dict) for uri, text in out.items()}
    return pages + [GeneratedPage(uri, text) for uri, text in sorted(downloads.items())]


# Characters YAML reads differently from JSON inside a double-quoted string: line breaks it folds
# (U+0085, U+2028, U+2029) and characters its reader refuses (C1 controls, U+FFFE, U+FFFF). Left raw,
# they would change the value or make MkDocs drop the front matter and print it as Markdown. '<', '>'
# and '&' are escaped too, so that even then the text could never be read as HTML.
_FRONT_MATTER_ESCAPE = re.compile("[<>&\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def front_matter(meta: dict) -> str:
    """YAML front matter written as JSON (a subset of YAML): every string safely quoted, no YAML tags."""
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    text = _FRONT_MATTER_ESCAPE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)  # only ever inside strings
    return "---\n" + text + "\n---\n\n"
