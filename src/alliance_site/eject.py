"""The eject (``alliance-site render --out DIR``): the whole site as a plain project that builds without
the plugin, with MkDocs, ProperDocs or Zensical, wherever DIR is moved.

What the original ``mkdocs.yml`` says is kept: site name and description, ``site_url``, the theme's
settings (palette, features, language, icons), Markdown extensions (heading permalinks), ``extra``, other
plugins. The theme overrides (the package's, the project's ``templates/theme/``, the project's own
``custom_dir``) are copied into ``DIR/overrides`` and named relatively; hand-written pages of the
original ``docs_dir`` are copied beside the generated ones, which they take precedence over as in the plugin.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import yaml

__all__ = ["EjectError", "ejected_config", "read_project_config", "write_eject"]

PLUGIN = "alliance-site"
#: Markdown extensions the generated pages need (the plugin adds them too).
_NEEDED_EXTENSIONS = ("attr_list", "md_in_html")


def _head_block(theme_dir: Path) -> str:
    """The package's ``{% block extrahead %}`` (the scholarly <head> metadata from each page's front
    matter), for a user's own main.html that lacks one: the eject runs without the plugin, which would
    otherwise add it after the theme."""
    text = (theme_dir / "main.html").read_text("utf-8")
    return "\n" + text[text.index("{% block extrahead %}") :]


class EjectError(Exception):
    """The project's mkdocs.yml cannot be read as plain YAML."""


def read_project_config(path: Path) -> dict:
    """The project's mkdocs.yml as data ({} when there is none)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise EjectError(f"{where}: error: cannot read it as plain YAML ({getattr(exc, 'problem', exc)})") from None
    return data if isinstance(data, dict) else {}


def plugin_options(config: dict) -> dict:
    """The alliance-site plugin's options in a mkdocs.yml (plugins as a list or a mapping)."""
    plugins = config.get("plugins") or []
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else ((p, None) if isinstance(p, str) else next(iter(p.items())) for p in plugins)
    )
    for name, options in items:
        if name == PLUGIN:
            return options if isinstance(options, dict) else {}
    return {}


def _other_plugins(config: dict) -> list:
    plugins = config.get("plugins")
    if plugins is None:
        return ["search"]
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else ((p, None) if isinstance(p, str) else next(iter(p.items())) for p in plugins)
    )
    return [name if not options else {name: options} for name, options in items if name != PLUGIN]


def _extensions(config: dict) -> list:
    given = list(config.get("markdown_extensions") or [])
    names = {e if isinstance(e, str) else next(iter(e)) for e in given}
    return given + [e for e in _NEEDED_EXTENSIONS if e not in names]


def ejected_config(config: dict, build, *, site_name: str | None, overrides: str | None) -> dict:
    """The mkdocs.yml of the eject, from the original's ``config`` and the generator's ``build``."""
    title = next((p.title for p in build.pages if p.uri == "index.md"), "Corpus")
    theme = dict(config.get("theme") or {"name": "material"})
    if isinstance(config.get("theme"), str):
        theme = {"name": config["theme"]}
    theme.setdefault("font", False)
    theme.pop("custom_dir", None)
    if overrides:
        theme["custom_dir"] = overrides
    out = {
        # site_name is HTML to Material, printed unescaped: the corpus title goes in escaped.
        "site_name": site_name or config.get("site_name") or escape(title),
        **{
            k: config[k]
            for k in ("site_description", "site_author", "site_url", "copyright", "use_directory_urls")
            if k in config
        },
        "docs_dir": "docs",
        "theme": theme,
        "plugins": _other_plugins(config),
        "markdown_extensions": _extensions(config),
        **({"extra": config["extra"]} if config.get("extra") else {}),
        "extra_css": list(config.get("extra_css") or []) + build.stylesheets,
        "extra_javascript": list(config.get("extra_javascript") or []) + build.scripts,
        "nav": config.get("nav") or build.nav,
    }
    if "validation" in config:
        out["validation"] = config["validation"]
    return out


def write_eject(out: Path, build, config: dict, project: Path, templates_dir: Path, site_name: str | None) -> int:
    """Write the eject into ``out``; the number of files written."""
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    handwritten = project / str(config.get("docs_dir") or "docs")
    if handwritten.is_dir() and handwritten.resolve() != docs.resolve():
        shutil.copytree(handwritten, docs, dirs_exist_ok=True)
    count = 0
    for page in build.pages:
        target = docs / page.uri
        if target.exists() and page.uri.endswith(".md"):
            continue  # a hand-written page of that name wins, as in the plugin
        target.parent.mkdir(parents=True, exist_ok=True)
        data = page.content
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        count += 1
    overrides = out / "overrides"
    if overrides.exists():
        shutil.rmtree(overrides)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    # Lowest rank first: the package's overrides, the project's, then the project's own custom_dir.
    layers = [build.theme_dir, templates_dir / "theme"]
    if theme.get("custom_dir"):
        layers.append(project / str(theme["custom_dir"]))
    used = False
    for layer in dict.fromkeys(layers):
        if layer.is_dir():
            shutil.copytree(layer, overrides, dirs_exist_ok=True)
            used = True
    main = overrides / "main.html"
    if used and main.is_file() and "block extrahead" not in main.read_text("utf-8"):
        main.write_text(main.read_text("utf-8").rstrip("\n") + "\n" + _head_block(build.theme_dir), "utf-8")
    ejected = ejected_config(config, build, site_name=site_name, overrides="overrides" if used else None)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(ejected, allow_unicode=True, sort_keys=False), "utf-8")
    return count
