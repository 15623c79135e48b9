"""Raw HTML blocks set aside (src/alliance_site/raw_blocks.py): Python-Markdown's conversion of a page with
its blocks set aside and put back is the very conversion of the page as it is, with the same anchor ids for
MkDocs, on every generated page of the repository's corpus and of every fixture root, and on hand-made
pages built to trip the scanner; and it sets aside nearly all of the generated pages' HTML."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.structure.pages import _HTMLHandler  # MkDocs' own collector of raw-HTML anchor ids: the oracle
from mkdocs.utils import meta

from alliance_site.raw_blocks import MARK, markdown_allows, put_back, set_aside
from support.sitebuild import REPO, alliance_site

# MkDocs' default extensions, the two the plugin adds, and the repository site's toc setting.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html"]
CONFIGS = {"toc": {"permalink": True}}
ROOTS = REPO / "tests" / "roots"
CORPORA = [REPO, *sorted(p for p in ROOTS.iterdir() if not p.name.startswith("broken"))]


def _convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


def _ids(text: str) -> set[str]:
    handler = _HTMLHandler()
    handler.feed(text)
    handler.close()
    return handler.present_anchor_ids


def _html_lines(text: str) -> int:
    """Characters on lines that start with a tag, slots not counted."""
    return sum(len(line) for line in text.splitlines() if line.startswith("<") and MARK not in line)


def _same_conversion(text: str) -> int:
    """Assert that setting aside changes nothing; returns how many characters of HTML lines Markdown
    still reads."""
    rules = markdown_allows(EXTENSIONS, CONFIGS)
    assert rules is not None
    aside = set_aside(text, rules)
    assert put_back(_convert(aside.text), aside) == _convert(text)
    assert _ids(aside.text) | aside.anchors == _ids(text)
    return _html_lines(aside.text)


@pytest.mark.parametrize("project", CORPORA, ids=lambda p: p.name)
def test_generated_pages_convert_the_same_with_their_blocks_set_aside(project, tmp_path):
    content = project / "content"
    out = tmp_path / "out"
    result = alliance_site("render", "--content", content, "--templates", project / "templates", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted((out / "docs").rglob("*.md"))
    assert pages
    total = kept = 0
    for page in pages:
        text, _ = meta.get_data(page.read_text("utf-8"))
        total += _html_lines(text)
        kept += _same_conversion(text)
    assert kept < total / 20, f"only {total - kept} of {total} characters of HTML were set aside"


TRICKY = {
    "tab in a pre": "<div>\n<pre>a\tb\n\tc</pre>\n</div>\n",
    "line of spaces": "<div>\n<p>a</p>\n   \n<p>b</p>\n</div>\n",
    "charref without ;": "<p>Fish &amp chips &#38 peas</p>\n\n# After\n",
    "comment": "<div><!-- a note --></div>\n\n<p>x</p>\n",
    "slash in a bare value": '<div><a href=x/>link</a></div>\n\n<p id="later">y</p>\n',
    "script with a tag in it": "<div><script>if (a<b) {}</script></div>\n\n<p>z</p>\n",
    "style": "<div><style>p { color: red }</style><p id=s>q</p></div>\n",
    "text after the closing tag": "<div>a</div> tail *em*\n\n<p>b</p>\n",
    "two blocks, no blank line": "<p>a</p>\n<ul><li>b</li></ul>\nText\n<div>c</div>\n",
    "unclosed block": "<div><p>a</p>\n\n# Heading\n\n<p>b</p>\n",
    "markdown attribute": '<div markdown="1">\n*em*\n</div>\n\n<p>after</p>\n',
    "fence": "<div>\n```\n<p>code</p>\n```\n</div>\n",
    "indented block": "   <div>a</div>\n\n<div>b</div>\n",
    "block tag in a Markdown line": "Some *text* <div>inline</div>\n\n<p>x</p>\n",
    "void and self-closing tags": '<div><br><img src="a.png"><hr/><input/></div>\n\n<p name="n" id="i">x</p>\n',
    "ids and names": '<div id="a&amp;b"><a name="top">t</a><span name="no">n</span></div>\n',
    "hr at the start": "<hr>\n\n<div>a</div>\n",
    "a slot-like marker": '<div data-alliance-slot="0"></div>\n\n<p>x</p>\n',
    "attribute with >": "<div title=\"a > b\" data-x='<'>x</div>\n\n<p>y</p>\n",
    "uppercase tags": "<DIV><P>a</P></DIV>\n\n<Table><tr><td>1</td></tr></Table>\n",
    "heading between": "# Title { #t }\n\n<p>a</p>\n\n## Sub\n\n<div>b</div>\n",
    "lone angle bracket": "<p>1 < 2 and 3 <= 4</p>\n\n<div>5 </ 6</div>\n",
    "end of page": "<p>last</p>",
    "attributes across lines": '<div class="a"\n     id="b">x</div>\n\n<p>y</p>\n',
    "a no-break space between attributes": '<div class="a"\xa0id="b">x</div>\n\n<p>y</p>\n',
    "uppercase attribute names": '<div ID="up"><A NAME="n">a</A></div>\n\n<p MARKDOWN="1">*b*</p>\n',
    "a value-less attribute": '<div hidden><input disabled id="d"></div>\n\n<p>y</p>\n',
    "an entity in an id": '<div id="x&#38;y&lt;z">x</div>\n',
    "single-quoted and bare values": "<div id='q' class=bare>x</div>\n\n<p>y</p>\n",
}


@pytest.mark.parametrize("name", TRICKY)
def test_hand_made_pages_convert_the_same(name):
    _same_conversion(TRICKY[name])


def test_an_extension_that_reads_raw_text_turns_setting_aside_off():
    assert markdown_allows([*EXTENSIONS, "footnotes", "abbr", "admonition", "def_list"], CONFIGS) is not None
    assert markdown_allows([*EXTENSIONS, "pymdownx.snippets"], CONFIGS) is None  # reads every line first
    assert markdown_allows([*EXTENSIONS, "pymdownx.superfences"], CONFIGS) is None


def test_a_page_with_a_fence_is_left_whole():
    rules = markdown_allows(EXTENSIONS, CONFIGS)
    text = "<div>a</div>\n\n```\ncode\n```\n"
    assert set_aside(text, rules).text == text


def test_mutated_generated_blocks_convert_the_same(tmp_path):
    """Pieces of real generated pages, each with a few characters of markup inserted at random (seeded):
    whatever the scanner sets aside, the page converts as it does whole."""
    import random

    out = tmp_path / "out"
    result = alliance_site("render", "--content", REPO / "content", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [meta.get_data(p.read_text("utf-8"))[0] for p in sorted((out / "docs").rglob("*.md"))]
    pieces = [
        "<",
        ">",
        '"',
        "'",
        "/",
        "=",
        " ",
        "\t",
        "\n",
        "<!--",
        "&",
        "id=",
        "ID=",
        "name=",
        'markdown="1"',
        "<a ",
        "</a>",
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<hr>",
        "<br/>",
        "\xa0",
        "`",
        "</1",
        "< p>",
    ]
    rnd = random.Random(16)
    for _ in range(300):
        base = rnd.choice(pages)
        start = rnd.randrange(len(base))
        text = base[start : start + rnd.randrange(1, 600)]
        at = rnd.randrange(len(text) + 1)
        text = text[:at] + "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 4))) + text[at:]
        _same_conversion('<div class="x">\n' + text + "\n</div>\n" if rnd.random() < 0.5 else text)
