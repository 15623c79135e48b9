"""Small helpers shared by the SVG drawings: escaping, text measure and wrap, the palette, the root element.

Colour rules, so that every drawing reads in light and dark mode alike:

* text and lines use ``currentColor``: inline in a page they take the page's text colour,
  which the theme already keeps at AA contrast on its own background;
* fills come from :data:`PALETTE`, whose colours all have at least 3.5:1 contrast (WCAG
  1.4.11, non-text) against both white and a dark ``#1e2129`` background; a page can
  override them with the CSS custom properties ``--alliance-series-1`` ... ``-6``;
* opened on its own (not inline), the drawing is its own document (``svg:root``): it then
  paints its own background and text colour, following ``prefers-color-scheme``.
"""

from __future__ import annotations

import re

__all__ = [
    "BG_DARK",
    "BG_LIGHT",
    "PALETTE",
    "TEXT_DARK",
    "TEXT_LIGHT",
    "esc",
    "num",
    "svg_open",
    "text_width",
    "wrap",
]

#: Series colours: blue, orange, green, purple, olive, slate (all >= 3.5:1 on white and on #1e2129).
PALETTE = ("#2a7fd4", "#c2571a", "#118a6b", "#b8579b", "#9a7a00", "#5f7f8f")
#: Backgrounds and text colours used when the SVG is opened as a document of its own.
BG_LIGHT, TEXT_LIGHT = "#ffffff", "#1b1b1b"
BG_DARK, TEXT_DARK = "#1e2129", "#e6e6e6"

# Characters XML 1.0 forbids; a stray one from a PDF copy would make the whole file unreadable.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: object) -> str:
    """Escape text for XML content and double- or single-quoted attributes.

    Braces become character references too, so no template engine downstream reads
    ``{{ ... }}`` from the corpus as a template expression.
    """
    out = _INVALID_XML.sub("\ufffd", str(text))
    for raw, ref in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        out = out.replace(raw, ref)
    return out.replace("{", "&#123;").replace("}", "&#125;")


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable across platforms)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Rough rendered width of ``text`` at font ``size`` in a sans-serif face (``bold``: weight 600+).

    An estimate (no font metrics at build time), kept on the generous side so labels
    do not collide: narrow letters count less, wide and capital letters more.
    """
    width = 0.0
    for ch in text:
        if ch in "iljtf.,:;'|!I ()[]":
            width += 0.32
        elif ch in "mwMW@%":
            width += 0.9
        elif ch.isupper() or ch.isdigit():
            width += 0.64
        else:
            width += 0.55
    return width * size * (1.1 if bold else 1.0)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (by :func:`text_width`); long words are cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while text_width(word, size, bold=bold) > width and len(word) > 1:
            if line:
                lines.append(line)
                line = ""
            cut = len(word)
            while cut > 1 and text_width(word[:cut], size, bold=bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold=bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


def _base_style(prefix: str) -> str:
    series = "".join(
        f".{prefix}-s{i}{{fill:var(--alliance-series-{i + 1},{colour})}}" for i, colour in enumerate(PALETTE)
    )
    return (
        f"svg:root{{color:{TEXT_LIGHT};font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}}"
        f"svg:root .{prefix}-bg{{fill:{BG_LIGHT}}}"
        # The space in "} }" keeps "}}" (a template delimiter) out of the output.
        f"@media (prefers-color-scheme:dark){{svg:root{{color:{TEXT_DARK}}}svg:root .{prefix}-bg{{fill:{BG_DARK}}} }}"
        f".{prefix}-bg{{fill:none}}.{prefix} text{{fill:currentColor}}{series}"
    )


def svg_open(
    width: float,
    height: float,
    *,
    id_prefix: str,
    title: str,
    desc: str,
    css_class: str,
    style: str = "",
    role: str = "img",
    max_width: str | None = None,
) -> list[str]:
    """The opening lines of an accessible SVG: root, ``<title>``, ``<desc>``, ``<style>``, background.

    The root has ``role``, ``aria-labelledby`` (the title) and ``aria-describedby`` (the
    description), a ``viewBox`` and ``width="100%"`` with no fixed pixel size, so it
    scales to any column (375 px phones included); ``max_width`` (a CSS length) keeps the
    text from growing huge in a wide column. Close it with ``"</svg>"``.
    """
    ident = esc(id_prefix)
    cap = f' style="max-width:{esc(max_width)}"' if max_width else ""
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}" width="100%"{cap}'
        f' class="{css_class}" role="{role}" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">'
    )
    return [
        root,
        f'<title id="{ident}-title">{esc(title)}</title>',
        f'<desc id="{ident}-desc">{esc(desc)}</desc>',
        f"<style>{_base_style(css_class)}{style}</style>",
        f'<rect class="{css_class}-bg" width="{num(width)}" height="{num(height)}"/>',
    ]
