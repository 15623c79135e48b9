"""The ``alliance-site`` command line: a thin dispatcher over :mod:`alliance_site.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys
from importlib.metadata import version

__all__ = ["main"]

#: Sub-commands, each a module in alliance_site.commands with ``register(subparsers)`` and ``run(args) -> int``.
COMMANDS = ("init", "validate", "render", "schema", "synth", "new", "import-bib")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="alliance-site", description="Research corpus (YAML) → scholarly website.")
    parser.add_argument("--version", action="version", version=f"alliance-site {version('alliance-site')}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    for name in COMMANDS:
        module = importlib.import_module(f"alliance_site.commands.{name.replace('-', '_')}")
        module.register(sub)
        modules[name] = module
    args = parser.parse_args(argv)
    try:
        return modules[args.command].run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
