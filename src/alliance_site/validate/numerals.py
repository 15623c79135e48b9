"""Numbers in a text as values: "842.000" in Indonesian and "842,000" in English are one number, so a
translation can be checked for giving the numbers of its original whatever the language's way of writing them."""

from __future__ import annotations

import re
from collections import Counter

from ..text.markup import MarkupError, Text, parse

__all__ = ["numbers", "show_numbers"]

#: Languages that write the decimal separator as a comma (and group thousands with a point or a space).
_DECIMAL_COMMA = {
    "af",
    "az",
    "be",
    "bg",
    "bs",
    "ca",
    "cs",
    "da",
    "de",
    "el",
    "es",
    "et",
    "eu",
    "fi",
    "fo",
    "fr",
    "gl",
    "hr",
    "hu",
    "hy",
    "id",
    "is",
    "it",
    "jv",
    "ka",
    "kk",
    "ky",
    "lt",
    "lv",
    "mk",
    "mn",
    "nb",
    "nl",
    "nn",
    "no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sk",
    "sl",
    "sq",
    "sr",
    "su",
    "sv",
    "tr",
    "uk",
    "uz",
    "vi",
}


# A run of digits with internal separators: "842.000", "1,34", "4.500.000", and the odd "495, 000" (a comma
# and a space before a group of exactly three digits, which no decimal is written with). Digits glued to a
# letter before them ("M1", "U2") are part of a name, not a quantity, and a translation may reorder or drop
# such a name ("Tank M1 Abrams" -> "M1 Abrams tanks"); designations with a hyphen ("F-16", "ke-8") count.
_NUMBER = re.compile(r"(?<!\w)\d+(?:(?:[.,]|, (?=\d{3}(?!\d|[.,] ?\d)))\d+)*")
_SPACED_GROUPS = re.compile(r"\d{1,3}(?:, \d{3})+")


def _value(token: str, decimal_comma: bool) -> float:
    seps = re.findall(r", |[.,]", token)
    groups = re.split(r", |[.,]", token)
    if not seps:
        return float(token)
    kinds = {s.strip() for s in seps}
    if len(kinds) == 2:  # "1.234,5" or "1,234.5": the last separator is the decimal one
        head, tail = groups[:-1], groups[-1]
        return float("".join(head) + "." + tail)
    sep = seps[0]
    if len(seps) > 1 or sep == ", ":  # repeated, or comma-space: thousands
        return float("".join(groups))
    if len(groups[1]) != 3:  # "1,34", "2.2", "3.88": a decimal whatever the language
        return float(groups[0] + "." + groups[1])
    is_decimal = (sep == ",") == decimal_comma  # "842.000" in Indonesian, "842,000" in English: thousands
    return float(groups[0] + "." + groups[1]) if is_decimal else float("".join(groups))


def numbers(text: str, lang: str) -> Counter:
    """The numeric values written in ``text`` (outside citations and cross-references), read by the
    conventions of ``lang``: ``numbers("842.000 dan 1,34:1", "id") == numbers("842,000 and 1.34:1", "en")``."""
    decimal_comma = lang.split("-")[0].lower() in _DECIMAL_COMMA
    try:
        plain = "".join(t.text for t in parse(text) if isinstance(t, Text))
    except MarkupError:
        plain = text
    found: Counter = Counter()
    for match in _NUMBER.finditer(plain):
        token = match[0]
        # "495, 000" is one number; "2016, 200" is a list of two.
        parts = [token] if ", " not in token or _SPACED_GROUPS.fullmatch(token) else token.split(", ")
        for part in parts:
            value = _value(part, decimal_comma)
            found[int(value) if value.is_integer() else value] += 1
    return found


def show_numbers(values: Counter) -> str:
    """The values in ``values`` (with repeats), sorted, as a message shows them."""

    def one(v):
        if isinstance(v, int):
            return f"{v:,}" if abs(v) >= 10000 else str(v)  # 842,000 but 1950
        return f"{v:g}"

    return ", ".join(one(v) for v in sorted(values.elements()))
