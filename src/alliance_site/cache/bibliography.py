"""Formatted citations and references kept between builds, around any ``Bibliography`` engine.

:class:`CachedBibliography` answers the renderers' questions (``cite``, ``cite_parts``, ``reference``,
``cite_key``, ``term``, ``keys_in_order``, ``year_suffixes``) from a cache entry keyed by everything the
answers depend on: every source (a citation's disambiguation context is the whole bibliography: a new
or edited source can change another's year suffix), the style's bytes, the locale, the engine's version
and the package's code. The engine is started only on the first question the entry cannot answer, so a
build whose sources did not change formats nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..citations.cited import CitedSources
from .fingerprint import Fingerprint, code_fingerprint
from .store import JsonStore

__all__ = ["CachedBibliography", "engine_id"]

_TABLES = ("cite", "parts", "reference", "cite_key", "term", "meta")


def engine_id(factory: Any) -> str:
    """The engine's own name and version where the ``Bibliography`` class gives one, else ``""`` (the
    package fingerprint covers the engine's code and the versions of its libraries either way)."""
    for name in ("engine_version", "ENGINE_VERSION", "engine", "ENGINE"):
        value = getattr(factory, name, None)
        if isinstance(value, str):
            return value
    return ""


def _citation_signature(citation) -> str:
    items = [[i.key, i.locator, i.label, i.prefix, i.suffix, bool(i.suppress_author)] for i in citation.items]
    return json.dumps([bool(citation.bracketed), items], ensure_ascii=False, separators=(",", ":"))


class _Ahead:
    """Steps run one after another on threads of their own, each given what the previous one returned
    (the engine); :meth:`result` waits for the last and raises what any step raised."""

    def __init__(self, first: Callable[[], Any]):
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self.then(lambda _: first())
        self._first = self._thread

    def then(self, step: Callable[[Any], Any]) -> None:
        previous = self._thread

        def run() -> None:
            if previous is not None:
                previous.join()
            if self._error is None:
                try:
                    self._value = step(self._value)
                except BaseException as error:  # noqa: BLE001 - handed to the thread that asks for the result
                    self._error = error

        self._thread = threading.Thread(target=run, name="alliance-site-format", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Wait for the last step to end, whatever it did (nobody asked for its result)."""
        assert self._thread is not None
        self._thread.join()

    def result(self, *, first: bool = False) -> Any:
        """What the last step returned (with ``first``, the first step's, the others may still run)."""
        thread = self._first if first else self._thread
        assert thread is not None
        thread.join()
        if self._error is not None:
            raise self._error
        return self._value


class CachedBibliography:
    """A ``Bibliography`` whose answers come from ``store`` when known and from the engine otherwise.

    ``factory(sources, style=..., locale=...)`` makes the engine's bibliography (only on a miss);
    ``engine_started`` says whether it was needed. Call :meth:`save` at the end of a build. ``reuse``
    (by key) holds the bibliographies of the last build: one of the same key lends its answers.
    """

    def __init__(
        self,
        sources: Iterable[dict],
        *,
        style: str | None,
        locale: str | None,
        store: JsonStore,
        factory: Callable[..., Any],
        kind: str = "bibliography",
        reuse: Mapping[str, CachedBibliography] | None = None,
    ):
        sources = list(sources)
        self._given, self._locale_given = sources, locale
        self._sources = {str(s["id"]): s for s in sources}
        self._make = lambda: factory(sources, style=style, locale=locale)
        style_bytes = Path(style).read_bytes() if style else None
        self.key = Fingerprint(
            ("sources", sorted(sources, key=lambda s: str(s["id"]))),
            ("style", style_bytes if style_bytes is not None else "default"),
            ("locale", locale),
            ("engine", engine_id(factory)),
            ("code", code_fingerprint()),
        ).hexdigest()
        self._store, self._kind = store, kind
        earlier = (reuse or {}).get(self.key)
        if earlier is not None:  # `mkdocs serve`: the last build's answers, for the same inputs
            self._memo: dict[str, dict] = earlier._memo
        else:
            payload = store.get(kind, self.key)
            tables = payload if isinstance(payload, dict) else {}
            self._memo = {name: dict(tables[name]) if isinstance(tables.get(name), dict) else {} for name in _TABLES}
        self._changed = False
        self._engine = None
        self._ahead: _Ahead | None = None
        self._citing = CitedSources(self._sources)
        self._registered: list = []

    def same_input(self, sources: list[dict], locale: str | None) -> bool:
        """Whether this bibliography was made of these sources (in this order) and this locale."""
        return locale == self._locale_given and sources == self._given

    # -- the engine, started only when needed ---------------------------------------------

    @property
    def formatting_ahead(self) -> bool:
        """Whether the engine is being started or formatting on its thread (see :meth:`format_ahead`)."""
        return self._ahead is not None

    @property
    def engine_started(self) -> bool:
        return self._engine is not None

    def _real(self):
        if self._engine is None:
            if self._ahead is not None:  # started ahead: ready once started, its thread may still format
                self._engine = self._ahead.result(first=True)
            else:
                self._engine = self._started(self._registered, prepare=False)
        return self._engine

    def _started(self, registered: list, *, prepare: bool):
        # The engine formats every registered citation in one batch on the first question: hand it
        # them all, so that a miss costs one call, not one per citation.
        return self._registering(registered, prepare=prepare)(self._make())

    def format_ahead(self) -> None:
        """When the cache cannot answer (a cold build), start the engine on a thread and have it format
        the bibliography and every citation registered so far, while the caller goes on with the work
        that needs no formatting: citeproc-js runs in V8, which does not hold Python's lock. Citations
        registered later are formatted next on the same thread. A question waits until the engine is
        started, then for the batch that holds its answer (the engine serialises its own state);
        :meth:`save` waits for the thread to end. The output is the same either way."""
        if self._engine is None and self._ahead is None and "order" not in self._memo["meta"]:
            registered = list(self._registered)
            self._ahead = _Ahead(lambda: self._started(registered, prepare=True))

    @staticmethod
    def _registering(citations: list, *, prepare: bool = True) -> Callable[[Any], Any]:
        """A step that registers ``citations`` with an engine (and has it format them, with ``prepare``)."""

        def step(engine):
            engine.register(citations)
            if prepare and callable(getattr(engine, "prepare", None)):
                engine.prepare()
            return engine

        return step

    def _answer(self, table: str, signature: str, compute: Callable[[], Any]) -> Any:
        memo = self._memo[table]
        if signature not in memo:
            memo[signature] = compute()
            self._changed = True
        return memo[signature]

    def save(self) -> None:
        """Store what this build formatted (nothing is written when everything came from the cache)."""
        if self._ahead is not None:  # the thread's last steps end here; a question raised any error
            ahead, self._ahead = self._ahead, None
            ahead.wait()
        if self._changed:
            self._store.put(self._kind, self.key, self._memo)
            self._changed = False

    # -- registration: which sources the corpus cites (this build's own, never cached) ----

    def register(self, citations: Iterable) -> None:
        citations = list(citations)
        if self._ahead is not None:  # the engine started ahead formats these next, on its thread
            self._ahead.then(self._registering(citations))
        elif self._engine is not None:
            self._engine.register(citations)
        self._registered.extend(citations)
        self._citing.add(citations)

    def forget_citations(self) -> None:
        self._registered.clear()
        self._citing.clear()

    def cited_keys(self) -> list[str]:
        return self._citing.cited(self.keys_in_order())

    def uncited_keys(self) -> list[str]:
        return self._citing.uncited(self.keys_in_order())

    def unknown_keys(self) -> list[str]:
        return self._citing.unknown()

    # -- formatting -------------------------------------------------------------------------

    def cite(self, citation) -> str:
        return self._answer("cite", _citation_signature(citation), lambda: self._real().cite(citation))

    def cite_parts(self, citation) -> tuple[str, list[tuple[str, str]], str, str]:
        def compute():
            prefix, parts, delimiter, suffix = self._real().cite_parts(citation)
            return [prefix, [[key, html] for key, html in parts], delimiter, suffix]

        prefix, parts, delimiter, suffix = self._answer("parts", _citation_signature(citation), compute)
        return prefix, [(key, html) for key, html in parts], delimiter, suffix

    def reference(self, key: str) -> str:
        if key not in self._sources:
            raise KeyError(key)
        return self._answer("reference", key, lambda: self._real().reference(key))

    def cite_key(self, key: str) -> str:
        return self._answer("cite_key", key, lambda: self._real().cite_key(key))

    def term(self, name: str, form: str = "short", plural: bool = False) -> str:
        signature = json.dumps([name, form, bool(plural)])
        return self._answer("term", signature, lambda: self._real().term(name, form=form, plural=plural))

    def keys_in_order(self) -> list[str]:
        return list(self._answer("meta", "order", lambda: list(self._real().keys_in_order())))

    def year_suffixes(self) -> dict[str, str]:
        return dict(self._answer("meta", "year_suffixes", lambda: dict(self._real().year_suffixes())))

    @property
    def locale(self) -> str:
        return self._answer("meta", "locale", lambda: self._real().locale)

    def __getattr__(self, name: str):
        # Anything else the renderers may ask is the engine's to answer, uncached.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._real(), name)
