"""Locators of a citation item: the labels a citation may write before a locator (English and
Indonesian: ``p.``, ``hlm.``, ``bab``…), the CSL term each means, and the split of ``p. 12, emphasis
added`` into label, locator and suffix."""

from __future__ import annotations

import re

__all__ = ["LABELS", "parse_locator"]

# Locator labels: what a citation may write before a locator, and the CSL term it means.
LABELS = {
    "p.": "page",
    "pp.": "page",
    "page": "page",
    "pages": "page",
    "hlm.": "page",
    "hal.": "page",
    "chap.": "chapter",
    "chapter": "chapter",
    "chapters": "chapter",
    "ch.": "chapter",
    "bab": "chapter",
    "sec.": "section",
    "section": "section",
    "§": "section",
    "§§": "section",
    "fig.": "figure",
    "figure": "figure",
    "vol.": "volume",
    "vols.": "volume",
    "volume": "volume",
    "para.": "paragraph",
    "paragraph": "paragraph",
    "n.": "note",
    "nn.": "note",
    "note": "note",
    "l.": "line",
    "ll.": "line",
    "line": "line",
    "col.": "column",
    "no.": "issue",
    "art.": "article",
}
# A locator word starts with a digit ("12", "12a") or is a whole roman numeral ("iv", "XII"):
# "in press" or "cited in" is a suffix, never the locator "in" or "cited".
_LOC_WORD = r"(?:[0-9][0-9A-Za-z]*|[ivxlcdm]+|[IVXLCDM]+)(?![0-9A-Za-z])"
_LOCATOR_RE = re.compile(
    r"^\s*(?P<label>"
    + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True))
    + r")?\s*(?P<loc>"
    + _LOC_WORD
    + r"(?:\s*[-–,]\s*"
    + _LOC_WORD
    + r")*)(?P<suffix>.*)$",
    re.DOTALL,
)


def parse_locator(text: str) -> tuple[str, str, str]:
    """Split ``"p. 12, emphasis added"`` into ``("page", "12", ", emphasis added")``.

    Text without a number is all suffix, as in Pandoc.
    """
    match = _LOCATOR_RE.match(text)
    if not match:
        return "", "", text.strip()
    label = LABELS.get(match["label"] or "", "page")
    return label, match["loc"].strip(), match["suffix"].strip()
