"""The generator's whole output as one cache entry: its key (a hash of every input of a build) and the
JSON form of its pages, navigation and problems."""

from __future__ import annotations

import base64
import dataclasses
import os
from pathlib import Path

from ..errors import Problem
from ..render.generated import GeneratedPage
from ..render.options import SiteOptions
from .fingerprint import Fingerprint, code_fingerprint, tree_digest

__all__ = ["build_key", "pages_from_payload", "pages_to_payload"]


def build_key(
    content_dir: Path,
    templates_dir: Path | None,
    options: SiteOptions,
    csl_style: str | None,
    csl_locale: str | None,
    default_templates: Path,
) -> str:
    """Everything the generator's output depends on: the corpus's bytes, the template overrides and the
    shipped templates, the options, the style file's bytes, the locale, the package's code and libraries,
    and SOURCE_DATE_EPOCH (no output uses the clock today; a future one must not be served stale)."""
    style = Path(csl_style).read_bytes() if csl_style and Path(csl_style).is_file() else csl_style
    return Fingerprint(
        ("content", tree_digest(content_dir)),
        ("templates", tree_digest(Path(templates_dir)) if templates_dir else None),
        ("default-templates", tree_digest(default_templates)),
        ("options", {k: str(v) for k, v in dataclasses.asdict(options).items()}),
        ("style", style),
        ("locale", csl_locale),
        ("code", code_fingerprint()),
        ("source-date-epoch", os.environ.get("SOURCE_DATE_EPOCH")),
    ).hexdigest()


def _content(value: str | bytes) -> dict:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return {"text": value}


def pages_to_payload(problems: list[Problem], pages: list[GeneratedPage], nav: list) -> dict:
    return {
        "problems": [dataclasses.asdict(p) for p in problems],
        "pages": [[p.uri, _content(p.content), p.title, p.in_nav] for p in pages],
        "nav": nav,
    }


def pages_from_payload(payload: dict) -> tuple[list[Problem], list[GeneratedPage], list]:
    problems = [Problem(**p) for p in payload["problems"]]
    pages = []
    for uri, content, title, in_nav in payload["pages"]:
        body = content["text"] if "text" in content else base64.b64decode(content["base64"])
        pages.append(GeneratedPage(uri, body, title, in_nav))
    return problems, pages, payload["nav"]
