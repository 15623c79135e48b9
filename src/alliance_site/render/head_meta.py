"""The scholarly ``<head>`` metadata of a page (Highwire ``citation_*`` tags, ``<link rel="alternate">``
to the exports, schema.org JSON-LD), written into the built page just before ``</head>``.

It is added to the page's HTML after the theme has rendered it (the plugin's ``on_post_page``), not
by a theme template, so a user's own ``main.html`` (a ``custom_dir`` override, which replaces the
site's) keeps it, and no theme template needs Jinja-only features (Zensical's MiniJinja has no
``dict.get``). The values come from the page's front matter, written by the generator; each is
escaped here.
"""

from __future__ import annotations

from html import escape

from ..citations import jsonld_script

__all__ = ["head_html", "with_head"]

#: Marks the block, so that a page already carrying it (a re-run) never gets it twice.
_MARK = "<!-- alliance-site: scholarly metadata -->"


def head_html(meta: dict) -> str:
    """The head elements for a page's front matter (``citation_meta``, ``alternates``, ``jsonld``); "" if none."""
    lines = []
    for name, content in meta.get("citation_meta") or []:
        lines.append(f'<meta name="{escape(str(name))}" content="{escape(str(content))}">')
    for link in meta.get("alternates") or []:
        attrs = " ".join(f'{key}="{escape(str(link[key]))}"' for key in ("type", "href", "title"))
        lines.append(f'<link rel="alternate" {attrs}>')
    if meta.get("jsonld"):
        lines.append(f'<script type="application/ld+json">{jsonld_script(meta["jsonld"])}</script>')
    return "\n".join([_MARK, *lines]) + "\n" if lines else ""


def with_head(html: str, meta: dict | None) -> str:
    """``html`` with the page's head metadata inserted before ``</head>`` (unchanged when there is none)."""
    block = head_html(meta or {})
    if not block or _MARK in html or "</head>" not in html:
        return html
    at = html.index("</head>")
    return html[:at] + block + html[at:]
