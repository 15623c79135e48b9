"""``alliance-site validate``: every problem of the corpus at once, as ``file:line:column``."""

from __future__ import annotations

import sys

from ..errors import format_problems
from ..validate.findings import data_findings
from ..validate.run import load_corpus
from . import add_content_arg


def register(sub) -> None:
    p = sub.add_parser("validate", help="check the corpus; exit 0 when clean, 1 on errors")
    add_content_arg(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--strict", action="store_true", help="warnings fail too")


def run(args) -> int:
    result = load_corpus(args.content)
    problems = list(result.problems)
    if result.corpus is not None:
        problems += data_findings(result.documents)
    if args.format == "json" or problems:
        print(format_problems(problems, args.format))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if args.format == "text":
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0
