"""Corpus → the list of generated pages, each rendered from its template.

Pure: takes the model, a citation formatter and options, returns
``GeneratedPage`` objects; the MkDocs plugin (or ``alliance-site render``)
decides what to do with them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from markupsafe import Markup

from ..citations import coins_span
from ..data.dates import display
from ..data.numbers import format_number
from ..data.timeline import actors, group_events
from ..model import Corpus, Entry, Paragraph
from ..text.markup import Citation, CiteItem, CrossRef, Text, parse
from ..validate.schema import SCHEMA_KINDS, schema_for
from . import data_views
from .environment import make_environment, md_escape
from .howto import howto_markdown
from .inline import InlineRenderer, Insertion
from .labels import LANGUAGE_NAMES, labels_for
from .scholarly import EXPORTS, plain
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


class SiteRenderer:
    """Renders every page kind of a corpus. ``bib`` formats citations and references
    (see :class:`alliance_site.citations.formatter.Bibliography`)."""

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

    @staticmethod
    def language_name(tag: str) -> str:
        return LANGUAGE_NAMES.get(tag.split("-")[0], tag)

    # ---- data views ----
    def table_view(self, entry: Entry):
        if entry.id not in self._table_views:  # a table may show on its page and in its chapter
            self._table_views[entry.id] = data_views.table_view(entry, self.options.ui_language, self.labels)
        return self._table_views[entry.id]

    def figure_drawing(self, entry: Entry):
        return data_views.figure_drawing(entry)

    def figure_list(self, entry: Entry):
        return data_views.figure_list(entry, self.tr_langs[0] if self.tr_langs else None)

    def number(self, value) -> str:
        return format_number(value, self.options.ui_language, not_given=self.labels["unknown"])

    def event_time(self, entry: Entry):
        return data_views.event_time(entry, self.options.ui_language)

    def event_groups(self):
        by_id = {e.data["id"]: e for e in self.corpus.events.values()}
        groups = group_events([e.data for e in self.corpus.events.values()], self.options.ui_language)
        return [(name, [by_id[d["id"]] for d in events]) for name, events in groups]

    def actors(self) -> list[str]:
        return actors([e.data for e in self.corpus.events.values()])

    def timeline_strip(self):
        return data_views.timeline_strip(
            self.corpus,
            lambda event: self.href(self.urls.timeline, self.urls.anchor("event", event["id"])),
            self.labels["timeline"],
            self.labels["timeline_desc"],
            self.options.ui_language,
        )

    # ---- translations (the editors' reading editions, beside the original) ----
    @staticmethod
    def tr(data: dict, field: str, lang: str) -> str | None:
        """The editors' translation of ``data[field]`` into ``lang``, or None."""
        return ((data.get("translations") or {}).get(lang) or {}).get(field)

    def heading_tr(self, data: dict) -> Markup:
        """Translated titles to append to a Markdown heading (inline HTML, escaped)."""
        parts = []
        for lang in self.tr_langs:
            text = self.tr(data, "title", lang)
            if text:
                parts.append(
                    f' <span class="as-tr as-tr--inline" lang="{lang}" data-lang="{lang}">{md_escape(text)}</span>'
                )
        return Markup("".join(parts))

    def para_tr_html(self, para: Paragraph, lang: str) -> str | None:
        """Inline HTML of the paragraph's translation: the same citations, linked the same way."""
        text = self.tr(para.data, "text", lang)
        if text is None:
            return None
        return self._inline(lang).render(parse(text))

    def _inline(self, lang: str) -> InlineRenderer:
        """One renderer per language, built once per build: acronyms are expanded in the language of
        the text they stand in (the editors' translated expansion, else the original one)."""
        if lang not in self._inline_by_lang:
            expansions = {}
            for entry in self.corpus.glossary:
                expansion = (lang != self.lang and self.tr(entry, "expansion", lang)) or entry["expansion"]
                for form in [entry["term"], *entry.get("forms", [])]:
                    expansions[form] = expansion
            self._inline_by_lang[lang] = InlineRenderer(expansions, self._cite_html, self._xref_html)
        return self._inline_by_lang[lang]

    # ---- helpers available to templates ----
    def href(self, uri: str, anchor: str = "") -> str:
        return self.urls.href(self._current, uri, anchor)

    def entry_href(self, kind: str, ident: str) -> str:
        return self.href(self.urls.entry(kind, ident))

    def para_href(self, para: Paragraph) -> str:
        return self.href(self.urls.chapter(para.chapter.id), para.id)

    def event_href(self, event: Entry) -> str:
        return self.href(self.urls.timeline, self.urls.anchor("event", event.id))

    def para_label(self, para: Paragraph) -> str:
        where = [para.chapter.data.get("number") or para.chapter.title]
        if para.section is not None:
            where.append(para.section.data.get("number") or para.section.title)
        return " · ".join(where + [f"¶ {para.number}"])

    def entry_label(self, entry: Entry) -> str:
        if entry.kind == "source":
            return self.source_label(entry.id)
        if entry.kind == "event":
            return f"{display(entry.data['date'], self.options.ui_language)}: {entry.data['title']}"
        number = entry.data.get("number")
        return f"{number} {entry.data['caption']}" if number else entry.data["caption"]

    def source_label(self, key: str) -> str:
        """Plain text naming a source as the style cites it, e.g. 'Kang (2006)'."""
        return plain(self.bib.cite(Citation((CiteItem(key),), False, 0, 0)))

    exports = EXPORTS

    def source_types(self) -> list[str]:
        return sorted({s.data["type"] for s in self.corpus.sources.values()})

    @staticmethod
    def coins(source: Entry) -> Markup:
        """A COinS span, so that Zotero offers to save every item of a list."""
        return Markup(coins_span(source.data))

    def missing(self, key: str) -> list[str]:
        return self.apparatus.missing(self.corpus.sources[key].data) if self.apparatus else []

    def keys_cited_in(self, chapter) -> list[str]:
        """Keys cited in ``chapter``, in bibliography order (for its reference list)."""
        keys = {item.key for p in chapter.paragraphs for c in p.citations for item in c.items}
        return [k for k in self.bib.keys_in_order() if k in keys]

    def snippet(self, para: Paragraph, offset: int, width: int = 90) -> str:
        """Plain words before ``offset`` in the paragraph (citations removed), starting on a whole word."""
        start = max(0, offset - width)
        piece = para.text[start:offset]
        if start:
            piece = piece.split(" ", 1)[1] if " " in piece else piece
        plain = "".join(t.text for t in parse(piece) if isinstance(t, Text)) if "@" in piece else piece
        return ("…" if start else "") + " ".join(plain.split())

    def _cite_html(self, citation: Citation) -> str:
        """A citation with each work linked to its source page; ``data-refs`` names the entries
        of the page's reference list that the preview shows."""
        prefix, parts, delimiter, suffix = self.bib.cite_parts(citation)
        links = []
        for key, html in parts:
            target = escape(self.entry_href("source", key))
            ref = escape(self.urls.anchor("reference", key))
            links.append(f'<a class="as-cite" href="{target}" data-refs="{ref}">{html}</a>')
        return f'<span class="as-citation">{prefix}{delimiter.join(links)}{suffix}</span>'

    def _xref_html(self, ref: CrossRef) -> str:
        entry = self.corpus.entry(ref.kind, ref.id) if ref.kind != "section" else None
        if entry is None:
            section = self.corpus.sections[ref.id]
            return f'<a class="as-xref" href="{escape(self.href(self.urls.chapter(section.chapter.id), self.urls.anchor("section", ref.id)))}">{escape(section.title)}</a>'
        text = entry.data.get("number") or entry.data.get("title") or entry.data.get("caption")
        return f'<a class="as-xref" href="{escape(self.entry_href(ref.kind, ref.id))}">{escape(text)}</a>'

    def cite_paragraph(self, para: Paragraph):
        return self.apparatus.cite_paragraph(para, self.labels) if self.apparatus else ""

    def para_html(self, para: Paragraph) -> str:
        """The paragraph's text as inline HTML, with page and note markers."""
        insertions = []
        for brk in para.data.get("page_breaks") or []:
            anchor = self.urls.anchor("page", brk["page"])
            label = self.labels["page_of_original"].format(n=brk["page"])
            html = f'<a class="as-page" id="{anchor}" href="#{anchor}" title="{escape(label)}" aria-label="{escape(label)}">{brk["page"]}</a>'
            insertions.append(Insertion(para.text.index(brk["before"]), 0, html))
        for i, note in enumerate(para.data.get("editorial") or [], start=1):
            if note.get("at"):
                offset = _nth(para.text, note["at"], note.get("occurrence") or 1) + len(note["at"])
                mark = "sic" if note["kind"] == "sic" else str(i)
                html = (
                    f'<a class="as-note-ref" id="{para.id}-r{i}" href="#{para.id}-n{i}" '
                    f'aria-label="{escape(self.labels["editorial_note"])} {i}"><sup>[{mark}]</sup></a>'
                )
                insertions.append(Insertion(offset, i, html))
        return self._inline(self.lang).render(para.tokens, insertions)

    # ---- pages ----
    def _plan(self) -> list[_Page]:
        c, u = self.corpus, self.urls
        L = self.labels
        plan = [_Page(u.home, "home.md.j2", c.meta["title"], True)]
        plan += [_Page(u.chapter(ch.id), "chapter.md.j2", ch.title, True, {"chapter": ch}) for ch in c.chapters]
        plan.append(_Page(u.timeline, "timeline.md.j2", L["timeline"], True))
        plan.append(_Page(u.tables_index, "tables.md.j2", L["tables"], True))
        plan.append(_Page(u.figures_index, "figures.md.j2", L["figures"], True))
        plan.append(_Page(u.bibliography, "bibliography.md.j2", L["bibliography"], True))
        plan.append(_Page(u.glossary, "glossary.md.j2", L["glossary"], True))
        for kind, entries in (("source", c.sources), ("table", c.tables), ("figure", c.figures), ("event", c.events)):
            for entry in entries.values():
                plan.append(_Page(u.entry(kind, entry.id), f"{kind}.md.j2", "", False, {"entry": entry}))
        return plan

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
        }
        for page in self._plan():
            self._current = page.uri
            title = page.title or self.entry_label(page.context["entry"])
            template = self.env.get_template(page.template)
            body = template.render(**globals_, **page.context, page_uri=page.uri, title=title)
            # MkDocs and Material treat a page title as HTML (the theme prints it unescaped in <title>,
            # the header, the navigation and the search index): give them escaped text.
            meta = {"title": escape(title, quote=False)}
            if self.apparatus:
                kind = page.template.split(".")[0]
                meta.update(self.apparatus.head(self, kind, page.context.get("entry") or page.context.get("chapter")))
            out.append(GeneratedPage(page.uri, front_matter(meta) + body, title, page.in_nav))
        downloads = data_views.data_downloads(self.corpus, self.corpus.meta["title"], self.options.ui_language)
        if self.apparatus:
            downloads.update(self.apparatus.downloads())
        out.append(
            GeneratedPage(
                self.urls.howto,
                front_matter({"title": self.labels["how_to_edit"]}) + self._howto(),
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


def _nth(text: str, needle: str, n: int) -> int:
    index = -1
    for _ in range(n):
        index = text.index(needle, index + 1)
    return index
