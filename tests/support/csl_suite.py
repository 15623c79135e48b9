"""The official CSL processor test suite (``../shared/data/csl-test-suite/processor-tests/humans``) run
against citeproc-js as the project loads it: the same V8 context class, citeproc.js from the package's
``_vendor`` folder (the build hook's npm install), the project's bridge and its shipped CSL locales.
All fixtures go to V8 in one call. Used by tests/test_csl_suite.py and bench/csl_suite.py."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from alliance_site.citations.citeproc_js import CiteprocJS, available_locales

RUNNER = Path(__file__).with_name("csl_suite_runner.js")
_SECTION = re.compile(r">>=+ *([A-Z-]+) *=+>>\n(.*?)\n?<<=+ *\1 *=+<<", re.DOTALL)
_JSON_SECTIONS = {"INPUT": "input", "CITATION-ITEMS": "citation_items", "CITATIONS": "citations"}


@dataclass
class SuiteResult:
    total: int
    passed: int
    failed: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"passed": self.passed, "total": self.total, "failed": sorted(self.failed)}


def parse_fixture(path: Path) -> dict:
    """One fixture file as ``{name, mode, result, csl, input, citation_items?, citations?}``."""
    sections = {name: body for name, body in _SECTION.findall(path.read_text(encoding="utf-8"))}
    fixture = {
        "name": path.stem,
        "mode": sections["MODE"].strip(),
        "result": sections["RESULT"],
        "csl": sections["CSL"],
    }
    for section, key in _JSON_SECTIONS.items():
        if section in sections:
            fixture[key] = json.loads(sections[section])
    return fixture


def fixtures(directory: Path) -> list[dict]:
    """Every fixture of the suite's top folder (845 in the copy in ../shared), sorted by name."""
    return [parse_fixture(p) for p in sorted(directory.glob("*.txt"))]


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def run_suite(directory: Path) -> SuiteResult:
    tests = fixtures(directory)
    engine = CiteprocJS()  # a context of its own: the suite's engines do not mix with a build's
    engine.add_locales(available_locales())
    engine.load(RUNNER.read_text(encoding="utf-8"))
    outputs = engine.call(
        "asSuite", [{k: v for k, v in t.items() if k != "result"} for t in tests], work=10 * len(tests)
    )
    failed = [t["name"] for t, out in zip(tests, outputs) if _normalised(out) != _normalised(t["result"])]
    return SuiteResult(total=len(tests), passed=len(tests) - len(failed), failed=failed)
