"""``alliance-site render --out DIR``: the generated Markdown and a plain mkdocs.yml, buildable without the plugin."""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

import yaml

from ..cache import cache_folder
from ..errors import format_problems
from ..site import BuildCache, build_site
from . import add_content_arg


def register(sub) -> None:
    p = sub.add_parser("render", help="write the generated pages and a plain mkdocs.yml to a folder")
    add_content_arg(p)
    p.add_argument("--out", required=True, help="output folder (its docs/ and mkdocs.yml are replaced)")
    p.add_argument("--templates", default="templates", help="template override folder (default: ./templates)")
    p.add_argument("--csl-style", default=None, help="a .csl style file (as the plugin's csl_style option)")
    p.add_argument("--csl-locale", default=None, help="locale of the citation style (as the plugin's csl_locale)")
    p.add_argument("--ui-language", default="en", help="language of the interface words (default: en)")
    p.add_argument("--site-url", default="", help="the site's address (as mkdocs.yml's site_url), for page metadata")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="a cold build: neither read nor write the cache (.cache/alliance-site/ beside the content folder)",
    )
    p.add_argument("--site-name", default=None, help="site_name of the written mkdocs.yml (default: corpus title)")


def run(args) -> int:
    content = Path(args.content).resolve()
    cache = BuildCache.at(cache_folder(content.parent, enabled=not args.no_cache))
    build = build_site(
        content,
        templates_dir=Path(args.templates),
        ui_language=args.ui_language,
        csl_style=str(Path(args.csl_style).resolve()) if args.csl_style else None,
        csl_locale=args.csl_locale,
        site_url=args.site_url,
        cache=cache,
    )
    if build.errors:
        print(format_problems(build.problems), file=sys.stderr)
        return 1
    out = Path(args.out)
    docs = out / "docs"
    for page in build.pages:
        target = docs / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        data = page.content
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    # site_name is HTML to Material, printed unescaped in text and in attributes: the corpus title goes in escaped.
    title = args.site_name or escape(next((p.title for p in build.pages if p.uri == "index.md"), "Corpus"))
    theme_dir = str(build.theme_dir) if build.theme_dir.is_dir() else None
    config = {
        "site_name": title,
        "theme": {"name": "material", "font": False, **({"custom_dir": theme_dir} if theme_dir else {})},
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "md_in_html"],
        "extra_css": build.stylesheets,
        "extra_javascript": build.scripts,
        "nav": build.nav,
    }
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    print(f"wrote {len(build.pages)} files to {docs} and {out / 'mkdocs.yml'}")
    return 0
