"""A structure figure (an organisation chart kept as a tree in YAML) as SVG and as a nested list.

The tree is ``{label, note?, children?: [...]}``. The drawing is an indented chart,
one box per unit, top to bottom, with elbow connectors from each unit to its parent:
unlike a wide top-down chart it keeps its text size on a 375 px screen whatever the
number of children. The nested ``<ul>`` is the same tree as text, the drawing's text
alternative (screen readers, search, copy and paste); the page shows both.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .svg import PALETTE, esc, num, svg_open, wrap

__all__ = ["count_nodes", "structure_html", "structure_svg", "walk"]

_CLASS = "alliance-structure"
_W = 360.0
_M = 8.0
_INDENT = 18.0  # per level; 10 levels still leave 170 units for text
_FONT, _SMALL, _LINE = 13.0, 11.5, 16.0
_PAD = 6.0  # inside a box
_GAP = 6.0  # between boxes
_STRIPE = 4.0  # coloured strip on a box's left, one colour per level
_STYLE = (
    f".{_CLASS}-box{{fill:currentColor;fill-opacity:.06;stroke:currentColor;stroke-opacity:.55}}"
    f".{_CLASS}-link{{fill:none;stroke:currentColor;stroke-opacity:.7}}"
    f".{_CLASS}-note{{font-style:italic}}"
)


def walk(tree: Mapping[str, Any], depth: int = 0) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Every node with its depth (the root is 0), in document order (pre-order)."""
    yield depth, tree
    for child in tree.get("children") or []:
        yield from walk(child, depth + 1)


def count_nodes(tree: Mapping[str, Any]) -> int:
    """How many units the tree holds (for a description such as 'an organisation chart of 12 units')."""
    return sum(1 for _ in walk(tree))


def structure_svg(tree: Mapping[str, Any], *, title: str, desc: str, id_prefix: str = "structure") -> str:
    """Draw the tree as an indented organisation chart: accessible SVG (``role="img"``, title, desc)."""
    body: list[str] = []
    anchors: list[tuple[int, float, float, float]] = []  # (depth, left x, middle y, bottom y) per box, in order
    y = _M
    for depth, node in walk(tree):
        x = _M + depth * _INDENT
        width = _W - _M - x
        text_room = width - _STRIPE - 2 * _PAD
        label_lines = wrap(node["label"], text_room, _FONT, bold=True)
        note_lines = wrap(node["note"], text_room, _SMALL) if node.get("note") else []
        height = 2 * _PAD + len(label_lines) * _LINE + len(note_lines) * (_LINE - 2)
        colour = depth % len(PALETTE)
        body.append("<g>")
        body.append(
            f'<rect class="{_CLASS}-box" x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}" rx="3"/>'
        )
        body.append(
            f'<rect class="{_CLASS}-s{colour}" fill="{PALETTE[colour]}"'
            f' x="{num(x)}" y="{num(y)}" width="{num(_STRIPE)}" height="{num(height)}"/>'
        )
        ty = y + _PAD + 12
        weight = ' font-weight="700"' if depth == 0 else ' font-weight="600"'
        for line in label_lines:
            body.append(
                f'<text x="{num(x + _STRIPE + _PAD)}" y="{num(ty)}" font-size="{num(_FONT)}"{weight}>{esc(line)}</text>'
            )
            ty += _LINE
        for line in note_lines:
            body.append(
                f'<text class="{_CLASS}-note" x="{num(x + _STRIPE + _PAD)}" y="{num(ty - 1)}"'
                f' font-size="{num(_SMALL)}">{esc(line)}</text>'
            )
            ty += _LINE - 2
        body.append("</g>")
        anchors.append((depth, x, y + height / 2, y + height))
        y += height + _GAP
    links = _links(anchors)
    head = svg_open(
        _W,
        y - _GAP + _M,
        id_prefix=id_prefix,
        title=title,
        desc=desc,
        css_class=_CLASS,
        style=_STYLE,
        max_width="36rem",
    )
    # Connectors go under the boxes so a box edge is never crossed by a line.
    return "\n".join([*head, *links, *body, "</svg>"]) + "\n"


def _links(anchors: list[tuple[int, float, float, float]]) -> list[str]:
    """Elbow paths from each box's left edge up to its parent's bottom edge."""
    out = []
    parents: list[tuple[float, float]] = []  # stack of (spine x, bottom y) per open depth
    for depth, x, mid, bottom in anchors:
        del parents[depth:]
        if parents:
            spine_x, parent_bottom = parents[-1]
            out.append(f'<path class="{_CLASS}-link" d="M{num(spine_x)} {num(parent_bottom)}V{num(mid)}H{num(x)}"/>')
        # Children's spine runs down from the parent's bottom edge, half an indent to the right
        # of its left edge, so it never crosses the translucent box itself.
        parents.append((x + _INDENT / 2, bottom))
    return out


def _html_node(node: Mapping[str, Any], lang: str | None, indent: str) -> list[str]:
    parts = [f'<span class="{_CLASS}-label">{esc(node["label"])}</span>']
    translated = ((node.get("translations") or {}).get(lang) or {}).get("label") if lang else None
    if translated and translated != node["label"]:  # an identical translation would say it twice
        parts.append(f' <span class="{_CLASS}-translation" lang="{esc(lang)}">({esc(translated)})</span>')
    if node.get("note"):
        parts.append(f' <span class="{_CLASS}-note">{esc(node["note"])}</span>')
    children = node.get("children") or []
    if not children:
        return [f"{indent}<li>{''.join(parts)}</li>"]
    out = [f"{indent}<li>{''.join(parts)}", f"{indent}  <ul>"]
    for child in children:
        out += _html_node(child, lang, indent + "    ")
    return [*out, f"{indent}  </ul>", f"{indent}</li>"]


def structure_html(tree: Mapping[str, Any], *, lang: str | None = None) -> str:
    """The tree as nested ``<ul>`` (the drawing's text alternative); everything escaped.

    With ``lang``, a node's editors' translation into that language follows its label in
    a ``<span lang>``; the original label always comes first and is never replaced.
    """
    lines = [f'<ul class="{_CLASS}">', *_html_node(tree, lang, "  "), "</ul>"]
    return "\n".join(lines) + "\n"
