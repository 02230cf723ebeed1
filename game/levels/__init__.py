"""YAML level files -> validated `game.core.level.Level`, with every authoring error and its place."""

from game.levels.assets import resolve_asset
from game.levels.check import check_paths
from game.levels.errors import LevelError, Problem
from game.levels.loader import load_level, parse_level

__all__ = ["LevelError", "Problem", "check_paths", "load_level", "parse_level", "resolve_asset"]
