"""Hostile payloads (the text of tests/roots/hostile) and a scanner that finds them live in a built site.

The payload is one line holding every trick a corpus field could carry into a page: HTML and script
tags, attribute break-outs, closing tags of raw-text elements, Jinja expressions, Markdown links,
attribute lists and autolinks, HTML comments and CDATA, BibTeX, RIS and spreadsheet injections,
zero-width characters, and characters YAML, JSON and XML treat differently. ``J7{{ 7*7 }}J7`` marks the
Jinja expressions: an evaluated one leaves ``J749J7`` behind. The multi-line payload adds what a blank
line could bring to life in Markdown (a link definition, an attribute list, a heading, raw HTML, an
indented block, a front matter fence).

Unicode bidirectional controls are not in the fixture: the loader refuses them (tests/test_hostile.py).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["JINJA_EVALUATED", "KEY", "KEY2", "PM", "URL", "P", "scan_html", "scan_site"]

P = (
    "<script>alert(1)</script> \" onmouseover=\"alert(1) ' onfocus='alert(1) x='y"
    " </textarea></title></style></script></noscript></xmp>"
    ' J7{{ 7*7 }}J7 J7{% raw %}{{ 7*7 }}{% endraw %}J7 {{ config }} {% include "x" %} ${7*7} #{7*7}'
    " [x](javascript:alert(1)) [y](data:text/html,<script>alert(1)</script>) <javascript:alert(1)> "
    "![z](javascript:alert(1)) [w]: javascript:alert(1)"
    ' <img src=x onerror=alert(1)> <svg/onload=alert(1)> <a href="javascript:alert(1)">a</a>'
    ' <iframe src="data:text/html,<script>alert(1)</script>"></iframe>'
    " <!-- c --> <![CDATA[ <script>alert(1)</script> ]]> ]]> --> &amp; &lt;script&gt;alert(1)&lt;/script&gt;"
    ' {: onclick="alert(1)" } *e* __b__ `c` ~~s~~ ==m== ^^i^^ \\ | a | b |'
    ' }, note = {injected}, x = { @misc{injected, title={x}} % \\ \\input{/etc/passwd} =HYPERLINK("http://x") ;'
    " zw\u200b\u200c\u200d\u2060\ufeffzw \u2028\u2029\x85\x7f\x9b\ufffe end"
)
PM = P + (
    '\n\n[x](javascript:alert(1))\n\n{: onclick="alert(1)" }\n\n<script>alert(1)</script>\n\n'
    '    indented\n\n# heading {: onclick="alert(1)" }\n\n---\ntitle: x\n---\n\n'
    '<div markdown="1" onclick="alert(1)">*x*</div>\n\n[ref]: javascript:alert(1)\n\n[ref]\n\n'
    "ER  - \nTY  - GEN\nTI  - injected\nER  - \n\n@misc{injected2,\n  title = {x}\n}\n\nend"
)
#: A valid http(s) URL that still carries script-looking text (URL fields refuse other schemes).
URL = "https://example.org/?q=javascript:alert(1)&x=';alert(1)//&y=%3Cscript%3E"
#: Citation keys may hold Pandoc's internal punctuation, < > & # ? / included.
KEY = "k<script>a&b#c?d/e"
KEY2 = "evil2"
#: What an evaluated ``J7{{ 7*7 }}J7`` leaves behind.
JINJA_EVALUATED = "J749J7"

_URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "srcset",
    "background",
    "cite",
    "ping",
    "to",
    "values",
    "from",
    "by",
}
# Elements no page of the site has; the one <form> is Material's search box.
_FOREIGN_TAGS = {
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "base",
    "applet",
    "xmp",
    "plaintext",
    "noscript",
    "foreignobject",
    "textarea",
    "meta-refresh",
}
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\u200b-\u200d\u2060\ufeff]")


class _Scanner(HTMLParser):
    """What a browser would make live: elements, attributes, URLs, scripts, comments, declarations."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: tuple[dict, list[str]] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _FOREIGN_TAGS:
            self.found.append(f"<{tag}> element")
        if tag == "form" and dict(attrs).get("name") != "search":
            self.found.append("<form> element (not the search box)")
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.found.append(f"<{tag}> with a repeated attribute: {sorted(names)}")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction") or (name == "x" and tag not in _SVG_XY):
                self.found.append(f"<{tag} {name}=...> attribute")
            if name == "http-equiv":
                self.found.append(f"<{tag} http-equiv> attribute")
            if value == "javascript:void(0)" and tag == "a" and "md-search__icon" in (dict(attrs).get("class") or ""):
                continue  # Material's own search share button
            if name in _URL_ATTRS and value is not None and _BAD_SCHEME.match(_INVISIBLE.sub("", value)):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style" and value and re.search(r"expression\(|javascript:|url\(", value, re.IGNORECASE):
                self.found.append(f"<{tag} style={value[:60]!r}>")
        if tag == "script":
            self.script = (dict(attrs), [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.script is not None:
            self.script[1].append(data)
        else:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            attrs, body = self.script
            text = "".join(body)
            kind = attrs.get("type", "")
            if kind in ("application/ld+json", "application/json"):
                try:
                    json.loads(text)  # data, and whole: no '</script>' ended it early
                except ValueError:
                    self.found.append(f"<script type={kind!r}> that is not JSON: {text[:80]!r}")
                if "<" in text:
                    self.found.append(f"<script type={kind!r}> with a raw '<' in it")
            elif "alert" in text or JINJA_EVALUATED in text:
                self.found.append(f"<script> running content: {text[:80]!r}")
            self.script = None

    def handle_comment(self, data):
        if re.search(r"alert|J7| c |onclick", data):
            self.found.append(f"HTML comment from content: {data[:60]!r}")

    def unknown_decl(self, data):
        self.found.append(f"declaration from content: {data[:60]!r}")

    def handle_pi(self, data):
        self.found.append(f"processing instruction from content: {data[:60]!r}")


_SVG_XY = {
    "text",
    "rect",
    "circle",
    "line",
    "tspan",
    "image",
    "use",
    "svg",
    "foreignobject",
    "pattern",
    "mask",
    "filter",
    "fe",
    "ellipse",
    "path",
    "g",
    "a",
}


def scan_html(html: str, where: str = "") -> list[str]:
    """Live payloads in one HTML document or fragment, each as 'where: what'."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return [f"{where}: {what}" for what in scanner.found]


def page_text(html: str) -> str:
    """The text a reader sees (and the search index gets): character references decoded, no scripts."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return "".join(scanner.text)


def scan_site(site: Path) -> list[str]:
    """Every live payload in a built site: pages, SVG, the search index, and the exports read as HTML."""
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(("assets/javascripts/", "assets/stylesheets/", "assets/images/")):
            continue
        if path.suffix in (".gz", ".png", ".map"):
            continue
        text = path.read_text("utf-8")
        if JINJA_EVALUATED in text:
            found.append(f"{rel}: a Jinja expression from the corpus was evaluated")
        if path.suffix in (".html", ".svg"):
            found += scan_html(text, rel)
            if '{"title":' in text:
                found.append(f"{rel}: front matter printed as page content")
        elif rel == "search/search_index.json":
            for doc in json.loads(text)["docs"]:  # Material shows title and text as HTML
                for key in ("title", "text"):
                    found += scan_html(doc[key], f"{rel} [{doc['location']}] {key}")
        elif rel == "timelinejs.json":  # TimelineJS shows headline and text as HTML
            data = json.loads(text)
            for slide in [data["title"], *data["events"]]:
                for key in ("headline", "text"):
                    found += scan_html(slide["text"].get(key, ""), f"{rel} {key}")
                found += scan_html(slide.get("group", ""), f"{rel} group")
        elif path.suffix == ".json":
            json.loads(text)
    return found
