"""Hostile content is inert: a corpus whose every free-text field carries script, attribute break-outs,
Jinja, Markdown and HTML tricks (tests/roots/hostile) builds, and nothing of it is live anywhere it lands:
page HTML and attributes, <head> metadata and JSON-LD, inline SVG, Material's search index, and the
exports (.bib, .ris, CSL-JSON, CSV, table JSON, datapackage, timeline). What cannot be made inert is
refused by the validator with a message: URLs other than http(s), image paths outside content/ or not
images, SVG images with anything active in them, and Unicode bidirectional controls.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from lxml import etree

from alliance_site.citations.import_bib import import_bib
from alliance_site.load.safe_yaml import YamlProblem, load_yaml
from alliance_site.validate.run import load_corpus
from alliance_site.validate.schema import SCHEMA_KINDS, schema_for
from support.bounded import run_bounded
from support.payloads import KEY, KEY2, PM, P, page_text, scan_html, scan_site
from support.sitebuild import REPO, alliance_site, mkdocs_build

HOSTILE = REPO / "tests" / "roots" / "hostile"
MINIMAL = REPO / "tests" / "roots" / "minimal"
SCRIPT = "<script>alert(1)</script>"


# --- the fixture ------------------------------------------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "generate.py" and "__pycache__" not in p.parts
    }


def test_fixture_is_what_its_generator_writes(tmp_path):
    subprocess.run([sys.executable, str(HOSTILE / "generate.py"), str(tmp_path)], check=True, timeout=60)
    assert _tree(tmp_path) == _tree(HOSTILE)


def _resolve(schema: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _free_text_paths(schema: dict, node: dict, path: tuple = (), seen: frozenset = frozenset()) -> set[tuple]:
    """Generic paths ('[]' for list items, '*' for any key) of every free-text string in a schema:
    a string with no pattern, no enum and no date form."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    if ref in seen:
        return set()
    seen = seen | {ref} if ref else seen
    node = _resolve(schema, node)
    out: set[tuple] = set()
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "string" in kinds and not ({"pattern", "enum", "format"} & set(node)):
        out.add(path)
    for alternative in node.get("anyOf", []) + node.get("oneOf", []):
        out |= _free_text_paths(schema, alternative, path, seen)
    for name, sub in node.get("properties", {}).items():
        out |= _free_text_paths(schema, sub, path + (name,), seen)
    if isinstance(node.get("additionalProperties"), dict):
        out |= _free_text_paths(schema, node["additionalProperties"], path + ("*",), seen)
    if isinstance(node.get("items"), dict):
        out |= _free_text_paths(schema, node["items"], path + ("[]",), seen)
    return out


def _carrying_paths(value, path: tuple = ()) -> set[tuple]:
    """Generic paths of the strings in a document that carry the payload."""
    if isinstance(value, dict):
        out = set()
        for key, sub in value.items():
            out |= _carrying_paths(sub, path + (key,))
            if isinstance(key, str) and SCRIPT in key:
                out.add(path + ("*",))
        # a mapping of any keys (translations, custom) is '*' in the schema
        out |= {path + ("*",) + p[len(path) + 1 :] for p in out if len(p) > len(path)}
        return out
    if isinstance(value, list):
        return {p for sub in value for p in _carrying_paths(sub, path + ("[]",))}
    return {path} if isinstance(value, str) and SCRIPT in value else set()


# Strings the schemas leave free but the corpus model does not: formulas (their own grammar), the
# verbatim words an editorial note or page break points at (they must occur in the text), dates as
# EDTF, citation keys and ids in lists, the figure's image path (a file) and schema-only helpers.
NOT_TEXT = {
    "table": {("derived", "[]", "formula"), ("checks", "[]", "equals")},
    "chapter": set(),
    "corpus": set(),
    "source": set(),
    "figure": {("image", "path")},
    "event": set(),
    "glossary": set(),
}
_NOT_TEXT_NAMES = {"at", "before", "formula", "equals", "date", "literal-date", "raw", "season", "circa"}


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_free_text_field_of_every_kind_carries_the_payload(kind):
    schema = schema_for(kind)
    wanted = {p for p in _free_text_paths(schema, schema) if not (set(p) & _NOT_TEXT_NAMES)} - NOT_TEXT[kind]
    wanted = {
        p
        for p in wanted
        if not any(
            part in ("accessed", "issued", "original-date", "event-date", "submitted", "available-date") for part in p
        )
    }
    carried: set[tuple] = set()
    for doc in load_corpus(HOSTILE / "content").documents:
        if doc.kind == kind:
            carried |= _carrying_paths(doc.data)
    missing = sorted(p for p in wanted if p not in carried)
    assert not missing, f"{kind}: free-text fields without a payload in tests/roots/hostile: {missing}"


def test_hostile_corpus_is_valid_without_a_warning():
    result = load_corpus(HOSTILE / "content")
    assert result.problems == []


# --- the built site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("hostile") / "site"
    result = mkdocs_build(HOSTILE, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_no_payload_is_live_anywhere_in_the_built_site(hostile_site):
    assert scan_site(hostile_site) == []


def test_the_scanner_finds_live_payloads():
    """The scan is worth something: each kind of live payload, placed in a page, is found."""
    live = [
        "<p><script>alert(1)</script></p>",
        '<p title="" onmouseover="alert(1)">x</p>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<img src="data:text/html,x">',
        "<iframe></iframe>",
        "<!-- c -->",
        "<![CDATA[ x ]]>",
        '<p x="y">x</p>',
        '<h1 id="a" onclick="alert(1)">x</h1>',
        '<script type="application/ld+json">{"a": "</script>"}</script>',
    ]
    for html in live:
        assert scan_html(html), html
    assert scan_html('<p title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;</p>') == []


PAGES = {
    "home": "index.html",
    "chapter": "chapters/ch1/index.html",
    "source": "bibliography/evil2/index.html",
    "source with punctuation in its key": "bibliography/k-script-a-b-c-d-e/index.html",
    "bibliography": "bibliography/index.html",
    "table": "tables/t1/index.html",
    "tables": "tables/index.html",
    "figure with image": "figures/f1/index.html",
    "figure with structure": "figures/f2/index.html",
    "figure with chart": "figures/f3/index.html",
    "figure without image": "figures/f4/index.html",
    "figures": "figures/index.html",
    "event": "timeline/e2/index.html",
    "timeline": "timeline/index.html",
    "glossary": "glossary/index.html",
}


@pytest.mark.parametrize("kind", PAGES)
def test_payload_is_shown_as_text_not_dropped_nor_escaped_twice(hostile_site, kind):
    html = (hostile_site / PAGES[kind]).read_text("utf-8")
    text = page_text(html)
    assert SCRIPT in text  # escaped, so a reader sees what the source says
    assert "J7{{ 7*7 }}J7" in text  # the Jinja expression as written, never evaluated
    for twice in ("&lt;/textarea", "&#34;", "&#39;", "&quot;", "&amp;lt;"):
        assert twice not in text, f"escaped twice: {twice!r} shows on the page"
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)[1]
    assert SCRIPT in page_text(title) or kind in ("bibliography", "tables", "figures", "timeline", "glossary")


def test_head_metadata_is_escaped(hostile_site):
    html = (hostile_site / PAGES["source"]).read_text("utf-8")
    metas = re.findall(r"<meta name=\"citation_title\" content=\"([^\"]*)\">", html)
    assert metas and all(SCRIPT not in m and "&lt;script&gt;" in m for m in metas)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)[1]
    data = json.loads(block)
    assert data["name"] == " ".join(P.split()) or data["name"] == P or SCRIPT in data["name"]


def test_search_index_holds_the_text_escaped(hostile_site):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    texts = [doc["text"] for doc in index["docs"]] + [doc["title"] for doc in index["docs"]]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in texts)
    assert not any(SCRIPT in t for t in texts)


def test_bibtex_export_reads_back_as_the_same_entries(hostile_site):
    """No brace, '@' or newline in a field ends the field or starts an entry of its own."""
    result = import_bib(hostile_site / "bibliography.bib")
    assert sorted(s["id"] for s in result.sources) == sorted([KEY, KEY2])
    back = {s["id"]: s for s in result.sources}
    for key in (KEY, KEY2):
        source = yaml.safe_load(
            (HOSTILE / "content" / "sources" / ("k1.yml" if key == KEY else "evil2.yml")).read_text("utf-8")
        )
        assert back[key]["title"] == source["title"]
        assert not any("injected" in k for k in back[key])


def test_ris_export_has_one_record_per_source_and_one_line_per_tag(hostile_site):
    text = (hostile_site / "bibliography.ris").read_bytes().decode("utf-8")
    lines = [line for line in text.splitlines() if line]  # any line break a reader might split at
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), "a value broke out of its line"
    assert sum(line.startswith("TY  - ") for line in lines) == 2
    assert sum(line.startswith("ER  - ") for line in lines) == 2


def test_csv_exports_parse_back_to_the_values(hostile_site):
    table = yaml.safe_load((HOSTILE / "content" / "tables" / "t1.yml").read_text("utf-8"))
    rows = list(csv.reader(io.StringIO((hostile_site / "tables" / "t1.csv").read_text("utf-8"), newline="")))
    assert len(rows) == 1 + len(table["rows"])
    assert len({len(r) for r in rows}) == 1
    assert rows[1][rows[0].index("row_label")] == table["rows"][0]["label"]
    assert rows[2][rows[0].index("row_label")] == table["rows"][1]["label"]  # the multi-line one


@pytest.mark.parametrize(
    "name",
    ["bibliography.json", "datapackage.json", "timeline.json", "timelinejs.json", "tables/t1.json", "tables/t2.json"],
)
def test_json_exports_are_well_formed_and_keep_the_text(hostile_site, name):
    text = (hostile_site / name).read_text("utf-8")
    data = json.loads(text)
    strings = []

    def walk(value):
        if isinstance(value, dict):
            [walk(v) for v in value.values()]
        elif isinstance(value, list):
            [walk(v) for v in value]
        elif isinstance(value, str):
            strings.append(value)

    walk(data)
    if name == "timelinejs.json":  # TimelineJS reads headline, text and group as HTML: escaped there
        assert any("&lt;script&gt;" in s for s in strings) and not any(SCRIPT in s for s in strings)
    else:
        assert any(SCRIPT in s for s in strings)  # data: kept exactly


def test_sitemap_is_well_formed_xml(hostile_site):
    etree.fromstring((hostile_site / "sitemap.xml").read_bytes())


def test_inline_svg_is_well_formed_xml(hostile_site):
    for page in ("figures/f2/index.html", "figures/f3/index.html", "timeline/index.html", "tables/t1/index.html"):
        html = (hostile_site / page).read_text("utf-8")
        drawings = re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)
        assert drawings, page
        for svg in drawings:
            svg = re.sub(r"&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)\w+;", "", svg)
            etree.fromstring(svg.encode("utf-8"))


def test_render_out_site_is_inert_too(tmp_path):
    """`alliance-site render --out` writes plain Markdown and a mkdocs.yml (site_name from the corpus title)."""
    out = tmp_path / "out"
    run = alliance_site("render", "--content", HOSTILE / "content", "--out", out)
    assert run.returncode == 0, run.stderr
    result = mkdocs_build(out, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert scan_site(tmp_path / "site") == []
    assert SCRIPT in page_text((tmp_path / "site" / "index.html").read_text("utf-8"))


# --- refused by the validator -----------------------------------------------------------------


def _minimal(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL / "content", content)
    return content


def _edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text("utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), "utf-8")


def _errors(content: Path) -> list[str]:
    result = load_corpus(content)
    errors = [str(p) for p in result.errors]
    assert result.corpus is None and errors
    return errors


@pytest.mark.parametrize(
    "rel, old, new, words",
    [
        (
            "figures/chart.yml",
            "sources: [doe2019]",
            "sources: [doe2019]\nurl: 'javascript:alert(1)'",
            "field 'url' has the wrong form",
        ),
        (
            "figures/chart.yml",
            "sources: [doe2019]",
            "sources: [doe2019]\nurl: 'data:text/html,<script>alert(1)</script>'",
            "field 'url' has the wrong form",
        ),
        (
            "figures/chart.yml",
            "sources: [doe2019]",
            "sources: [doe2019]\nurl: 'https://x.org/\" onmouseover=\"alert(1)'",
            "field 'url' has the wrong form",
        ),
        (
            "figures/chart.yml",
            "sources: [doe2019]",
            "sources: [doe2019]\nurl: ' https://x.org/'",
            "field 'url' has the wrong form",
        ),
        (
            "sources/doe2019.yml",
            "issued: 2019",
            "issued: 2019\nURL: 'javascript:alert(1)'",
            "field 'URL' has the wrong form",
        ),
        (
            "sources/doe2019.yml",
            "issued: 2019",
            "issued: 2019\nURL: 'JaVaScRiPt:alert(1)//https://x'",
            "field 'URL' has the wrong form",
        ),
        (
            "sources/doe2019.yml",
            "issued: 2019",
            "issued: 2019\nURL: 'data:text/html;base64,PHNjcmlwdD4='",
            "field 'URL' has the wrong form",
        ),
        ("corpus.yml", "language: en", "language: en\nurl: 'vbscript:msgbox(1)'", "field 'url' has the wrong form"),
    ],
)
def test_url_fields_must_be_http(tmp_path, rel, old, new, words):
    content = _minimal(tmp_path)
    _edit(content, rel, old, new)
    errors = _errors(content)
    assert any(rel in e and words in e for e in errors), errors


def _with_image(tmp_path: Path, path: str, data: bytes | None = None, name: str | None = None) -> Path:
    content = _minimal(tmp_path)
    if data is not None:
        target = content / (name or path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _edit(
        content,
        "figures/chart.yml",
        "sources: [doe2019]",
        f"sources: [doe2019]\nimage: {{path: {json.dumps(path)}, alt: A chart}}",
    )
    return content


@pytest.mark.parametrize(
    "path, data, words",
    [
        ("javascript:alert(1)", None, "is a URL, not a file"),
        ("data:image/svg+xml,<svg onload=alert(1)>", None, "is a URL, not a file"),
        ("../../../../../../etc/passwd", None, "does not name a file inside content/"),
        ("/etc/passwd", None, "does not name a file inside content/"),
        ("images/../../mkdocs.yml", None, "does not name a file inside content/"),
        ("images\\x.png", None, "does not name a file inside content/"),
        ("evil.html", b"<script>alert(1)</script>", "is not an image"),
        ("evil.md", b"<script>alert(1)</script>", "is not an image"),
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script> element"),
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler attribute"),
        (
            "evil.svg",
            (
                b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
                b'<a x:href="jav&#x09;ascript:alert(1)"><text>x</text></a></svg>'
            ),
            "script or data URL",
        ),
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            "<foreignObject> element",
        ),
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><a href="data:text/html,x"><text>x</text></a></svg>',
            "script or data URL",
        ),
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>',
            "script or data URL",
        ),
        ("evil.svg", b"<svg", "not well-formed"),
    ],
)
def test_figure_images_must_be_inert_image_files_inside_content(tmp_path, path, data, words):
    content = _with_image(tmp_path, path, data)
    errors = _errors(content)
    assert any("figures/chart.yml" in e and "image" in e and words in e for e in errors), errors


def test_an_image_symlinked_from_outside_content_is_refused(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG")
    content = _with_image(tmp_path, "images/x.png")
    (content / "images").mkdir()
    (content / "images" / "x.png").symlink_to(outside)
    errors = _errors(content)
    assert any("links to a file outside content/" in e for e in errors), errors


def test_plain_images_are_fine(tmp_path):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><rect width="1" height="1"/></a></svg>'
    content = _with_image(tmp_path, "images/fig one.svg", svg)
    assert load_corpus(content).errors == []


BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("char", BIDI)
def test_bidi_controls_are_refused_where_they_are(tmp_path, char):
    content = _minimal(tmp_path)
    _edit(content, "chapters/one.yml", "title: The first chapter", f"title: The first {char}chapter")
    errors = _errors(content)
    assert errors == [
        (
            f"content/chapters/one.yml:4:18: error: bidirectional control character U+{ord(char):04X} "
            f"({unicodedata.name(char)}) is not allowed (delete it: it makes the text display in another order "
            "than it is written in the file; the page's language already sets the direction of the text)"
        )
    ]


@pytest.mark.parametrize(
    "source, line, column",
    [
        ('a: "\\u202e"\n', 1, 4),  # written as an escape
        ("# a comment \u202e hides code\na: 1\n", 1, 13),  # in a comment (Trojan Source)
        ('"k\\u2066": 1\n', 1, 1),  # in a key
        ("a: |\n  one\n  tw\u2067o\n", 3, 5),
    ],
)
def test_bidi_controls_are_refused_anywhere_in_a_file(source, line, column):
    with pytest.raises(YamlProblem) as caught:
        load_yaml(source.encode("utf-8"))
    assert (caught.value.line, caught.value.column) == (line, column)
    assert "bidirectional control character" in caught.value.message


def test_direction_marks_and_zero_width_characters_are_kept():
    """U+200E/U+200F/U+061C only set direction; ZWJ/ZWNJ are needed by many scripts: all are text."""
    text = "a\u200eb\u200fc\u061cd\u200be\u200cf\u200dg\u2060h"
    assert load_yaml(f"a: {text}\n".encode()).data == {"a": text}


# --- safe loading, through the whole build ----------------------------------------------------


def test_a_python_tag_is_refused_and_never_runs(tmp_path):
    content = _minimal(tmp_path)
    marker = tmp_path / "pwned"
    _edit(content, "sources/doe2019.yml", "type: document", f'type: !!python/object/apply:os.system ["touch {marker}"]')
    errors = _errors(content)
    assert any("!!python/object/apply:os.system" in e and "not allowed" in e for e in errors), errors
    assert not marker.exists()


def test_alias_bomb_stops_the_mkdocs_build_quickly_naming_aliases(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (project / "content" / "sources" / "bomb.yml").write_text("\n".join(lines) + "\n", "utf-8")
    # The whole `mkdocs build`, under the kernel's CPU and memory limits (support/bounded.py): a build
    # that expanded the aliases would be killed (SIGXCPU) or run out of memory, never fail cleanly.
    result = run_bounded(
        f"""
        import os, sys
        os.chdir({str(project)!r})
        sys.argv = ["mkdocs", "build", "--strict", "-d", {str(tmp_path / "site")!r}]
        from mkdocs.__main__ import cli
        cli()
        """
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])  # refused, not killed
    assert "Traceback" not in result.stderr
    assert "content/sources/bomb.yml:" in result.stderr and "alias" in result.stderr
    assert not (tmp_path / "site").exists()


def test_an_oversized_file_stops_the_build_with_its_name(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    path = project / "content" / "sources" / "doe2019.yml"
    path.write_text(path.read_text("utf-8") + "note: " + "x" * 2_100_000 + "\n", "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(
        r"content/sources/doe2019\.yml:1:1: error: file is [\d,]+ bytes, more than the limit", result.stderr
    )


def test_environment_variables_and_files_are_not_read_into_pages(tmp_path):
    """No field is a template, a path to include, or an environment lookup: text stays text."""
    content = _minimal(tmp_path)
    _edit(
        content,
        "corpus.yml",
        "title: A minimal corpus",
        "title: \"{{ config }} {{ self }} ${HOME} %(HOME)s {% include '/etc/passwd' %} !ENV HOME\"",
    )
    result = load_corpus(content)
    assert result.errors == []
    assert result.corpus.meta["title"].startswith("{{ config }}")
    project = tmp_path
    shutil.copy(MINIMAL / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs").mkdir()
    built = mkdocs_build(project, tmp_path / "site", env={"HOME": "/home/SECRET-HOME"})
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "SECRET-HOME" not in html and "root:" not in html
    assert "{{ config }} {{ self }} ${HOME}" in page_text(html)


def test_no_build_output_contains_the_checkout_path(hostile_site):
    """Pages never reveal where the site was built (and so are the same from any checkout)."""
    needle = str(REPO)
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".bib", ".ris", ".csv"):
            assert needle not in path.read_text("utf-8"), path


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names")
def test_hostile_key_becomes_a_safe_file_name(hostile_site):
    assert (hostile_site / "bibliography" / "k-script-a-b-c-d-e" / "index.html").is_file()
    assert not list(hostile_site.rglob("*<*")) and not list(hostile_site.rglob("*&*"))


@pytest.mark.parametrize("escape, code", [("\\x00", "0000"), ("\\x02", "0002"), ("\\e", "001B"), ("\\v", "000B")])
def test_control_characters_written_as_escapes_are_refused(escape, code):
    """The YAML reader refuses them raw; written as escapes they are refused too (XML cannot hold them,
    and Markdown uses U+0002/U+0003 as its own placeholders)."""
    with pytest.raises(YamlProblem) as caught:
        load_yaml(f'a: 1\nb: "x{escape}y"\n'.encode())
    assert (caught.value.line, caught.value.column) == (2, 4)
    assert caught.value.message == f"control character U+{code} is not allowed"


def test_front_matter_survives_yaml_and_never_holds_markup():
    """Page metadata is written as JSON inside YAML front matter: characters YAML reads differently
    (U+0085, U+2028, C1 controls, U+FFFE) or refuses are escaped, and so are '<', '>' and '&'."""
    from alliance_site.render.site import front_matter

    meta = {"title": P, "citation_meta": [["citation_title", PM]], "jsonld": {"name": PM}}
    text = front_matter(meta)
    body = text.split("---\n")[1]
    assert yaml.safe_load(body) == meta == json.loads(body)
    assert not re.search("[<>&\x7f-\x9f\u2028\u2029\ufffe]", body)
