"""Check level files and folders of levels, collecting every problem and warning (for `main.py check`)."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

from game.core.level import Level
from game.levels.errors import FILE_PATH, LevelError, Problem
from game.levels.files import FileRefused, read_bounded
from game.levels.identify import LEVEL_KEYS, identify_bytes
from game.levels.limits import MAX_FILE_BYTES
from game.levels.loader import parse_level
from game.levels.yamlsafe import compose

LEVEL_SUFFIXES = (".yaml", ".yml")
"""The file names a folder's levels have (hidden files, such as `._x.yaml` from a zip, are not levels)."""


def check_paths(paths: list[str]) -> tuple[list[Level], list[Problem]]:
    """Load every level named (files) or found (`*.yaml`, `*.yml` directly in folders); never raises.

    The problems include warnings (`Problem.is_warning`). A file named explicitly that is not a level
    (a script, a Tiled map, a picture...) is one problem saying what it is and what to run instead;
    a folder without any level is a problem too (no false all-clear in CI).
    """
    levels: list[Level] = []
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = level_files(path)
            before = (len(levels), len(problems))
            for file in files:
                _check_file(str(file), False, levels, problems, seen_ids)
            if (len(levels), len(problems)) == before:
                problems.append(Problem(name, 1, 1, FILE_PATH, _no_levels(len(files))))
        elif path.exists() or path.is_symlink():
            _check_file(name, True, levels, problems, seen_ids)
        else:
            problems.append(Problem(name, 1, 1, FILE_PATH, "no such file or folder"))
    return levels, problems


def level_files(folder: Path) -> list[Path]:
    """The `*.yaml` and `*.yml` entries directly in a folder, by name (special files too: they are
    reported, not skipped); none when the folder cannot be listed."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if entry.suffix.lower() in LEVEL_SUFFIXES
        and not entry.name.startswith(".")
        and not entry.is_dir()
    ]


def looks_like_level(data: bytes) -> bool:
    """Whether a YAML file found in a folder is meant as a level (unreadable files count as levels)."""
    try:
        root = compose(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        return True
    if not isinstance(root, MappingNode):
        return root is not None
    keys = {key.value for key, _ in root.value if isinstance(key, ScalarNode)}
    return bool(keys & LEVEL_KEYS)


def _check_file(
    file: str,
    named: bool,
    levels: list[Level],
    problems: list[Problem],
    seen_ids: dict[str, str],
) -> None:
    """Load one file into `levels`, or its problems into `problems` (files found in a folder that
    are not meant as levels are skipped; a file named that is not a level is said to be what it is)."""
    try:
        data = read_bounded(file, MAX_FILE_BYTES, "level file")
        if not named and not looks_like_level(data):
            return
        if named:
            kind = identify_bytes(data, file)
            if not kind.is_level:
                problems.append(Problem(file, 1, 1, FILE_PATH, kind.message()))
                return
        level = parse_level(data, file, problems)
    except FileRefused as error:
        problems.append(Problem(file, 1, 1, FILE_PATH, str(error)))
        return
    except LevelError as error:
        problems.extend(error.problems)
        return
    except (RecursionError, MemoryError) as error:
        problems.append(Problem(file, 1, 1, FILE_PATH, f"cannot check the file: {error!r}"))
        return
    if level.id in seen_ids:
        message = f"level id {level.id!r} is also used by {seen_ids[level.id]}"
        problems.append(Problem(file, 1, 1, "id", message))
    seen_ids.setdefault(level.id, file)
    levels.append(level)


def _no_levels(files: int) -> str:
    """The problem for a folder without levels (a false green light in CI otherwise)."""
    if not files:
        return "no level files in this folder (levels are *.yaml or *.yml files)"
    noun = "file is" if files == 1 else "files are"
    return f"no level files in this folder ({files} YAML {noun} not levels: no map, zones, trainee or briefing)"
