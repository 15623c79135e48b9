"""The scholarly apparatus around pages: head metadata for reference managers and search engines
(Highwire ``citation_*``, schema.org JSON-LD, ``<link rel="alternate">``), the bibliography exports,
and a ready citation of each paragraph."""

from __future__ import annotations

import re
from html import escape, unescape

from markupsafe import Markup

from ..citations import (
    Bibliography,
    catalogue_record,
    coins_span,
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

    def __init__(
        self, corpus: Corpus, bib: Bibliography, style: str | None, locale: str | None, make_bibliography=None
    ):
        """``make_bibliography(sources)`` formats the chapters as works (default: a new ``Bibliography``;
        the build passes one that reuses the persistent cache)."""
        self.corpus = corpus
        self.bib = bib
        chapters = [self.chapter_source(ch) for ch in corpus.chapters]
        make = make_bibliography or (lambda sources: Bibliography(sources, style=style, locale=locale))
        self.chapter_bib = make(chapters)
        self._formats: dict[str, list[tuple[str, str]]] = {}

    # ---- the corpus's own chapters as citable works ----
    @staticmethod
    def chapter_title(chapter: Chapter) -> str:
        return " — ".join(str(x) for x in (chapter.data.get("number"), chapter.title) if x)

    def chapter_source(self, chapter: Chapter) -> dict:
        """The chapter as a CSL source: the corpus metadata gives author, year, institution, genre, where known."""
        meta = self.corpus.meta
        source = {
            "id": f"chapter-{chapter.id}",
            "type": meta.get("type") or "document",
            "title": self.chapter_title(chapter),
        }
        work = meta.get("original_title")
        if work and " ".join(work.split()).casefold() == " ".join(chapter.title.split()).casefold():
            work = None  # the work's title given is the chapter's own (as in a corpus of one chapter)
        optional = {
            "author": meta.get("author"),
            "issued": meta.get("year"),
            "publisher": meta.get("institution"),
            "genre": meta.get("genre"),
            "container-title": work,
            "language": meta.get("language"),
        }
        source.update({k: v for k, v in optional.items() if v})
        return source

    def chapter_label(self, chapter: Chapter) -> str:
        """How a supplied title names a chapter: its number as printed ("BAB IV"), else its title."""
        return str(chapter.data.get("number") or chapter.title)

    def citing_chapters(self, key: str) -> list[str]:
        """Labels of the chapters that cite source ``key``, in corpus order."""
        citing = {use.paragraph.chapter.id for use in self.corpus.cited_in.get(key, [])}
        return [self.chapter_label(ch) for ch in self.corpus.chapters if ch.id in citing]

    def record(self, key: str) -> dict:
        """Source ``key`` as reference managers get it (page metadata, COinS, exports): its own fields,
        and a supplied title, marked as such, where the citing text gives none (citations/supplied.py)."""
        return catalogue_record(self.corpus.sources[key].data, self.citing_chapters(key))

    def chapter_pages(self, chapter: Chapter) -> str:
        """The chapter's pages in the original, as far as the corpus records them: the first to the
        last page it shows ("2–10"), one page, or "" when it shows none."""
        pages = [chapter.data["page"]] if chapter.data.get("page") is not None else []
        for section in chapter.sections:
            if section.data.get("page") is not None:
                pages.append(section.data["page"])
        for para in chapter.paragraphs:
            pages += self.paragraph_pages(para)
        if not pages:
            return ""
        low, high = min(pages), max(pages)
        return str(low) if low == high else f"{low}–{high}"

    def chapter_record(self, chapter: Chapter) -> dict:
        """The chapter as a work of its own for reference managers: a chapter (Zotero: book section) of
        the corpus's work, with what corpus.yml knows of that work (author, year, institution,
        language, the work's title) and the chapter's pages in the original."""
        source = self.chapter_source(chapter)
        record = {k: v for k, v in source.items() if k != "genre"}
        record["type"] = "chapter"
        if self.chapter_pages(chapter):
            record["page"] = self.chapter_pages(chapter)
        return record

    def chapter_coins(self, chapter: Chapter) -> Markup:
        """A COinS span of the chapter page (Zotero's COinS translator reads it before the meta tags)."""
        return Markup(coins_span(self.chapter_record(chapter)))

    def paragraph_pages(self, para: Paragraph) -> list:
        """Pages of the original the paragraph is on, where known: where it starts, then each page it runs onto."""
        pages = [para.data["page"]] if para.data.get("page") is not None else []
        pages += [b["page"] for b in para.data.get("page_breaks") or [] if b.get("page") is not None]
        return pages

    def cite_paragraph(self, para: Paragraph, labels: dict | None = None) -> Markup:
        """The chapter's reference, the paragraph's original page(s) where known (in the style's locale:
        "hlm. 10"), its number, and a permalink (made absolute in the browser when the site has no
        ``site_url``)."""
        reference = self.chapter_bib.reference(f"chapter-{para.chapter.id}").rstrip()
        pages = self.paragraph_pages(para)
        where = []
        if pages:
            span = str(pages[0]) if len(pages) == 1 else f"{pages[0]}–{pages[-1]}"
            where.append(f"{escape(self.chapter_bib.term('page', plural=len(pages) > 1))} {escape(span)}")
        where.append(f"¶ {para.number}")
        link = f'<a class="as-permalink-abs" href="#{escape(para.id)}">#{escape(para.id)}</a>'
        return Markup(f"{reference.rstrip('.')}, {', '.join(where)}. {link}")

    def locator_text(self, item) -> str:
        """A cite item's locator as the style's locale writes it: "hlm. 12", "pp. 3–5", "bab 2"."""
        plural = any(ch in item.locator for ch in "-–,&")
        return f"{self.bib.term(item.label or 'page', plural=plural)} {item.locator.replace('-', '–')}"

    # ---- <head> metadata ----
    def head(self, site, kind: str, obj) -> dict:
        """Front matter entries written into the page's <head> by render/head_meta.py."""
        if kind == "source":
            record = self.record(obj.id)
            description = self.source_description(obj.id, site.entry_label(obj))
            return {"citation_meta": highwire_meta(record), "jsonld": jsonld(record), "description": description}
        if kind == "chapter":
            return self._chapter_head(obj)
        if kind == "bibliography":
            page = site.urls.bibliography
            alternates = [
                {"type": t, "href": site.urls.href(page, name), "title": label} for name, (t, label) in EXPORTS.items()
            ]
            return {"alternates": alternates}
        return {}

    @staticmethod
    def _name(name: dict, inverted: bool = True) -> str:
        if "literal" in name:
            return str(name["literal"])
        parts = [str(name[k]) for k in ("family", "given") if name.get(k) not in (None, "")]
        return ", ".join(parts) if inverted else " ".join(reversed(parts))

    def _chapter_head(self, chapter: Chapter) -> dict:
        """Highwire tags and JSON-LD of a chapter: title and language always; author, year and institution
        only where corpus.yml gives them (never invented)."""
        meta = self.corpus.meta
        title = self.chapter_title(chapter)
        authors = meta.get("author") or []
        # Highwire tags of a chapter (citation_inbook_title for the work, where known: Zotero then
        # types it a book section); Zotero reads no citation_dissertation_name and no JSON-LD.
        tags = highwire_meta(self.chapter_record(chapter))
        ld = {"@context": "https://schema.org", "@type": "Chapter", "name": title, "inLanguage": meta["language"]}
        if authors:
            ld["author"] = [
                {"@type": "Organization", "name": self._name(n)}
                if "literal" in n
                else {"@type": "Person", "name": self._name(n, inverted=False)}
                for n in authors
            ]
        if meta.get("year"):
            ld["datePublished"] = str(meta["year"])
        if meta.get("original_title"):
            kind = "Thesis" if meta.get("type") == "thesis" else "CreativeWork"
            ld["isPartOf"] = {"@type": kind, "name": meta["original_title"]}
            if meta.get("institution"):
                ld["isPartOf"]["sourceOrganization"] = {"@type": "Organization", "name": meta["institution"]}
        return {"citation_meta": tags, "jsonld": ld}

    def source_description(self, key: str, label: str) -> str:
        """What a source page holds, in a sentence (its meta description; never the site-wide one)."""
        chapters = self.citing_chapters(key)
        where = f"cited in {' and '.join(chapters)} of" if chapters else "listed in"
        return (
            f"{label}: a source {where} “{self.corpus.meta['title']}”: where and for what the text cites it, "
            "and its reference in BibTeX, CSL-JSON and RIS."
        )

    # ---- exports ----
    def downloads(self) -> dict[str, str]:
        sources = [self.record(k) for k in self.bib.keys_in_order()]
        return {
            "bibliography.bib": to_bibtex(sources),
            "bibliography.json": to_csl_json(sources),
            "bibliography.ris": to_ris(sources),
        }

    def entry_formats(self, key: str) -> list[tuple[str, str]]:
        """Source ``key`` as BibTeX, CSL-JSON and RIS, for the copy buttons of a source page."""
        if key not in self._formats:
            source = self.record(key)
            self._formats[key] = [
                ("BibTeX", entry_bibtex(source)),
                ("CSL-JSON", entry_csl_json(source)),
                ("RIS", entry_ris(source)),
            ]
        return list(self._formats[key])

    def prepare_exports(self) -> None:
        """Make every source's exports now: they need no CSL formatting, so a cold build makes them
        while citeproc-js is still starting on its thread."""
        for key in self.corpus.sources:
            self.entry_formats(key)

    @staticmethod
    def missing(source: dict) -> list[str]:
        return missing_fields(source)
