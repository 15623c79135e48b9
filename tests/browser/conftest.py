"""The browser harness: the real corpus, built once, served on 127.0.0.1, read by Debian's Chromium.

Everything is local: Chromium is /usr/bin/chromium (never `playwright install`), the site is served
by a thread of this process, and every browser context aborts and records any request for another
host; a test that made one fails, and so does one whose pages threw a JavaScript error.
Run these tests alone with `.venv/bin/python -m pytest -q -m browser` (or `bash scripts/test -m browser`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, Guard, LinkCheck, serve

from support.sitebuild import REPO, mkdocs_build

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
    config.stash[_LINKS_SELECTED] = any(Path(str(item.path)).name == "test_browser_links.py" for item in items)


_LINKS_SELECTED = pytest.StashKey[bool]()


# ---------------------------------------------------------------------------------------- Chromium


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, with Debian's Chromium and no background traffic."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `bash scripts/test` installs it (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, site_url):
    return {
        **browser_context_args,
        "base_url": site_url,
        "locale": "en-GB",
        "timezone_id": "UTC",
    }


# ---------------------------------------------------------------------------------------- the sites


@pytest.fixture(scope="session")
def site_url(built_site):
    """The real corpus's site (built once per session, tests/conftest.py), served on 127.0.0.1."""
    server, url = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    """The site built to be read from disk: `mkdocs build -f mkdocs.offline.yml` (Material's offline plugin)."""
    site = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(REPO, site, "-f", str(REPO / "mkdocs.offline.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session", autouse=True)
def _fresh_artifacts():
    """test-artifacts/ holds this run's screenshots and axe-core reports only."""
    for folder, pattern in ((SCREENSHOTS, "*.png"), (SCREENSHOTS, "*.jpg"), (ARTIFACTS / "axe", "*.json")):
        for old in folder.glob(pattern):
            old.unlink()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def linkcheck(site_url, tmp_path_factory):
    """LinkChecker over the served site, started once and run in the background (see harness.LinkCheck)."""
    check = LinkCheck(site_url, tmp_path_factory.mktemp("linkcheck") / "report.csv")
    yield check
    check.stop()


@pytest.fixture(scope="session", autouse=True)
def _linkcheck_starts_early(request):
    """When the link test is selected, LinkChecker starts with the first browser test, not with the link test."""
    if request.config.stash.get(_LINKS_SELECTED, False):
        request.getfixturevalue("linkcheck")


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# ---------------------------------------------------------------------------------------- privacy


@pytest.fixture
def guard(site_url):
    guard = Guard(site_url)
    yield guard
    guard.check()


@pytest.fixture
def new_context(new_context, guard):
    """Every context of a browser test (pytest-playwright's `context` and `page` included) is guarded."""

    def factory(**kwargs):
        kwargs.setdefault("viewport", {"width": 1280, "height": 900})
        return guard.attach(new_context(**kwargs))

    return factory
