"""CSL-JSON items as citeproc-py 0.11 accepts them: the variables it knows, every string protected for
HTML (citeproc-py writes strings into its HTML unescaped), and the CSL-JSON aliases it does not read."""

from __future__ import annotations

from . import _citeproc as cp
from ._text import word_set
from .csl import CSL_DATE_FIELDS, CSL_NAME_FIELDS

__all__ = ["citeproc_item", "known_variables"]

# Name and date variables citeproc-py 0.11 reads; others make it warn, so we drop them.
CITEPROC_NAMES = word_set(
    "author collection-editor composer container-author editor editorial-director illustrator "
    "interviewer original-author recipient translator"
)
NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")


def known_variables() -> frozenset[str]:
    from citeproc import VARIABLES

    return frozenset(v.replace("_", "-") for v in VARIABLES)


def citeproc_item(item: dict, internal_id: str, known: frozenset[str]) -> dict:
    """A CSL item as citeproc-py 0.11 accepts it, every string protected for HTML."""
    out: dict = {"id": internal_id, "type": item["type"]}
    for key, value in item.items():
        if key in ("id", "type", "year-suffix", "custom", "categories"):
            continue
        if key == "shortTitle":
            key = "title-short"
        elif key == "journalAbbreviation":
            key = "container-title-short"
        if key in CSL_NAME_FIELDS:
            if key in CITEPROC_NAMES:
                out[key] = [
                    {"literal": cp.protect(n["literal"])}
                    if "literal" in n
                    else {p: cp.protect(n[p]) for p in NAME_PARTS if p in n}
                    for n in value
                ]
        elif key in CSL_DATE_FIELDS:
            if key in known:
                date = {k: value[k] for k in ("date-parts", "season", "circa") if k in value}
                if "literal" in value:
                    date["literal"] = cp.protect(value["literal"])
                out[key] = date
        elif key in known and key not in out:
            out[key] = value if key == "language" else cp.protect(value)
    return out
