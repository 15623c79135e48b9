"""The citation engine's cost alone: ``python bench/engine.py [N ...]`` (default 1000 10000).

For each N, makes a synthetic corpus of N sources (``alliance-site synth``, seed 1) in bench/work/, loads
it, and times what a build asks of the engine: one ``Bibliography`` (a ``CSL.Engine`` with every source
registered), every citation of the corpus registered and formatted (one batched call), each work's own
part (``cite_parts``), every bibliography entry (one ``makeBibliography``) and every source's label.
Runs it twice in one process and checks both runs give the same output. Writes ``"engine"`` into
bench/results.json (other keys kept). Times are measurements, never test assertions.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from alliance_site.citations import Bibliography
from alliance_site.citations.citeproc_js import CiteprocJS
from alliance_site.text.markup import Citation, CiteItem
from alliance_site.validate.run import load_corpus

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "work"
RESULTS = REPO / "bench" / "results.json"


def corpus_of(n: int):
    folder = WORK / f"engine-{n}"
    if not (folder / "content" / "corpus.yml").is_file():
        command = [sys.executable, "-m", "alliance_site.cli", "synth", str(folder), "--sources", str(n), "--seed", "1"]
        subprocess.run([*command, "--force"], check=True, capture_output=True)
    return load_corpus(folder / "content").corpus


def one_run(corpus) -> tuple[float, str, dict]:
    sources = [s.data for s in corpus.sources.values()]
    citations = [c for p in corpus.paragraphs.values() for c in p.citations]
    engine = CiteprocJS.shared()
    calls = engine.calls
    start = time.perf_counter()
    bib = Bibliography(sources, locale=corpus.meta["language"])
    bib.register(citations)
    out = [bib.cite_parts(c) for c in citations]
    out += [bib.reference(k) for k in bib.keys_in_order()]
    out += [bib.cite(Citation((CiteItem(k),), False, 0, 0)) for k in bib.keys_in_order()]
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256(json.dumps(out, ensure_ascii=False).encode()).hexdigest()
    counts = {
        "sources": len(sources),
        "citations": len(citations),
        "works_cited": sum(len(c.items) for c in citations),
        "js_calls": engine.calls - calls,
    }
    return elapsed, digest, counts


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    results = {}
    CiteprocJS.shared()  # V8 start-up and loading citeproc-js, measured on its own
    for n in sizes:
        corpus = corpus_of(n)
        first, digest_a, counts = one_run(corpus)
        second, digest_b, _ = one_run(corpus)
        results[str(n)] = {
            **counts,
            "first_run_s": round(first, 3),
            "second_run_s": round(second, 3),
            "identical_output": digest_a == digest_b,
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        }
        print(f"{n} sources: {first:.2f} s, {second:.2f} s; {counts}; identical: {digest_a == digest_b}")
    data = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    engine = {k: v for k, v in data.get("engine", {}).items() if k != "note"}  # a note is about the old run
    engine.update(
        {
            "what": "Bibliography + register + every cite_parts + every reference + every source label, seconds",
            "engine": "citeproc-js 2.4.63 in mini-racer 0.12.4",
            "js_calls_are": "Python -> JS calls of one run: new engine, layout, all clusters, the bibliography"
            " (+ locales the first time)",
            **results,
        }
    )
    data["engine"] = engine
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
