"""Safe YAML loading that keeps the line and column of every value.

PyYAML's safe loader already refuses arbitrary tags, but an editor deserves
more: duplicate keys (which PyYAML silently lets win), tab indentation, alias
bombs and very large or deeply nested files all get a plain message with a
position. Dates stay strings, because the content model writes them as EDTF.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

__all__ = ["Limits", "LoadedYaml", "YamlProblem", "load_yaml"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where present: much faster
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_KEEP_AS_STRING = {"tag:yaml.org,2002:timestamp"}  # 1950-06-25 is an EDTF string, not a datetime
# YAML 1.1 reads 010 as 8 (octal) and 12:30 as 750 (base 60): a figure copied from a text must not change
# silently, so these stay as written (and a field that wants a number says so).
_YAML11_SURPRISE = re.compile(r"[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or mistaken file from exhausting the build."""

    max_bytes: int = 2_000_000
    max_nodes: int = 200_000
    max_aliases: int = 100
    max_depth: int = 50
    #: characters of text the loaded data may hold once every alias is expanded: a file without
    #: aliases never comes near it (it is twice the file limit), one 1 MB text repeated by 300
    #: aliases (300 MB) is refused at its third use
    max_expanded_chars: int = 4_000_000
    max_number_digits: int = 60


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read as corpus YAML, with a 1-based position."""

    line: int
    column: int
    message: str
    hint: str = ""


@dataclass
class LoadedYaml:
    """Plain data plus positions: ``marks[path]`` is (line, column) of the value at ``path``;
    ``key_marks[path]`` is the position of the mapping key that names it."""

    data: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: tuple, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``, falling back to its nearest ancestor."""
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]


def _tag(tag: str) -> str:
    """A tag as the editor wrote it: ``!!python/object`` rather than ``tag:yaml.org,2002:python/object``."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.nodes = 0
        self.aliases = 0
        self.expanded_chars = 0
        self.expanding = 0  # how many aliases the value being built is inside
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.out = LoadedYaml(None)
        self.constructor = yaml.SafeLoader("")  # only for resolving scalar values

    def build(self, node, path: tuple, depth: int):
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise YamlProblem(
                *_pos(node.start_mark),
                f"file has more than {self.limits.max_nodes} values",
                "split it into smaller files, or remove repeated aliases",
            )
        if depth > self.limits.max_depth:
            raise YamlProblem(
                *_pos(node.start_mark),
                f"nesting is deeper than {self.limits.max_depth} levels",
                "flatten the structure",
            )
        alias = id(node) in self.seen
        # An alias use: of a list or a mapping wherever it is reached (inside another alias too, as
        # before), of a text where it is written (a text inside an aliased list is counted by its size).
        if alias and (not isinstance(node, yaml.ScalarNode) or self.expanding == 0):
            self.aliases += 1
            if id(node) in self.active:
                raise YamlProblem(
                    *_pos(node.start_mark),
                    "an alias refers to the value that contains it",
                    "remove the recursive '*alias'",
                )
            if self.aliases > self.limits.max_aliases:
                raise YamlProblem(
                    *_pos(node.start_mark),
                    f"more than {self.limits.max_aliases} alias uses",
                    "write the values out instead of repeating '*alias' references",
                )
        self.seen.add(id(node))
        self.out.marks[path] = _pos(node.start_mark)
        self.expanding += alias
        try:
            return self._value(node, path, depth)
        finally:
            self.expanding -= alias

    def _value(self, node, path: tuple, depth: int):
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            self.active.add(id(node))
            items = [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
            self.active.discard(id(node))
            return items
        self._count_text(node)
        return self._scalar(node)

    def _count_text(self, node) -> None:
        """Count the characters of every scalar the data holds, each alias use again, against the budget."""
        self.expanded_chars += len(node.value)
        if self.expanded_chars > self.limits.max_expanded_chars:
            raise YamlProblem(
                *_pos(node.start_mark),
                f"aliases expand the file to more than {self.limits.max_expanded_chars:,} characters of text",
                "write the value once instead of repeating a long text through '*alias' references",
            )

    def _mapping(self, node, path, depth):
        self._check_tag(node, "tag:yaml.org,2002:map")
        self.active.add(id(node))
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    *_pos(key_node.start_mark), "merge keys ('<<') are not supported", "write the fields out"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    *_pos(key_node.start_mark),
                    "a mapping key must be plain text",
                    "write the field name as a plain word before ':'",
                )
            key = self._scalar(key_node)
            key = key if isinstance(key, str) else key_node.value  # as written: 'null', not 'None'
            if key in result:
                first = self.out.key_marks[path + (key,)]
                raise YamlProblem(
                    *_pos(key_node.start_mark),
                    f"duplicate key {key!r} (first at line {first[0]})",
                    "keep one of them: YAML would silently drop the first",
                )
            self.out.key_marks[path + (key,)] = _pos(key_node.start_mark)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        self.active.discard(id(node))
        return result

    def _check_tag(self, node, expected: str) -> None:
        if node.tag != expected:
            raise YamlProblem(
                *_pos(node.start_mark),
                f"tag {_tag(node.tag)!r} is not allowed",
                "remove the '!' tag: corpus files hold plain text, numbers, lists and mappings",
            )

    def _scalar(self, node):
        if node.tag in _KEEP_AS_STRING:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            raise YamlProblem(
                *_pos(node.start_mark),
                f"tag {_tag(node.tag)!r} is not allowed",
                "remove the '!' tag: corpus files hold plain text, numbers, lists and mappings",
            )
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and _YAML11_SURPRISE.fullmatch(node.value):
            return node.value
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            digits = sum(ch.isdigit() for ch in node.value)
            if digits > self.limits.max_number_digits:
                raise YamlProblem(
                    *_pos(node.start_mark),
                    f"number has {digits:,} digits, more than the limit of {self.limits.max_number_digits}",
                    "write it with an exponent (1.5e40), or quote it if it is text",
                )
        value = self.constructor.construct_object(node)
        if isinstance(value, str) and _BIDI_CONTROLS.search(value):  # written as an escape, "\u202e"
            try:
                _check_bidi(value)
            except YamlProblem as exc:
                raise YamlProblem(*_pos(node.start_mark), exc.message, exc.hint) from None
        control = _CONTROL.search(value) if isinstance(value, str) else None
        if control:  # written as an escape, "\x02": refused as it is in the raw text (XML and Markdown use them)
            raise YamlProblem(
                *_pos(node.start_mark),
                f"control character U+{ord(control[0]):04X} is not allowed",
                "delete the escape; a line break is written \\n, a tab \\t",
            )
        if isinstance(value, float) and not math.isfinite(value):  # .nan and .inf are never measured values
            raise YamlProblem(*_pos(node.start_mark), f"{node.value!r} is not a number", "write the number, or null")
        return value


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


def _check_nesting(text: str, limits: Limits) -> None:
    """Refuse deep nesting from the event stream, before anything is composed.

    libyaml's composer recurses in C: a 250 kB file of nested ``{a: {a: ...`` crashes the
    interpreter (segmentation fault) before any check in :class:`_Builder` runs. The event
    parser keeps its own stack, so counting depth here is safe. It counts as the builder does (the
    root is level 0, a key is at the level of its value), so both refuse the same files; here the
    place given for a too-deep entry is its key.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.CollectionStartEvent, yaml.ScalarEvent, yaml.AliasEvent)):
            if depth > limits.max_depth:
                raise YamlProblem(
                    *_pos(event.start_mark),
                    f"nesting is deeper than {limits.max_depth} levels",
                    "flatten the structure",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# Embeddings, overrides and isolates make text display in another order than it is stored ("Trojan
# Source"): an id, a citation or a quotation would read differently from what the file holds. The marks
# U+200E, U+200F and U+061C, which only set the direction of what surrounds them, stay allowed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _check_bidi(text: str) -> None:
    found = _BIDI_CONTROLS.search(text)
    if found:
        at = found.start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        char = found.group()
        raise YamlProblem(
            line,
            column,
            f"bidirectional control character U+{ord(char):04X} ({unicodedata.name(char)}) is not allowed",
            "delete it: it makes the text display in another order than it is written in the file; "
            "the page's language already sets the direction of the text",
        )


def load_yaml(raw: bytes, limits: Limits = Limits()) -> LoadedYaml:
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
    _check_bidi(text)
    try:
        _check_nesting(text, limits)
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
    builder = _Builder(limits)
    builder.out.data = builder.build(root, (), 0)
    return builder.out
