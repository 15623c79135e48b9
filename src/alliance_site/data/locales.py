"""The CLDR locale (Babel) of a BCP 47 language tag, for every reader-facing form of the data: numbers,
month names, dates and their intervals."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

__all__ = ["cldr_locale"]


@cache
def cldr_locale(lang: str) -> Locale:
    """The CLDR locale of a BCP 47 tag (``id``, ``pt-BR``, ``en-GB``); English for one CLDR does not know."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale.parse("en")
