"""Insert a paragraph block into a chapter's YAML text without re-dumping the file.

A chapter is edited by hand: its comments, line wrapping, quoting and key order
are the editors' and must survive. So the new block is inserted as text, at a
place found from the node positions of ``yaml.compose``, and every other byte of
the file stays as it was. The result is parsed again and compared with the
expected data, so a surprising layout can never yield a silently wrong file.
"""

from __future__ import annotations

import copy
import json
import re

import yaml

from .load.safe_yaml import YamlProblem, load_yaml
from .scaffold import ScaffoldError

__all__ = ["insert_paragraph"]

_WIDTH = 110  # the corpus wraps folded text at about this many characters per line
# Characters YAML may hold unescaped in a double-quoted scalar (PyYAML's printable set).
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _get(mapping, key: str):
    """The value node of ``key`` in a mapping node, or None."""
    if isinstance(mapping, yaml.MappingNode):
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _id(node) -> str | None:
    ident = _get(node, "id")
    return ident.value if isinstance(ident, yaml.ScalarNode) else None


def _sections(node, path):
    """Every section mapping node under ``node`` with its data path, in reading order."""
    seq = _get(node, "sections")
    for i, child in enumerate(seq.value if isinstance(seq, yaml.SequenceNode) else []):
        yield child, path + ("sections", i)
        yield from _sections(child, path + ("sections", i))


def _norm(number: str) -> str:
    return number.strip().rstrip(".").strip().casefold()


def _find_section(root, wanted: str):
    """A section by id, or by its printed number ('a' finds 'A.')."""
    found = [(n, p) for n, p in _sections(root, ()) if _id(n) == wanted]
    if not found:
        found = [
            (n, p)
            for n, p in _sections(root, ())
            if isinstance(_get(n, "number"), yaml.ScalarNode) and _norm(_get(n, "number").value) == _norm(wanted)
        ]
    if len(found) != 1:
        known = [
            f"{_id(n)} ({_get(n, 'number').value})" if _get(n, "number") else str(_id(n))
            for n, _ in _sections(root, ())
        ]
        what = "no section" if not found else "more than one section"
        raise ScaffoldError(f"{what} has the id or number {wanted!r}; sections: {', '.join(known) or 'none'}")
    return found[0]


def _find_block(root, wanted: str):
    """(blocks sequence node, index, owner mapping node, data path of the sequence) of the block with that id."""
    for owner, path in [(root, ())] + list(_sections(root, ())):
        seq = _get(owner, "blocks")
        for i, item in enumerate(seq.value if isinstance(seq, yaml.SequenceNode) else []):
            if _id(item) == wanted:
                return seq, i, owner, path + ("blocks",)
    raise ScaffoldError(f"no paragraph has the id {wanted!r} in this chapter")


def _content_end(text: str, node) -> int:
    """Offset just after the line on which ``node``'s content ends (trailing blank lines not included)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    end = node.end_mark.index
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    newline = text.find("\n", end)
    return len(text) if newline == -1 else newline + 1


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar; only what YAML cannot hold as it is gets escaped."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch in '"\\':
            out.append("\\" + ch)
        elif _PRINTABLE.match(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def _folded(value: str, width: int, key: str = "text") -> list[str] | None:
    """``text: >-`` lines as the corpus writes paragraphs, or None when folding would change the text."""
    lines, line = [], ""
    for word in value.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    snippet = f"{key}: >-\n" + "".join(f"  {ln}\n" for ln in lines)
    try:
        if yaml.safe_load(snippet) == {key: value}:
            return [f"{key}: >-"] + [f"  {ln}" for ln in lines]
    except yaml.YAMLError:
        pass
    return None


def _one_line(key: str, value) -> str | None:
    """``key: value`` as PyYAML writes it when that fits on one line (plain where plain is safe)."""
    for flow in (False, True):  # block context first: a plain scalar may hold '[' and ',' there
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000, default_flow_style=flow).strip()
        dumped = dumped.removeprefix("{").removesuffix("}") if flow else dumped
        if "\n" not in dumped:
            return dumped
    return None


def _block_lines(block: dict, key_col: int) -> list[str]:
    """The block's lines, indented relative to its first key."""
    lines = []
    for key, value in block.items():
        short = _one_line(key, value)
        if short and key_col + 2 + len(short) <= _WIDTH:
            lines.append(short)
        elif isinstance(value, str):
            lines += _folded(value, max(40, _WIDTH - key_col - 2), key) or [f"{key}: {_quoted(value)}"]
        else:
            lines.append(short or f"{key}: {json.dumps(value)}")
    return lines


def _flow(block: dict) -> str:
    return "{" + ", ".join(f"{k}: {_quoted(v) if isinstance(v, str) else v}" for k, v in block.items()) + "}"


def _item_text(block: dict, dash_col: int, key_col: int) -> str:
    lines = _block_lines(block, key_col)
    first = " " * dash_col + "-" + " " * (key_col - dash_col - 1) + lines[0]
    return "".join(ln + "\n" for ln in [first] + [" " * key_col + ln for ln in lines[1:]])


def _after_item(text: str, seq, index: int, block: dict) -> tuple[int, str]:
    """(offset, text to insert) to put ``block`` after item ``index`` of ``seq`` (or first, when empty)."""
    if seq.flow_style:
        if not seq.value:
            return seq.end_mark.index - 1, _flow(block)  # just before ']'
        return seq.value[index].end_mark.index, ", " + _flow(block)
    item = seq.value[index]
    line_start = item.start_mark.index - item.start_mark.column
    dash_col = text.rfind("-", line_start, item.start_mark.index) - line_start
    if dash_col < 0:
        raise ScaffoldError("the blocks list has a layout this command does not recognise; add the paragraph by hand")
    return _content_end(text, item), _item_text(block, dash_col, item.start_mark.column)


def _new_blocks_key(text: str, owner, block: dict) -> tuple[int, str]:
    """(offset, text) that give ``owner`` (chapter or section) a ``blocks:`` list holding ``block``."""
    if owner.flow_style:
        return owner.end_mark.index - 1, f", blocks: [{_flow(block)}]"
    col = owner.start_mark.column
    keys = [k for k, _ in owner.value]
    sections = next((i for i, k in enumerate(keys) if k.value == "sections"), None)
    # Blocks read before subsections, so they go before the 'sections' key -- unless it is the first key,
    # whose line may begin with the '- ' of the enclosing list.
    if sections:
        key = keys[sections]
        offset = key.start_mark.index - key.start_mark.column
    else:
        offset = _content_end(text, owner)
    return offset, " " * col + "blocks:\n" + _item_text(block, col, col + 2)


def _at(data, path: tuple):
    for step in path:
        data = data[step]
    return data


def insert_paragraph(
    chapter_text: str, block: dict, *, after: str | None = None, section: str | None = None
) -> tuple[str, int]:
    """Return the chapter text with ``block`` inserted, and the line (1-based) where it starts.

    ``after``: the id of the paragraph the new one follows. ``section``: the id or printed number of
    the section; without ``after``, the paragraph ends that section's own blocks. With neither, it ends
    the chapter's opening blocks (before the first section).
    """
    try:
        data = _parse(chapter_text)
        root = yaml.compose(chapter_text)
    except (YamlProblem, yaml.YAMLError):
        raise ScaffoldError(
            "the chapter cannot be read as YAML; run 'alliance-site validate' and fix it first"
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise ScaffoldError("the chapter file is not a mapping of fields; run 'alliance-site validate'")
    owner, owner_path = _find_section(root, section) if section else (root, ())
    expected = copy.deepcopy(data)
    if after:
        seq, index, where, path = _find_block(root, after)
        if section and where is not owner:
            raise ScaffoldError(f"paragraph {after!r} is not in section {section!r}")
        offset, snippet = _after_item(chapter_text, seq, index, block)
        _at(expected, path).insert(index + 1, block)
    elif _get(owner, "blocks") is not None and not isinstance(_get(owner, "blocks"), yaml.SequenceNode):
        raise ScaffoldError("'blocks:' is not a list here; write 'blocks: []' or add the paragraph by hand")
    elif _get(owner, "blocks") is not None:
        seq = _get(owner, "blocks")
        offset, snippet = _after_item(chapter_text, seq, len(seq.value) - 1, block)
        _at(expected, owner_path + ("blocks",)).append(block)
    else:
        offset, snippet = _new_blocks_key(chapter_text, owner, block)
        _at(expected, owner_path)["blocks"] = [block]
    if "\r\n" in chapter_text:  # keep the file's own line endings
        snippet = snippet.replace("\n", "\r\n")
    if offset == len(chapter_text) and chapter_text and not chapter_text.endswith("\n") and "\n" in snippet:
        snippet = "\n" + snippet
    result = chapter_text[:offset] + snippet + chapter_text[offset:]
    try:
        ok = _parse(result) == expected
    except YamlProblem:
        ok = False
    if not ok:
        raise ScaffoldError(
            "the chapter has a layout this command cannot insert into safely; add the paragraph by hand"
        )
    return result, chapter_text.count("\n", 0, offset) + 1 + snippet.startswith(("\n", "\r\n"))


def _parse(text: str):
    """The data as the validator reads it: duplicate keys are an error here too, dates stay text."""
    return load_yaml(text.encode("utf-8")).data
