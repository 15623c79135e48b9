"""Run a piece of work in a child process whose CPU time and memory are capped by the kernel.

A test of "bounded work" must not assert a wall-clock time (the machine may be busy); it gives the
work resource limits that correct code never comes near (linear work on the input at hand takes a
fraction of them) and that the quadratic or unbounded code it guards against always exceeds."""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap

CPU_SECONDS = 10
MEMORY_BYTES = 1_500_000_000


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_bounded(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` (Python) under the limits; the result's returncode is 0 only if it finished
    within them (the kernel kills it with SIGXCPU, or it fails with MemoryError, otherwise)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        preexec_fn=_limit,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
