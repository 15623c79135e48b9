"""``alliance-site new source|event|table|figure|paragraph``: scaffold a valid entry, and refuse to overwrite.

Values come from flags; in a terminal the command asks for a required one that
is missing. The id follows the corpus's convention (see :mod:`alliance_site.scaffold`).
Nothing is written unless the whole corpus, with the new entry, still validates:
the change is tried on a shadow copy of ``content/`` first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import format_problems
from ..scaffold import ScaffoldError
from ..scaffold_schemas import ensure_schema
from ._new_args import register
from ._new_plan import MissingValue, Refused, Values, plan_file, plan_paragraph
from ._trial import new_problems, shown, write_atomic

__all__ = ["register", "run"]


def _terminal_ask(prompt: str) -> str | None:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    return line.rstrip("\n") if line else None


def run(args, ask=None) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"error: content folder {content} does not exist (set it with --content)", file=sys.stderr)
        return 1
    if ask is None and sys.stdin is not None and sys.stdin.isatty():
        ask = _terminal_ask
    values = Values(args, ask)
    try:
        if args.kind == "paragraph":
            target, text, ident, line = plan_paragraph(content, args, values)
        else:
            (target, text, ident), line = plan_file(content, args, values), 1
        errors, warnings = new_problems(content, target, text)
    except MissingValue as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (Refused, ScaffoldError) as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    if errors:
        print(format_problems(errors), file=sys.stderr)
        print(f"error: the new {args.kind} would make the corpus invalid; nothing was written", file=sys.stderr)
        return 1
    write_atomic(target, text)
    if args.kind != "paragraph":  # a new file: its schema line must resolve
        ensure_schema(content, target)
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    print(f"{shown(content, target)}:{line}: new {args.kind} {ident}")
    return 0
