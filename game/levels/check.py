"""Check level files and folders of levels, collecting every problem and warning (for `main.py check`)."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

from game.core.level import Level
from game.levels.errors import FILE_PATH, LevelError, Problem
from game.levels.identify import LEVEL_KEYS, identify
from game.levels.loader import load_level
from game.levels.yamlsafe import MAX_BYTES, compose


def check_paths(paths: list[str]) -> tuple[list[Level], list[Problem]]:
    """Load every level named (files) or found (`*.yaml` directly in folders); never raises.

    The problems include warnings (`Problem.is_warning`). A file named explicitly that is not a level
    (a script, a Tiled map, a picture...) is one problem saying what it is and what to run instead.
    """
    levels: list[Level] = []
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    for file, must_be_level in _files(paths, problems):
        if not must_be_level and not looks_like_level(file):
            continue
        if must_be_level:
            kind = identify(file)
            if not kind.is_level:
                problems.append(Problem(file, 1, 1, FILE_PATH, kind.message()))
                continue
        try:
            level = load_level(file, problems)
        except LevelError as error:
            problems.extend(error.problems)
            continue
        except (OSError, UnicodeDecodeError, RecursionError, MemoryError) as error:
            problems.append(Problem(file, 1, 1, FILE_PATH, f"cannot read the file: {error}"))
            continue
        if level.id in seen_ids:
            message = f"level id {level.id!r} is also used by {seen_ids[level.id]}"
            problems.append(Problem(file, 1, 1, "id", message))
        seen_ids.setdefault(level.id, file)
        levels.append(level)
    return levels, problems


def looks_like_level(path: str) -> bool:
    """Whether a YAML file found in a folder is meant as a level (unreadable files count as levels)."""
    try:
        data = Path(path).read_bytes()
        if len(data) > MAX_BYTES:
            return True
        root = compose(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return True
    if not isinstance(root, MappingNode):
        return root is not None
    keys = {key.value for key, _ in root.value if isinstance(key, ScalarNode)}
    return bool(keys & LEVEL_KEYS)


def _files(paths: list[str], problems: list[Problem]) -> list[tuple[str, bool]]:
    """(file, named explicitly) for every file to consider, in order; missing paths are problems."""
    found: list[tuple[str, bool]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += [
                (str(child), False) for child in sorted(path.glob("*.yaml")) if child.is_file()
            ]
        elif path.exists():
            found.append((name, True))
        else:
            problems.append(Problem(name, 1, 1, FILE_PATH, "no such file or folder"))
    return found
