"""Checks of a corpus file's text before YAML composes it: nesting too deep for libyaml's recursive
composer, and bidirectional controls that would make the text display in another order than it is
stored."""

from __future__ import annotations

import re
import unicodedata

import yaml

from .yaml_types import Limits, YamlProblem
from .yaml_types import position as _pos

__all__ = ["BIDI_CONTROLS", "check_bidi", "check_nesting"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where present: much faster


def check_nesting(text: str, limits: Limits) -> None:
    """Refuse deep nesting from the event stream, before anything is composed.

    libyaml's composer recurses in C: a 250 kB file of nested ``{a: {a: ...`` crashes the
    interpreter (segmentation fault) before any check in :class:`~.yaml_builder.Builder` runs. The event
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
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def check_bidi(text: str) -> None:
    found = BIDI_CONTROLS.search(text)
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
