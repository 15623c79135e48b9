"""``alliance-site validate``: every finding of the corpus at once, as ``file:line:column``.

It passes or fails exactly as ``mkdocs build`` does (:mod:`alliance_site.validate.verdict`), and lists the
notes too: pending translations, uncited sources, the source text's own inconsistencies.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import format_problems
from ..validate.run import load_corpus
from ..validate.site_settings import site_url_finding, site_url_in
from ..validate.verdict import fails, summary
from . import add_content_arg


def register(sub) -> None:
    p = sub.add_parser(
        "validate", help="check the corpus; exit 1 on errors (and on warnings with --strict), as mkdocs build does"
    )
    add_content_arg(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--strict", action="store_true", help="warnings fail too, as in 'mkdocs build --strict'")


def run(args) -> int:
    result = load_corpus(args.content)
    problems = list(result.problems)
    mkdocs_yml = Path(args.content).parent / "mkdocs.yml"
    if mkdocs_yml.is_file():  # the site's settings, where the corpus has a site beside it
        shown = mkdocs_yml.relative_to(Path(args.content).parent).as_posix()
        finding = site_url_finding(shown, site_url_in(mkdocs_yml))
        problems += [finding] if finding else []
    if args.format == "json" or problems:
        print(format_problems(problems, args.format))
    if args.format == "text":
        print(summary(problems), file=sys.stderr)
    return 1 if fails(problems, strict=args.strict) else 0
