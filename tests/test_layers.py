"""The layering of DESIGN.md holds: imports point down only, and the core needs nothing but the standard library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ALLOWED = {
    "core": {"core"},
    "levels": {"core", "levels"},
    "scoring": {"core", "scoring"},
    "sessions": {"core", "levels", "scoring", "sessions"},
    "records": {"core", "levels", "scoring", "sessions", "records"},
    "client": {"core", "levels", "scoring", "sessions", "records", "client"},
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((ROOT / "game" / layer).rglob("*.py")):
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] == "game" and len(parts) > 1 and parts[1] not in allowed:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_core_imports_only_the_standard_library():
    outside = []
    for path in sorted((ROOT / "game" / "core").rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            if top != "game" and top not in sys.stdlib_module_names and top != "__future__":
                outside.append(f"{path.relative_to(ROOT)} imports {name}")
    assert outside == []


def test_importing_the_core_loads_neither_pygame_nor_yaml():
    code = (
        "import sys, game.core.world, game.core.orders, game.core.suspects;"
        "print(sorted(m for m in ('pygame', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_records_layer_and_its_exports_need_no_pygame():
    code = (
        "import sys, game.records.cli, game.records.store, game.records.export_html,"
        " game.records.export_csv, game.records.xapi, game.records.lrs, game.records.recording;"
        "print(sorted(m for m in ('pygame',) if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def _module_graph(package: Path) -> dict[str, set[str]]:
    """Each module of a package and the modules of the same package it imports (TYPE_CHECKING too)."""
    modules = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts): path
        for path in sorted(package.rglob("*.py"))
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        wanted = set()
        for imported in _imports(path):
            if imported in modules:
                wanted.add(imported)
            for alias in _imported_names(path, imported):
                if f"{imported}.{alias}" in modules:
                    wanted.add(f"{imported}.{alias}")
        graph[name] = wanted - {name}
    return graph


def _imported_names(path: Path, module: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == module and node.level == 0
        for alias in node.names
    ]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle found by a depth-first walk, each as the modules around it."""
    found, state = [], {}

    def walk(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, [*trail, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    return found


def test_the_core_has_no_import_circle_not_even_for_type_checking():
    assert _cycles(_module_graph(ROOT / "game" / "core")) == []


def test_the_circle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
