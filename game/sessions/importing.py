"""`python main.py import-tiled MAP -o LEVEL.yaml`: convert a Tiled map, write the level, check it."""

from __future__ import annotations

import sys
from pathlib import Path

from game.levels.errors import LevelError, Problem
from game.levels.loader import load_level
from game.levels.tiled import tiled_to_level_text
from game.sessions.replay import write_atomically

OK, BAD_INPUT = 0, 2


def import_tiled_command(map_path: str, output: str, force: bool = False) -> int:
    """Write the level for a Tiled map and check it: 0 when the level checks clean, 2 otherwise."""
    if Path(output).exists() and not force:
        print(
            f"import-tiled: {output} exists; choose another -o, or add --force to replace it",
            file=sys.stderr,
        )
        return BAD_INPUT
    if Path(output).suffix.lower() not in (".yaml", ".yml"):
        print(f"import-tiled: the level file should end in .yaml, got {output}", file=sys.stderr)
        return BAD_INPUT
    try:
        text = tiled_to_level_text(map_path)
    except LevelError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} in the map; nothing written.",
            file=sys.stderr,
        )
        return BAD_INPUT
    try:
        write_atomically(output, text)
    except OSError as error:
        print(f"{output}: cannot write the level: {error.strerror or error}", file=sys.stderr)
        return BAD_INPUT
    print(f"Wrote {output} from {map_path}.")
    warnings: list[Problem] = []
    try:
        load_level(output, warnings)
    except LevelError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            "The level needs these fixes before it plays (edit the map or the YAML).",
            file=sys.stderr,
        )
        return BAD_INPUT
    for warning in warnings:
        print(warning, file=sys.stderr)
    print(f"check: {output} is a valid level; play it with `python main.py play {output}`.")
    return OK
