"""The Jinja environment: the site's own templates first, then the packaged defaults.

Compiled once per build and reused for every page (Jinja caches compiled
templates per environment), which keeps rendering linear in the page count.
"""

from __future__ import annotations

import json
import re
import traceback
from html import escape
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, Undefined, select_autoescape
from markupsafe import Markup
from markupsafe import escape as autoescape

from ..schemas import field_names
from .page_inputs import TrackedMapping
from .template_dirs import default_templates_dir

__all__ = [
    "PageEnvironment",
    "default_templates_dir",
    "make_environment",
    "md_escape",
    "template_error_message",
    "template_error_place",
]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)|\r")


def _one_line(html: str) -> str:
    """HTML with its line breaks written as character references: the same text to a browser, but one
    line to Markdown, so a value can never end the HTML block it is in (a blank line would) or start a
    Markdown construct of its own (a heading, a link definition, an attribute list, an indented block)."""
    return _LINE_BREAK.sub(lambda m: f"&#{ord(m[0])};", html)


def md_escape(text: object) -> Markup:
    """Text safe in a Markdown line: HTML-escaped, Markdown punctuation backslash-escaped, on one line."""
    return Markup(_one_line(_MD_SPECIAL.sub(r"\\\1", escape(str(text), quote=False))))


def _finalize(value: object) -> object:
    """Every ``{{ value }}`` of a page template: corpus text is escaped and put on one line (see
    :func:`_one_line`); HTML built by the generator (Markup) loses its blank lines, the one thing in
    it that would end the HTML block around it."""
    if isinstance(value, Markup):
        return Markup(_BLANK_LINES.sub("", str(value))) if "\n" in value or "\r" in value else value
    if value is None or isinstance(value, Undefined):
        return value
    return Markup(_one_line(autoescape(value)))


def json_attr(value: object) -> str:
    """JSON for a <script type="application/json|ld+json"> block: no '<', '>' or '&' left raw."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


class PageEnvironment(Environment):
    """Strict about names: a name no template variable, object or schema has (``entry.data.titel``) is an
    error naming the template file and line. A field the schemas declare but a file leaves out (an
    optional ``number``) is empty, as in the YAML: it prints as nothing, tests false, iterates as
    nothing, and asking it for more (``.path`` of an absent ``image``) is again an error."""

    def getattr(self, obj, attribute):
        return self._optional(obj, attribute, super().getattr(obj, attribute))

    def getitem(self, obj, argument):
        return self._optional(obj, argument, super().getitem(obj, argument))

    @staticmethod
    def _optional(obj, name, value):
        # A chapter's fields read while a served page records its reads are a TrackedMapping of that dict.
        if isinstance(value, Undefined) and isinstance(obj, (dict, TrackedMapping)) and name in field_names():
            return Undefined(obj=obj, name=name)
        return value


def make_environment(override_dir: Path | None = None) -> Environment:
    """Environment whose loader looks in ``override_dir`` before the defaults."""
    dirs = [str(override_dir)] if override_dir and Path(override_dir).is_dir() else []
    dirs.append(str(default_templates_dir() / "pages"))
    loaders = [FileSystemLoader(d) for d in dirs]
    env = PageEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default_for_string=True, default=True),
        undefined=StrictUndefined,  # a typo in an override is an error (optional fields: see PageEnvironment)
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["md"] = md_escape
    env.filters["jsonscript"] = json_attr
    env.filters["tojson_yaml"] = lambda v: json.dumps(str(v), ensure_ascii=False)
    return env


def template_error_message(exc: Exception) -> str:
    """One line for an editor: where the template failed, and what went wrong there."""
    return f"{template_error_place(exc)}error: {type(exc).__name__}: {exc}"


def template_error_place(exc: Exception) -> str:
    """'file:line: ' of the template that failed, for the editor who overrode it ('' if unknown)."""
    if getattr(exc, "filename", None) and getattr(exc, "lineno", None):  # a syntax error
        return f"{exc.filename}:{exc.lineno}: "
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
