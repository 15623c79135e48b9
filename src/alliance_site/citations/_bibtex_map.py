"""The correspondences between (bib)LaTeX entries and CSL items, shared by import and export.

Kept in one place so that import -> export -> import is stable: every rule
here is read in both directions.
"""

from __future__ import annotations

import re

from ._text import word_set

# biblatex (and classic BibTeX) entry type -> CSL type.
BIB_TO_CSL_TYPE = {
    "article": "article-journal",
    "artwork": "graphic",
    "audio": "song",
    "book": "book",
    "bookinbook": "chapter",
    "booklet": "pamphlet",
    "collection": "book",
    "conference": "paper-conference",
    "dataset": "dataset",
    "electronic": "webpage",
    "image": "graphic",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "inreference": "entry-encyclopedia",
    "jurisdiction": "legal_case",
    "legislation": "legislation",
    "letter": "personal_communication",
    "manual": "report",
    "mastersthesis": "thesis",
    "misc": "document",
    "movie": "motion_picture",
    "music": "song",
    "mvbook": "book",
    "mvcollection": "book",
    "mvproceedings": "book",
    "mvreference": "book",
    "online": "webpage",
    "patent": "patent",
    "performance": "performance",
    "periodical": "periodical",
    "phdthesis": "thesis",
    "proceedings": "book",
    "reference": "book",
    "report": "report",
    "review": "review",
    "software": "software",
    "standard": "standard",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "suppperiodical": "article-journal",
    "techreport": "report",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "video": "motion_picture",
    "www": "webpage",
}
# Entry types that are no work of their own.
SKIPPED_TYPES = {
    "set": "a biblatex @set only groups other entries (each member is imported on its own)",
    "xdata": "an @xdata entry only lends fields to other entries",
}

# CSL type -> entry type written on export.  Classic BibTeX types where one fits
# (every BibTeX and biblatex reads them), biblatex types otherwise.
CSL_TO_BIB_TYPE = {
    "article": "misc",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "dataset": "dataset",
    "entry-dictionary": "inreference",
    "entry-encyclopedia": "inreference",
    "graphic": "artwork",
    "manuscript": "unpublished",
    "pamphlet": "booklet",
    "paper-conference": "inproceedings",
    "patent": "patent",
    "periodical": "periodical",
    "personal_communication": "letter",
    "post": "online",
    "post-weblog": "online",
    "report": "report",
    "review": "review",
    "review-book": "review",
    "software": "software",
    "standard": "standard",
    "thesis": "thesis",
    "webpage": "online",
}
#: biblatex entry types that Zotero's BibTeX importer does not know (translators/BibTeX.js,
#: ``bibtex2zoteroTypeMap``): it drops such an entry whole, with everything in it. They are written
#: as ``@misc`` instead, which every reader knows (classic BibTeX and biblatex's standard styles treat
#: a type they do not know as misc), with the biblatex type in ``entrysubtype`` (biblatex: "may be
#: used to specify a subtype of an entry type"), from which the importer reads the type back.
MISC_SUBTYPES = frozenset({"dataset", "periodical", "review", "standard"})
ARTICLE_TYPES = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "periodical", "review", "review-book"}
)
CHAPTER_TYPES = frozenset({"chapter", "paper-conference", "entry-dictionary", "entry-encyclopedia"})
# Types whose biblatex `number` is the item's own number, not its series number.
NUMBERED_TYPES = frozenset({"report", "patent", "standard", "document", "thesis", "manuscript", "dataset", "software"})
MAGAZINE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}

# biblatex `type` keys -> the genre text they print.
GENRES = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
}
DEFAULT_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}

# babel/polyglossia language names (langid, language) -> BCP 47 tags for CSL.
LANGUAGES = {
    "american": "en-US",
    "australian": "en-AU",
    "british": "en-GB",
    "canadian": "en-CA",
    "english": "en",
    "UKenglish": "en-GB",
    "USenglish": "en-US",
    "french": "fr",
    "german": "de",
    "ngerman": "de",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "italian": "it",
    "spanish": "es",
    "portuguese": "pt",
    "brazilian": "pt-BR",
    "dutch": "nl",
    "swedish": "sv",
    "danish": "da",
    "norwegian": "nb",
    "finnish": "fi",
    "polish": "pl",
    "czech": "cs",
    "russian": "ru",
    "greek": "el",
    "latin": "la",
    "indonesian": "id",
    "bahasa": "id",
    "bahasai": "id",
    "malay": "ms",
    "turkish": "tr",
    "japanese": "ja",
    "chinese": "zh",
    "hebrew": "he",
    "arabic": "ar",
}

# Simple one-to-one fields: biblatex name -> CSL name (both directions).
SIMPLE_FIELDS = {
    "shorttitle": "title-short",
    "shortjournal": "container-title-short",
    "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages",
    "edition": "edition",
    "volume": "volume",
    "chapter": "chapter-number",
    "part": "part",
    "version": "version",
    "pubstate": "status",
    "eventtitle": "event-title",
    "venue": "event-place",
    "origtitle": "original-title",
    "origpublisher": "original-publisher",
    "origlocation": "original-publisher-place",
    "doi": "DOI",
    "isbn": "ISBN",
    "issn": "ISSN",
    "url": "URL",
    "abstract": "abstract",
    "annotation": "annote",
    "keywords": "keyword",
    "note": "note",
}
# Name lists: biblatex field -> CSL variable.
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator", "bookauthor": "container-author"}
# Dates other than `issued`.
DATE_FIELDS = {"urldate": "accessed", "eventdate": "event-date", "origdate": "original-date"}
# Fields kept as written: LaTeX decoding would eat a URL's "%20" as a comment.
# EDTF dates too: "~" (circa) is not a LaTeX non-breaking space there.
VERBATIM_FIELDS = word_set("url doi eprint file pdf verba verbb verbc date urldate eventdate origdate")

# Fields read elsewhere in the importer (titles, dates, numbers, publishers).
HANDLED_FIELDS = word_set(
    "title subtitle titleaddon journaltitle journal journalsubtitle booktitle booksubtitle "
    "booktitleaddon maintitle mainsubtitle maintitleaddon issuetitle issuesubtitle series number "
    "issue pages publisher location address institution school organization howpublished date year "
    "month day type entrysubtype language langid addendum annote eprint eprinttype eprintclass "
    "crossref origyear"
)
# Why the remaining fields have no place in CSL, for the import report.
SKIP_REASONS = [
    (
        frozenset(
            ["sorttitle", "sortname", "sortkey", "sortyear", "presort", "indextitle", "indexsorttitle", "sortshorthand"]
        ),
        "sorting/indexing hint for biblatex, no CSL equivalent",
    ),
    (
        frozenset(
            ["options", "langidopts", "hyphenation", "execute", "label", "shorthand", "shorthandintro", "gender"]
        ),
        "typesetting option, no CSL equivalent",
    ),
    (
        frozenset(["ids", "related", "relatedtype", "relatedstring", "relatedoptions", "entryset", "xref", "xdata"]),
        "entry relation",
    ),
    (
        frozenset(
            [
                "editora",
                "editorb",
                "editorc",
                "editoratype",
                "editorbtype",
                "editorctype",
                "editortype",
                "annotator",
                "commentator",
                "introduction",
                "foreword",
                "afterword",
                "holder",
            ]
        ),
        "contributor role CSL 1.0 cannot hold",
    ),
]


def skip_reason(field: str) -> str:
    """Why ``field`` is not imported (for the report)."""
    for fields, reason in SKIP_REASONS:
        if field in fields:
            return reason
    return "no CSL equivalent"


def language_tag(value: str) -> str:
    """``"ngerman"`` -> ``"de"``; a tag or unknown name is kept as written."""
    return LANGUAGES.get(value.strip(), LANGUAGES.get(value.strip().lower(), value.strip()))


# LaTeX specials and the text that LaTeX decoding turns back into them.  Braces
# are written as commands because BibTeX counts even escaped braces.
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# A ligature's first character followed by its second ("--", "``", "''", "!`", "?`").
_SPECIAL_RE = re.compile(r"[\\{}&%$#_~^]|-(?=-)|`(?=`)|'(?=')|[!?](?=`)")


def latex_escape(text: str) -> str:
    """Escape text for a BibTeX field so that LaTeX decoding gives it back unchanged."""

    def repl(match: re.Match) -> str:
        token = match.group()
        if token in _LATEX_SPECIALS:
            return _LATEX_SPECIALS[token]
        return token + "{}"  # break ligatures: "--" would come back as "–"

    return _SPECIAL_RE.sub(repl, text)


def verbatim_escape(text: str) -> str:
    """A URL or DOI for a verbatim field: braces and backslashes percent-encoded, so braces stay balanced."""
    return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
