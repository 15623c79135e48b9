"""The "How to edit" page generated from the JSON Schemas: every field, its type, whether it is
required, a minimal example that validates, and schema text that cannot break the Markdown."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
import yaml
from jsonschema import Draft202012Validator

from alliance_site.load.safe_yaml import load_yaml
from alliance_site.render.howto import escape, example, field_rows, howto_markdown
from alliance_site.validate.schema import SCHEMA_KINDS, check_against_schema, schema_for

SCHEMAS = {kind: schema_for(kind) for kind in SCHEMA_KINDS}
# What MkDocs enables by default (toc, tables, fenced_code) plus what the site adds.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html"]


class _Tables(HTMLParser):
    """Rows of every <table> as lists of cell texts; also every tag seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _html_tables(md_text: str) -> _Tables:
    parser = _Tables()
    parser.feed(markdown.markdown(md_text, extensions=EXTENSIONS))
    return parser


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_minimal_example_validates_against_its_schema(kind):
    data = example(SCHEMAS[kind])
    errors = list(Draft202012Validator(SCHEMAS[kind]).iter_errors(data))
    assert errors == [], [e.message for e in errors]
    # ... and against the project's own schema check, read back from the YAML the page shows.
    loaded = load_yaml(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
    assert check_against_schema(kind, loaded, f"{kind}.yml") == []


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_field_has_a_row(kind):
    schema = SCHEMAS[kind]
    paths = [row.path for row in field_rows(schema)]
    assert set(schema["properties"]) <= set(paths)
    assert len(paths) == len(set(paths)), "a field is listed twice"
    required = {row.path for row in field_rows(schema) if row.required and "." not in row.path and "[" not in row.path}
    assert required == set(schema.get("required", []))


def test_nested_fields_have_dotted_paths():
    rows = {row.path: row for row in field_rows(SCHEMAS["table"])}
    cell = rows["rows[].cells.*.as_written"]
    assert cell.type == "text" and not cell.required and "exactly as the original" in cell.description
    assert rows["rows[].cells"].required and rows["rows[].id"].required
    chapter = {row.path: row for row in field_rows(SCHEMAS["chapter"])}
    assert chapter["blocks[].text"].required and chapter["blocks[].text"].note.startswith("In a paragraph")
    assert chapter["blocks[].table"].note.startswith("In a table placement")
    # recursion (sections in sections) and repeated structures point back instead of looping
    assert chapter["sections[].sections"].see == "sections[]"
    assert chapter["sections[].blocks"].see == "blocks[]"


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_page_renders_one_well_formed_table_per_kind(kind):
    page = howto_markdown({kind: SCHEMAS[kind]})
    tables = _html_tables(page)
    header, *body = tables.rows
    assert header == ["Field", "Type", "Required", "Description"]
    assert len(body) == len(field_rows(SCHEMAS[kind]))
    assert all(len(row) == 4 for row in body), [row for row in body if len(row) != 4][:3]
    assert all(row[2] in ("yes", "no") for row in body)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_example_block_on_the_page_is_the_example(kind):
    page = howto_markdown({kind: SCHEMAS[kind]})
    block = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert yaml.safe_load(block) == example(SCHEMAS[kind])


def test_where_each_kind_lives_and_schema_link():
    page = howto_markdown(SCHEMAS)
    for where in (
        "content/corpus.yml",
        "content/chapters/<id>.yml",
        "content/sources/<id>.yml",
        "content/tables/<id>.yml",
        "content/figures/<id>.yml",
        "content/events/<id>.yml",
        "content/glossary.yml",
    ):
        assert f"`{where}`" in page
    assert "(schemas/table.schema.json)" in page
    assert "(schemas/" not in howto_markdown(SCHEMAS, schema_href=None)


HOSTILE = "a | b <script>alert(1)</script> *not* _emph_ `code` [link](x) ~~s~~ & &amp;\nnext line"


def test_schema_text_is_escaped():
    schema = {
        "title": "alliance-site odd <kind> (content/odd|<x>.yml)",
        "type": "object",
        "required": ["weird"],
        "properties": {
            "weird": {"type": "string", "description": HOSTILE},
            "pick": {"enum": ["x|y", "<b>", "a`b"], "description": "choices"},
        },
    }
    page = howto_markdown({"odd": schema}, schema_href=None)
    tables = _html_tables(page)
    assert not {"script", "b", "em", "a", "del", "s"} & set(tables.tags[tables.tags.index("table") :])
    rows = {row[0]: row for row in tables.rows[1:]}
    assert all(len(row) == 4 for row in tables.rows)
    assert rows["weird"][3] == " ".join(HOSTILE.split())  # shown exactly as written, on one line
    assert rows["pick"][1] == "one of: x|y, <b>, a`b"
    assert escape("<a|b>") == "&lt;a&#124;b&gt;"


def test_labels_translate_the_page():
    page = howto_markdown(
        {"event": SCHEMAS["event"]}, {"how_to_edit": "Cara menyunting", "required": "Wajib", "yes": "ya", "no": "tidak"}
    )
    assert page.startswith("# Cara menyunting")
    header, first, *_ = _html_tables(page).rows
    assert header[2] == "Wajib" and first[2] == "ya"
