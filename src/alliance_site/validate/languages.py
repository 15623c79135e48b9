"""The languages of a corpus's translations: which ones corpus.yml declares, and how messages name them."""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale

from .documents import Document

__all__ = ["declared_languages", "language_name"]

_ENGLISH = Locale.parse("en")


def language_name(tag: str) -> str:
    """``"English (en)"`` for ``"en"`` (English names from CLDR, through Babel); the bare tag where CLDR
    does not know it."""
    name = _ENGLISH.languages.get(tag.split("-")[0].lower())
    return f"{name} ({tag})" if name else repr(tag)


def declared_languages(docs: Iterable[Document]) -> list[str]:
    """The translation languages ``corpus.yml`` declares, in the order it lists them."""
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    declared = corpus.data.get("translations") if corpus is not None else None
    return [str(tag) for tag in declared] if isinstance(declared, dict) else []
