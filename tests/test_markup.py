"""The inline markup of paragraph text: Pandoc citations and pandoc-crossref references.

Each case gives the text and the exact tokens expected, offsets included: the offsets are
what the validator turns into ``file:line:column``, so they are part of the contract.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_site.text.markup import (
    Citation,
    CiteItem,
    CrossRef,
    MarkupError,
    Text,
    keys_of,
    parse,
    parse_locator,
)


def item(key, at, locator="", label="", prefix="", suffix="", suppress=False):
    """A cited work; ``at`` is the offset of its ``@`` in the paragraph text."""
    return CiteItem(key, locator, label, prefix, suffix, suppress, at)


def cite(source, start, *items):
    """A bracketed citation written as ``source`` starting at offset ``start``."""
    return Citation(tuple(items), True, start, start + len(source), source)


def narrative(source, start, one):
    return Citation((one,), False, start, start + len(source), source)


def xref(kind, ident, start, length):
    return CrossRef(kind, ident, start, start + length)


CASES = [
    # --- bracketed citations and locators ---
    ("bracketed", "[@smith2020]", [cite("[@smith2020]", 0, item("smith2020", 1))]),
    ("page-p", "[@smith2020, p. 12]", [cite("[@smith2020, p. 12]", 0, item("smith2020", 1, "12", "page"))]),
    (
        "pages-pp-range",
        "[@smith2020, pp. 12-14]",
        [cite("[@smith2020, pp. 12-14]", 0, item("smith2020", 1, "12-14", "page"))],
    ),
    ("chapter-chap", "[@smith2020, chap. 3]", [cite("[@smith2020, chap. 3]", 0, item("smith2020", 1, "3", "chapter"))]),
    ("indonesian-hlm", "[@smith2020, hlm. 7]", [cite("[@smith2020, hlm. 7]", 0, item("smith2020", 1, "7", "page"))]),
    ("indonesian-bab", "[@a, bab 2]", [cite("[@a, bab 2]", 0, item("a", 1, "2", "chapter"))]),
    ("section-signs-en-dash", "[@a, §§ 3–4]", [cite("[@a, §§ 3–4]", 0, item("a", 1, "3–4", "section"))]),
    ("bare-number-is-page", "[@a, 33]", [cite("[@a, 33]", 0, item("a", 1, "33", "page"))]),
    ("roman-numeral-page", "[@a, p. xii]", [cite("[@a, p. xii]", 0, item("a", 1, "xii", "page"))]),
    (
        "locator-then-suffix",
        "[@a, p. 12, emphasis added]",
        [cite("[@a, p. 12, emphasis added]", 0, item("a", 1, "12", "page", suffix=", emphasis added"))],
    ),
    # A suffix that begins with a letter that could start a roman numeral is still a suffix.
    ("suffix-in-press", "[@a, in press]", [cite("[@a, in press]", 0, item("a", 1, suffix="in press"))]),
    ("suffix-cited-in", "[@a, cited in Doe]", [cite("[@a, cited in Doe]", 0, item("a", 1, suffix="cited in Doe"))]),
    # --- several works, prefixes, suffixes ---
    ("two-items", "[@a; @b]", [cite("[@a; @b]", 0, item("a", 1), item("b", 5))]),
    (
        "prefixes-locators-suffix",
        "[see @a, p. 3; also @b, ch. 2, emphasis added]",
        [
            cite(
                "[see @a, p. 3; also @b, ch. 2, emphasis added]",
                0,
                item("a", 5, "3", "page", prefix="see"),
                item("b", 20, "2", "chapter", prefix="also", suffix=", emphasis added"),
            )
        ],
    ),
    # --- suppress-author ---
    ("suppress-author", "[-@smith2020]", [cite("[-@smith2020]", 0, item("smith2020", 2, suppress=True))]),
    (
        "suppress-author-with-page",
        "[-@smith2020, p. 5]",
        [cite("[-@smith2020, p. 5]", 0, item("smith2020", 2, "5", "page", suppress=True))],
    ),
    # --- narrative citations ---
    ("narrative", "@smith2020 says", [narrative("@smith2020", 0, item("smith2020", 0)), Text(" says", 10)]),
    (
        "narrative-with-locator",
        "@smith2020 [p. 3] says",
        [narrative("@smith2020 [p. 3]", 0, item("smith2020", 0, "3", "page")), Text(" says", 17)],
    ),
    (
        "narrative-trailing-period",
        "In @smith2020.",
        [Text("In ", 0), narrative("@smith2020", 3, item("smith2020", 3)), Text(".", 13)],
    ),
    (
        "narrative-trailing-semicolon",
        "@doe2019; and",
        [narrative("@doe2019", 0, item("doe2019", 0)), Text("; and", 8)],
    ),
    (
        "narrative-in-indonesian",
        "Menurut @smith2020, perang",
        [Text("Menurut ", 0), narrative("@smith2020", 8, item("smith2020", 8)), Text(", perang", 18)],
    ),
    # --- keys with internal punctuation ---
    ("key-internal-colons", "[@knuth:ct:a]", [cite("[@knuth:ct:a]", 0, item("knuth:ct:a", 1))]),
    (
        "key-colons-trailing-period",
        "@knuth:ct:a.",
        [narrative("@knuth:ct:a", 0, item("knuth:ct:a", 0)), Text(".", 11)],
    ),
    ("key-trailing-hyphen", "@a-", [narrative("@a", 0, item("a", 0)), Text("-", 2)]),
    # A prefix pandoc-crossref does not know is a citation key, so an unknown source is reported.
    ("unknown-prefix-is-a-key", "@eq:one", [narrative("@eq:one", 0, item("eq:one", 0))]),
    # --- cross-references ---
    (
        "xref-table-trailing-period",
        "see @tbl:numbers.",
        [Text("see ", 0), xref("table", "numbers", 4, 12), Text(".", 16)],
    ),
    ("xref-figure", "@fig:chart", [xref("figure", "chart", 0, 10)]),
    ("xref-event-trailing-comma", "@evt:war,", [xref("event", "war", 0, 8), Text(",", 8)]),
    ("xref-section-hyphenated", "@sec:s-one", [xref("section", "s-one", 0, 10)]),
    # --- not citations ---
    ("email", "write to jane@example.org now", [Text("write to jane@example.org now", 0)]),
    ("email-in-brackets", "[contact jane@example.org]", [Text("[contact jane@example.org]", 0)]),
    ("at-after-underscore", "user_@a", [Text("user_@a", 0)]),
    ("plain-brackets", "[1950] text", [Text("[1950] text", 0)]),
    (
        "escaped-at-and-bracket",
        "a \\@b and \\[x]",
        # an escaped character is a Text of its own, so the others are the raw text verbatim
        [Text("a ", 0), Text("@", 2), Text("b and ", 4), Text("[", 10), Text("x]", 12)],
    ),
    ("escaped-crossref", "\\@tbl:x", [Text("@", 0), Text("tbl:x", 2)]),
    ("escaped-backslash", "x \\\\ y", [Text("x ", 0), Text("\\", 2), Text(" y", 4)]),
    # --- offsets of surrounding text ---
    (
        "text-around-bracket",
        "end [@smith2020].",
        [Text("end ", 0), cite("[@smith2020]", 4, item("smith2020", 5)), Text(".", 16)],
    ),
    ("glued-to-word", "x[@a]", [Text("x", 0), cite("[@a]", 1, item("a", 2))]),
    (
        "bracket-then-narrative",
        "[@a]@b",
        [cite("[@a]", 0, item("a", 1)), narrative("@b", 4, item("b", 4))],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse(text, expected):
    assert parse(text) == expected


ERRORS = [
    # (id, text, offset, words the message must contain, words the hint must contain)
    ("unclosed-bracket", "[@smith2020, p. 12", 0, ["never closed"], ["']'"]),
    ("unclosed-bracket-mid-text", "As shown [@a and more", 9, ["never closed"], ["\\["]),
    ("item-without-key-first", "[see; @a]", 1, ["'see'", "no @key"], ["';'"]),
    # the offset is the item's first word, not the space after ';'
    ("item-without-key-second", "[@a; see above]", 5, ["'see above'", "no @key"], ["';'"]),
    ("crossref-inside-brackets", "[@a; @tbl:x]", 5, ["@tbl:x", "cross-reference"], ["outside brackets"]),
    ("crossref-alone-in-brackets", "[@fig:chart]", 1, ["@fig:chart", "cross-reference"], ["@fig:chart"]),
    ("crossref-with-prefix-in-brackets", "[see @evt:war]", 5, ["@evt:war"], ["outside brackets"]),
]


@pytest.mark.parametrize(
    ("text", "offset", "message_words", "hint_words"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_parse_errors(text, offset, message_words, hint_words):
    with pytest.raises(MarkupError) as caught:
        parse(text)
    error = caught.value
    assert error.offset == offset
    for word in message_words:
        assert word in error.message
    for word in hint_words:
        assert word in error.hint


LOCATORS = [
    ("p. 12", ("page", "12", "")),
    ("pp. 12-14", ("page", "12-14", "")),
    ("hlm. 7", ("page", "7", "")),
    ("chap. 3", ("chapter", "3", "")),
    ("ch. 2, table 3", ("chapter", "2", ", table 3")),
    ("para. 4", ("paragraph", "4", "")),
    ("12a", ("page", "12a", "")),
    ("XIV", ("page", "XIV", "")),
    ("in press", ("", "", "in press")),
    ("lines 3", ("", "", "lines 3")),
    ("emphasis added", ("", "", "emphasis added")),
]


@pytest.mark.parametrize(("text", "expected"), LOCATORS, ids=[t for t, _ in LOCATORS])
def test_parse_locator(text, expected):
    assert parse_locator(text) == expected


def test_keys_of_keeps_order_and_repeats():
    tokens = parse("[@a; @b] and @a, see @tbl:x.")
    assert keys_of(tokens) == ["a", "b", "a"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab@[];-,. p:\\tbl", max_size=40))
def test_parse_is_total_and_tokens_are_in_order(text):
    """Any text parses or raises MarkupError (never another exception); the tokens cover the text in
    order, and a Text is the raw text verbatim or one escaped character."""
    try:
        tokens = parse(text)
    except MarkupError as error:
        assert 0 <= error.offset < len(text)
        return
    end = 0
    for token in tokens:
        start = token.start
        assert start == end  # tokens cover the text, in order, without gaps
        if isinstance(token, Text):
            raw = text[start : start + len(token.text)]
            escaped = "\\" + token.text
            end = start + (len(escaped) if text.startswith(escaped, start) and len(token.text) == 1 else len(raw))
            assert raw == token.text or text[start:end] == escaped
        else:
            assert text[start] in "[@"
            end = token.end
    assert end == len(text)
