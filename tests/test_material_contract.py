"""What alliance-site.js relies on in Material for MkDocs, pinned against the installed Material (its
JavaScript bundle and the site's configuration), so that an upgrade that changes one of them fails
here, not silently in a reader's browser:

- ``window.document$``: the observable of page loads (instant navigation) that ``init`` subscribes to;
- the ``__code_<id>`` id Material gives a ``<pre>`` it mounts as a code block (copy buttons look it up);
- ``?h=`` on search result links under the ``search.highlight`` feature (landing on the hit).
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from support.sitebuild import REPO

JS = (REPO / "src" / "alliance_site" / "assets" / "alliance-site.js").read_text("utf-8")


@pytest.fixture(scope="module")
def bundle() -> str:
    folder = resources.files("material").joinpath("templates", "assets", "javascripts")
    (name,) = [p.name for p in folder.iterdir() if re.fullmatch(r"bundle\.[0-9a-f]+\.min\.js", p.name)]
    return folder.joinpath(name).read_text("utf-8")


def test_document_observable(bundle):
    assert "window.document$.subscribe(init)" in JS
    assert re.search(r"window\.document\$=\w+", bundle)


def test_code_block_ids(bundle):
    assert 'getElementById("__code_" + id)' in JS
    assert re.search(r"\.id=`__code_\$\{\w+\}`", bundle)


def test_search_highlight_query(bundle):
    assert 'URLSearchParams(window.location.search).get("h")' in JS
    assert re.search(r'V\("search\.highlight"\)&&\w+\.searchParams\.set\("h",', bundle) or re.search(
        r'"search\.highlight"\)[^;]{0,40}searchParams\.set\("h",', bundle
    )
    features = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["theme"]["features"]
    assert "search.highlight" in features


def test_search_dialog_is_the_one_alliance_site_names(bundle):
    partial = resources.files("material").joinpath("templates", "partials", "search.html").read_text("utf-8")
    assert '<div class="md-search" data-md-component="search" role="dialog">' in partial
    assert 'class="md-search__input"' in partial and "aria-label=" in partial
    assert '.md-search[role="dialog"]' in JS and ".md-search__input" in JS
