"""Build a site with the real `mkdocs` command, the way a user does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def _run(command: list[str], cwd: Path | None, env: dict | None, timeout: int) -> subprocess.CompletedProcess:
    """Run a command as a user would, with a fixed build date; returns the finished process (never raises)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800", **(env or {})}
    return subprocess.run(
        command,
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def mkdocs_build(project: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in ``project``; returns the finished process (never raises)."""
    return _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra], project, env, 600)


def alliance_site(
    *args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 600
) -> subprocess.CompletedProcess:
    """Run the installed `alliance-site` command (the module where no script is installed)."""
    script = Path(sys.executable).parent / "alliance-site"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "alliance_site.cli"]
    return _run([*command, *map(str, args)], cwd, env, timeout)
