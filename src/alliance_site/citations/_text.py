"""Small text helpers shared by the citation modules, and the HTML safety of citeproc-js's output.

citeproc-js reads a little HTML inside item text (``<i>``, ``<b>``, ``<span class="nocase">``, ...) as
rich text.  Source text is text, never markup: :func:`protect` swaps ``& < > "`` in every string handed
to citeproc-js (a straight quote stays the chapter's, not one citeproc-js turns curly) for private-use code points, and :func:`finish` turns them into entities in its output,
so a ``<script>`` in a title comes out inert and a text-case transform cannot mangle an entity.
"""

from __future__ import annotations

import re

__all__ = ["finish", "protect", "word_set", "words"]

_PROTECT = {"&": "\ue000", "<": "\ue001", ">": "\ue002", '"': "\ue003"}
_ENTITY = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;", "\ue003": "&quot;"}
# Private-use code points we use (protection, and the bridge's work markers U+E010-E012) cannot come
# from source text: any there become U+FFFD.
_PROTECT_TABLE = str.maketrans({**{chr(c): "\ufffd" for c in range(0xE000, 0xE020)}, **_PROTECT})
# citeproc-js writes its own escapes as numeric references; the project writes named ones.
_NUMERIC = {"&#38;": "&amp;", "&#60;": "&lt;", "&#62;": "&gt;"}
_OUTPUT = re.compile("[\ue000-\ue003]|&#(?:38|60|62);")
_BARE_AMP = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)")


def protect(text) -> str:
    """Hide the HTML-special characters of source text from citeproc-js (see the module docstring)."""
    return str(text).translate(_PROTECT_TABLE)


def finish(html: str) -> str:
    """citeproc-js output as safe HTML: protected text as entities, its numeric escapes as named ones."""
    html = _BARE_AMP.sub("&amp;", str(html))
    return _OUTPUT.sub(lambda m: _ENTITY.get(m.group()) or _NUMERIC[m.group()], html)


def words(text: str) -> tuple[str, ...]:
    """A word list written as one string: easier to read and diff than a column of quoted items."""
    return tuple(text.split())


def word_set(text: str) -> frozenset[str]:
    """:func:`words` as a frozenset, for membership tests."""
    return frozenset(text.split())
