"""The package: `pip install .` ships every module, the levels and the `rrt` command of main.py."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import game
from game.levels.folders import levels_dir, shipped_dir

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_project_table_names_the_rrt_command_and_the_runtime_dependencies():
    project = PROJECT["project"]
    assert project["name"] == "rapid-response-trainer"
    assert project["scripts"] == {"rrt": "game.shipped.main:main"}
    needed = {line.split(">")[0].split("=")[0].strip() for line in project["dependencies"]}
    assert needed == {"pygame-ce", "PyYAML", "pytiled-parser"}
    assert PROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "game.__version__"}
    assert game.__version__.count(".") == 2


def test_every_package_of_the_source_is_listed():
    listed = set(PROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "game").rglob("__init__.py")
    }
    assert found <= listed and listed - found == {"game.shipped"}
    assert PROJECT["tool"]["setuptools"]["package-dir"] == {"game.shipped": "."}


def test_every_shipped_level_script_and_guide_is_package_data():
    patterns = PROJECT["tool"]["setuptools"]["package-data"]["game.shipped"]
    packed = {p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()}
    tracked = subprocess.run(
        ["git", "ls-files", "levels", "assets"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    shipped = {ROOT / name for name in tracked} or {
        p for p in (ROOT / "levels").rglob("*") if p.is_file()
    }
    assert shipped and shipped <= packed


def test_a_checkout_finds_its_own_levels():
    assert levels_dir() == ROOT / "levels" == shipped_dir("levels")
    assert (levels_dir() / "wing_a.yaml").is_file()


def test_the_command_is_named_the_way_it_was_called():
    code = "import sys; sys.argv[0] = '/venv/bin/rrt'; import main; main.main(['--help'])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.startswith("usage: rrt ")
    out = subprocess.run(
        [sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.stdout.startswith("usage: python main.py ")
