"""The package's imports point one way, down the data flow, and never in a circle.

Floors, bottom up: the shared foundations (``edtf``, the one date parser, ``errors``, ``outline``) →
the leaf libraries (``text``, ``data``, ``citations``: none imports another) → ``load`` → the model (``model`` with its ``schemas``) → ``validate``
and ``render`` (two consumers of the model: neither imports the other) → the drivers (``site``,
``plugin``, ``cli``, ``commands``, …). A module may import its own unit or a lower floor, never a
floor above it or a sibling on its own floor. Every import counts, ``TYPE_CHECKING`` ones too: a
circle in the annotations is still a circle for a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "alliance_site"

FLOORS = {
    "edtf": 0,
    "errors": 0,
    "outline": 0,
    "text": 1,
    "data": 1,
    "citations": 1,
    "load": 2,
    "model": 3,
    "schemas": 3,
    "validate": 4,
    "render": 4,
}
TOP = 5  # site, plugin, config, cli, commands, staging, scaffold*, synth: drivers of the floors below


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Package modules imported by the file (relative imports resolved; ``from package import module``
    counts as an import of the module, not of the package's ``__init__``)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "alliance_site")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "alliance_site":
                target = node.module
            else:
                continue
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {i for i in _imports(path, set(files)) if i in files and i != name} for name, path in files.items()}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _floor(module: str) -> int:
    return FLOORS.get(_unit(module), TOP)


def test_the_walk_sees_the_imports_it_judges():
    graph = _graph()
    assert "alliance_site.model" in graph["alliance_site.validate.run"]
    assert "alliance_site.render.urls" in graph["alliance_site.render.site"]
    assert "alliance_site.text.markup" in graph["alliance_site.model"]


def test_no_import_points_up_a_floor_or_across_to_a_sibling():
    wrong = []
    for module, targets in sorted(_graph().items()):
        for target in sorted(targets):
            same_unit = _unit(target) == _unit(module)
            if not same_unit and (_floor(target) > _floor(module) or _floor(target) == _floor(module) < TOP):
                wrong.append(f"{module} (floor {_floor(module)}) imports {target} (floor {_floor(target)})")
    assert wrong == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle():
    assert _cycles(_graph()) == []


@pytest.mark.parametrize(
    "graph, expected",
    [({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]), ({"a": {"b"}, "b": {"c"}, "c": set()}, [])],
)
def test_the_cycle_finder_finds_a_circle_and_only_a_circle(graph, expected):
    assert _cycles(graph) == expected
