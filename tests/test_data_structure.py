"""Structure figures: an accessible SVG organisation chart and its nested-list text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alliance_site.data.structure import count_nodes, structure_html, structure_svg, walk
from support.golden import assert_golden

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(\"x\")</script> & 'q' {{ config }}"

# After Gambar 1.2 (command structure of the ROK forces), shortened.
TREE = {
    "label": "Joint Chiefs of Staff",
    "children": [
        {
            "label": "Army Headquarters",
            "translations": {"id": {"label": "Markas Besar Angkatan Darat"}},
            "children": [
                {"label": "First Field Army", "note": "From the MDL to the forward area of responsibility"},
                {"label": "Second Operations Command", "note": "Stability in the rear area"},
                {"label": "Capital Defense Command"},
            ],
        },
        {"label": "Navy Headquarters"},
        {"label": "Air Force Headquarters", "children": [{"label": "Air Force Operations Command"}]},
    ],
}


def test_golden_svg() -> None:
    assert_golden(
        "data_structure.svg", structure_svg(TREE, title="Gambar 1.2", desc="Command structure, as a list below.")
    )


def test_golden_html() -> None:
    assert_golden("data_structure.html", structure_html(TREE, lang="id"))


def test_walk_and_count() -> None:
    assert [(depth, node["label"]) for depth, node in walk(TREE)][:3] == [
        (0, "Joint Chiefs of Staff"),
        (1, "Army Headquarters"),
        (2, "First Field Army"),
    ]
    assert count_nodes(TREE) == 8
    assert count_nodes({"label": "alone"}) == 1


def test_svg_is_accessible_and_complete() -> None:
    root = ET.fromstring(structure_svg(TREE, title="Gambar 1.2", desc="d", id_prefix="fig-structure"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "fig-structure-title"
    assert root.get("width") == "100%" and root.get("height") is None
    assert root[0].tag == SVG + "title" and root[0].text == "Gambar 1.2"
    assert root[1].tag == SVG + "desc"
    texts = " ".join(t.text for t in root.iter(SVG + "text"))
    for _, node in walk(TREE):  # every label is drawn (possibly over several lines)
        assert all(word in texts for word in node["label"].split())
    assert len(root.findall(f"{SVG}path")) == count_nodes(TREE) - 1  # one connector per non-root unit


def test_boxes_are_indented_by_depth_and_stacked() -> None:
    root = ET.fromstring(structure_svg(TREE, title="t", desc="d"))
    boxes = [r for r in root.iter(SVG + "rect") if r.get("class") == "alliance-structure-box"]
    depths = [depth for depth, _ in walk(TREE)]
    xs = [float(b.get("x")) for b in boxes]
    assert [x - xs[0] for x in xs] == [d * 18 for d in depths]
    ys = [float(b.get("y")) for b in boxes]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)


def test_html_is_a_nested_list_with_translations_beside_the_original() -> None:
    html = structure_html(TREE, lang="id")
    root = ET.fromstring(html)  # well-formed
    assert root.tag == "ul" and root.get("class") == "alliance-structure"
    army = root.find("li/ul/li")
    spans = army.findall("span")
    assert spans[0].text == "Army Headquarters"
    assert spans[1].get("lang") == "id" and spans[1].text == "(Markas Besar Angkatan Darat)"
    assert [li.find("span").text for li in army.findall("ul/li")] == [
        "First Field Army",
        "Second Operations Command",
        "Capital Defense Command",
    ]
    assert "Markas" not in structure_html(TREE)  # no language asked, no translation shown


@pytest.mark.parametrize("render", [structure_html, lambda t: structure_svg(t, title=HOSTILE, desc=HOSTILE)])
def test_hostile_strings_are_escaped(render) -> None:
    tree = {"label": HOSTILE, "note": HOSTILE, "children": [{"label": HOSTILE}]}
    text = render(tree)
    assert "<script" not in text and "{{" not in text and "}}" not in text
    root = ET.fromstring(text)
    texts = [node.text for node in root.iter() if node.text and node.tag not in ("style", SVG + "style")]
    assert HOSTILE in " ".join(texts)  # parsed back, the escaped text is the original


def test_deterministic() -> None:
    assert structure_svg(TREE, title="t", desc="d") == structure_svg(TREE, title="t", desc="d")
    assert structure_html(TREE) == structure_html(TREE)


def test_labels_fit_their_boxes() -> None:
    from alliance_site.data.svg import text_width

    tree = {
        "label": "komando operasi penerbangan Angkatan Darat " * 3,
        "children": [{"label": "W" * 80, "note": "m" * 90}],
    }
    root = ET.fromstring(structure_svg(tree, title="t", desc="d"))
    boxes = [r for r in root.iter(SVG + "rect") if r.get("class") == "alliance-structure-box"]
    right = [float(b.get("x")) + float(b.get("width")) for b in boxes]
    groups = root.findall(f"{SVG}g")
    for group, edge in zip(groups, right, strict=True):
        for node in group.iter(SVG + "text"):
            width = text_width(node.text, float(node.get("font-size")), bold=bool(node.get("font-weight")))
            assert float(node.get("x")) + width <= edge, node.text
