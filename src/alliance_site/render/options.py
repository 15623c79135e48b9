"""What the renderer needs to know of the site around it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["SiteOptions"]


@dataclass(frozen=True)
class SiteOptions:
    """The site's URL style, the editors' template folder (overrides) and the interface language."""

    use_directory_urls: bool = True
    templates_dir: Path | None = None
    ui_language: str = "en"
