"""The data views that page templates ask of ``site``: tables, figures, numbers and the
timeline, in the site's interface language (built by :mod:`alliance_site.render.data_views`).

A mixin of :class:`alliance_site.render.page_site.PageSite`, which provides the attributes
annotated here and on :class:`~alliance_site.render.site_links.SiteLinks` (``table_views``: every
table's view, made once per build, since a table may show on its page and in its chapter).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..data.numbers import format_number
from ..data.timeline import actors, group_events
from ..model import Entry
from . import data_views
from .site_links import SiteLinks

__all__ = ["SiteData"]


class SiteData(SiteLinks):
    """Tables, figures, numbers and the timeline, ready for templates."""

    labels: dict[str, str]
    tr_langs: tuple[str, ...]
    table_views: Mapping[str, data_views.TableView]

    def table_view(self, entry: Entry) -> data_views.TableView:
        return self.table_views[entry.id]

    def figure_drawing(self, entry: Entry):
        return data_views.figure_drawing(entry)

    def figure_list(self, entry: Entry):
        return data_views.figure_list(entry, self.tr_langs[0] if self.tr_langs else None)

    def number(self, value) -> str:
        return format_number(value, self.options.ui_language, not_given=self.labels["unknown"])

    def event_time(self, entry: Entry):
        return data_views.event_time(entry, self.options.ui_language)

    def event_groups(self):
        by_id = {e.data["id"]: e for e in self.corpus.events.values()}
        groups = group_events([e.data for e in self.corpus.events.values()], self.options.ui_language)
        return [(name, [by_id[d["id"]] for d in events]) for name, events in groups]

    def actors(self) -> list[str]:
        return actors([e.data for e in self.corpus.events.values()])

    def timeline_strip(self):
        return data_views.timeline_strip(
            self.corpus,
            lambda event: self.href(self.urls.timeline, self.urls.anchor("event", event["id"])),
            self.labels["timeline"],
            self.labels["timeline_desc"],
            self.options.ui_language,
        )
