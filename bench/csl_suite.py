"""Run the CSL processor test suite against the engine and record the count in bench/results.json.

``python bench/csl_suite.py [SUITE_DIR]`` (default ``../shared/data/csl-test-suite/processor-tests/humans``)
writes ``"csl_suite": {"passed": N, "total": 845, "failed": [names]}`` into bench/results.json, keeping
the file's other keys.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.csl_suite import run_suite

DEFAULT_SUITE = REPO.parent / "shared" / "data" / "csl-test-suite" / "processor-tests" / "humans"
RESULTS = REPO / "bench" / "results.json"


def main(argv: list[str]) -> int:
    suite = Path(argv[0]) if argv else DEFAULT_SUITE
    result = run_suite(suite)
    data = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    data["csl_suite"] = result.as_json()
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"csl_suite: {result.passed}/{result.total} passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
