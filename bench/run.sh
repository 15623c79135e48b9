#!/usr/bin/env bash
# Benchmark from a fresh clone: bash bench/run.sh [--quick] [run.py options]
# Sets up what only the benchmark needs (pandoc, mkdocs-bibtex, pyinstrument), never in the core deps.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pandoc >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq pandoc >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[bench]"
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python bench/run.py "$@"
