"""The suite's property tests run under the fixed "ci" profile (tests/conftest.py) unless a run asks for
another one: the same examples every run, no example database written into the checkout."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings


@pytest.mark.skipif(os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci", reason="another profile was asked for")
def test_property_tests_are_derandomized_and_write_no_database():
    assert settings.default.derandomize is True
    assert settings.default.database is None
