"""Run a command as a child process and measure its wall time and peak memory.

Peak memory is ``ru_maxrss`` of the rusage ``os.wait4`` returns for that one child: the
largest resident set of the child and of every descendant it waited for (pandoc, for the
peer), on Linux in KiB. Waiting on each child by pid keeps one run's peak from leaking into
the next, which ``getrusage(RUSAGE_CHILDREN)`` (a maximum over all children ever) would not.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Sample", "Series", "run_once"]


@dataclass(frozen=True)
class Sample:
    wall_s: float
    peak_kib: int
    cpu_s: float  # user + system time of the child and its descendants: steadier than wall on a busy machine
    inner_s: float | None = None  # time the child reports for itself ("INNER <seconds>" on stdout)


@dataclass
class Series:
    """Several runs of one variant on one corpus."""

    corpus: str
    variant: str
    samples: list[Sample] = field(default_factory=list)

    def row(self) -> dict:
        walls = [s.wall_s for s in self.samples]
        row = {
            "corpus": self.corpus,
            "variant": self.variant,
            "wall_s_median": round(statistics.median(walls), 3),
            "wall_s_min": round(min(walls), 3),
            "wall_s_max": round(max(walls), 3),
            "peak_mib": round(max(s.peak_kib for s in self.samples) / 1024, 1),
            "runs": len(walls),
            "cpu_s_median": round(statistics.median(s.cpu_s for s in self.samples), 3),
        }
        inner = [s.inner_s for s in self.samples if s.inner_s is not None]
        if inner:
            row["inner_s_median"] = round(statistics.median(inner), 3)
        return row


class CommandFailed(RuntimeError):
    pass


def run_once(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run ``cmd`` to completion; raise :class:`CommandFailed` with its output's tail when it fails."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise CommandFailed(f"{' '.join(cmd)} (in {cwd}) exited {proc.returncode}:\n{text[-3000:]}")
    inner = next((float(line.split()[1]) for line in text.splitlines() if line.startswith("INNER ")), None)
    return Sample(wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, inner)
