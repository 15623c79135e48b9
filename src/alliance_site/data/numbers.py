"""Numbers for readers, in any language CLDR knows (through Babel): its digits' grouping, its group
separator and decimal mark (``34,500`` / ``1.339`` in English, ``34.500`` / ``1,339`` in Indonesian,
``34 500`` in French)."""

from __future__ import annotations

import decimal

from babel.numbers import format_decimal

from .locales import cldr_locale

__all__ = ["format_number"]

# Below 1, three significant digits (0.0123), where the locale's pattern would keep three decimals (0.012).
_SIGNIFICANT = "@##"


def format_number(value: float | None, lang: str = "en", *, not_given: str = "not given") -> str:
    """Format ``value`` for running text in ``lang``: ``34,500`` / ``1.339`` (en), ``34.500`` / ``1,339`` (id).

    The locale's own decimal pattern (CLDR's is ``#,##0.###`` in most languages): integral values get
    its group separators, others up to three decimals without trailing zeros; below 1, three
    significant digits. None gives ``not_given``.
    """
    if value is None:
        return not_given
    # Exact at any size: an int is never turned into a float, and the decimal context holds all its digits.
    number = decimal.Decimal(value) if isinstance(value, int) else decimal.Decimal(repr(float(value)))
    small = not isinstance(value, int) and number != 0 and abs(number) < 1
    with decimal.localcontext() as context:
        context.prec = max(28, len(number.as_tuple().digits) + abs(number.as_tuple().exponent) + 3)
        return format_decimal(number, _SIGNIFICANT if small else None, locale=cldr_locale(lang))
