"""The safe YAML loader: values with their positions, and every hostile or mistaken file refused
with a 1-based ``line:column`` and a message an editor can act on."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from alliance_site.load.safe_yaml import Limits, YamlProblem, load_yaml

# --- what is read, and where it sits ---------------------------------------------------------

NESTED = b"""\
id: one
blocks:
  - id: p-1
    text: Some words.
  - {table: t, note: x}
"""


@pytest.mark.parametrize(
    ("path", "value_at", "key_at"),
    [
        ((), (1, 1), None),
        (("id",), (1, 5), (1, 1)),
        (("blocks",), (3, 3), (2, 1)),
        (("blocks", 0), (3, 5), None),
        (("blocks", 0, "id"), (3, 9), (3, 5)),
        (("blocks", 0, "text"), (4, 11), (4, 5)),
        (("blocks", 1), (5, 5), None),
        (("blocks", 1, "table"), (5, 13), (5, 6)),
        (("blocks", 1, "note"), (5, 22), (5, 16)),
    ],
    ids=lambda v: repr(v),
)
def test_positions_of_values_and_keys(path, value_at, key_at):
    loaded = load_yaml(NESTED)
    assert loaded.marks[path] == value_at
    assert loaded.where(path) == value_at
    if key_at is not None:
        assert loaded.key_marks[path] == key_at
        assert loaded.where(path, key=True) == key_at


def test_where_falls_back_to_the_nearest_ancestor():
    loaded = load_yaml(NESTED)
    assert loaded.where(("blocks", 0, "missing")) == (3, 5)
    assert loaded.where(("nothing", "here")) == (1, 1)


def test_data_is_plain_python():
    assert load_yaml(NESTED).data == {
        "id": "one",
        "blocks": [{"id": "p-1", "text": "Some words."}, {"table": "t", "note": "x"}],
    }


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("date: 1950-06-25", "1950-06-25"),  # an EDTF string, never a datetime
        ("date: 1950-06-25/1953-07-27", "1950-06-25/1953-07-27"),
        ("value: 010", "010"),  # YAML 1.1 would read 8 (octal)
        ("value: 007", "007"),
        ("value: 12:30", "12:30"),  # YAML 1.1 would read 750 (base 60)
        ("value: 1:30.5", "1:30.5"),
        ("value: 10", 10),
        ("value: 0", 0),
        ("value: -3", -3),
        ("value: 3.88", 3.88),
        ("value: 0.5", 0.5),
        ("value: null", None),
        ("value: true", True),
        ("value: !!str 12", "12"),
        ('value: "010"', "010"),
    ],
    ids=lambda v: repr(v),
)
def test_scalars(source, expected):
    (value,) = load_yaml(source.encode()).data.values()
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("source", "key"),
    [("1: a", "1"), ("null: a", "null"), ("true: a", "true"), ("~: a", "~")],
    ids=lambda v: repr(v),
)
def test_non_text_keys_are_kept_as_written(source, key):
    assert list(load_yaml(source.encode()).data) == [key]


def test_byte_order_mark_is_ignored_and_positions_unchanged():
    loaded = load_yaml(b"\xef\xbb\xbfid: x\ntitle: y\n")
    assert loaded.data == {"id": "x", "title": "y"}
    assert loaded.key_marks[("title",)] == (2, 1)
    assert loaded.marks[("id",)] == (1, 5)


def test_windows_line_endings():
    loaded = load_yaml(b"id: x\r\ntitle: y\r\n")
    assert loaded.data == {"id": "x", "title": "y"}
    assert loaded.marks[("title",)] == (2, 8)


def test_columns_count_characters_not_bytes():
    loaded = load_yaml("a: Café\nb: [é, x]\n".encode())
    assert loaded.marks[("b", 1)] == (2, 8)  # b(1) :(2) (3) [(4) é(5) ,(6) (7) x(8)


def test_a_few_aliases_are_fine():
    loaded = load_yaml(b"a: &x [1, 2]\nb: *x\nc: *x\n")
    assert loaded.data == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


def test_nesting_up_to_the_limit_is_fine():
    depth = 50  # the root mapping is level 0; 49 lists and their innermost scalar reach level 50
    source = "a: " + "[" * (depth - 1) + "1" + "]" * (depth - 1) + "\n"
    loaded = load_yaml(source.encode())
    value = loaded.data["a"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == 1


# --- refused, with the place to look at ------------------------------------------------------

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ", ".join([f"*{chr(ord('a') + i - 1)}"] * 9) + "]\n"
    for i in range(1, 9)
)

REFUSED = [
    # (id, source, line, column, words the message must contain)
    ("syntax-unclosed-flow-list", "id: x\ntype: [book\n", 3, 1, ["YAML syntax error", "',' or ']'"]),
    ("syntax-unclosed-quote", 'id: x\ntitle: "A history\n', 3, 1, ["YAML syntax error", "quoted scalar"]),
    ("syntax-colon-in-plain-text", "id: x\ntitle: A: history\n", 2, 9, ["mapping values are not allowed"]),
    ("syntax-list-then-mapping", "- a\nb: c\n", 2, 1, ["YAML syntax error"]),
    ("two-documents", "a: 1\n---\nb: 2\n", 2, 1, ["another document"]),
    ("tab-indenting-a-key", "a:\n  b: 1\n\tc: 2\n", 3, 1, ["tab", "indentation"]),
    ("tab-indenting-a-list", "a:\n\t- 1\n", 2, 1, ["tab", "indentation"]),
    ("duplicate-key", "id: x\ntitle: A\ntitle: B\n", 3, 1, ["duplicate key 'title'", "first at line 2"]),
    ("duplicate-key-nested", "x:\n  y: 1\n  z: 2\n  y: 3\n", 4, 3, ["duplicate key 'y'", "first at line 2"]),
    ("duplicate-key-in-flow", "a: {b: 1, b: 2}\n", 1, 11, ["duplicate key 'b'"]),
    (
        "python-object-tag",
        "id: x\ntype: !!python/object:os.system book\n",
        2,
        7,
        ["!!python/object:os.system", "not allowed"],
    ),
    ("python-apply-tag", "a: !!python/object/apply:os.system [ls]\n", 1, 4, ["!!python/object/apply:os.system"]),
    ("python-name-tag", "a: !!python/name:os.system ''\n", 1, 4, ["!!python/name:os.system"]),
    ("local-tag", "a: !include other.yml\n", 1, 4, ["'!include' is not allowed"]),
    ("binary-tag", "a: !!binary aGVsbG8=\n", 1, 4, ["'!!binary' is not allowed"]),
    ("set-tag", "a: !!set {x, y}\n", 1, 4, ["'!!set' is not allowed"]),
    ("omap-tag", "a: !!omap [x: 1]\n", 1, 4, ["'!!omap' is not allowed"]),
    ("merge-key", "base: &b {x: 1}\nitem:\n  <<: *b\n", 3, 3, ["merge keys"]),
    ("complex-key", "? [a, b]\n: c\n", 1, 3, ["mapping key must be plain text"]),
    ("undefined-alias", "a: 1\nb: *nowhere\n", 2, 4, ["undefined alias"]),
    ("anchor-defined-twice", "a: &x [1]\nb: &x [2]\n", 2, 4, ["anchor", "defined twice"]),
    ("recursive-alias-in-list", "a: &r [*r]\n", 1, 4, ["alias refers to the value that contains it"]),
    ("recursive-alias-in-mapping", "a: &r\n  b: *r\n", 1, 4, ["alias refers to the value that contains it"]),
    # The 101st alias use is the first *a inside c's first *b: it names b's value, at line 2.
    ("alias-bomb", BILLION_LAUGHS, 2, 4, ["more than 100 alias uses"]),
    ("nan", "value: .nan\n", 1, 8, ["'.nan' is not a number"]),
    ("infinity", "value: -.inf\n", 1, 8, ["'-.inf' is not a number"]),
    ("control-character", "id: x\ntitle: A hi\x07story\n", 2, 12, ["control character U+0007"]),
    ("nesting-too-deep-flow", "a: " + "[" * 60 + "]" * 60 + "\n", 1, 54, ["nesting is deeper than 50 levels"]),
    (
        "nesting-too-deep-block",
        "".join("  " * i + f"k{i}:\n" for i in range(51)) + "  " * 51 + "v: 1\n",
        51,
        101,  # the key k50, indented 100 spaces, is level 51
        ["nesting is deeper than 50 levels"],
    ),
    ("empty", "", 1, 1, ["file is empty"]),
    ("only-blank-lines", "  \n\n", 1, 1, ["file is empty"]),
    ("only-comments", "# nothing yet\n# still nothing\n", 1, 1, ["file is empty"]),
]


@pytest.mark.parametrize(("source", "line", "column", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_refused_with_position(source, line, column, words):
    with pytest.raises(YamlProblem) as caught:
        load_yaml(source.encode("utf-8"))
    problem = caught.value
    assert (problem.line, problem.column) == (line, column), problem
    for word in words:
        assert word in problem.message, problem
    assert problem.hint, "every refusal says what to do"
    assert "\n" not in problem.message


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        ("id: x\nauthor: Institut f\xfcr X\n".encode("latin-1"), 2, 19),
        # characters before the bad byte count once each, however many bytes they take
        ("id: x\nauthor: Café f".encode() + b"\xfcr\n", 2, 15),
        (b"\xff\xfeid: x\n", 1, 1),  # UTF-16
    ],
    ids=["latin-1", "after-multibyte-characters", "utf-16"],
)
def test_not_utf8(raw, line, column):
    with pytest.raises(YamlProblem) as caught:
        load_yaml(raw)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert "not UTF-8" in caught.value.message
    assert "UTF-8" in caught.value.hint


def test_alias_bomb_is_refused_within_a_second():
    bomb = "a0: &a0 [" + ", ".join(['"lol"'] * 10) + "]\n"
    bomb += "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 30))
    started = time.perf_counter()
    with pytest.raises(YamlProblem, match="alias"):
        load_yaml(bomb.encode())
    assert time.perf_counter() - started < 1


def test_ten_megabytes_refused_before_parsing():
    raw = b"note: '" + b"x" * 10_000_000 + b"'\n"
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        load_yaml(raw)
    assert time.perf_counter() - started < 1
    assert (caught.value.line, caught.value.column) == (1, 1)
    assert "10,000,009 bytes" in caught.value.message
    assert "2,000,000" in caught.value.message


def test_limits_are_parameters():
    with pytest.raises(YamlProblem, match="more than 3 values"):
        load_yaml(b"a: [1, 2, 3]\n", Limits(max_nodes=3))
    with pytest.raises(YamlProblem, match="more than 1 alias uses"):
        load_yaml(b"a: &x [1]\nb: [*x, *x]\n", Limits(max_aliases=1))
    with pytest.raises(YamlProblem, match="deeper than 1 levels"):
        load_yaml(b"a: [[1]]\n", Limits(max_depth=1))
    with pytest.raises(YamlProblem, match="more than the limit of 2"):
        load_yaml(b"abc", Limits(max_bytes=2))


HUGE_NESTING = textwrap.dedent(
    """
    from alliance_site.load.safe_yaml import YamlProblem, load_yaml
    n = 100_000
    for source in ("a: " + "{b: " * n + "x" + "}" * n, "a: " + "[" * n + "]" * n, "- " * n + "x"):
        try:
            load_yaml(source.encode())
        except YamlProblem as problem:
            print(problem.line, problem.column, problem.message)
    """
)


def test_huge_nesting_is_refused_not_a_crash():
    """libyaml's composer recurses in C: 100,000 nested '{' once killed the process (segfault).
    Run in a child process so that a regression fails this test instead of the whole run."""
    result = subprocess.run(
        [sys.executable, "-c", HUGE_NESTING], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "1 201 nesting is deeper than 50 levels",  # the key b inside the 50th '{' (at column 200) is level 51
        "1 54 nesting is deeper than 50 levels",
        "1 103 nesting is deeper than 50 levels",
    ]
