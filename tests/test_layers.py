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
        "import sys, game.core.world, game.core.orders, game.core.behaviours;"
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
