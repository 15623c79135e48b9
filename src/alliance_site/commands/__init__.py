"""Sub-commands of the ``alliance-site`` CLI; one module each, with ``register`` and ``run``."""

from __future__ import annotations

import argparse

__all__ = ["add_content_arg"]


def add_content_arg(parser: argparse.ArgumentParser) -> None:
    """The ``--content`` option every corpus command shares."""
    parser.add_argument("--content", default="content", help="corpus folder (default: ./content)")
