"""What the browser tests share: the local server, the request guard, the pages, and small helpers
(imported by conftest.py and the test modules of this folder)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support.sitebuild import REPO

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# One page of each kind the generator writes (paths under the site root, directory URLs).
PAGE_KINDS = {
    "home": "",
    "chapter": "chapters/bab-iv/",
    "bibliography": "bibliography/",
    "source": "bibliography/bbc2016/",
    "timeline": "timeline/",
    "event": "timeline/armistice-1953/",
    "tables": "tables/",
    "table": "tables/rok-forces-iiss/",
    "figures": "figures/",
    "figure": "figures/command-structure-2015/",
    "glossary": "glossary/",
}

CHAPTER = PAGE_KINDS["chapter"]
# The paragraph that holds "Syngman-Rhee", and the first "armistice" of the English edition
# (content/chapters/bab-iv.yml).
RHEE_PARAGRAPH = "p-ketegangan-1950"

# axe-core: the WCAG 2.2 A and AA rules.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


# ---------------------------------------------------------------------------------------- serving


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def end_headers(self):
        # LinkChecker throttles a host to ~3 requests a second unless its responses carry this header.
        self.send_header("LinkChecker", "local test server")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def serve(root: Path):
    """Serves ``root`` on 127.0.0.1 at a free port from a daemon thread; returns (server, base URL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="site-server", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


# ---------------------------------------------------------------------------------------- privacy


class Guard:
    """Aborts and records every request for another host than ``allowed_origin`` (file: URLs are
    local too), and records JavaScript errors of every page."""

    def __init__(self, allowed_origin: str):
        self.allowed_origin = allowed_origin.rstrip("/")
        self.blocked: list[str] = []
        self.errors: list[str] = []

    def allowed(self, url: str) -> bool:
        if urlsplit(url).scheme in ("data", "blob", "about", "file"):
            return True
        return url == self.allowed_origin or url.startswith(self.allowed_origin + "/")

    def attach(self, context):
        def route(route):
            if self.allowed(route.request.url):
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        context.on("request", self._request)
        context.on("page", self._watch)
        return context

    def _request(self, request):
        if not self.allowed(request.url):
            self.blocked.append(request.url)

    def _watch(self, page):
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def check(self):
        assert not self.blocked, f"requests to hosts other than the local server: {sorted(set(self.blocked))}"
        assert not self.errors, f"JavaScript errors: {self.errors}"


# ---------------------------------------------------------------------------------------- helpers


def axe_violations(axe, page, name: str, context: dict | None = None) -> str:
    """Runs axe-core (WCAG 2.2 A/AA) on the page, or on the parts that ``context`` includes; returns a
    readable report, empty when clean. A report with violations is also written to
    test-artifacts/axe/NAME.json."""
    results = axe.run(page, context=context, options=AXE_OPTIONS)
    if not results.violations_count:
        return ""
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    results.save_to_file(folder / f"{name}.json", violations_only=True)
    return results.generate_report()


def scheme_of(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def sideways(page) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the document: the page scrolls sideways when the first is larger."""
    return tuple(page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"))


def in_viewport(page, selector: str) -> bool:
    """True when the element's top is on screen, below Material's header."""
    return page.eval_on_selector(
        selector,
        """el => {
            const r = el.getBoundingClientRect();
            const header = document.querySelector('.md-header');
            const top = header ? header.getBoundingClientRect().bottom : 0;
            return r.bottom > top && r.top >= top - 4 && r.top < window.innerHeight;
        }""",
    )


def is_target(page, element_id: str) -> bool:
    """The address's #fragment is the element, which is marked as the reader's target."""
    return page.evaluate(
        """id => {
            const el = document.getElementById(id);
            return !!el && location.hash === '#' + id && (el.matches(':target') || el.classList.contains('as-highlight'));
        }""",
        element_id,
    )


def highlighted(page, element_id: str) -> bool:
    """The element is drawn differently from an ordinary paragraph (background or border)."""
    return page.evaluate(
        """id => {
            const s = getComputedStyle(document.getElementById(id));
            const bg = s.backgroundColor;
            return (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') || s.borderLeftColor !== 'rgba(0, 0, 0, 0)';
        }""",
        element_id,
    )


def focus_visible(page) -> bool:
    """The focused element (for Material's hidden option inputs, the label that stands for it) draws an
    outline or a box shadow."""
    return page.evaluate(
        """() => {
            let el = document.activeElement;
            if (!el || el === document.body) return false;
            if (el.matches('input.md-option') && el.nextElementSibling) el = el.nextElementSibling;
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            if (outline || (!!s.boxShadow && s.boxShadow !== 'none')) return true;
            // A link of a generated SVG (chart, timeline strip) strokes its own hit area when focused.
            return el instanceof SVGElement && [...el.querySelectorAll('*')].some(c => {
                const cs = getComputedStyle(c);
                return cs.stroke !== 'none' && parseFloat(cs.strokeWidth) > 0 && c.matches('[class$="-hit"]');
            });
        }"""
    )


def focused(page, settle: bool = True) -> dict | None:
    """Where the focused element is: its description; whether it is shown at all (not transparent,
    hidden or empty); whether it shows its focus; and whether it lies under Material's header (it is in
    neither the header nor a sidebar, yet its top is above the header's bottom) or off the screen."""
    info = page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            const fixed = !!el.closest('.md-header, .md-sidebar, .md-search, .md-skip, .md-top');
            const label = el.getAttribute('href') || el.getAttribute('aria-label') || el.textContent || '';
            return {
                element: el.tagName.toLowerCase() + ' ' + label.trim().slice(0, 60),
                obscured: !fixed && el.matches('input.md-option') === false && r.height > 0 &&
                    (r.top < header - 1 || r.bottom > window.innerHeight + 1),
                // Material's palette inputs are hidden on purpose: their label shows the focus.
                shown: el.matches('input.md-option') ||
                    (el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width * r.height > 0),
            };
        }"""
    )
    if info is not None and not info["shown"] and settle:
        # Some of Material's controls fade in on focus (the ¶ permalinks: 250 ms): give them that time.
        with contextlib.suppress(PlaywrightTimeout):  # still hidden: reported as such below
            page.wait_for_function(
                "() => document.activeElement.checkVisibility({opacityProperty: true})", timeout=1000, polling=50
            )
        return focused(page, settle=False)
    if info is not None:
        info["visible"] = focus_visible(page)
    return info


def tab_to(page, selector: str, limit: int = 800, key: str = "Tab") -> None:
    """Presses ``key`` (Tab) until the focused element matches ``selector``; fails after ``limit``
    presses. The element reached must show its focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            assert focus_visible(page), f"no visible focus indicator on {selector}"
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of {key}")


def search(page, query: str):
    """Opens Material's search with the mouse and types ``query`` key by key; returns the result links."""
    box = page.locator(".md-search__input")
    if not box.is_visible():  # phone: the search is behind a button
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__link")
    results.first.wait_for(state="visible")
    wait_for_settled_results(page)
    return results


def wait_for_settled_results(page) -> int:
    """Wait until Material's result list is non-empty and has the same HTML twice, 400 ms apart, and
    return how many results it holds (0 after about 24 s without a settled list). Material empties and
    redraws the list while its worker answers each keystroke, slowly on a loaded machine."""
    items = page.locator(".md-search-result__item")
    previous = None
    for _ in range(60):
        current = page.locator(".md-search-result").inner_html() if items.count() else None
        if current is not None and current == previous:
            return items.count()
        previous = current
        page.wait_for_timeout(400)
    return items.count()


# ---------------------------------------------------------------------------------------- LinkChecker

LINKCHECKER_CONFIG = Path(__file__).with_name("linkcheckerrc")


# LinkChecker's own command, with what it parses remembered per page content (tests/support): the same
# checks, without parsing the chapter again for every #anchor that points into it.
LINKCHECKER_MEMO = REPO / "tests" / "support" / "linkchecker_memo.py"


class LinkCheck:
    """LinkChecker over a served site, run in the background, so that it runs while the browser tests
    do. Its CSV report goes to a file."""

    def __init__(self, url: str, report: Path):
        import subprocess
        import sys

        self.report = report
        if LINKCHECKER_MEMO.is_file():
            command = [sys.executable, str(LINKCHECKER_MEMO)]
        else:
            command = [str(Path(sys.executable).with_name("linkchecker"))]
        self._out = report.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [*command, "--config", str(LINKCHECKER_CONFIG), "--output", "csv", "--verbose", "--no-robots", url],
            stdout=self._out,
            stderr=subprocess.PIPE,
            text=True,
        )

    def result(self, timeout: float = 600) -> tuple[int, list[dict], str]:
        """Waits for LinkChecker; returns (exit code, one row per URL checked, stderr)."""
        import csv
        import io

        _, stderr = self.process.communicate(timeout=timeout)
        self._out.close()
        # LinkChecker's comment lines start with "# "; a row's first field may be an anchor ("#cited-in").
        lines = self.report.read_text("utf-8").splitlines()
        body = "\n".join(line for line in lines if line and not line.startswith("# "))
        return self.process.returncode, list(csv.DictReader(io.StringIO(body), delimiter=";")), stderr

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._out.close()


def link_problems(rows: list[dict]) -> list[str]:
    return [
        f"{row['parentname']} → {row['urlname']}: {row['result']} {row['warningstring']}".strip()
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    ]
