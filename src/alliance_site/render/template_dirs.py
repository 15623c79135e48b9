"""Where the templates shipped with the package are.

Its own module, free of Jinja, so that a build's cache key (which covers these templates) can be made
without importing the template engine.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["default_templates_dir"]


@cache
def default_templates_dir() -> Path:
    """The templates shipped with the package (a wheel), or the repository's ``templates/`` (a checkout)."""
    packaged = resources.files("alliance_site").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "templates"
