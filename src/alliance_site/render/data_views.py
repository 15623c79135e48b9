"""What the templates need to show data: table views (values, derived rows, findings, chart),
figure drawings, the timeline strip, and the data downloads built with the site."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..data import checks, exports, timeline
from ..data.charts import table_chart_svg
from ..data.dates import time_html
from ..data.numbers import format_number
from ..data.structure import structure_html, structure_svg
from ..model import Corpus, Entry

__all__ = ["TableView", "data_downloads", "figure_drawing", "table_view", "timeline_strip"]


@dataclass(frozen=True)
class TableView:
    """A table as the page shows it."""

    entry: Entry
    chart: Markup
    derived: list
    findings: list
    findings_by_cell: dict = field(default_factory=dict)

    def cell_text(self, cell: dict | None, lang: str, not_given: str) -> str:
        """The value as the original writes it; the editors' number form only when nothing is written."""
        if not cell:
            return not_given
        if cell.get("as_written"):
            return cell["as_written"]
        return format_number(cell.get("value"), lang, not_given=not_given)


def table_view(entry: Entry, lang: str, labels: dict) -> TableView:
    data = entry.data
    caption = f"{data.get('number', '')} {data['caption']}".strip()
    desc = labels["chart_desc"]
    chart = table_chart_svg(data, title=caption, desc=desc, lang=lang, labels={"not_given": labels["unknown"]})
    findings = checks.check(data)
    by_cell: dict[str, list] = {}
    for i, finding in enumerate(findings, start=1):
        by_cell.setdefault(finding.cell, []).append(i)
    return TableView(entry, Markup(chart), checks.derive(data), findings, by_cell)


def figure_drawing(entry: Entry) -> Markup:
    """The structure of a structure figure as an SVG diagram (with its title and description)."""
    tree = entry.data.get("structure")
    if not tree:
        return Markup("")
    caption = f"{entry.data.get('number', '')} {entry.data['caption']}".strip()
    desc = (
        entry.data.get("description") or "Organisation chart; the nested list below gives the same structure as text."
    )
    return Markup(structure_svg(tree, title=caption, desc=desc, id_prefix=f"structure-{entry.id}"))


def figure_list(entry: Entry, lang: str | None = None) -> Markup:
    tree = entry.data.get("structure")
    return Markup(structure_html(tree, lang=lang)) if tree else Markup("")


def timeline_strip(corpus: Corpus, href_for, title: str, desc: str, lang: str) -> Markup:
    events = [e.data for e in corpus.events.values()]
    return Markup(timeline.timeline_svg(events, href_for, title=title, desc=desc, lang=lang))


def event_time(entry: Entry, lang: str) -> Markup:
    return Markup(time_html(entry.data["date"], lang))


def data_downloads(corpus: Corpus, title: str, lang: str) -> dict[str, str]:
    """Files built with the site: each table as CSV and JSON, a Frictionless data package, the timeline."""
    files: dict[str, str] = {}
    tables = [t.data for t in corpus.tables.values()]
    for table in tables:
        files[f"tables/{table['id']}.csv"] = exports.table_csv(table)
        files[f"tables/{table['id']}.json"] = exports.table_json(table)
    if tables:
        files["datapackage.json"] = exports.datapackage(tables, name="corpus-tables", title=title)
    events = [e.data for e in corpus.events.values()]
    if events:
        files["timeline.json"] = timeline.timeline_json(events, corpus.meta, lang)
        files["timelinejs.json"] = timeline.timelinejs_json(events, title, lang=lang)
    return files
