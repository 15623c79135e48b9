"""What citeproc-js is asked to format for a citation: its clusters of cite items.

A cluster is a list of cite items (``{"id", "locator", "label", "prefix", "suffix", "suppress-author",
"author-only"}``) naming works by their internal ids; affixes and locators are protected (``_text``) so
that citeproc-js formats them as text. Pure: no engine here.
"""

from __future__ import annotations

from ._text import protect

__all__ = ["cite_item", "cluster_requests", "narrative_requests"]


def cite_item(item, internal: dict[str, str], *, narrative: bool = False) -> dict:
    """A citeproc-js cite item for a markup ``CiteItem`` (affixes and locator protected)."""
    out: dict = {"id": internal[item.key]}
    prefix = "" if narrative else item.prefix
    if prefix:
        out["prefix"] = protect(prefix if prefix.endswith(" ") else prefix + " ")
    suffix = item.suffix
    if suffix:
        if suffix[0] not in ",;:.)]":
            # "[@k, emphasis added]" reaches us without its comma; a locator continues with a space.
            suffix = (" " if item.locator else ", ") + suffix
        out["suffix"] = protect(suffix)
    if item.locator:
        out["locator"] = protect(item.locator)
        out["label"] = item.label or "page"
    if item.suppress_author or narrative:
        out["suppress-author"] = True
    return out


def cluster_requests(citation, internal: dict[str, str]) -> list[list[dict]]:
    """The clusters citeproc-js must format for a citation (two per work of a narrative cite); works
    whose key is no source (not in ``internal``) are left out."""
    known = [i for i in citation.items if i.key in internal]
    if citation.bracketed:
        return [[cite_item(i, internal) for i in known]] if known else []
    return [request for item in known for request in narrative_requests(item, internal)]


def narrative_requests(item, internal: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """The author-only cluster and the suppress-author one of a narrative cite's work."""
    return [{"id": internal[item.key], "author-only": True}], [cite_item(item, internal, narrative=True)]
