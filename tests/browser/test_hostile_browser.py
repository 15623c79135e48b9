"""The hostile fixture (tests/roots/hostile: every free-text field full of script, attribute break-outs,
Jinja, Markdown and HTML tricks) in Chromium: every page kind opened, hovered, focused and used (the
reading-language switch, the filters, the copy buttons, the disclosures, Material's search, which shows
the indexed text as HTML), and no dialog opens, no script of the corpus runs, no element carries an event
handler, nothing is fetched that the corpus named, and the payloads are shown to the reader as text."""

from __future__ import annotations

import pytest
from harness import Guard, serve, wait_for_settled_results
from playwright.sync_api import expect

from support.payloads import JINJA_EVALUATED
from support.sitebuild import REPO, mkdocs_build

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "chapter": "chapters/ch1/",
    "bibliography": "bibliography/",
    "source": "bibliography/evil2/",
    "source (key with < & # ?)": "bibliography/k-script-a-b-c-d-e/",
    "timeline": "timeline/",
    "event": "timeline/e2/",
    "tables": "tables/",
    "table": "tables/t1/",
    "figures": "figures/",
    "figure (image)": "figures/f1/",
    "figure (structure)": "figures/f2/",
    "figure (chart)": "figures/f3/",
    "figure (placeholder)": "figures/f4/",
    "glossary": "glossary/",
    "not found": "404.html",
}

# Anything the corpus could have made run: a page that runs one of these has run content.
_TRAPS = """
    window.__ran = [];
    for (const name of ['alert', 'confirm', 'prompt']) {
        window[name] = function (...args) { window.__ran.push(name + ':' + args.join(',')); };
    }
"""

_HANDLERS = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
            if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction' ||
                (['href', 'src', 'action', 'xlink:href', 'data', 'poster'].includes(name) &&
                 /^(javascript|vbscript|data):/.test(value) && !value.startsWith('javascript:void(0)')))
                found.push(el.tagName + ' ' + attr.name + '=' + attr.value.slice(0, 40));
        }
        if (['IFRAME', 'OBJECT', 'EMBED', 'FRAME', 'BASE'].includes(el.tagName)) found.push(el.tagName);
    }
    for (const s of document.querySelectorAll('script')) {
        const type = s.getAttribute('type') || '';
        if (!s.src && !type.includes('json') && /alert|J749J7/.test(s.textContent)) found.push('script: ' + s.textContent.slice(0, 60));
    }
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    site = tmp_path_factory.mktemp("hostile") / "site"
    result = mkdocs_build(REPO / "tests" / "roots" / "hostile", site)
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile(browser, hostile_url):
    """A page of a guarded context (nothing fetched from another host) that records dialogs, console
    errors, the calls of the trapped functions and every request it makes."""
    guard = Guard(hostile_url)
    context = guard.attach(browser.new_context(base_url=hostile_url, viewport={"width": 1280, "height": 900}))
    context.add_init_script(_TRAPS)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=hostile_url.rstrip("/"))
    page = context.new_page()
    page.dialogs, page.console_errors, page.requests = [], [], []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()
    guard.check()


def _use_everything(page) -> None:
    """What a reader does on a page: hover and focus what is there, switch the reading language, use
    the filters, open the disclosures, press the copy buttons."""
    for element in page.locator("main a, main abbr, main q, main .as-para, main td, main th, main svg a").all()[:60]:
        if element.is_visible():
            element.hover(timeout=2000, force=True)
    for _ in range(40):
        page.keyboard.press("Tab")
    for button in page.locator(".as-lang button").all():
        button.click()
    for select in page.locator("select").all():
        for value in select.locator("option").evaluate_all("options => options.map(o => o.value)"):
            select.select_option(value=value)
    for summary in page.locator("main details > summary").all()[:20]:
        if summary.is_visible():
            summary.click()
    for button in page.locator("main button.as-copy").all()[:10]:
        if button.is_visible():
            button.click()
    # Let what the clicks queued run (a frame, then the task queue) before anything is checked.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")


def _assert_nothing_ran(page) -> None:
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert page.evaluate("window.__ran") == [], "a trapped function was called"
    assert page.evaluate(_HANDLERS) == []
    assert len(page.frames) == 1, "a frame was created"
    named = [url for url in page.requests if url.rstrip("/").endswith(("/x", "/nowhere.html")) or "javascript:" in url]
    assert named == [], f"the corpus made the page fetch {named}"
    assert not [e for e in page.console_errors if "Failed to load resource" not in e], page.console_errors


@pytest.mark.parametrize("kind", PAGES)
def test_no_content_runs_on_any_page_kind(hostile, kind):
    page = hostile
    response = page.goto(PAGES[kind])
    assert response is not None and response.ok
    page.wait_for_load_state("load")
    _use_everything(page)
    _assert_nothing_ran(page)
    text = page.locator("body").inner_text()
    if kind != "not found":
        assert "<script>alert(1)</script>" in text  # shown as text, as the source says
    assert JINJA_EVALUATED not in text
    assert "&lt;/textarea" not in page.evaluate("document.title")  # the title is the text, escaped once


_POINT_AT_RESULTS = """() => {
    for (const el of document.querySelectorAll('.md-search-result__item, .md-search-result__item *')) {
        for (const type of ['pointerover', 'mouseover', 'mouseenter', 'mousemove', 'focus'])
            el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
    }
}"""


def test_search_shows_the_hostile_text_without_running_it(hostile):
    """Material's search renders titles and text of the index as HTML."""
    page = hostile
    page.goto("")
    box = page.locator(".md-search__input")
    box.click()
    # Words of the payloads that Material's tokenizer indexes on their own (it does not split
    # "</textarea></title>…", so "textarea" finds nothing, every time).
    for query in ("alert", "onmouseover", "script", "javascript", "onerror", "iframe", "onclick"):
        box.fill("")
        expect(page.locator(".md-search-result__item")).to_have_count(0)  # no stale list of the last query
        box.press_sequentially(query, delay=10)
        assert wait_for_settled_results(page) > 0, f"no search result for {query!r}"
        # Material redraws the list while it works; pointer events are dispatched in the page to the
        # elements as they are at that moment, rather than hovering a handle the redraw can detach.
        page.evaluate(_POINT_AT_RESULTS)
        _assert_nothing_ran(page)
    # Results update as the query is typed: wait for them rather than reading a half-drawn list.
    expect(page.locator(".md-search-result")).to_contain_text("<script>", timeout=15000)


def test_timeline_strip_and_structure_svg_are_inert(hostile):
    page = hostile
    for path in ("timeline/", "figures/f2/", "figures/f3/"):
        page.goto(path)
        for mark in page.locator("svg a, svg text, svg title").all()[:40]:
            if mark.is_visible():
                mark.hover(timeout=2000, force=True)
        _assert_nothing_ran(page)


def test_the_checks_catch_live_content(browser, tmp_path):
    """A page where the payloads are live: the traps, the handler scan and the request log all see it."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>live</title><p onmouseover="alert(2)">hover</p><img src=x onerror="alert(1)">'
        '<a href="javascript:alert(3)">a</a><iframe srcdoc="<p>x</p>"></iframe>',
        "utf-8",
    )
    server, url = serve(tmp_path)
    context = browser.new_context(base_url=url)
    try:
        context.add_init_script(_TRAPS)
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto("")
        page.wait_for_function("window.__ran.length > 0")
        page.locator("p").hover()
        assert "alert:1" in page.evaluate("window.__ran") and "alert:2" in page.evaluate("window.__ran")
        found = page.evaluate(_HANDLERS)
        assert any("onmouseover" in f for f in found) and any("IFRAME" in f for f in found), found
        assert any("javascript:" in f for f in found), found
        assert any(r.endswith("/x") for r in page.requests)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
