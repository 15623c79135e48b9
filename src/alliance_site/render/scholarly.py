"""The scholarly apparatus around pages: head metadata for reference managers and search engines
(Highwire ``citation_*``, schema.org JSON-LD, ``<link rel="alternate">``), the bibliography exports,
and a ready citation of each paragraph."""

from __future__ import annotations

import re
from html import escape, unescape

from markupsafe import Markup

from ..citations import (
    Bibliography,
    entry_bibtex,
    entry_csl_json,
    entry_ris,
    highwire_meta,
    jsonld,
    missing_fields,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from ..model import Chapter, Corpus, Paragraph

__all__ = ["EXPORTS", "ScholarlyApparatus"]

#: The bibliography downloads: file name → (media type, label).
EXPORTS = {
    "bibliography.bib": ("application/x-bibtex", "BibTeX"),
    "bibliography.json": ("application/vnd.citationstyles.csl+json", "CSL-JSON"),
    "bibliography.ris": ("application/x-research-info-systems", "RIS"),
}
_TAG = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    """Text of an HTML fragment (for titles and meta tags)."""
    return " ".join(unescape(_TAG.sub("", html)).split())


class ScholarlyApparatus:
    """Citations of the corpus's own chapters, and the metadata of every page kind."""

    def __init__(self, corpus: Corpus, bib: Bibliography, style: str | None, locale: str | None):
        self.corpus = corpus
        self.bib = bib
        meta = corpus.meta
        chapters = [self.chapter_source(ch) for ch in corpus.chapters]
        self.chapter_bib = Bibliography(chapters, style=style, locale=locale)

    # ---- the corpus's own chapters as citable works ----
    def chapter_source(self, chapter: Chapter) -> dict:
        meta = self.corpus.meta
        title = " — ".join(x for x in (chapter.data.get("number"), chapter.title) if x)
        source = {"id": f"chapter-{chapter.id}", "type": meta.get("type") or "document", "title": title}
        optional = {
            "author": meta.get("author"),
            "issued": meta.get("year"),
            "publisher": meta.get("institution"),
            "genre": meta.get("genre"),
            "container-title": meta.get("original_title"),
            "language": meta.get("language"),
        }
        source.update({k: v for k, v in optional.items() if v})
        return source

    def cite_paragraph(self, para: Paragraph, labels: dict) -> Markup:
        """The chapter's reference with the paragraph's original page (where known), its number, and a
        permalink (made absolute in the browser when the site has no ``site_url``)."""
        reference = self.chapter_bib.reference(f"chapter-{para.chapter.id}").rstrip()
        page = para.data.get("page") or (para.data.get("page_breaks") or [{}])[0].get("page")
        where = [f"{labels['page']} {page}"] if page else []
        where.append(f"¶ {para.number}")
        link = f'<a class="as-permalink-abs" href="#{escape(para.id)}">#{escape(para.id)}</a>'
        return Markup(f"{reference.rstrip('.')}, {', '.join(where)}. {link}")

    # ---- <head> metadata ----
    def head(self, site, kind: str, obj) -> dict:
        """Front matter entries read by the theme override (templates/theme/main.html)."""
        if kind == "source":
            return {"citation_meta": highwire_meta(obj.data), "jsonld": jsonld(obj.data)}
        if kind == "chapter":
            return self._chapter_head(obj)
        if kind == "bibliography":
            alternates = [{"type": t, "href": name, "title": label} for name, (t, label) in EXPORTS.items()]
            return {"alternates": alternates}
        return {}

    def _chapter_head(self, chapter: Chapter) -> dict:
        meta = self.corpus.meta
        title = " — ".join(x for x in (chapter.data.get("number"), chapter.title) if x)
        tags = [("citation_title", title)]
        for name in meta.get("author") or []:
            tags.append(("citation_author", name.get("literal") or ", ".join(x for x in (name.get("family"), name.get("given")) if x)))
        if meta.get("year"):
            tags.append(("citation_publication_date", str(meta["year"])))
        if meta.get("institution"):
            tags.append(("citation_dissertation_institution", meta["institution"]))
        if meta.get("original_title"):
            tags.append(("citation_dissertation_name", meta["original_title"]))
        tags.append(("citation_language", meta["language"]))
        ld = {"@context": "https://schema.org", "@type": "Chapter", "name": title, "inLanguage": meta["language"]}
        if meta.get("original_title"):
            ld["isPartOf"] = {"@type": "Thesis", "name": meta["original_title"]}
            if meta.get("institution"):
                ld["isPartOf"]["sourceOrganization"] = {"@type": "Organization", "name": meta["institution"]}
        return {"citation_meta": tags, "jsonld": ld}

    # ---- exports ----
    def downloads(self) -> dict[str, str]:
        sources = [self.corpus.sources[k].data for k in self.bib.keys_in_order()]
        return {"bibliography.bib": to_bibtex(sources), "bibliography.json": to_csl_json(sources),
                "bibliography.ris": to_ris(sources)}

    @staticmethod
    def entry_formats(source: dict) -> list[tuple[str, str]]:
        """The entry as BibTeX, CSL-JSON and RIS, for the copy buttons of a source page."""
        return [("BibTeX", entry_bibtex(source)), ("CSL-JSON", entry_csl_json(source)), ("RIS", entry_ris(source))]

    @staticmethod
    def missing(source: dict) -> list[str]:
        return missing_fields(source)
