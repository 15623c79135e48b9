"""Paragraph text → inline HTML: escaping, acronyms, citation and cross-reference callbacks, and
markers inserted at raw offsets of the paragraph text."""

from __future__ import annotations

import pytest

from alliance_site.render.inline import InlineRenderer, Insertion, acronym_pattern
from alliance_site.text.markup import parse

ABBREVIATIONS = {"USA": "United States of America", "UN": "United Nations", "UNSC": 'The "Security" Council & co'}


def renderer(abbreviations=ABBREVIATIONS):
    def cite(citation):
        return "{cite:" + ",".join(item.key for item in citation.items) + "}"

    def xref(ref):
        return f"{{xref:{ref.kind}:{ref.id}}}"

    return InlineRenderer(abbreviations, cite, xref)


def abbr(term):
    titles = {
        "USA": "United States of America",
        "UN": "United Nations",
        "UNSC": "The &quot;Security&quot; Council &amp; co",
    }
    return f'<abbr title="{titles[term]}">{term}</abbr>'


WORDS = [
    ("plain", "plain words", "plain words"),
    ("html-escaped", "a <b> & c > d", "a &lt;b&gt; &amp; c &gt; d"),
    ("quotes-kept", 'it\'s "so"', 'it\'s "so"'),
    ("acronym", "the USA said", f"the {abbr('USA')} said"),
    ("two-acronyms", "USA, UN.", f"{abbr('USA')}, {abbr('UN')}."),
    ("longest-first", "the UNSC met", f"the {abbr('UNSC')} met"),
    ("title-escaped", "UNSC", abbr("UNSC")),
    ("not-inside-a-word", "USAF and UNESCO and sUSA", "USAF and UNESCO and sUSA"),
    ("not-after-a-hyphen", "pre-USA", "pre-USA"),
    ("before-a-hyphen", "USA-based", f"{abbr('USA')}-based"),
    ("case-sensitive", "usa", "usa"),
]


@pytest.mark.parametrize(("text", "html"), [w[1:] for w in WORDS], ids=[w[0] for w in WORDS])
def test_words(text, html):
    assert renderer().words(text) == html


def test_no_glossary_means_plain_escaping():
    assert acronym_pattern([]) is None
    assert renderer({}).words("USA <3") == "USA &lt;3"


RENDER = [
    ("citation", "As [@smith2020, p. 3] shows.", "As {cite:smith2020} shows."),
    ("narrative", "@smith2020 says <so>.", "{cite:smith2020} says &lt;so&gt;."),
    ("two-works", "[@a; @b]", "{cite:a,b}"),
    ("crossref", "See @tbl:numbers.", "See {xref:table:numbers}."),
    ("escaped-at", "mail \\@smith2020", "mail @smith2020"),
    ("acronym-next-to-citation", "the USA [@a]", f"the {abbr('USA')} {{cite:a}}"),
]


@pytest.mark.parametrize(("text", "html"), [r[1:] for r in RENDER], ids=[r[0] for r in RENDER])
def test_render(text, html):
    assert renderer().render(parse(text)) == html


MARK = "<i>|</i>"


def insert_before(text, words, order=0):
    return Insertion(text.index(words), order, MARK)


def test_marker_at_the_words_it_precedes():
    text = "The war began in 1950 [@a; @b] and the data are in @tbl:t."
    html = renderer().render(parse(text), [insert_before(text, "and the data")])
    assert html == "The war began in 1950 {cite:a,b} " + MARK + "and the data are in {xref:table:t}."


def test_marker_after_an_escape_lands_on_its_words():
    """Raw offsets count the backslash of an escape; the marker must still land before 'then'."""
    text = "Mail \\@x and \\[y] then here"
    html = renderer().render(parse(text), [insert_before(text, "then")])
    assert html == "Mail @x and [y] " + MARK + "then here"


def test_marker_inside_an_acronym_run_splits_the_text_not_the_markup():
    text = "the USA and the UN"
    html = renderer().render(parse(text), [insert_before(text, "and")])
    assert html == f"the {abbr('USA')} {MARK}and the {abbr('UN')}"


def test_markers_at_the_same_place_keep_their_order():
    text = "one two"
    first = Insertion(text.index("two"), 0, "<a>")
    second = Insertion(text.index("two"), 1, "<b>")
    assert renderer().render(parse(text), [second, first]) == "one <a><b>two"


def test_marker_at_the_very_end():
    text = "the end"
    assert renderer().render(parse(text), [Insertion(len(text), 0, MARK)]) == "the end" + MARK


def test_marker_inside_a_citation_goes_after_it():
    text = "a [@smith2020] b"
    html = renderer().render(parse(text), [Insertion(text.index("smith"), 0, MARK)])
    assert html == "a {cite:smith2020}" + MARK + " b"
