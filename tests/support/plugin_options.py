"""The README's table of plugin options, generated from src/alliance_site/config.py: each option's name,
type, default and the docstring written under it there (read with ``ast``, as Python keeps no attribute
docstrings at run time)."""

from __future__ import annotations

import ast
import inspect

from alliance_site import config


def _docstrings() -> dict[str, str]:
    tree = ast.parse(inspect.getsource(config))
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "PluginConfig"]
    docs, body = {}, cls.body
    for node, after in zip(body, body[1:] + [None], strict=True):
        if isinstance(node, ast.Assign) and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
            docs[node.targets[0].id] = " ".join(after.value.value.split())
    return docs


def _type(option) -> str:
    inner = getattr(option, "option", option)  # Optional(Type(str)) → Type(str)
    kind = getattr(inner, "_type", None)
    return kind.__name__ if isinstance(kind, type) else type(inner).__name__


def options_table() -> str:
    docs = _docstrings()
    rows = ["| option | type | default | meaning |", "| --- | --- | --- | --- |"]
    for name, option in config.PluginConfig._schema:
        shown = str(option.default).lower() if isinstance(option.default, bool) else option.default
        default = "(none)" if option.default is None else f"`{shown}`"
        meaning = docs[name].replace("``", "`").replace("|", "\\|")
        rows.append(f"| `{name}` | {_type(option)} | {default} | {meaning} |")
    return "\n".join(rows)
