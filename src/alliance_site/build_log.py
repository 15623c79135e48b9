"""What MkDocs says about a build, said as it is: the published folder, never the staging folder the
build writes into, and no "Documentation built" after a rebuild that kept the last good site.

A :class:`logging.Filter` on MkDocs' own loggers (nothing of MkDocs is patched): the plugin tells it the
staging and published folders, and whether this rebuild failed.
"""

from __future__ import annotations

import logging

__all__ = ["LOGGERS", "BuildLogFilter"]

#: The loggers whose messages name the site folder or announce a finished build.
LOGGERS = ("mkdocs.commands.build", "mkdocs.livereload")


class BuildLogFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.staging: str | None = None
        self.published: str | None = None
        self.kept_last_good = False

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.staging and self.published and self.staging in message:
            record.msg, record.args = message.replace(self.staging, self.published), None
        elif self.kept_last_good and message.startswith("Documentation built in"):
            record.msg, record.args = "The site was not updated: the last good version is still served", None
        elif self.kept_last_good and message == "Reloading browsers":
            return False
        return True

    def attach(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self)

    def detach(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeFilter(self)
