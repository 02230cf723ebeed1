"""Load a level file: bytes -> safe YAML nodes -> checked fields -> cross-checks -> `Level`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from game.core.level import Level
from game.levels.errors import FILE_PATH, LevelError, Problem
from game.levels.fields import LEVEL
from game.levels.files import FileRefused, file_kind, read_bounded
from game.levels.limits import MAX_FILE_BYTES
from game.levels.lint import lint_level
from game.levels.semantics import check_level
from game.levels.sizes import check_map_size, check_people, check_zone_area, child
from game.levels.validate import Context, field_values
from game.levels.yamlsafe import (
    RefusedError,
    UnprintableError,
    compose,
    paused_gc,
    place_of_index,
    source_lines,
)

LEVEL_FIELDS = tuple(item.name for item in LEVEL.fields)
"""The top-level keys of a level; a file with none of them is not a level."""

LEVEL_NEEDS = ("id", "title", "briefing", "map", "trainee")
"""The fields every level has, named when a file is empty or not a level."""


def load_level(path: str | Path, warnings: list[Problem] | None = None) -> Level:
    """Read and check a level file; raises LevelError listing every problem (never anything else).

    Warnings (see `game.levels.lint`) do not stop loading; pass a list to collect them.
    """
    data = read_file(path, MAX_FILE_BYTES, "level file")
    return parse_level(data, str(path), warnings)


def read_file(path: str | Path, limit: int, noun: str) -> bytes:
    """A regular file's bytes within a bound; a LevelError naming what it is otherwise."""
    try:
        return read_bounded(path, limit, noun)
    except FileRefused as error:
        raise LevelError([_file_problem(str(path), str(error))]) from None


def parse_level(data: bytes, source_path: str, warnings: list[Problem] | None = None) -> Level:
    """Check a level from its file bytes; `source_path` names it in problems and in the Level."""
    key = (source_path, hashlib.sha256(data).digest())
    found = _PARSED.get(key)
    if found is None:
        found_warnings: list[Problem] = []
        try:
            with paused_gc():
                level = _parse_level(data, source_path, found_warnings)
        except LevelError:
            if warnings is not None:
                warnings.extend(found_warnings)  # a refused level still tells its warnings
            raise
        found = (level, tuple(found_warnings))
        if not _names_files(level):  # a file it names may come or go while its bytes stay the same
            if len(_PARSED) >= PARSED_KEPT:
                del _PARSED[next(iter(_PARSED))]
            _PARSED[key] = found
    if warnings is not None:
        warnings.extend(found[1])
    return found[0]


PARSED_KEPT = 32
"""Levels kept checked, by path and content: a batch, a check or a session reads the same level
many times (every script of a level loads it), and a Level never changes once made."""
_PARSED: dict[tuple[str, bytes], tuple[Level, tuple[Problem, ...]]] = {}


def forget_checked_levels() -> None:
    """Drop the levels kept checked (a benchmark times a full check each time)."""
    _PARSED.clear()


def _names_files(level: Level) -> bool:
    """Whether the level names files beside it (a floor plan, radio clips)."""
    return bool(level.briefing_image) or any(entry.clip for entry in level.timeline)


def _parse_level(data: bytes, source_path: str, warnings: list[Problem] | None) -> Level:
    if len(data) > MAX_FILE_BYTES:
        raise LevelError([_file_problem(source_path, _too_big(len(data)))])
    text = decode(data, source_path, "level")
    root = compose_root(text, source_path, "level", LEVEL_FIELDS, LEVEL_NEEDS)
    ctx = Context(source_path)
    ctx.nodes[""] = root
    lines = source_lines(text)
    check_map_size(root, ctx, lines)
    ctx.floor_names = _floor_names(root)
    draft, _ = field_values(root, LEVEL, "", ctx)
    check_people(draft, ctx)
    check_zone_area(draft, ctx)
    check_level(draft, ctx, lines)
    lint_level(draft, ctx, lines)
    if warnings is not None:
        warnings.extend(sorted(set(ctx.warnings)))
    if ctx.problems:
        raise LevelError(ctx.problems)
    level_map = draft.pop("map")
    draft.setdefault("zones", ())
    return Level(
        source_path=source_path,
        floors=level_map.floors,
        legend=level_map.legend,
        content_hash=hashlib.sha256(data).hexdigest(),
        **draft,
    )


def decode(data: bytes, source_path: str, what: str = "level") -> str:
    """The file's text as UTF-8; a LevelError saying what the file is, or where its first bad byte is."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        kind = file_kind(data)
        if kind:
            raise LevelError([_file_problem(source_path, _not_a(what, f"it is {kind}"))]) from None
        good = data[: error.start].decode("utf-8", errors="replace")
        line, column = place_of_index(good, len(good))
        byte = data[error.start]
        message = f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"
        raise LevelError([Problem(source_path, line, column, FILE_PATH, message)]) from None


def compose_root(
    text: str, source_path: str, what: str, fields: tuple[str, ...], needs: tuple[str, ...]
) -> MappingNode:
    """The top-level mapping of a level or script (`what`) with at least one of its `fields`.

    A LevelError for syntax errors or any other shape; a file that is not of this kind is named
    for what it is, and none of its content is quoted (it may be anything, even a password file).
    """
    known = ", ".join(needs if len(needs) > 1 else fields[:5])
    try:
        root = compose(text)
    except UnprintableError as error:
        kind = "" if error.escaped else file_kind(text.encode("utf-8", "surrogatepass"))
        message = _not_a(what, f"it is {kind}") if kind else str(error)
        problem = Problem(source_path, error.line, error.column, FILE_PATH, message)
        raise LevelError([problem]) from None
    except yaml.MarkedYAMLError as error:
        problem = _syntax_problem(source_path, error)
        if not isinstance(error, RefusedError) and not _starts_a_line(text, fields):
            message = _not_a(what, f"no line starts with a {what} field ({known}...)")
            problem = Problem(problem.file, problem.line, problem.column, FILE_PATH, message)
        raise LevelError([problem]) from None
    except yaml.YAMLError as error:
        raise LevelError([_file_problem(source_path, f"YAML error: {error}")]) from None
    if root is None or (isinstance(root, ScalarNode) and root.value == ""):
        listed = ", ".join(needs[:-1]) + " and " + needs[-1] if len(needs) > 1 else f"`{needs[0]}:`"
        message = f"the file is empty; a {what} needs at least {listed}"
        raise LevelError([_file_problem(source_path, message)])
    if not isinstance(root, MappingNode):
        mark = root.start_mark
        shape = _SHAPES.get(type(root), "a single value")
        message = _not_a(what, f"it holds {shape}, not a mapping of {what} fields ({known}...)")
        raise LevelError([Problem(source_path, mark.line + 1, mark.column + 1, FILE_PATH, message)])
    keys = [key.value for key, _ in root.value if isinstance(key, ScalarNode)]
    if not set(keys) & set(fields):
        message = _not_a(
            what,
            f"none of its {len(root.value):,} top-level keys is a {what} field ({known}...)",
        )
        raise LevelError([_file_problem(source_path, message)])
    return root


_SHAPES = {ScalarNode: "text or a single value", SequenceNode: "a list"}


def _not_a(what: str, why: str) -> str:
    """The message for a file that is not a level (or script), saying what it is instead."""
    return f"this is not a {what} file: {why}"


def _starts_a_line(text: str, fields: tuple[str, ...]) -> bool:
    """Whether any line of the text starts with one of the fields as a key (`title:`)."""
    return any(f"\n{name}:" in f"\n{text}" for name in fields)


def _syntax_problem(source_path: str, error: yaml.MarkedYAMLError) -> Problem:
    """One Problem for a YAML syntax error, at the place YAML blames."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    parts = [part for part in (error.context, error.problem) if part]
    detail = ", ".join(parts) if parts else "invalid YAML"
    if error.context and error.context_mark and error.problem_mark:
        context = error.context_mark
        if (context.line, context.column) != (error.problem_mark.line, error.problem_mark.column):
            detail = (
                f"{error.context} (line {context.line + 1}, column {context.column + 1}), "
                f"{error.problem}"
            )
    prefix = "" if isinstance(error, RefusedError) else "YAML syntax: "
    return Problem(source_path, line, column, FILE_PATH, prefix + detail)


def _floor_names(root: MappingNode) -> tuple[str, ...] | None:
    """The floors' names as written, when the map's floors are readable enough to name."""
    floors = child(child(root, "map"), "floors")
    if not isinstance(floors, SequenceNode) or not floors.value:
        return None
    names = []
    for floor in floors.value:
        name = child(floor, "name")
        names.append(name.value if isinstance(name, ScalarNode) else "")
    return tuple(names)


def _too_big(size: int) -> str:
    """The message for an oversized file."""
    return f"the file is {size:,} bytes; a level file is limited to {MAX_FILE_BYTES:,} bytes"


def _file_problem(source_path: str, message: str) -> Problem:
    """A problem about the whole file, placed at line 1, column 1."""
    return Problem(source_path, 1, 1, FILE_PATH, message)
