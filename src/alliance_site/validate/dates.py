"""Dates of events and sources: a value in the form of a date must be a real calendar date."""

from __future__ import annotations

import re

from ..edtf import DATE_PATTERN, DateError, parse_date
from .report import Report

__all__ = ["check_date"]

# The form the schemas give dates; other forms are reported by the schema check, not again here.
_DATE_FORM = re.compile(DATE_PATTERN)


def check_date(doc, path, value, report: Report) -> None:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not _DATE_FORM.fullmatch(str(value)):
        return  # not in the form of a date at all: the schema check says so
    try:
        parse_date(str(value))
    except DateError as exc:
        reason = str(exc).removeprefix(f"{str(value)!r}: ")
        report.add(
            doc,
            doc.where(path),
            "error",
            f"bad date {value!r}: {reason}",
            "write YYYY, YYYY-MM, YYYY-MM-DD or START/END with a real calendar date",
        )
