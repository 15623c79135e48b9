"""The official CSL processor test suite against the engine as the project loads it (citeproc-js from
the package's npm-installed ``_vendor`` folder, in the project's V8 context, with the shipped locales).

The count must not drop below what the engine is known to pass; bench/csl_suite.py writes the count
and the failing fixtures into bench/results.json (``"csl_suite"``).
"""

from __future__ import annotations

import json

import pytest

from support.csl_suite import fixtures, run_suite
from support.sitebuild import REPO, SHARED

SUITE = SHARED / "data" / "csl-test-suite" / "processor-tests" / "humans"
# citeproc-js 2.4.63 with citeproc-locales 1.0.2. Nine of the ten it fails want newer CSL locale data
# than that package has: "AD"/"BC" with a space (4 fixtures), "trans." for translator (2), "No." for
# number, "June" as a short month, a Chinese term; one (textcase_TitleCaseWithVolumeTitle) wants the
# German stop word "und" kept lower-case in title case.
KNOWN_PASSED = 835
TOTAL = 845

pytestmark = pytest.mark.skipif(not SUITE.is_dir(), reason="../shared/data/csl-test-suite not present")


def test_the_suite_holds_every_fixture():
    tests = fixtures(SUITE)
    assert len(tests) == TOTAL
    assert {t["mode"] for t in tests} == {"citation", "bibliography"}
    assert all(t["input"] is not None and t["csl"].lstrip().startswith("<") for t in tests)


def test_the_engine_passes_at_least_its_known_count():
    result = run_suite(SUITE)
    assert result.total == TOTAL
    assert result.passed >= KNOWN_PASSED, f"{result.passed} passed; failing: {result.failed}"


def test_the_recorded_count_is_the_engines():
    """bench/results.json says what the engine passes, and the floor above is that count."""
    recorded = json.loads((REPO / "bench" / "results.json").read_text(encoding="utf-8"))["csl_suite"]
    assert recorded["total"] == TOTAL
    assert recorded["passed"] == KNOWN_PASSED == TOTAL - len(recorded["failed"])
