"""Safe YAML loading that keeps the line and column of every value.

PyYAML's safe loader already refuses arbitrary tags, but an editor deserves
more: duplicate keys (which PyYAML silently lets win), tab indentation, alias
bombs and very large or deeply nested files all get a plain message with a
position. Dates stay strings, because the content model writes them as EDTF.

The parts: :mod:`.yaml_types` (the result, the problem, the limits), :mod:`.yaml_text_checks` (the
text before YAML reads it), :mod:`.yaml_builder` (the node graph to data with positions); here, the
file's bytes to those steps and YAML's own errors to messages.
"""

from __future__ import annotations

import yaml

from .yaml_builder import Builder
from .yaml_text_checks import check_bidi, check_nesting
from .yaml_types import DEFAULT_LIMITS, Limits, LoadedYaml, YamlProblem
from .yaml_types import position as _pos

__all__ = ["Limits", "LoadedYaml", "YamlProblem", "load_yaml"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where present: much faster


def _explain(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = _pos(mark) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    lines = text.split("\n")
    here = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    if here == "\t" or "\\t" in problem or "tab" in problem:
        return YamlProblem(line, column, "a tab character is used for indentation", "indent with spaces, never tabs")
    if "found undefined alias" in problem:
        return YamlProblem(line, column, problem, "define the '&anchor' before using '*alias'")
    if "duplicate anchor" in problem or "duplicate anchor" in (exc.context or ""):
        return YamlProblem(line, column, "an '&anchor' name is defined twice", "give each '&anchor' its own name")
    context = (exc.context or "").strip()
    if context and exc.context_mark is not None and _pos(exc.context_mark) != (line, column):
        # "while parsing a flow sequence" says little without where that sequence began
        context += " that starts at line {}, column {}".format(*_pos(exc.context_mark))
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return YamlProblem(line, column, message, "check indentation, colons and quotes on this line and the one above")


def load_yaml(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> LoadedYaml:
    """Parse one corpus file. Raises :class:`YamlProblem` with a position on any problem."""
    if len(raw) > limits.max_bytes:
        raise YamlProblem(
            1,
            1,
            f"file is {len(raw):,} bytes, more than the limit of {limits.max_bytes:,}",
            "split it into several files",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # the column counts characters, as an editor does, not bytes: 'Café' is 4 columns
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8").lstrip("\ufeff")) + 1
        raise YamlProblem(
            line, column, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    check_bidi(text)
    try:
        check_nesting(text, limits)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, text) from None
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        at = text.find(char)
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1 if at >= 0 else 1
        raise YamlProblem(
            line,
            column,
            f"control character U+{ord(char):04X} is not allowed in YAML",
            "delete it; it often comes along when text is pasted from a PDF",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML cannot be read: {exc}", "remove control characters") from None
    if root is None:
        raise YamlProblem(1, 1, "file is empty", "add the fields of this kind of file, or delete the file")
    builder = Builder(limits)
    builder.out.data = builder.build(root, (), 0)
    return builder.out
