"""Interface words of the generated pages, by language; English is the fallback."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

__all__ = ["labels_for", "language_name"]

# CLDR calls these languages "Indonesia" and "Melayu" in themselves, which on a language button read as
# the country and the people; their speakers name the languages so.
_AUTONYMS = {"id": "Bahasa Indonesia", "ms": "Bahasa Melayu"}


def language_name(tag: str) -> str:
    """The language of ``tag`` named in itself (CLDR, through Babel), for the reading-language switch:
    "English", "한국어", "Français"; the tag itself where CLDR does not know it."""
    base = tag.split("-")[0]
    if base in _AUTONYMS:
        return _AUTONYMS[base]
    try:
        name = Locale.parse(base).get_display_name(base)
    except (ValueError, TypeError, UnknownLocaleError):
        return tag
    return name[:1].upper() + name[1:] if name else tag  # a button label starts with a capital


_EN = {
    "home": "Home",
    "chapters": "Chapters",
    "bibliography": "Bibliography",
    "timeline": "Timeline",
    "tables": "Tables",
    "figures": "Figures",
    "glossary": "Glossary",
    "cited_in": "Cited in",
    "relied_on_by": "Tables, figures and events that rely on it",
    "events": "Events",
    "sources": "Sources",
    "paragraph": "Paragraph",
    "paragraphs": "Paragraphs",
    "page": "page",
    "page_of_original": "Page {n} of the original",
    "permalink": "Permalink to this paragraph",
    "data_in": "Data in",
    "placed_in": "Placed in the text",
    "referenced_in": "Where it is referenced",
    "told_in": "Told in",
    "missing_fields": "Missing fields",
    "incomplete": "incomplete",
    "complete": "complete",
    "not_cited": "cited nowhere in the text",
    "editorial_note": "Editorial note",
    "editors": "editors",
    "text": "text",
    "expanded_by": "Expanded by",
    "image_missing": "Image not available in this edition.",
    "image_missing_hint": "An editor adds it by putting the image file under content/ and setting image.path and image.alt in the figure's YAML.",
    "reconstructed": "Reconstructed by the editors from the text",
    "source_line": "Source line as printed",
    "value": "Value",
    "unit": "Unit",
    "as_written": "As written",
    "supplied_title": "Supplied title",
    "supplied_title_note": "devised by the editors for reference managers and the exports: the citing text gives this source no title",
    "derived": "Derived (computed by the generator)",
    "findings": "Consistency findings",
    "references": "References",
    "counts": "Contents",
    "back_to_text": "Back to the text",
    "unknown": "not given",
    "date": "Date",
    "actors": "Actors",
    "all_actors": "All actors",
    "filter_by_actor": "Filter by actor",
    "start_reading": "Start reading",
    "original_title": "Original title",
    "language": "Language",
    "author": "Author",
    "institution": "Institution",
    "year": "Year",
    "licence": "Licence",
    "not_given": "not given by the text",
    "metadata": "About this corpus",
    "term": "Term",
    "expansion": "Expansion",
    "description": "Description",
    "caption": "Caption",
    "number": "Number",
    "sic": "sic",
    "no_translation": "No translation yet: the original is shown.",
    "reading_language": "Reading language",
    "original": "original",
    "side_by_side": "Side by side",
    "cite_paragraph": "Cite this paragraph",
    "copy": "Copy",
    "copied": "Copied",
    "row": "Row",
    "from_paragraph": "From",
    "finding": "Finding",
    "derived_short": "derived",
    "stated": "the text states",
    "agrees": "agrees",
    "differs": "differs",
    "q_about": "about",
    "q_almost": "almost",
    "q_at-least": "at least",
    "q_at-most": "at most",
    "q_more-than": "more than",
    "q_less-than": "less than",
    "download": "Download",
    "how_to_edit": "How to edit",
    "cite_as": "Cite this source",
    "filter_by_type": "Filter by type",
    "all_types": "All types",
    "structure_as_text": "The structure as a list",
    "chart_desc": "Bar chart of the table's values, one panel per unit; the table next to it gives every value as text.",
    "timeline_desc": "Each event as a mark on a time axis; the list below gives every event as text.",
    "translation_by": "Translation",
    "structure": "Structure",
    "data_table": "Data",
    "none": "none",
    "outline": "Outline",
    "edition_holds": "What the edition holds",
    "about_text": "About the text",
    "particulars_unknown": "The text does not give its {fields}.",
    "and": "and",
    # Counted things, "one|many": the landing page says "1 table", "6 tables".
    "count_paragraphs": "paragraph|paragraphs",
    "count_sources": "source|sources",
    "count_tables": "table|tables",
    "count_figures": "figure|figures",
    "count_events": "event|events",
    "count_glossary": "glossary term|glossary terms",
    "genre": "Genre",
    "edited_by": "Edited by",
    "translations": "Reading translations",
}
_ID = {
    "home": "Beranda",
    "chapters": "Bab",
    "bibliography": "Daftar Pustaka",
    "timeline": "Linimasa",
    "tables": "Tabel",
    "figures": "Gambar",
    "glossary": "Glosarium",
    "cited_in": "Dikutip di",
    "events": "Peristiwa",
    "sources": "Sumber",
    "paragraph": "Paragraf",
    "paragraphs": "Paragraf",
    "page": "hlm.",
    "page_of_original": "Halaman {n} naskah asli",
    "references": "Referensi",
}
_TABLES = {"en": _EN, "id": {**_EN, **_ID}}


def labels_for(language: str) -> dict[str, str]:
    """Labels for ``language`` (a BCP 47 tag); unknown languages get English."""
    return _TABLES.get(language.split("-")[0].lower(), _EN)
