"""Fixtures shared by the whole suite: the real corpus built once, as a user builds it."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Builds in the suite are cold: many build the fixture roots in place and compare the project's files
# before and after, and a cache beside mkdocs.yml would be such a file. The cache's own tests
# (test_build_cache.py, test_plugin_cache.py) turn it on, in copies of the roots.
os.environ.setdefault("ALLIANCE_SITE_NO_CACHE", "1")

from support.sitebuild import REPO, SHARED, mkdocs_build

# Property tests run the same examples on every run and every machine (derandomize: seeded from each
# test's name), and write no example database into the checkout: a failure in CI is reproduced by
# running the same test again. HYPOTHESIS_PROFILE=long (tests/test_properties.py) explores at random.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci":
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The repository's site (the real corpus), built with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def shared_dir():
    """The shared test data (../shared); tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
