"""Build plain data from a composed YAML node graph, recording the position of every value and key,
within :class:`Limits`: duplicate keys, merge keys, unknown tags, alias bombs, deep nesting, YAML 1.1
number surprises and control characters are refused with a position. Dates stay strings, because the
content model writes them as EDTF."""

from __future__ import annotations

import math
import re

import yaml

from .yaml_text_checks import BIDI_CONTROLS, check_bidi
from .yaml_types import Limits, LoadedYaml, YamlProblem
from .yaml_types import position as _pos

__all__ = ["CONTROL", "Builder"]

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


# C0 control characters (tab, line feed and carriage return aside), refused in any text value.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _tag(tag: str) -> str:
    """A tag as the editor wrote it: ``!!python/object`` rather than ``tag:yaml.org,2002:python/object``."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class Builder:
    """One file's data, built node by node; ``out`` holds it with its positions."""

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
        if isinstance(value, str) and BIDI_CONTROLS.search(value):  # written as an escape, "\u202e"
            try:
                check_bidi(value)
            except YamlProblem as exc:
                raise YamlProblem(*_pos(node.start_mark), exc.message, exc.hint) from None
        control = CONTROL.search(value) if isinstance(value, str) else None
        if control:  # written as an escape, "\x02": refused as it is in the raw text (XML and Markdown use them)
            raise YamlProblem(
                *_pos(node.start_mark),
                f"control character U+{ord(control[0]):04X} is not allowed",
                "delete the escape; a line break is written \\n, a tab \\t",
            )
        if isinstance(value, float) and not math.isfinite(value):  # .nan and .inf are never measured values
            raise YamlProblem(*_pos(node.start_mark), f"{node.value!r} is not a number", "write the number, or null")
        return value
