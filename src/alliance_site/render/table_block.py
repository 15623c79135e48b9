"""A data table as a page shows it: every cell with the value as the original writes it, its link to
the paragraph it comes from and its findings; the derived values beside what the text states; the
findings; the chart. Made for one page (the links are relative to it) from the page-independent
:class:`~.data_views.TableView`, which is made once per build."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..data.checks import Derived
from ..model import Entry

if TYPE_CHECKING:
    from .page_site import PageSite

__all__ = ["CellView", "DerivedView", "RowView", "TableBlock", "table_block"]


@dataclass(frozen=True)
class CellView:
    """One value: ``value`` for ``data-value`` ('' when unknown), ``text`` as shown, ``missing`` when
    no value is given, the ``qualifier`` key (``L['q_' ~ qualifier]``), the paragraph it comes from
    (``href``, ``paragraph_label``) and the numbers of its ``findings``."""

    value: object
    text: str
    missing: bool
    qualifier: str | None
    href: str | None
    paragraph_label: str | None
    findings: tuple[int, ...]


@dataclass(frozen=True)
class RowView:
    """A row: its YAML mapping ``data`` (``label`` and its translations), ``unit`` and ``cells`` in
    column order."""

    data: dict
    unit: str
    cells: tuple[CellView, ...]


@dataclass(frozen=True)
class DerivedView:
    """A derived value (``derived``: the computation) shown as ``value_text``, with a link to the
    paragraph that states it (``href``, or None)."""

    derived: Derived
    value_text: str
    href: str | None


@dataclass(frozen=True)
class TableBlock:
    """A table's body: ``columns`` (their YAML mappings), ``rows``, ``derived``, ``findings`` (their
    messages, numbered from 1) and ``chart`` (SVG)."""

    entry: Entry
    id: str
    number: object
    caption: str
    columns: tuple[dict, ...]
    rows: tuple[RowView, ...]
    derived: tuple[DerivedView, ...]
    findings: tuple[str, ...]
    chart: Markup


def _cell(site: PageSite, view, row: dict, column: dict) -> CellView:
    cell = (row.get("cells") or {}).get(column["id"])
    para_id = cell.get("paragraph") if cell else None
    para = site.corpus.paragraphs[para_id] if para_id else None
    value = cell.get("value") if cell else None
    return CellView(
        value="" if value is None else value,
        text=view.cell_text(cell, site.lang, site.labels["unknown"]),
        missing=not cell or ("value" in cell and cell["value"] is None),
        qualifier=cell.get("qualifier") if cell else None,
        href=site.para_href(para) if para else None,
        paragraph_label=site.para_label(para) if para else None,
        findings=tuple(view.findings_by_cell.get(f"{row['id']}.{column['id']}", ())),
    )


def table_block(site: PageSite, entry: Entry) -> TableBlock:
    view = site.table_view(entry)
    data = entry.data
    columns = tuple(data.get("columns") or ())
    rows = tuple(
        RowView(row, row.get("unit") or "", tuple(_cell(site, view, row, c) for c in columns))
        for row in data.get("rows") or ()
    )
    derived = tuple(
        DerivedView(
            dv,
            site.number(dv.value),
            site.para_href(site.corpus.paragraphs[dv.paragraph]) if dv.as_written and dv.paragraph else None,
        )
        for dv in view.derived
    )
    return TableBlock(
        entry=entry,
        id=entry.id,
        number=data.get("number"),
        caption=data["caption"],
        columns=columns,
        rows=rows,
        derived=derived,
        findings=tuple(f.message for f in view.findings),
        chart=view.chart,
    )
