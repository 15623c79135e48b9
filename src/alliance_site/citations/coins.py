"""Metadata that reference managers and search engines read from a page.

* COinS (an OpenURL ContextObject in a ``<span class="Z3988" title="...">``):
  Zotero offers to save every such span of a page, so a bibliography page
  with one span per entry lets a reader save several items at once.
* Highwire Press ``citation_*`` meta tags: what Google Scholar and Zotero read
  from a page about one work (a source page).
* schema.org JSON-LD for search engines.

Values are returned raw; escaping for HTML is the renderer's job, except for
:func:`jsonld_script`, which makes JSON safe inside a ``<script>`` element.
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote

from .csl import CSL_NAME_FIELDS, name_text, names_of, to_csl_item
from .dates import iso_date
from .pages import first_last_page

__all__ = [
    "ZOTERO_TYPES",
    "coins_carries_all_names",
    "coins_span",
    "coins_title",
    "highwire_meta",
    "jsonld",
    "jsonld_script",
]

_JOURNAL = frozenset({"article-journal", "article-magazine", "article-newspaper", "review", "review-book"})
_BOOK = {"book": "book", "chapter": "bookitem", "report": "report", "paper-conference": "proceeding"}
_FMT = "info:ofi/fmt:kev:mtx:"
#: Zotero's item type for a CSL type (the first of Zotero's own CSL mapping, zotero-schema
#: ``csl.types``): sent as ``rft.type`` of a Dublin Core ContextObject, which Zotero reads as the
#: item type. CSL types Zotero has no item type for are saved as a "document".
ZOTERO_TYPES = {
    "article": "preprint",
    "article-magazine": "magazineArticle",
    "article-newspaper": "newspaperArticle",
    "bill": "bill",
    "broadcast": "tvBroadcast",
    "dataset": "dataset",
    "document": "document",
    "entry-dictionary": "dictionaryEntry",
    "entry-encyclopedia": "encyclopediaArticle",
    "graphic": "artwork",
    "hearing": "hearing",
    "interview": "interview",
    "legal_case": "case",
    "legislation": "statute",
    "manuscript": "manuscript",
    "map": "map",
    "motion_picture": "film",
    "patent": "patent",
    "personal_communication": "letter",
    "post": "forumPost",
    "post-weblog": "blogPost",
    "software": "computerProgram",
    "song": "audioRecording",
    "speech": "presentation",
    "standard": "standard",
    "webpage": "webpage",
}


def _creators(authors: list[dict]) -> list[tuple[str, str]]:
    """Every author in order, each in the one form that keeps it whole: a person as
    ``aulast``/``aufirst``, an institution (a CSL literal name) as ``aucorp``. (``rft.au`` would be
    split at its last space by Zotero, "Defense R. o." becoming given "Defense R.", family "o.".)"""
    pairs: list[tuple[str, str]] = []
    for name in authors:
        if "literal" in name:
            pairs.append(("rft.aucorp", name["literal"]))
        else:
            family = " ".join(str(name[p]) for p in ("non-dropping-particle", "family") if name.get(p))
            given = " ".join(str(name[p]) for p in ("given", "dropping-particle") if name.get(p))
            pairs += [("rft.aulast", family or given), ("rft.aufirst", given if family else "")]
    return pairs


def _coins_pairs(item: dict) -> list[tuple[str, str]]:
    kind = item["type"]
    pairs = [("ctx_ver", "Z39.88-2004")]
    if item.get("DOI"):
        pairs.append(("rft_id", f"info:doi/{item['DOI']}"))
    if item.get("URL"):
        pairs.append(("rft_id", item["URL"]))
    authors = names_of(item, "author")
    date = iso_date(item.get("issued"))
    first, last = first_last_page(item.get("page"))
    if kind in _JOURNAL or kind in _BOOK:
        if kind in _JOURNAL:
            pairs += [("rft_val_fmt", _FMT + "journal"), ("rft.genre", "article")]
            pairs += [("rft.atitle", item.get("title")), ("rft.jtitle", item.get("container-title"))]
            pairs += [
                ("rft.volume", item.get("volume")),
                ("rft.issue", item.get("issue")),
                ("rft.issn", item.get("ISSN")),
            ]
        else:
            pairs += [("rft_val_fmt", _FMT + "book"), ("rft.genre", _BOOK[kind])]
            if kind in ("chapter", "paper-conference"):
                pairs += [("rft.atitle", item.get("title")), ("rft.btitle", item.get("container-title"))]
            else:
                pairs.append(("rft.btitle", item.get("title")))
            pairs += [("rft.pub", item.get("publisher")), ("rft.place", item.get("publisher-place"))]
            pairs += [("rft.edition", item.get("edition")), ("rft.series", item.get("collection-title"))]
            pairs.append(("rft.isbn", item.get("ISBN")))
        pairs += [("rft.spage", first), ("rft.epage", last), ("rft.pages", item.get("page")), ("rft.date", date)]
        pairs += _creators(authors)
    elif kind == "thesis":
        pairs += [("rft_val_fmt", _FMT + "dissertation"), ("rft.title", item.get("title"))]
        pairs += [("rft.inst", item.get("publisher")), ("rft.degree", item.get("genre")), ("rft.date", date)]
        pairs += _creators(authors)
    else:
        # Dublin Core, with Zotero's item type as rft.type (Zotero reads it so): everything without a KEV format.
        pairs += [("rft_val_fmt", _FMT + "dc"), ("rft.type", ZOTERO_TYPES.get(kind, "document"))]
        pairs += [("rft.title", item.get("title"))]
        pairs += _creators(authors)
        pairs += [("rft.date", date), ("rft.publisher", item.get("publisher")), ("rft.identifier", item.get("URL"))]
        pairs.append(("rft.source", item.get("container-title")))
    pairs.append(("rft.language", item.get("language")))
    # ctx_ver, then the format, then the rest in the order built (stable sort).
    pairs.sort(key=lambda kv: {"ctx_ver": 0, "rft_val_fmt": 1}.get(kv[0], 2))
    return [(k, str(v)) for k, v in pairs if v not in (None, "")]


def coins_title(source: dict) -> str:
    """The OpenURL ContextObject (KEV, URL-encoded) for a COinS span's ``title`` attribute, unescaped."""
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in _coins_pairs(to_csl_item(source)))


def coins_carries_all_names(source: dict) -> bool:
    """Whether a ContextObject holds every name of the source: it has authors only (OpenURL has
    no editor, translator or other role)."""
    return not any(names_of(source, field) for field in CSL_NAME_FIELDS - {"author"})


def coins_span(source: dict) -> str:
    """A complete, escaped COinS element: ``<span class="Z3988" title="..."></span>``."""
    return f'<span class="Z3988" title="{html.escape(coins_title(source), quote=True)}"></span>'


def _hw_date(value) -> str | None:
    """Google Scholar's date form: ``2016/03/04``, ``2016/03`` or ``2016``."""
    text = iso_date(value)
    return text.replace("-", "/") if text and not text.startswith("-") else text


def highwire_meta(source: dict) -> list[tuple[str, str]]:
    """Highwire Press ``citation_*`` (name, content) pairs for a page about this source, in a fixed order.

    One ``citation_author`` per author ("Family, Given"), both
    ``citation_publication_date`` and ``citation_date`` (readers differ in
    which they take), the container under the name its type calls for.
    """
    item = to_csl_item(source)
    kind = item["type"]
    meta: list[tuple[str, str]] = [("citation_title", item.get("title"))]
    meta += [("citation_author", name_text(a)) for a in names_of(item, "author")]
    meta += [("citation_editor", name_text(a)) for a in names_of(item, "editor")]
    date = _hw_date(item.get("issued"))
    meta += [("citation_publication_date", date), ("citation_date", date)]
    container = item.get("container-title")
    if kind in _JOURNAL:
        meta.append(("citation_journal_title", container))
        meta.append(("citation_journal_abbrev", item.get("container-title-short")))
    elif kind == "paper-conference":
        meta.append(("citation_conference_title", container))
    elif kind in ("chapter", "entry-encyclopedia", "entry-dictionary"):
        meta.append(("citation_inbook_title", container))
    if kind == "thesis":
        meta.append(("citation_dissertation_institution", item.get("publisher")))
    elif kind == "report":
        meta.append(("citation_technical_report_institution", item.get("publisher")))
        meta.append(("citation_technical_report_number", item.get("number")))
    else:
        meta.append(("citation_publisher", item.get("publisher")))
    first, last = first_last_page(item.get("page"))
    meta += [("citation_volume", item.get("volume")), ("citation_issue", item.get("issue"))]
    meta += [("citation_firstpage", first), ("citation_lastpage", last)]
    meta += [
        ("citation_isbn", item.get("ISBN")),
        ("citation_issn", item.get("ISSN")),
        ("citation_doi", item.get("DOI")),
    ]
    url = item.get("URL")
    if url:
        is_pdf = url.lower().split("?")[0].endswith(".pdf")
        meta.append(("citation_pdf_url" if is_pdf else "citation_public_url", url))
    meta.append(("citation_language", item.get("language")))
    return [(k, str(v)) for k, v in meta if v not in (None, "")]


_SCHEMA_TYPES = {
    "article-journal": "ScholarlyArticle",
    "article-magazine": "Article",
    "article-newspaper": "NewsArticle",
    "book": "Book",
    "chapter": "Chapter",
    "dataset": "Dataset",
    "legislation": "Legislation",
    "bill": "Legislation",
    "map": "Map",
    "motion_picture": "Movie",
    "paper-conference": "ScholarlyArticle",
    "periodical": "Periodical",
    "post": "SocialMediaPosting",
    "post-weblog": "BlogPosting",
    "report": "Report",
    "review": "Review",
    "review-book": "Review",
    "software": "SoftwareSourceCode",
    "song": "MusicRecording",
    "thesis": "Thesis",
    "webpage": "WebPage",
}
_CONTAINER_TYPES = {"article-journal": "Periodical", "chapter": "Book", "paper-conference": "Book"}


def _person(name: dict) -> dict:
    if "literal" in name:
        return {"@type": "Organization", "name": name["literal"]}
    person = {"@type": "Person", "name": name_text(name, inverted=False), "familyName": name.get("family")}
    if name.get("given"):
        person["givenName"] = name["given"]
    return {k: v for k, v in person.items() if v}


def jsonld(source: dict) -> dict:
    """schema.org description of the source (CreativeWork or the closer type) as a JSON-LD dict."""
    item = to_csl_item(source)
    kind = item["type"]
    obj: dict = {"@context": "https://schema.org", "@type": _SCHEMA_TYPES.get(kind, "CreativeWork")}
    obj["name"] = item.get("title")
    if obj["@type"] in ("ScholarlyArticle", "Article", "NewsArticle", "BlogPosting"):
        obj["headline"] = item.get("title")
    obj["author"] = [_person(a) for a in names_of(item, "author")] or None
    obj["editor"] = [_person(a) for a in names_of(item, "editor")] or None
    obj["datePublished"] = iso_date(item.get("issued"))
    if item.get("publisher"):
        obj["publisher"] = {"@type": "Organization", "name": item["publisher"]}
    if item.get("container-title"):
        obj["isPartOf"] = {"@type": _CONTAINER_TYPES.get(kind, "CreativeWork"), "name": item["container-title"]}
    first, last = first_last_page(item.get("page"))
    obj.update({"pagination": item.get("page"), "pageStart": first or None, "pageEnd": last or None})
    obj.update({"volumeNumber": item.get("volume"), "issueNumber": item.get("issue")})
    obj.update({"bookEdition": item.get("edition"), "isbn": item.get("ISBN"), "issn": item.get("ISSN")})
    obj.update({"inLanguage": item.get("language"), "url": item.get("URL"), "abstract": item.get("abstract")})
    if item.get("DOI"):
        obj["sameAs"] = f"https://doi.org/{item['DOI']}"
    return {k: v for k, v in obj.items() if v not in (None, "", [])}


def jsonld_script(obj) -> str:
    """JSON text safe to put inside ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026`` (so no
    ``</script>`` or comment can close the element); U+2028/2029 are escaped
    too.  Keys are sorted, so output is deterministic.
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text
