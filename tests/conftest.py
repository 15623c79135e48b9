"""Fixtures shared by the whole suite: the real corpus built once, as a user builds it."""

from __future__ import annotations

import pytest

from support.sitebuild import REPO, SHARED, mkdocs_build


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
