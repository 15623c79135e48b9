"""Corpus → the list of generated pages, each rendered from its template.

Pure: takes the model, a citation formatter and options, returns
``GeneratedPage`` objects; the MkDocs plugin (or ``alliance-site render``)
decides what to do with them.

This module holds the page plan (which pages exist, at which uri, with which
title and template), the rendering loop and the front matter. What templates
call on ``site`` comes from the mixins: :mod:`.site_links` (hrefs and labels),
:mod:`.site_text` (inline HTML of paragraphs, translations and citations),
:mod:`.site_data` (tables, figures, timeline) and :mod:`.site_sources`
(sources and the scholarly apparatus).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..model import Corpus
from ..validate.schema import SCHEMA_KINDS, schema_for
from . import data_views
from .environment import make_environment
from .home_view import home_view
from .howto import howto_markdown
from .inline import InlineRenderer
from .labels import labels_for
from .site_data import SiteData
from .site_sources import SiteSources
from .site_text import SiteText
from .source_view import source_view
from .urls import Urls

__all__ = ["GeneratedPage", "SiteOptions", "SiteRenderer"]


@dataclass(frozen=True)
class GeneratedPage:
    """A page (Markdown) or a download (any text) at ``uri``; ``in_nav`` says if it belongs in the navigation."""

    uri: str
    content: str | bytes
    title: str = ""
    in_nav: bool = False


@dataclass(frozen=True)
class SiteOptions:
    """What the renderer needs to know of the site around it."""

    use_directory_urls: bool = True
    templates_dir: Path | None = None
    ui_language: str = "en"
    site_url: str = ""


@dataclass
class _Page:
    uri: str
    template: str
    title: str
    in_nav: bool = False
    context: dict = field(default_factory=dict)


class SiteRenderer(SiteText, SiteData, SiteSources):
    """Renders every page kind of a corpus. ``bib`` formats citations and references
    (see :class:`alliance_site.citations.formatter.Bibliography`). Templates get the
    renderer as ``site``: its helpers are those of the mixins it is made of."""

    def __init__(self, corpus: Corpus, bib, options: SiteOptions = SiteOptions(), extras=None):
        self.corpus = corpus
        self.bib = bib
        self.options = options
        self.extras = extras or {}
        self.urls = Urls(options.use_directory_urls)
        self.env = make_environment(options.templates_dir)
        self.labels = labels_for(options.ui_language)
        self.lang = corpus.meta["language"]
        self._inline_by_lang: dict[str, InlineRenderer] = {}
        self._current = ""
        self.apparatus = self.extras.get("apparatus")
        self.tr_langs = corpus.translation_languages
        self._table_views: dict = {}

    # ---- pages ----
    def _plan(self) -> list[_Page]:
        c, u = self.corpus, self.urls
        L = self.labels
        plan = [_Page(u.home, "home.md.j2", c.meta["title"], True)]
        plan += [_Page(u.chapter(ch.id), "chapter.md.j2", ch.title, True, {"chapter": ch}) for ch in c.chapters]
        # An index with nothing to list is left out (a new corpus has no tables, figures or events yet).
        for uri, template, label, entries in (
            (u.timeline, "timeline.md.j2", "timeline", c.events),
            (u.tables_index, "tables.md.j2", "tables", c.tables),
            (u.figures_index, "figures.md.j2", "figures", c.figures),
            (u.bibliography, "bibliography.md.j2", "bibliography", c.sources),
            (u.glossary, "glossary.md.j2", "glossary", c.glossary),
        ):
            if entries:
                plan.append(_Page(uri, template, L[label], True))
        for kind, entries in (("source", c.sources), ("table", c.tables), ("figure", c.figures), ("event", c.events)):
            for entry in entries.values():
                plan.append(_Page(u.entry(kind, entry.id), f"{kind}.md.j2", "", False, {"entry": entry}))
        return plan

    def _description(self, page: _Page, title: str) -> str:
        """The page's own meta description (the theme's fallback is the site-wide one): the corpus's
        description on the home page and on the chapter of a one-chapter corpus, else what the page is."""
        meta = self.corpus.meta
        whole = " ".join(str(meta.get("description") or "").split())
        if page.uri == self.urls.home or ("chapter" in page.context and len(self.corpus.chapters) == 1):
            return whole or meta["title"]
        return f"{title} — {meta['title']}"

    def _howto(self) -> str:
        """The "How to edit" page, generated from the JSON Schemas (so it can never disagree with them)."""
        return howto_markdown({kind: schema_for(kind) for kind in SCHEMA_KINDS})

    def pages(self) -> list[GeneratedPage]:
        """Render every page. Deterministic: the same corpus gives the same bytes."""
        out = []
        globals_ = {
            "corpus": self.corpus,
            "site": self,
            "L": self.labels,
            "urls": self.urls,
            "bib": self.bib,
            "lang": self.lang,
            "extras": self.extras,
            # The reader's views of the landing and source pages (pure modules, see their docstrings).
            "home_view": home_view(self.corpus),
            "source_view": lambda key: source_view(self.corpus, key),
        }
        for page in self._plan():
            self._current = page.uri
            title = page.title or self.entry_label(page.context["entry"])
            template = self.env.get_template(page.template)
            body = template.render(**globals_, **page.context, page_uri=page.uri, title=title)
            # MkDocs and Material treat a page title as HTML (the theme prints it unescaped in <title>,
            # the header, the navigation and the search index): give them escaped text.
            meta = {"title": escape(title, quote=False), "description": self._description(page, title)}
            if self.apparatus:
                kind = page.template.split(".")[0]
                meta.update(self.apparatus.head(self, kind, page.context.get("entry") or page.context.get("chapter")))
            # Material prints the description unescaped, inside an attribute.
            meta["description"] = escape(meta["description"], quote=True)
            out.append(GeneratedPage(page.uri, front_matter(meta) + body, title, page.in_nav))
        downloads = data_views.data_downloads(self.corpus, self.corpus.meta["title"], self.options.ui_language)
        if self.apparatus:
            downloads.update(self.apparatus.downloads())
        howto_title = self.labels["how_to_edit"]
        out.append(
            GeneratedPage(
                self.urls.howto,
                front_matter(
                    {"title": howto_title, "description": escape(f"{howto_title} — {self.corpus.meta['title']}")}
                )
                + self._howto(),
                self.labels["how_to_edit"],
                True,
            )
        )
        for kind in SCHEMA_KINDS:
            downloads[f"schemas/{kind}.schema.json"] = json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"
        out.extend(GeneratedPage(uri, text) for uri, text in sorted(downloads.items()))
        return out


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
