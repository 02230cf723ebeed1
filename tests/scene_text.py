"""A small level text for the scene-feature tests, and helpers to load or change it."""

from __future__ import annotations

from pathlib import Path

from game.levels import LevelError, parse_level
from game.levels.errors import Problem

BASE = (Path(__file__).parent / "fixtures" / "two_storey.yaml").read_text(encoding="utf-8")


def swap(text: str, old: str, new: str) -> str:
    """The text with one exact piece replaced (failing the test when it is not there once)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def load(text: str):
    """The level a text describes (raising LevelError)."""
    return parse_level(text.encode(), "level.yaml")


def problems(text: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of a level text."""
    warnings: list[Problem] = []
    try:
        parse_level(text.encode(), "level.yaml", warnings)
    except LevelError as error:
        return list(error.problems), warnings
    return [], warnings


def run(level, ticks: int, commands=None, seed: int = 1):
    """A world of the level stepped `ticks` times; `commands` maps a tick to its commands."""
    from game.core.world import World

    world = World(level, seed)
    for _ in range(ticks):
        world.step((commands or {}).get(world.tick, ()))
    return world


def of(world, kind) -> list:
    """The events of one type in a world's log."""
    return [event for event in world.log if isinstance(event, kind)]
