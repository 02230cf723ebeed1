"""Load a level file: bytes -> safe YAML nodes -> checked fields -> cross-checks -> `Level`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.core.level import Level
from game.levels.errors import FILE_PATH, LevelError, Problem
from game.levels.fields import LEVEL
from game.levels.lint import lint_level
from game.levels.semantics import check_level
from game.levels.validate import Context, field_values
from game.levels.yamlsafe import (
    MAX_BYTES,
    RefusedError,
    UnprintableError,
    compose,
    describe,
    place_of_index,
    source_lines,
)


def load_level(path: str | Path, warnings: list[Problem] | None = None) -> Level:
    """Read and check a level file; raises LevelError listing every problem (never anything else).

    Warnings (see `game.levels.lint`) do not stop loading; pass a list to collect them.
    """
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise LevelError([_file_problem(name, _too_big(size))])
        data = Path(path).read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise LevelError([_file_problem(name, f"cannot read the file: {reason}")]) from None
    return parse_level(data, name, warnings)


def parse_level(data: bytes, source_path: str, warnings: list[Problem] | None = None) -> Level:
    """Check a level from its file bytes; `source_path` names it in problems and in the Level."""
    if len(data) > MAX_BYTES:
        raise LevelError([_file_problem(source_path, _too_big(len(data)))])
    text = decode(data, source_path)
    root = compose_root(text, source_path)
    ctx = Context(source_path)
    ctx.nodes[""] = root
    ctx.floor_names = _floor_names(root)
    draft, _ = field_values(root, LEVEL, "", ctx)
    lines = source_lines(text)
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


def decode(data: bytes, source_path: str) -> str:
    """The file's text as UTF-8; a LevelError pointing at the first bad byte otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8", errors="replace")
        line, column = place_of_index(good, len(good))
        byte = data[error.start]
        message = f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"
        raise LevelError([Problem(source_path, line, column, FILE_PATH, message)]) from None


def compose_root(text: str, source_path: str) -> MappingNode:
    """The document's top-level mapping; a LevelError for syntax errors or any other shape."""
    try:
        root = compose(text)
    except UnprintableError as error:
        problem = Problem(source_path, error.line, error.column, FILE_PATH, str(error))
        raise LevelError([problem]) from None
    except yaml.MarkedYAMLError as error:
        raise LevelError([_syntax_problem(source_path, error)]) from None
    except yaml.YAMLError as error:
        raise LevelError([_file_problem(source_path, f"YAML error: {error}")]) from None
    if root is None or (isinstance(root, ScalarNode) and root.value == ""):
        message = "the file is empty; a level needs at least id, title, briefing, map and trainee"
        raise LevelError([_file_problem(source_path, message)])
    if not isinstance(root, MappingNode):
        mark = root.start_mark
        message = f"a level is a mapping of fields (id: ..., title: ...), got {describe(root)}"
        raise LevelError([Problem(source_path, mark.line + 1, mark.column + 1, FILE_PATH, message)])
    return root


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
    floors = _child(_child(root, "map"), "floors")
    if not isinstance(floors, SequenceNode) or not floors.value:
        return None
    names = []
    for floor in floors.value:
        name = _child(floor, "name")
        names.append(name.value if isinstance(name, ScalarNode) else "")
    return tuple(names)


def _child(node: Node | None, key: str) -> Node | None:
    """The value under a key of a mapping node, if any."""
    if not isinstance(node, MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value
    return None


def _too_big(size: int) -> str:
    """The message for an oversized file."""
    return f"the file is {size:,} bytes; level files are limited to {MAX_BYTES:,} bytes"


def _file_problem(source_path: str, message: str) -> Problem:
    """A problem about the whole file, placed at line 1, column 1."""
    return Problem(source_path, 1, 1, FILE_PATH, message)
