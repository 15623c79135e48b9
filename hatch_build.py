"""Hatch build hook: put citeproc-js and the CSL locales into the package (``src/alliance_site/_vendor/``).

The pattern of JupyterLab extensions' hatch build hooks: JavaScript comes from the npm registry at the
versions ``package-lock.json`` pins (with their integrity hashes), installed by ``npm ci`` when the wheel
or an editable install is built, and copied into a gitignored folder of the package. Nothing of it is
committed. The copy is skipped when the folder already holds what the lock file asks for (its stamp).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

VENDOR = Path("src/alliance_site/_vendor")
# (npm package, files of it to ship, where they go under _vendor/)
SHIPPED = (
    ("citeproc", ("citeproc_commonjs.js", "LICENSE", "package.json"), "citeproc"),
    ("citeproc-locales", ("locales/*.xml", "locales/README.md", "package.json"), "citeproc-locales"),
)
NOTICE = """\
Third-party files shipped in this folder (installed from the npm registry by hatch_build.py):

citeproc/          citeproc-js {citeproc}, the CSL processor, by Frank Bennett.
                   Licence: CPAL-1.0 OR AGPL-3.0 (either, at your option; see citeproc/LICENSE).
citeproc-locales/  the CSL locale files of the Citation Style Language project, package
                   citeproc-locales {locales}. Licence: CC BY-SA 3.0 (see citeproc-locales/README.md).
                   Citation Style Language: https://citationstyles.org/
"""


class VendorJavaScriptHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name == "sdist":
            return  # the sdist carries package.json and the lock file; its wheel build runs npm ci
        root = Path(self.root)
        lock = (root / "package-lock.json").read_bytes()
        stamp = hashlib.sha256(lock).hexdigest()
        vendor = root / VENDOR
        if (vendor / "STAMP").is_file() and (vendor / "STAMP").read_text() == stamp:
            return
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                "npm is needed to build alliance-site (it installs citeproc-js from package-lock.json): "
                "install Node.js and npm (Debian: apt-get install nodejs npm), or run bash scripts/test"
            )
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=root, check=True)
        if vendor.exists():
            shutil.rmtree(vendor)
        versions = {}
        for package, patterns, target in SHIPPED:
            source = root / "node_modules" / package
            versions[package] = json.loads((source / "package.json").read_text())["version"]
            for pattern in patterns:
                for path in sorted(source.glob(pattern)):
                    destination = vendor / target / path.name
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, destination)
        (vendor / "NOTICE").write_text(
            NOTICE.format(citeproc=versions["citeproc"], locales=versions["citeproc-locales"])
        )
        (vendor / "STAMP").write_text(stamp)
