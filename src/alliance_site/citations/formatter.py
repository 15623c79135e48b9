"""In-text citations and bibliography entries, formatted by citeproc-py with any CSL style.

Build one :class:`Bibliography` per site build from every source, register
every citation of the corpus, then render::

    bib = Bibliography(sources, style=None, locale="id-ID")
    bib.register(all_citations)          # optional for output, tells cited from uncited
    bib.cite(citation)                   # '(Defense, 2016a, hlm. 12)'
    bib.reference("defense2016a")        # 'Defense (2016a) <i>Buku Putih</i>. ...'
    bib.keys_in_order()                  # bibliography order, as the style sorts

What citeproc-py 0.11 does not do, done here (deterministically):

* **Disambiguation.**  citeproc-py ignores ``disambiguate-*``.  When the style
  asks for any disambiguation we add year suffixes ourselves: sources whose
  in-text citation (without locator) renders identically get ``a``, ``b``,
  ``c`` ... (then ``aa``) in bibliography order, as CSL 1.0.2 says.  Adding
  given names or more names is not attempted.  The scope is every source, not
  just the cited ones, because the bibliography page lists uncited sources
  too and a suffix must read the same in the text and in the list.  So the
  output does not depend on what or in which order citations are registered.
* **Narrative and suppress-author cites** (see ``_citeproc``).
* **Substituted variables** are not printed twice (a title standing in for a
  missing author; see ``_citeproc.suppress_substituted``).
* **Position.**  Every cite is rendered as a first cite (no "ibid."): output
  must not depend on render order, so cached results stay right.
* **Year collapsing** (``collapse="year"``) is not implemented by citeproc-py:
  ``(Defense, 2016a; Defense, 2016b)`` rather than ``(Defense, 2016a, b)``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable

from . import _citeproc as cp
from .citeproc_items import citeproc_item, known_variables
from .csl import to_csl_item

__all__ = ["Bibliography"]


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

    ``sources`` are source dicts (``id`` is the key); ``style`` is None for
    citeproc-py's bundled harvard-cite-them-right or a path to a ``.csl`` file;
    ``locale`` is resolved to a locale citeproc-py ships (``"id-ID"``, with
    fallback to the language's main dialect, then ``"en-US"``; None = the
    style's default locale).  See :attr:`locale` for the one used.
    """

    def __init__(self, sources: Iterable[dict], style: str | os.PathLike | None = None, locale: str | None = None):
        from citeproc import CitationStylesStyle
        from lxml import etree

        self._sources = {str(s["id"]): s for s in sources}
        self._keys = sorted(self._sources)  # sorted input makes citeproc's stable sort deterministic
        xml = cp.style_path(style).read_bytes()
        if locale is None:
            locale = etree.fromstring(xml).get("default-locale")
        self.locale: str = cp.resolve_locale(locale)
        self._xpath_cache: dict = {}
        self._affixes = cp.layout_affixes(xml)
        self._disambiguate = cp.has_year_suffix_disambiguation(xml)
        self._sorted = cp.citation_is_sorted(xml)
        self._styles = {
            kind: CitationStylesStyle(io.BytesIO(data), locale=self.locale, validate=False)
            for kind, data in cp.style_variants(xml).items()
        }
        self._internal = {key: f"s{i}" for i, key in enumerate(self._keys)}
        self._csl = {key: to_csl_item(self._sources[key]) for key in self._keys}
        self._year_suffix: dict[str, str] = {}
        self._order: list[str] | None = None
        self._ref_cache: dict[str, str] = {}
        self._cite_cache: dict[tuple, str] = {}
        self._cited: set[str] = set()
        self._unknown: set[str] = set()
        self._term_cache: dict[tuple, str] = {}
        self._build(self._keys)

    # -- set-up ------------------------------------------------------------------------

    def _build(self, keys: list[str]) -> None:
        """(Re)create citeproc's data and one citeproc bibliography per style variant."""
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        items = []
        known = known_variables()
        for key in keys:
            item = citeproc_item(self._csl[key], self._internal[key], known)
            if key in self._year_suffix:
                item["year-suffix"] = self._year_suffix[key]
            items.append(item)
        source = CiteProcJSON(items)
        self._render_cache: dict[tuple, str] = {}  # renders depend on the data built here
        self._bibs = {}
        for kind, style in self._styles.items():
            bib = CitationStylesBibliography(style, source, formatter.html)
            # Register all sources at once: citeproc's register() is O(n) per key.
            bib.items = [CitationItem(self._internal[key]) for key in keys]
            bib.keys = cp.KeyList(item.key for item in bib.items)
            Citation(bib.items).bibliography = bib
            self._bibs[kind] = bib

    def _ensure_ready(self) -> None:
        """Sort the bibliography and disambiguate, once, on first use."""
        if self._order is not None:
            return
        by_internal = {v: k for k, v in self._internal.items()}
        with cp.fast_xpath(self._xpath_cache), cp.fixes():
            main = self._bibs["normal"]
            items = main.style.sort_bibliography(main.items) if main.style.has_bibliography() else main.items
            order = [by_internal[item.key] for item in items]
            self._build(order)  # citeproc orders cites within a citation by bibliography position
            if self._disambiguate:
                groups: dict[str, list[str]] = {}
                for key in order:
                    groups.setdefault(self._render([(key, {})], "normal"), []).append(key)
                for html, members in groups.items():
                    if len(members) > 1:
                        for i, key in enumerate(members):
                            self._year_suffix[key] = _suffix_letters(i)
                    else:
                        # The plain "[@key]" cite is final already: keep it rather than render it again.
                        self._cite_cache[(True, ((members[0], "", "", "", "", False),))] = html
        if self._year_suffix:
            self._build(order)
        self._order = order
        # Built once: a per-citation dict of every source made multi-work citations O(N) each.
        self._rank = {key: n for n, key in enumerate(order)}

    # -- registration ------------------------------------------------------------------

    def register(self, citations: Iterable) -> None:
        """Record citations (markup ``Citation`` objects) of the corpus.

        Output does not depend on registration (disambiguation covers every
        source, see the module docstring); it tells cited from uncited sources
        and collects unknown keys.  May be called any number of times.
        """
        for citation in citations:
            for item in citation.items:
                (self._cited if item.key in self._sources else self._unknown).add(item.key)

    def forget_citations(self) -> None:
        """Forget what :meth:`register` recorded, keeping every formatted citation and reference (a
        rebuild under ``mkdocs serve`` registers the citations of the edited corpus again)."""
        self._cited.clear()
        self._unknown.clear()

    def cited_keys(self) -> list[str]:
        """Keys of registered citations that name a source, in bibliography order."""
        return [k for k in self.keys_in_order() if k in self._cited]

    def uncited_keys(self) -> list[str]:
        """Sources no registered citation names, in bibliography order."""
        return [k for k in self.keys_in_order() if k not in self._cited]

    def unknown_keys(self) -> list[str]:
        """Registered citation keys that name no source, sorted."""
        return sorted(self._unknown)

    # -- rendering ---------------------------------------------------------------------

    def _render(self, cites: list[tuple[str, dict]], kind: str) -> str:
        """Render (key, options) cites with one style variant; unknown keys come out as ``key?``.
        Cached: every cite is rendered as a first cite, so the same input always gives the same HTML,
        and the same work is rendered again and again (a narrative cite's author, a multi-work cite's
        parts, the labels of source links)."""
        signature = (kind, tuple((key, tuple(sorted(opts.items()))) for key, opts in cites))
        html = self._render_cache.get(signature)
        if html is None:
            html = self._render_cache[signature] = self._render_uncached(cites, kind)
        return html

    def _render_uncached(self, cites: list[tuple[str, dict]], kind: str) -> str:
        from citeproc import Citation, CitationItem, Locator

        bib = self._bibs[kind]
        unknown: dict[str, str] = {}
        items = []
        for i, (key, opts) in enumerate(cites):
            internal = self._internal.get(key)
            if internal is None:
                internal = f"?{i}"  # not a source: citeproc calls back, we print the key
                unknown[internal] = key
            extra = {}
            if opts.get("locator"):
                extra["locator"] = Locator(opts.get("label") or "page", cp.protect(opts["locator"]))
            for field in ("prefix", "suffix"):
                if opts.get(field):
                    extra[field] = cp.protect(opts[field])
            items.append(CitationItem(internal, **extra))
        citation = Citation(items)
        citation.bibliography = bib
        bib._cites.clear()  # every cite is a first cite: output independent of render order
        html = bib.cite(citation, lambda item: cp.protect(unknown.get(item.key, item.key)) + "?")
        return cp.finish(html)

    @staticmethod
    def _options(item, narrative: bool = False) -> dict:
        prefix = item.prefix + " " if item.prefix and not item.prefix.endswith(" ") else item.prefix
        suffix = item.suffix
        if suffix and suffix[0] not in ",;:.)]":
            # "[@k, emphasis added]" reaches us without its comma; a locator continues with a space.
            suffix = (" " if item.locator else ", ") + suffix
        return {"locator": item.locator, "label": item.label, "prefix": "" if narrative else prefix, "suffix": suffix}

    def cite(self, citation) -> str:
        """HTML of an in-text citation for a markup ``Citation``.

        Bracketed: the style's parenthetical cite, ``(Defense, 2016a, p. 12; Smith, 2010)``;
        ``[-@key]`` suppresses the author, ``(2016a)``.  Narrative (``@key``):
        ``Defense (2016a, p. 12)``.  Cached by keys, locators, affixes and form.
        """
        signature = (
            citation.bracketed,
            tuple((i.key, i.locator, i.label, i.prefix, i.suffix, i.suppress_author) for i in citation.items),
        )
        cached = self._cite_cache.get(signature)
        if cached is not None:
            return cached
        self._ensure_ready()
        with cp.fast_xpath(self._xpath_cache), cp.fixes():
            html = self._cite_uncached(citation)
        self._cite_cache[signature] = html
        return html

    def _cite_uncached(self, citation) -> str:
        items = citation.items
        if not citation.bracketed:
            parts = []
            for item in items:
                author = self._render([(item.key, {})], "author") if item.key in self._internal else ""
                rest = self._render([(item.key, self._options(item, narrative=True))], "suppress")
                parts.append(f"{author} {rest}" if author else rest)
            return "; ".join(parts)
        suppressed = {i.suppress_author for i in items}
        if len(suppressed) == 1 and (self._sorted or len(items) == 1):
            kind = "suppress" if suppressed.pop() else "normal"
            return self._render([(i.key, self._options(i)) for i in items], kind)
        # Mixed "[-@a; @b]", or a style without cs:sort (citeproc-py would still reorder the
        # cites by bibliography position; CSL keeps the text's order): render each cite bare
        # and join them as the layout would, in the text's order.
        prefix, suffix, delimiter = self._affixes
        inner = [
            self._render([(i.key, self._options(i))], "bare-suppress" if i.suppress_author else "bare-normal")
            for i in items
        ]
        return (
            cp.finish(cp.protect(prefix)) + cp.finish(cp.protect(delimiter)).join(inner) + cp.finish(cp.protect(suffix))
        )

    def cite_parts(self, citation) -> tuple[str, list[tuple[str, str]], str, str]:
        """A citation as ``(prefix, [(key, html), ...], delimiter, suffix)``, so that each work can be
        linked on its own. One-work citations give one part holding the whole citation."""
        items = citation.items
        if len(items) == 1:
            return "", [(items[0].key, self.cite(citation))], "", ""
        if not citation.bracketed:
            return "", [(i.key, self.cite(type(citation)((i,), False, 0, 0))) for i in items], "; ", ""
        self._ensure_ready()
        if self._sorted:  # the style orders the works of a citation as its bibliography does
            rank = self._rank
            items = sorted(items, key=lambda i: rank.get(i.key, len(rank)))
        prefix, suffix, delimiter = self._affixes
        with cp.fast_xpath(self._xpath_cache), cp.fixes():
            parts = [
                (
                    i.key,
                    self._render([(i.key, self._options(i))], "bare-suppress" if i.suppress_author else "bare-normal"),
                )
                for i in items
            ]
        finish = lambda text: cp.finish(cp.protect(text))
        return finish(prefix), parts, finish(delimiter), finish(suffix)

    def reference(self, key: str) -> str:
        """HTML of the full bibliography entry of ``key``, formatted once per build and cached.

        Raises KeyError for a key that is no source.
        """
        if key not in self._internal:
            raise KeyError(key)
        cached = self._ref_cache.get(key)
        if cached is None:
            self._ensure_ready()
            bib = self._bibs["normal"]
            item = bib.items[bib.keys.index(self._internal[key])]
            if not bib.style.has_bibliography():
                return self.cite_key(key)
            with cp.fast_xpath(self._xpath_cache), cp.fixes():
                rendered = bib.style.render_bibliography([item])
            cached = self._ref_cache[key] = cp.finish(rendered[0]) if rendered else ""
        return cached

    def cite_key(self, key: str) -> str:
        """The parenthetical citation of one key without locator, e.g. ``(Defense, 2016a)``."""
        self._ensure_ready()
        with cp.fast_xpath(self._xpath_cache), cp.fixes():
            return self._render([(key, {})], "normal")

    def term(self, name: str, form: str = "short", plural: bool = False) -> str:
        """A term of the style's locale: ``term("page")`` is ``"hlm."`` in id-ID, ``"p."`` in en-US
        (``"pp."`` with ``plural``); the long form when the locale lacks the one asked for, else ``name``.
        Cached: citeproc searches the locale's XML on every lookup, and every locator asks."""
        signature = (name, form, plural)
        if signature not in self._term_cache:
            self._term_cache[signature] = self._term_uncached(name, form, plural)
        return self._term_cache[signature]

    def _term_uncached(self, name: str, form: str, plural: bool) -> str:
        root = self._styles["normal"].root
        try:
            text = (root.get_plural_term if plural else root.get_single_term)(name, form)
        except (IndexError, KeyError, AttributeError):  # defensive: an unknown term gives "" in citeproc-py 0.11
            text = None
        if not text and form != "long":
            return self._term_uncached(name, "long", plural)
        return str(text or name)

    def keys_in_order(self) -> list[str]:
        """Every source key in bibliography order, as the style sorts (ties by key)."""
        self._ensure_ready()
        return list(self._order or [])

    def year_suffixes(self) -> dict[str, str]:
        """The year suffixes assigned to disambiguate, ``{key: "a"}``, for reports and tests."""
        self._ensure_ready()
        return dict(sorted(self._year_suffix.items()))
