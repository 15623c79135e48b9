"""What the project claims about the engine's platforms and packaging, checked where it can be offline:
the pinned mini-racer is the one installed, its wheel tag is among those the README lists, and the
package's JavaScript is what package-lock.json pins (with an integrity hash), put there by the build
hook and not committed."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from importlib import metadata

import pytest

from alliance_site.citations import citeproc_js
from support.sitebuild import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _pin(name: str) -> str:
    (spec,) = [d for d in PYPROJECT["project"]["dependencies"] if re.match(rf"{name}\b", d)]
    return spec.split("==", 1)[1]


def test_installed_mini_racer_is_the_pinned_one_on_a_platform_the_readme_lists():
    pinned = _pin("mini-racer")
    assert f"`mini-racer` is pinned to **{pinned}**" in README
    assert metadata.version("mini-racer") == pinned
    wheel = metadata.distribution("mini-racer").read_text("WHEEL") or ""
    tags = [line.split(": ", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag: ")]
    platforms = {tag.split("-")[-1] for tag in tags}
    listed = set(re.findall(r"`((?:many|musl)linux_\w+|macosx_\w+|win_\w+)`", README))
    assert platforms and platforms <= listed, (platforms, listed)


def test_citeproc_py_is_gone():
    dependencies = " ".join(PYPROJECT["project"]["dependencies"])
    assert "citeproc-py==" not in dependencies
    sources = [p.read_text(encoding="utf-8") for p in (REPO / "src").rglob("*.py")]
    assert not any(re.search(r"^\s*(from|import) citeproc\b", s, re.MULTILINE) for s in sources)


def test_javascript_comes_from_the_lock_file_with_integrity_hashes():
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    packages = {k.removeprefix("node_modules/"): v for k, v in lock["packages"].items() if k}
    assert set(packages) == {"citeproc", "citeproc-locales"}
    assert all(v["integrity"].startswith("sha512-") for v in packages.values())
    shipped = json.loads((citeproc_js.VENDOR / "citeproc" / "package.json").read_text(encoding="utf-8"))
    assert shipped["version"] == packages["citeproc"]["version"]
    assert (citeproc_js.VENDOR / "citeproc" / "LICENSE").read_text(encoding="utf-8").count("CPAL") >= 1
    notice = (citeproc_js.VENDOR / "NOTICE").read_text(encoding="utf-8")
    assert "CPAL-1.0 OR AGPL-3.0" in notice and "citationstyles.org" in notice.lower()
    assert {"en-US", "id-ID"} <= set(citeproc_js.available_locales())


def test_vendored_javascript_is_not_committed():
    tracked = subprocess.run(
        ["git", "ls-files", "src/alliance_site/_vendor"], check=False, cwd=REPO, capture_output=True, text=True
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert tracked.stdout == ""
    ignored = subprocess.run(["git", "check-ignore", "-q", "src/alliance_site/_vendor/NOTICE"], check=False, cwd=REPO)
    assert ignored.returncode == 0


def test_licence_expression_names_what_the_wheel_ships():
    assert PYPROJECT["project"]["license"] == "MIT AND (CPAL-1.0 OR AGPL-3.0-or-later) AND CC-BY-SA-3.0"
