"""``alliance-site render --out DIR`` (the eject): the generated site as a plain, self-contained project,
buildable without the plugin by MkDocs, ProperDocs or Zensical, wherever DIR is moved (see
:mod:`alliance_site.eject`)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..cache import cache_folder
from ..eject import EjectError, plugin_options, read_project_config, write_eject
from ..errors import format_problems
from ..site import BuildCache, build_site
from ..validate.verdict import NOTE


def register(sub) -> None:
    p = sub.add_parser("render", help="eject: write the generated pages and a plain mkdocs.yml to a folder")
    p.add_argument(
        "--config",
        default=None,
        help="the project's mkdocs.yml, whose settings are kept (default: the one beside --content, or ./mkdocs.yml)",
    )
    p.add_argument("--content", default=None, help="corpus folder (default: the plugin's content_dir, or ./content)")
    p.add_argument("--out", required=True, help="output folder (its docs/, overrides/ and mkdocs.yml are replaced)")
    p.add_argument("--templates", default=None, help="template override folder (default: the plugin's templates_dir)")
    p.add_argument("--site-name", default=None, help="site_name of the written mkdocs.yml (default: the original's)")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="a cold build: neither read nor write the cache (.cache/alliance-site/ beside mkdocs.yml)",
    )


def run(args) -> int:
    config_path = Path(args.config or (Path(args.content).parent / "mkdocs.yml" if args.content else "mkdocs.yml"))
    try:
        config = read_project_config(config_path)
    except EjectError as exc:
        print(exc, file=sys.stderr)
        return 1
    project = config_path.parent
    options = plugin_options(config)
    content = Path(args.content) if args.content else project / options.get("content_dir", "content")
    templates = Path(args.templates) if args.templates else project / options.get("templates_dir", "templates")
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    style = options.get("csl_style")
    build = build_site(
        content,
        templates_dir=templates,
        use_directory_urls=config.get("use_directory_urls", True),
        ui_language=options.get("ui_language") or theme.get("language") or "en",
        csl_style=str(project / style) if style else None,
        csl_locale=options.get("csl_locale"),
        cache=BuildCache.at(cache_folder(project, enabled=not args.no_cache)),
    )
    if build.errors:
        print(format_problems([p for p in build.problems if p.severity != NOTE]), file=sys.stderr)
        return 1
    out = Path(args.out)
    count = write_eject(out, build, config, project, templates, args.site_name)
    print(
        f"wrote {count} files to {out / 'docs'}, the theme overrides to {out / 'overrides'}, and {out / 'mkdocs.yml'}"
    )
    return 0
