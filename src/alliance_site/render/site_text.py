"""Corpus text as the inline HTML that page templates place: paragraphs with their page and
note markers, the editors' translations beside them, and the citations and cross-references
inside both, linked from the page being rendered.

A mixin of :class:`alliance_site.render.page_site.PageSite`, which provides the attributes
annotated here and on :class:`~alliance_site.render.site_links.SiteLinks` (``inline_by_lang``:
the page-independent acronym renderer of each language, made once per build).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from markupsafe import Markup

from ..model import Paragraph
from ..text.markup import Citation, CrossRef, Text, parse
from .environment import md_escape
from .inline import InlineRenderer, Insertion
from .site_links import SiteLinks

__all__ = ["SiteText", "inline_renderers"]


class SiteText(SiteLinks):
    """Inline HTML of paragraphs, translations, citations and cross-references (linked with
    :class:`SiteLinks`, relative to the page being rendered)."""

    labels: dict[str, str]
    lang: str
    tr_langs: tuple[str, ...]
    inline_by_lang: Mapping[str, InlineRenderer]

    # ---- translations (the editors' reading editions, beside the original) ----
    @staticmethod
    def tr(data: dict, field: str, lang: str) -> str | None:
        """The editors' translation of ``data[field]`` into ``lang``, or None."""
        return ((data.get("translations") or {}).get(lang) or {}).get(field)

    def distinct_trs(self, data: dict, field: str) -> list[tuple[str, str]]:
        """(language, translation) of ``data[field]`` for each translation that says something else
        than the original: an identical one would show the same words twice. A unit the editors
        wrote in a language of its own (an event's ``language``) has no separate original in that
        language, so a "translation" into it is not shown beside it (validate warns of it)."""
        own = data.get("language")
        pairs = [(lang, self.tr(data, field, lang)) for lang in self.tr_langs if lang != own]
        return [(lang, text) for lang, text in pairs if text and text != data.get(field)]

    def heading_tr(self, data: dict) -> Markup:
        """Translated titles to append to a Markdown heading (inline HTML, escaped)."""
        parts = []
        for lang, text in self.distinct_trs(data, "title"):
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
        """The language's acronym renderer, linking citations and cross-references from this page."""
        return self.inline_by_lang[lang].linking(self._cite_html, self._xref_html)

    # ---- the original text ----
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
        prefix, parts, delimiters, suffix = self.bib.cite_parts(citation)
        links = []
        for key, html in parts:
            target = escape(self.entry_href("source", key))
            ref = escape(self.urls.anchor("reference", key))
            links.append(f'<a class="as-cite" href="{target}" data-refs="{ref}">{html}</a>')
        joined = links[0] + "".join(d + link for d, link in zip(delimiters, links[1:])) if links else ""
        return f'<span class="as-citation">{prefix}{joined}{suffix}</span>'

    def _xref_html(self, ref: CrossRef) -> str:
        entry = self.corpus.entry(ref.kind, ref.id) if ref.kind != "section" else None
        if entry is None:
            section = self.corpus.sections[ref.id]
            href = self.href(self.urls.chapter(section.chapter.id), self.urls.anchor("section", ref.id))
            return f'<a class="as-xref" href="{escape(href)}">{escape(section.title)}</a>'
        text = entry.data.get("number") or entry.data.get("title") or entry.data.get("caption")
        return f'<a class="as-xref" href="{escape(self.entry_href(ref.kind, ref.id))}">{escape(text)}</a>'

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


def _nth(text: str, needle: str, n: int) -> int:
    index = -1
    for _ in range(n):
        index = text.index(needle, index + 1)
    return index


def inline_renderers(corpus, languages) -> dict[str, InlineRenderer]:
    """One acronym renderer per language: acronyms are expanded in the language of the text they stand
    in (the editors' translated expansion, else the original one)."""
    renderers = {}
    for lang in languages:
        expansions = {}
        for entry in corpus.glossary:
            expansion = (lang != corpus.meta["language"] and SiteText.tr(entry, "expansion", lang)) or entry[
                "expansion"
            ]
            for form in [entry["term"], *entry.get("forms", [])]:
                expansions[form] = expansion
        renderers[lang] = InlineRenderer(expansions)
    return renderers
