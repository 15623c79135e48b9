"""The machine a benchmark ran on, and the results as JSON and as a Markdown table."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import yaml

__all__ = ["machine", "update_readme", "write_reports"]

_LABELS = {"real": "real corpus", "1000": "1,000 sources", "10000": "10,000 sources"}


def _first_line(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()[0].strip()
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown"


def machine() -> dict:
    """CPU, cores, memory, and the versions that matter to the numbers."""
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")), platform.processor()
    )
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else "MemTotal: 0 kB"
    mem_kib = int(next(ln.split()[1] for ln in meminfo.splitlines() if ln.startswith("MemTotal")))

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    root = Path(__file__).resolve().parent.parent
    commit = _first_line(["git", "-C", str(root), "rev-parse", "--short", "HEAD"])
    dirty = _first_line(["git", "-C", str(root), "status", "--porcelain"]) not in ("", "unknown")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024**2, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
        "mkdocs_bibtex": version("mkdocs-bibtex"),
        "pandoc": _first_line(["pandoc", "--version"]),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "commit": commit + ("+dirty" if dirty else ""),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _machine_line(m: dict) -> str:
    return (
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; Python {m['python']}; "
        f"MkDocs {m['mkdocs']}; Material {m['mkdocs_material']}; mkdocs-bibtex {m['mkdocs_bibtex']} ({m['pandoc']}); "
        f"commit {m['commit']}; {m['date']}"
    )


def _summary(m: dict) -> str:
    load = f"load average (1, 5, 15 min) {m.get('load_average_start')} at the start, {m.get('load_average_end')} at the end"
    return f"Machine: {_machine_line(m)}. Whole benchmark: {m.get('total_benchmark_s', '?')} s; {load}."


def _not_run(m: dict) -> list[str]:
    left = [(c, v, why) for c, variants in (m.get("not_run") or {}).items() for v, why in variants.items()]
    if not left:
        return []
    said = "; ".join(f"{_LABELS.get(c, c)} {v}: {why}" for c, v, why in left)
    return ["", f"Left out to stay within the benchmark's time budget ({m.get('budget_minutes')} min): {said}."]


def markdown(rows: list[dict], serve: dict | None, verdicts: list[dict], m: dict) -> str:
    lines = [
        "# Benchmark results",
        "",
        _summary(m),
        "",
        "| Corpus | Variant | Median (s) | Min (s) | Max (s) | CPU median (s) | Peak memory (MiB) | Runs |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        lines.append(
            f"| {_LABELS.get(r['corpus'], r['corpus'])} | {r['variant']} | {r['wall_s_median']:.2f} | "
            f"{r['wall_s_min']:.2f} | {r['wall_s_max']:.2f} | {r['cpu_s_median']:.2f} | {r['peak_mib']:.0f} | {r['runs']} |"
        )
    lines += _not_run(m)
    if serve:
        kinds = serve.get("edit_to_visible_s") or {}
        worst = serve.get("edit_to_visible_s_max") or {}
        shown = ", ".join(f"{k} {v:.2f} s (max {worst.get(k, v):.2f} s)" for k, v in kinds.items())
        lines += [
            "",
            (
                f"Under `mkdocs serve` (1,000 sources; first build served after {serve.get('first_build_s', '?')} s), "
                f"edit-to-visible, median: {shown}."
            ),
        ]
    lines += [
        "",
        "## Budgets",
        "",
        "Judged on wall time; the same ratio on CPU time is shown for a machine shared with other work.",
        "",
        "| Budget | Value (wall) | Value (CPU) | Limit | Verdict |",
        "|---|--:|--:|--:|---|",
    ]
    for v in verdicts:
        verdict = "n/a" if v["pass"] is None else ("PASS" if v["pass"] else "**FAIL**")
        cpu = "" if v.get("value_cpu") is None else v["value_cpu"]
        lines.append(f"| {v['budget']} | {v['value']} | {cpu} | {v['limit']} | {verdict} |")
    return "\n".join(lines) + "\n"


def write_reports(out: Path, rows, serve, verdicts, m: dict, peer: dict) -> None:
    data = {"machine": m, "rows": rows, "serve_rebuild": serve, "budgets": verdicts, "peer": peer}
    # The CSL suite count and the engine's citation cost are measured by their own scripts
    # (bench/csl_suite.py, bench/engine.py) into the same file: a build benchmark keeps them.
    previous = out / "results.json"
    if previous.is_file():
        kept = json.loads(previous.read_text("utf-8"))
        data.update({k: v for k, v in kept.items() if k not in data})
    (out / "results.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (out / "results.md").write_text(markdown(rows, serve, verdicts, m), "utf-8")


START, END = "<!-- results -->", "<!-- /results -->"


def update_readme(readme: Path, results_md: str) -> bool:
    """Put ``results_md`` (results.md, without its title) between the README's ``<!-- results -->``
    markers, so that the README shows the latest run; False when the markers are not there."""
    text = readme.read_text("utf-8")
    if START not in text or END not in text.split(START, 1)[1]:
        return False
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    body = results_md.split("\n", 1)[1].strip() if results_md.startswith("# ") else results_md.strip()
    body = body.replace("\n## Budgets\n", "\nBudgets (`bench/budgets.py`):\n")
    readme.write_text(f"{head}{START}\nLatest run (from `bench/results.md`):\n\n{body}\n\n{END}{tail}", "utf-8")
    return True
