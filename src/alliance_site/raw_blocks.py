"""Raw HTML blocks of a generated page set aside, so that Python-Markdown parses only what is Markdown.

A generated page is Markdown headings around large blocks of finished HTML (paragraphs, tables, events,
reference lists). Python-Markdown copies such a block to its output unchanged, but finds it with
``html.parser`` over the whole page, twice (``md_in_html`` and MkDocs' anchor collector): about half of
what MkDocs spends on a generated page. :func:`set_aside` replaces each block that Python-Markdown is
certain to copy verbatim by a one-line slot; :func:`put_back` puts the block where its slot came out.

Only blocks whose fate is certain are set aside: at the start of a line, a block-level tag name ended by
a space or ``>``, balanced as ``html.parser`` balances it, nothing but spaces after it on its line, with nothing ``html.parser`` would rewrite (a charref without its ``;``, a comment, a script);
tabs and lines of spaces are put back as Python-Markdown's whitespace normaliser leaves them. The first line that is not certain ends
the setting aside: the rest of the page is converted as it was. :func:`markdown_allows` says whether the
site's Markdown extensions leave raw blocks alone; if one reads the text before the raw blocks are
stashed (a fenced-code or snippets preprocessor), nothing is set aside. Pure: no MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

__all__ = ["Rules", "SetAside", "markdown_allows", "put_back", "set_aside"]

MARK = "data-alliance-slot"
_SLOT = "<div " + MARK + '="{}"></div>'
_SLOT_RE = re.compile("<div " + MARK + r'="([0-9]+)"></div>')

# The text processors that leave a raw block as it is (Python-Markdown's own; md_in_html's stasher), or do
# so on a page where their guard does not match (fenced_code, which MkDocs always loads, only acts on a
# line that opens a fence). Extensions that only add block, inline or tree processors (toc, attr_list,
# tables, admonition, …) never see a raw block's text; any other text processor turns setting aside off.
_KNOWN: dict[str, re.Pattern | None] = {
    "markdown.preprocessors.NormalizeWhitespace": None,
    "markdown.extensions.fenced_code.FencedBlockPreprocessor": re.compile(r"^(?:~{3}|`{3})", re.MULTILINE),
    "markdown.preprocessors.HtmlBlockPreprocessor": None,
    "markdown.extensions.md_in_html.HtmlBlockPreprocessor": None,
    "markdown.postprocessors.RawHtmlPostprocessor": None,
    "markdown.extensions.md_in_html.MarkdownInHTMLPostprocessor": None,
    "markdown.postprocessors.AndSubstitutePostprocessor": None,
    "markdown.postprocessors.UnescapePostprocessor": None,
    "markdown.extensions.footnotes.FootnotePostprocessor": None,  # its markers hold STX, never in a raw block
}

# One step through a raw block: a start tag (as html.parser, with Python-Markdown's patch of no backtick
# outside quotes, reads it), an end tag, or a '<' that makes the block uncertain (a
# comment, a declaration, a processing instruction, or a tag html.parser would read differently).
_STEP = re.compile(
    r"""<(?:(?P<start>[a-zA-Z][-.a-zA-Z0-9:_]*)(?P<attrs>(?:[\s/](?:[^>"'`<]|"[^"]*"|'[^']*')*)?)>"""
    r"""|/(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>|(?P<odd>[!?]|/?[a-zA-Z]))"""
)
# Attributes as the generator writes them: spaces, then name="value" pairs (no quotes, '<', '>' or '/'
# to think about); anything else is read pair by pair with _ATTR.
_PLAIN_ATTRS = re.compile(r'(?:[ \t\n]+[a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"<>]*")*[ \t\n]*')
_PLAIN_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"<>]*)"')
_ATTR = re.compile(r"""[\s/]*([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_UNSAFE = re.compile(r"[\r\x02\x03]|&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][-.a-zA-Z0-9]*);)[#a-zA-Z]")
_SPACE_LINE = re.compile(r"(?<=\n) +\n")
_LINE_END = re.compile(r"[ ]*(?:\n|\Z)")
_LINE_TAG = re.compile(r"[ ]{0,3}<(/?)([a-zA-Z][-.a-zA-Z0-9:_]*)")
_BLOCK_START = re.compile(r"<([a-zA-Z][-.a-zA-Z0-9:_]*)[ >]")
# Elements whose content this Python's html.parser reads as text up to their end tag (script and style;
# title and textarea too in the Pythons that have RCDATA_CONTENT_ELEMENTS), and others browsers read so.
_TEXT_ONLY = {*HTMLParser.CDATA_CONTENT_ELEMENTS, *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())}
_ODD_TEXT = {"textarea", "xmp", "plaintext"} - _TEXT_ONLY


@dataclass
class SetAside:
    """A page's Markdown with its raw blocks replaced by slots; the blocks and the anchor ids in them."""

    text: str
    blocks: list[str] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Rules:
    """What a site's Markdown does to a raw block: its block-level tag names, its tab length, and the
    patterns that, found in a page, mean one of its text processors would act on it."""

    block_tags: frozenset[str]
    tab_length: int
    guards: tuple[re.Pattern, ...] = ()


def markdown_allows(extensions: list, extension_configs: dict) -> Rules | None:
    """The rules of a Markdown set up with these extensions, or None when one of them reads or rewrites
    the text before raw HTML is stashed, or the output after it is put back (then no page may have its
    blocks set aside)."""
    import markdown  # here: only the plugin asks, once per build

    try:
        md = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
    except Exception:  # noqa: BLE001 - MkDocs itself reports an extension that does not load
        return None
    names = {f"{type(p).__module__}.{type(p).__qualname__}" for p in [*md.preprocessors, *md.postprocessors]}
    if not names <= _KNOWN.keys():
        return None
    guards = tuple(_KNOWN[name] for name in sorted(names) if _KNOWN[name] is not None)
    return Rules(frozenset(md.block_level_elements), md.tab_length, guards)


def _balanced_end(text: str, start: int, anchors: set[str]) -> int | None:
    """Where the raw block opening at ``start`` ends (after its closing tag), or None if not certain."""
    stack: list[str] = []
    i = start
    while True:
        m = _STEP.search(text, i)  # the next '<' that html.parser reads as markup ('<' + other is text)
        if m is None or m.lastgroup == "odd":
            return None
        if m.lastgroup == "end":
            tag = m.group("end").lower()
            if tag in stack:
                while stack.pop() != tag:
                    pass
            i = m.end()
            if not stack:
                return i
            continue
        tag, attrs = m.group("start").lower(), m.group("attrs")
        if tag in _ODD_TEXT or (tag == "hr" and not stack):
            return None
        if not _attributes(tag, attrs, anchors):
            return None
        if tag != "hr" and not attrs.rstrip().endswith("/"):
            stack.append(tag)
        i = m.end()
        if tag in _TEXT_ONLY:  # read as text up to its end tag: certain only if that text has no '<'
            close = re.compile(rf"</{re.escape(tag)}\s*>", re.IGNORECASE).search(text, i)
            if close is None or "<" in text[i : close.start()]:
                return None
            i = close.start()


def _attributes(tag: str, attrs: str, anchors: set[str]) -> bool:
    """Collect the anchor ids of a start tag's attributes, as MkDocs does (``id``, and ``name`` of an
    ``<a>``); False if the attributes are not plainly ``name="value"`` pairs or ask for Markdown."""
    if _PLAIN_ATTRS.fullmatch(attrs):  # the usual case, read in one go
        if "=" in attrs:
            for name, value in _PLAIN_ATTR.findall(attrs):
                name = name.lower()
                if name == "markdown":
                    return False
                if name == "id" or (name == "name" and tag == "a"):
                    anchors.add(unescape(value) if "&" in value else value)
        return True
    pos, end = 0, len(attrs.rstrip())
    if attrs[:end].endswith("/") and not re.search(r"(^|[\s\"'])/$", attrs[:end]):
        return False  # `<a href=x/>`: html.parser reads the slash as part of the value
    end -= attrs[:end].endswith("/")
    while pos < end:
        m = _ATTR.match(attrs, pos, end)
        if not m or m.end() == pos:
            return attrs[pos:end].strip() == ""
        name = m.group(1).lower()
        if name == "markdown":
            return False
        if name == "id" or (name == "name" and tag == "a"):
            value = next((v for v in m.groups()[1:] if v is not None), None)
            if value is not None:
                anchors.add(unescape(value))
        pos = m.end()
    return True


def set_aside(markdown: str, rules: Rules) -> SetAside:
    """``markdown`` with every raw block that is certain to be copied verbatim replaced by a slot."""
    out = SetAside(markdown)
    block_tags = rules.block_tags
    if MARK in markdown or any(c in markdown for c in "\r\x02\x03") or any(g.search(markdown) for g in rules.guards):
        return out
    parts: list[str] = []
    pos = done = 0
    n = len(markdown)
    while pos < n:
        eol = markdown.find("\n", pos)
        eol = n if eol < 0 else eol
        spans = _blocks_of_line(markdown, pos, block_tags) if markdown.startswith("<", pos) else []
        if spans:
            for start, end, anchors in spans:
                parts += [markdown[done:start], _SLOT.format(len(out.blocks))]
                # As Python-Markdown's whitespace normaliser leaves it (the block starts a line: the columns
                # of its tabs are those of the page).
                out.blocks.append(_SPACE_LINE.sub("\n", markdown[start:end].expandtabs(rules.tab_length)))
                out.anchors |= anchors
                done = end
            pos = done
            continue  # the rest of the last closing tag's line is spaces
        if spans is None:
            break
        line = markdown[pos:eol]
        if "<" in line and _touches_raw(line, block_tags):
            break
        pos = eol + 1
    if out.blocks:
        out.text = "".join(parts) + markdown[done:]
    return out


def _blocks_of_line(text: str, pos: int, block_tags: frozenset[str]) -> list | None:
    """The raw blocks that start at ``pos`` (a line's start) and follow each other on the line where the
    last one ends (html.parser starts each anew after the previous one's closing tag), as
    ``(start, end, anchors)``; None if a line starting with a block-level tag holds anything uncertain,
    [] if the line does not start with one."""
    spans: list = []
    start = pos
    while True:
        m = _BLOCK_START.match(text, start)
        if not m or m.group(1).lower() not in block_tags:
            return None if spans or (m is None and _LINE_TAG.match(text, pos)) else []
        anchors: set[str] = set()
        end = _balanced_end(text, start, anchors)
        if end is None or _UNSAFE.search(text, start, end) or (spans and "\t" in text[start:end]):
            return None  # (a tab in a block that does not start its line: its columns are not its own)
        spans.append((start, end, anchors))
        if _LINE_END.match(text, end):
            return spans
        start = end


def _touches_raw(line: str, block_tags: frozenset[str]) -> bool:
    """Whether a Markdown line might change how html.parser reads what follows (a block-level tag, a
    comment, a declaration): then the page's remaining blocks are left to Python-Markdown."""
    if "<!" in line or "<?" in line:
        return True
    return any(m.group(1).lower() in block_tags for m in re.finditer(r"</?([a-zA-Z][-.a-zA-Z0-9:_]*)", line))


def put_back(html: str, aside: SetAside) -> str | None:
    """The converted page with each slot replaced by its block; None if a slot did not come out once."""
    if not aside.blocks:
        return html
    seen: list[int] = []

    def block(m: re.Match) -> str:
        seen.append(int(m.group(1)))
        return aside.blocks[seen[-1]] if seen[-1] < len(aside.blocks) else m.group(0)

    result = _SLOT_RE.sub(block, html)
    return result if seen == list(range(len(aside.blocks))) else None
