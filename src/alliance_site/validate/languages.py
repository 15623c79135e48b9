"""The languages of a corpus's translations: which ones corpus.yml declares, and how messages name them."""

from __future__ import annotations

from collections.abc import Iterable

from .documents import Document

__all__ = ["declared_languages", "language_name"]

#: English names of common language tags, for messages ("English (en)"); other tags are shown as they are.
_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "hi": "Hindi",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "jv": "Javanese",
    "ko": "Korean",
    "ms": "Malay",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}


def language_name(tag: str) -> str:
    """``"English (en)"`` for ``"en"``; the bare tag where its name is not known."""
    name = _LANGUAGE_NAMES.get(tag.split("-")[0].lower())
    return f"{name} ({tag})" if name else repr(tag)


def declared_languages(docs: Iterable[Document]) -> list[str]:
    """The translation languages ``corpus.yml`` declares, in the order it lists them."""
    corpus = next((d for d in docs if d.kind == "corpus"), None)
    declared = corpus.data.get("translations") if corpus is not None else None
    return [str(tag) for tag in declared] if isinstance(declared, dict) else []
