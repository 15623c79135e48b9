"""In-text citations and bibliography entries, formatted by citeproc-js (the reference CSL processor).

Build one :class:`Bibliography` per site build from every source, register every citation of the
corpus, then render::

    bib = Bibliography(sources, style=None, locale="id-ID")
    bib.register(all_citations)          # every cluster of the build, formatted in one batch
    bib.cite(citation)                   # '(Defense, 2016a, hlm. 12)'
    bib.reference("defense2016a")        # 'Defense (2016a) <i>Buku Putih</i>. ...'
    bib.keys_in_order()                  # bibliography order, as the style sorts

citeproc-js does what CSL 1.0.2 asks: the style's citation sort inside a multi-work cite (none in
Harvard: the text's order), year collapsing, given-name and year-suffix disambiguation, punctuation
inside quotes where the locale says so.  Project choices on top:

* **Every source is registered**, cited or not, and every cite is rendered as a first cite
  (``makeCitationCluster``: no "ibid."), so the output depends neither on which citations were
  registered nor on the order pages are rendered; a year suffix reads the same in the text and in
  the bibliography page, which lists uncited sources too.
* **Narrative cites** (``@key``): the author-only form, a space, and the suppress-author form in the
  layout's affixes: ``Defense (2016a, p. 12)``.
* **Batching.**  All clusters pending when a cite is first asked for go to V8 in one call, the
  bibliography in one ``makeBibliography`` call (one Python -> JS call costs more than one cite).
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections.abc import Iterable
from html import escape

from ._text import finish, protect
from .cited import CitedSources
from .citeproc_items import citeproc_item
from .citeproc_js import CiteprocJS, StyleError, resolve_locale, style_path, style_xml
from .cluster_requests import cluster_requests, narrative_requests
from .csl import to_csl_item

__all__ = ["Bibliography"]

_SLICE = 500  # clusters per call when formatting ahead (one call costs about as much as ten clusters)
_WORK = re.compile("\ue010([^\ue011]*)\ue011([^\ue012]*)\ue012")
_ENTRY = re.compile(r'^\s*<div class="csl-entry">(.*)</div>\s*$', re.DOTALL)


def _suffix_letters(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa' (CSL's year-suffix sequence)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


class Bibliography:
    """Every source of a build, formatted with one CSL style and locale.

    ``sources`` are source dicts (``id`` is the key); ``style`` is None for harvard-cite-them-right,
    the name of a style of the CSL styles repository, or a path to a ``.csl`` file; ``locale`` is
    resolved to a shipped CSL locale (``"id-ID"``, else the language's main dialect, else ``"en-US"``;
    None = the style's default locale).  See :attr:`locale` for the one used.
    """

    def __init__(self, sources: Iterable[dict], style=None, locale: str | None = None):
        self._sources = {str(s["id"]): s for s in sources}
        self._keys = sorted(self._sources)
        xml, default_locale = style_xml(style)
        self.locale: str = resolve_locale(locale if locale is not None else default_locale)
        self._internal = {key: f"s{i}" for i, key in enumerate(self._keys)}
        self._key_of = {internal: key for key, internal in self._internal.items()}
        self._js = CiteprocJS.shared()
        items = [citeproc_item(to_csl_item(self._sources[key]), self._internal[key]) for key in self._keys]
        try:
            self._handle = self._js.new_engine(xml, self.locale, items)
        except StyleError as error:
            raise StyleError(
                f"{style_path(style)}:1:1: error: citeproc-js cannot use this CSL style: {error} "
                "(check it against the CSL 1.0 schema)"
            ) from None
        # Drop the CSL.Engine with this object (a serve session makes one per changed bibliography);
        # not at exit, when V8 goes anyway.
        weakref.finalize(self, self._js.release, self._handle).atexit = False
        prefix, suffix, delimiter = self._js.call("asLayout", self._handle)
        self._prefix, self._suffix, self._delimiter = (finish(protect(a)) for a in (prefix, suffix, delimiter))
        self._clusters: dict[str, str] = {}  # cluster request (as JSON text) -> citeproc-js output
        self._pending: dict[str, list[dict]] = {}
        self._cite_cache: dict[tuple, tuple[str, list[tuple[str, str]], list[str], str]] = {}
        self._order: list[str] | None = None
        self._references: dict[str, str] = {}
        self._citing = CitedSources(self._sources)
        self._terms: dict[tuple, str] = {}
        # Formatting may run on a thread beside the renderers' questions (see ``prepare``): what changes
        # the pending batch, the formatted clusters or the bibliography does so under this lock.
        self._state = threading.RLock()

    # -- registration ------------------------------------------------------------------

    def register(self, citations: Iterable) -> None:
        """Record citations (markup ``Citation`` objects) of the corpus; their clusters are formatted
        together, in one call, when the first cite is asked for.  Tells cited from uncited sources and
        collects unknown keys.  May be called any number of times.

        The batch also holds the narrative cite of every source (``Kang (2006)``) and its parenthetical
        one (``(Kang, 2006)``), which the pages use to name sources in links and lists."""
        citations = list(citations)
        with self._state:
            if not self._clusters and not self._pending:
                for internal in self._key_of:
                    self._want([{"id": internal, "author-only": True}])
                    self._want([{"id": internal, "suppress-author": True}])
                    self._want([{"id": internal}])
            self._citing.add(citations)
            for citation in citations:
                for request in self._requests(citation):
                    self._want(request)

    def forget_citations(self) -> None:
        """Forget what :meth:`register` recorded, keeping every formatted citation and reference (a
        rebuild under ``mkdocs serve`` registers the citations of the edited corpus again)."""
        self._citing.clear()

    def cited_keys(self) -> list[str]:
        """Keys of registered citations that name a source, in bibliography order."""
        return self._citing.cited(self.keys_in_order())

    def uncited_keys(self) -> list[str]:
        """Sources no registered citation names, in bibliography order."""
        return self._citing.uncited(self.keys_in_order())

    def unknown_keys(self) -> list[str]:
        """Registered citation keys that name no source, sorted."""
        return self._citing.unknown()

    # -- clusters ----------------------------------------------------------------------

    def _requests(self, citation) -> list[list[dict]]:
        return cluster_requests(citation, self._internal)

    @staticmethod
    def _signature(request: list[dict]) -> str:
        return json.dumps(request, sort_keys=True, ensure_ascii=False)

    def _want(self, request: list[dict]) -> str:
        signature = self._signature(request)
        if signature not in self._clusters:
            self._pending[signature] = request
        return signature

    def _formatted(self, request: list[dict]) -> str:
        """citeproc-js's output for one cluster, formatting every pending cluster with it in one call."""
        signature = self._signature(request)
        done = self._clusters.get(signature)
        if done is not None:  # formatted already: no need to wait for a batch running on another thread
            return done
        with self._state:
            self._want(request)
            self._format_pending()
            return self._clusters[signature]

    def _format_pending(self, most: int | None = None) -> None:
        """Format the pending clusters (at most ``most`` of them) in one call."""
        if self._pending:
            batch = list(self._pending.items())[:most]
            for signature, _ in batch:
                del self._pending[signature]
            outputs = self._js.call("asClusters", self._handle, [r for _, r in batch], work=len(batch))
            self._clusters.update(zip((s for s, _ in batch), outputs))

    def prepare(self) -> None:
        """Format the bibliography and every cluster registered so far now rather than on the first
        question. A caller may run this on a thread (V8 works without Python's lock): the clusters go
        in slices, so that a question from another thread waits for one slice, not for all."""
        self._ensure_bibliography()
        while self._pending:
            with self._state:
                self._format_pending(_SLICE)

    def _works(self, output: str) -> tuple[list[tuple[str, str]], list[str], str, str]:
        """Split a wrapped cluster into ``[(key, html)]``, the delimiters between works, and any text
        before the first and after the last work."""
        works, between, last = [], [], 0
        for match in _WORK.finditer(output):
            between.append(finish(output[last : match.start()]))
            works.append((self._key_of.get(match.group(1), match.group(1)), finish(match.group(2))))
            last = match.end()
        lead = between.pop(0) if between else ""
        return works, between, lead, finish(output[last:])

    def _parts(self, citation) -> tuple[str, list[tuple[str, str]], list[str], str]:
        signature = (
            citation.bracketed,
            tuple((i.key, i.locator, i.label, i.prefix, i.suffix, i.suppress_author) for i in citation.items),
        )
        cached = self._cite_cache.get(signature)
        if cached is None:
            cached = self._cite_cache[signature] = self._parts_uncached(citation)
        return cached

    def _parts_uncached(self, citation) -> tuple[str, list[tuple[str, str]], list[str], str]:
        unknown = [(i.key, escape(i.key) + "?") for i in citation.items if i.key not in self._internal]
        if not citation.bracketed:
            parts = [(i.key, self._narrative(i)) for i in citation.items if i.key in self._internal] + unknown
            return "", parts, ["; "] * (len(parts) - 1), ""
        requests = self._requests(citation)
        works, between, lead, tail = self._works(self._formatted(requests[0])) if requests else ([], [], "", "")
        if unknown:
            between += [self._delimiter] * (len(unknown) - (0 if works else 1))
            works += unknown
        return self._prefix + lead, works, between, tail + self._suffix

    def _narrative(self, item) -> str:
        author_request, rest_request = narrative_requests(item, self._internal)
        author = finish(_WORK.sub(r"\2", self._formatted(author_request)))
        rest = self._single(rest_request)
        return f"{author} {rest}" if author else rest

    def _single(self, request: list[dict]) -> str:
        """A one-work cluster in the layout's affixes."""
        works, _, lead, tail = self._works(self._formatted(request))
        return self._prefix + lead + "".join(html for _, html in works) + tail + self._suffix

    # -- rendering ---------------------------------------------------------------------

    def cite(self, citation) -> str:
        """HTML of an in-text citation for a markup ``Citation``.

        Bracketed: the style's parenthetical cite, ``(Defense, 2016a, p. 12; Smith, 2010)``;
        ``[-@key]`` suppresses the author, ``(2016a)``.  Narrative (``@key``):
        ``Defense (2016a, p. 12)``.  Cached by keys, locators, affixes and form.
        """
        prefix, parts, delimiters, suffix = self._parts(citation)
        body = parts[0][1] if parts else ""
        for delimiter, (_, html) in zip(delimiters, parts[1:]):
            body += delimiter + html
        return prefix + body + suffix

    def cite_parts(self, citation) -> tuple[str, list[tuple[str, str]], list[str], str]:
        """A citation as ``(prefix, [(key, html), ...], delimiters, suffix)``, so that each work can be
        linked on its own; ``delimiters[i]`` stands between work ``i`` and ``i + 1`` (they differ when
        years collapse: ``(Defense, 2016a, 2016b; Smith, 2010)``).  A one-work citation gives one part
        holding the whole citation, its parentheses too."""
        if len(citation.items) == 1:
            return "", [(citation.items[0].key, self.cite(citation))], [], ""
        return self._parts(citation)

    def cite_key(self, key: str) -> str:
        """The parenthetical citation of one key without locator, e.g. ``(Defense, 2016a)``."""
        if key not in self._internal:
            return escape(key) + "?"
        return self._single([{"id": self._internal[key]}])

    def _ensure_bibliography(self) -> None:
        """The whole bibliography, in one ``makeBibliography`` call, on first use."""
        if self._order is not None:  # made already (perhaps on another thread, which may be busy)
            return
        with self._state:
            if self._order is None:
                self._make_bibliography()

    def _make_bibliography(self) -> None:
        ids, entries = self._js.call("asBibliography", self._handle, work=len(self._keys))
        order = [self._key_of[i] for i in ids if i in self._key_of]
        for key, entry in zip(order, entries):
            match = _ENTRY.match(entry)
            self._references[key] = finish((match.group(1) if match else entry).strip())
        listed = set(order)
        self._order = order + [k for k in self._keys if k not in listed]

    def reference(self, key: str) -> str:
        """HTML of the full bibliography entry of ``key`` (its in-text cite for a style without a
        bibliography).  Raises KeyError for a key that is no source."""
        if key not in self._internal:
            raise KeyError(key)
        self._ensure_bibliography()
        if key not in self._references:
            return self.cite_key(key)
        return self._references[key]

    def term(self, name: str, form: str = "short", plural: bool = False) -> str:
        """A term of the style's locale: ``term("page")`` is ``"hlm."`` in id-ID, ``"p."`` in en-US
        (``"pp."`` with ``plural``); the long form when the locale lacks the one asked for, else ``name``."""
        signature = (name, form, plural)
        if signature not in self._terms:
            asked = [[name, form, plural], [name, "long", plural]]
            short, long = self._js.call("asTerms", self._handle, asked)
            self._terms[signature] = escape(short or long or name, quote=False)
        return self._terms[signature]

    def keys_in_order(self) -> list[str]:
        """Every source key in bibliography order, as the style sorts (ties by key)."""
        self._ensure_bibliography()
        return list(self._order or [])

    def year_suffixes(self) -> dict[str, str]:
        """The year suffixes citeproc-js assigned to disambiguate, ``{key: "a"}``, for reports and tests."""
        found = self._js.call("asYearSuffixes", self._handle)
        return {self._key_of[i]: _suffix_letters(n) for i, n in sorted(found.items()) if i in self._key_of}
