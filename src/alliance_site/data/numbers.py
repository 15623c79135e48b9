"""Numbers for readers: grouping and decimal marks by language, without Babel."""

from __future__ import annotations

__all__ = ["format_number"]

# (group separator, decimal mark) by language; Indonesian writes 34.500 and 1,34.
_MARKS = {"en": (",", "."), "id": (".", ",")}


def _grouped(value: int) -> str:
    """``1234567`` → ``1,234,567``, in groups of three by division: exact at any size, where
    ``f"{value:,}"`` is refused past Python's limit of 4,300 digits for int to str conversion."""
    groups, rest = [], abs(value)
    while rest >= 1000:
        rest, group = divmod(rest, 1000)
        groups.append(f"{group:03d}")
    groups.append(str(rest))
    return ("-" if value < 0 else "") + ",".join(reversed(groups))


def format_number(value: float | None, lang: str = "en", *, not_given: str = "not given") -> str:
    """Format ``value`` for running text: ``34,500`` / ``1.339`` (en), ``34.500`` / ``1,339`` (id).

    Integral values get thousands separators; others keep three decimals (three
    significant digits below 1), without trailing zeros. None gives ``not_given``.
    """
    if value is None:
        return not_given
    group, point = _MARKS.get(lang.split("-")[0].lower(), _MARKS["en"])
    if isinstance(value, int):  # exact, at any size: float() of a long integer overflows
        text = _grouped(value)
    elif float(value).is_integer():
        text = f"{int(value):,}"
    elif abs(value) >= 1:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.3g}"
    # Swap through a placeholder so "," and "." can trade places.
    return text.replace(",", "\0").replace(".", point).replace("\0", group)
