"""The words of a synthetic corpus: a vocabulary of pronounceable pseudo-words built from syllables (so
nothing is downloaded), drawn with Zipf weights as in real prose, and the sentences, titles, names and
Pandoc citations made of them. One seeded ``random.Random`` draws every choice, in a fixed order."""

from __future__ import annotations

import itertools
import random

from .counts import Counts

__all__ = ["Prose"]


def _split(text: str) -> list[str]:
    return text.split()


_ONSETS = _split("b c d f g h k l m n p r s t v w b d l m n p r s t br ch cr dr fl gr pl pr sh st th tr")
_NUCLEI = _split("a e i o u a e i o u a e i o ai ea ou")
_CODAS = ["", "", "", "", "n", "r", "s", "l", "m", "t", "nd", "st"]
_FUNCTION = _split("the of and in to a is that for on as with by was were which from this its their")


def _vocabulary(size: int = 2400) -> list[str]:
    """Pronounceable lowercase pseudo-words; a fixed seed, so every corpus shares one vocabulary."""
    rng = random.Random(20240601)
    seen, words = set(_FUNCTION), []
    while len(words) < size:
        syllables = rng.choice((1, 1, 2, 2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(syllables))
        if len(word) >= 3 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


_VOCABULARY = _vocabulary()
_VOCAB = _FUNCTION + _VOCABULARY
_IS_FUNCTION = frozenset(_FUNCTION)
# Zipf weights, as in real prose: function words are frequent, most words are rare.
_CUM = list(itertools.accumulate(1 / (r + 1) for r in range(len(_VOCAB))))


class Prose:
    """The random words of one corpus, drawn from one generator in a fixed order."""

    def __init__(self, n: int, seed: int):
        self.rng = random.Random(f"alliance-site-synth:{n}:{seed}")
        self.counts = Counts.for_sources(n)

    def words(self, k: int) -> list[str]:
        words = self.rng.choices(_VOCAB, cum_weights=_CUM, k=k)
        for i in range(1, k):  # no "the of a": a function word is never followed by another
            if words[i] in _IS_FUNCTION and words[i - 1] in _IS_FUNCTION:
                words[i] = self.rng.choice(_VOCABULARY)
        return words

    def title(self, lo: int = 4, hi: int = 10) -> str:
        return " ".join(self.words(self.rng.randint(lo, hi))).capitalize()

    def name(self) -> str:
        return self.rng.choice(_VOCABULARY).capitalize()

    def citation(self, keys: list[str]) -> tuple[str, bool]:
        """A citation of ``keys`` in one of the Pandoc forms; returns (text, narrative)."""
        rng = self.rng
        if len(keys) == 1 and rng.random() < 0.15:
            return (f"@{keys[0]}" if rng.random() < 0.6 else f"@{keys[0]} [p. {rng.randint(1, 400)}]"), True
        items = []
        for key in keys:
            page, r = rng.randint(1, 400), rng.random()
            forms = ((0.45, ""), (0.75, f", p. {page}"), (0.85, f", pp. {page}-{page + 6}"), (0.9, ", ch. 3"))
            suffix = next((form for limit, form in forms if r < limit), None)
            if suffix is not None:
                items.append(f"@{key}{suffix}")
            else:
                items.append(f"see @{key}, p. {page}" if r < 0.95 else f"-@{key}")
        return "[" + "; ".join(items) + "]", False

    def paragraph(self, cites: list[list[str]], extras: list[str], xrefs: list[str]) -> tuple[str, list[str]]:
        """~120 words; returns the text and the openings of the sentences left plain (for page breaks)."""
        rng = self.rng
        target, sentences = max(60, int(rng.gauss(120, 20))), []
        while sum(map(len, sentences)) < target:
            sentences.append(self.words(rng.randint(8, 22)))
        plain = set(range(1, len(sentences)))
        for word in extras:  # acronyms, inside a sentence
            s = rng.randrange(len(sentences))
            sentences[s].insert(rng.randint(1, len(sentences[s])), word)
            plain.discard(s)
        for keys in cites:
            text, narrative = self.citation(keys)
            s = rng.randrange(len(sentences))
            if narrative:
                sentences[s] = [text, rng.choice(("argues", "shows", "notes")), "that"] + sentences[s]
            else:
                sentences[s].append(text)
            plain.discard(s)
        for ref in xrefs:  # @tbl:, @fig:, @evt:
            s = rng.randrange(len(sentences))
            sentences[s].append(f"(see {ref})")
            plain.discard(s)
        out = []
        for words in sentences:
            first = words[0] if words[0].startswith("@") or words[0].isupper() else words[0].capitalize()
            out.append(" ".join([first] + words[1:]) + ".")
        return " ".join(out), [" ".join(out[s].split()[:3]) for s in sorted(plain)]
