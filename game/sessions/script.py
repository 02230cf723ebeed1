"""The script format: a level, a seed, timed commands and expectations, checked as strictly as levels.

`load_script` reads a script file with the levels' safe YAML reader and validator, loads the level it
names (relative to the script), and checks every command and expectation against that level. Every
key and its type come from the script's field table (`game.sessions.scriptfields`, with the commands
in `game.sessions.commandfields`); every problem is reported at once as `file:line:col: dotted.path:
message`, in a `LevelError`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.core.commands import Command
from game.core.level import Level
from game.levels.errors import FILE_PATH, LevelError, Problem, did_you_mean
from game.levels.fieldtypes import FieldType
from game.levels.limits import (
    MAX_COMMANDS,
    MAX_COMMANDS_PER_TICK,
    MAX_FILE_BYTES,
    MAX_REPLAY_BYTES,
    REPLAY_FIRST_LINE,
)
from game.levels.loader import compose_root, decode, load_level, read_file
from game.levels.validate import INVALID, Context, entries_of, validate
from game.levels.yamlsafe import describe, paused_gc, scalar_value
from game.sessions.scriptcheck import check, listing, unknown_keys
from game.sessions.scriptcommands import LevelFacts, parse_command
from game.sessions.scriptexpect import (
    Bounds,
    EventExpectation,
    Expect,
    RatingBounds,
    parse_expect,
    rating_rank,
)
from game.sessions.scriptfields import (
    CATEGORY_IDS,
    EVENT_TYPES,
    HARD_FAILURE_IDS,
    MAX_NOTE_CHARS,
    MAX_NOTES,
    RATINGS,
    RULE_IDS,
    SCRIPT,
)
from game.sessions.scriptreactive import Reaction
from game.sessions.scriptreplay import ReplayInfo, ReplayNote, ReplayParent, parse_replay
from game.sessions.times import clock

__all__ = [
    "CATEGORY_IDS",
    "EVENT_TYPES",
    "HARD_FAILURE_IDS",
    "MAX_NOTES",
    "MAX_NOTE_CHARS",
    "RATINGS",
    "RULE_IDS",
    "Bounds",
    "EventExpectation",
    "Expect",
    "RatingBounds",
    "ReplayInfo",
    "ReplayNote",
    "ReplayParent",
    "Script",
    "ScriptCommand",
    "load_script",
    "parse_script",
    "rating_rank",
    "resolve_level_path",
]

TOP_FIELDS = SCRIPT.names
"""The top-level keys of a script, in the table's order."""


@dataclass(frozen=True, slots=True)
class ScriptCommand:
    """One command of a script and the tick it is given at (`line` is its place in the file)."""

    tick: int
    command: Command
    line: int = 0
    reaction: Reaction | None = None
    """When set, the command is given from `tick` on as its conditions say (`game.sessions.player`)."""


@dataclass(frozen=True, slots=True)
class Script:
    """A checked script, with the level it was checked against."""

    path: str
    level_path: str
    level: Level
    title: str = ""
    seed: int = 1
    seed_given: bool = False
    variant: tuple[tuple[str, str], ...] = ()
    until: int | None = None
    commands: tuple[ScriptCommand, ...] = ()
    expect: Expect = field(default_factory=Expect)
    replay: ReplayInfo | None = None
    warnings: tuple[Problem, ...] = ()


def load_script(path: str | Path, level: Level | None = None) -> Script:
    """Read and check a script; `level` overrides the script's own `level:`. Raises LevelError."""
    name = str(path)
    data = read_file(path, MAX_REPLAY_BYTES, "script or replay")
    if len(data) > MAX_FILE_BYTES and not data.startswith(REPLAY_FIRST_LINE.encode()):
        message = (
            f"the file is {len(data):,} bytes; a script is limited to {MAX_FILE_BYTES:,} bytes "
            f"(a replay the game saved, to {MAX_REPLAY_BYTES:,})"
        )
        raise LevelError([Problem(name, 1, 1, FILE_PATH, message)])
    with paused_gc():
        return parse_script(data, name, level)


def parse_script(data: bytes, source_path: str, level: Level | None = None) -> Script:
    """Check a script from its bytes; relative level paths resolve from `source_path`'s folder."""
    text = decode(data, source_path, "script")
    root = compose_root(text, source_path, "script", TOP_FIELDS, ("level",))
    ctx = Context(source_path)
    entries = entries_of(root, "", ctx)
    unknown_keys(ctx, entries, SCRIPT, "")
    level_path, level = _level(entries, source_path, level, ctx)
    facts = LevelFacts.of(level) if level is not None else None
    if facts is not None:
        ctx.floor_names = facts.floor_names
    values: dict[str, object] = {}
    if "title" in entries:
        values["title"] = check(entries["title"][1], _type("title"), "title", ctx, "")
    if "seed" in entries:
        seed = check(entries["seed"][1], _type("seed"), "seed", ctx, 1)
        values.update(seed=seed, seed_given=True)
    if "until" in entries:
        values["until"] = check(entries["until"][1], _type("until"), "until", ctx, None)
    if "variant" in entries:
        values["variant"] = _variant(entries["variant"][1], facts, ctx)
    if "commands" in entries:
        end = values.get("until") or (level.duration if level is not None else None)
        why = "`until`" if values.get("until") else "the level's duration"
        values["commands"] = _commands(entries["commands"][1], facts, ctx, end, why)
    if "expect" in entries:
        values["expect"] = parse_expect(entries["expect"][1], ctx)
    if "replay" in entries:
        values["replay"] = parse_replay(entries["replay"][1], ctx)
    if ctx.problems or level is None:
        raise LevelError(ctx.problems)
    warnings = tuple(sorted(set(ctx.warnings)))
    return Script(path=source_path, level_path=level_path, level=level, warnings=warnings, **values)


def resolve_level_path(script_path: str, level: str) -> str:
    """The level file a script names, relative to the script's folder (normalised)."""
    if os.path.isabs(level):
        return os.path.normpath(level)
    return os.path.normpath(os.path.join(os.path.dirname(script_path), level))


# -- top-level fields ----------------------------------------------------------------------------


def _level(
    entries: dict[str, tuple[Node, Node]], source_path: str, given: Level | None, ctx: Context
) -> tuple[str, Level | None]:
    """The script's level path, and the level to check against (the given one, or loaded)."""
    if "level" not in entries:
        if given is not None:
            return given.source_path, given
        ctx.report_at(
            1, 1, "level", "required field is missing: the level file, relative to this script"
        )
        return "", None
    node = entries["level"][1]
    written = check(node, _type("level"), "level", ctx, None)
    if written is None:
        return "", given
    level_path = resolve_level_path(source_path, written)
    if given is not None:
        return level_path, given
    if not os.path.isfile(level_path):
        ctx.report(node, "level", f"no level file at {written!r} (looked for {level_path})")
        return level_path, None
    try:
        return level_path, load_level(level_path)
    except LevelError as error:
        ctx.report(
            node, "level", f"the level {written!r} has problems (listed with its own places)"
        )
        ctx.problems.extend(error.problems)
        return level_path, None


def _variant(node: Node, facts: LevelFacts | None, ctx: Context) -> tuple[tuple[str, str], ...]:
    """Fixed variant choices `{group: option}`, checked against the level's variant groups."""
    if not isinstance(node, MappingNode):
        if isinstance(node, ScalarNode) and scalar_value(node) is None:
            return ()
        ctx.report(node, "variant", f"expected a mapping {{group: option}}, got {describe(node)}")
        return ()
    chosen: list[tuple[str, str]] = []
    for group, (key, value) in entries_of(node, "variant", ctx).items():
        path = f"variant.{group}"
        option = validate(value, _type("variant").value, path, ctx)
        if option is INVALID:
            continue
        if facts is not None:
            if group not in facts.variants:
                hint = did_you_mean(group, facts.variants) or listing("groups", facts.variants)
                ctx.report(key, path, f"the level has no variant group {group!r}{hint}")
                continue
            options = facts.variants[group]
            if option not in options:
                hint = did_you_mean(option, options) or listing("options", options)
                ctx.report(value, path, f"group {group!r} has no option {option!r}{hint}")
                continue
        chosen.append((group, option))
    return tuple(sorted(chosen))


def _commands(
    node: Node, facts: LevelFacts | None, ctx: Context, end: int | None, why: str
) -> tuple[ScriptCommand, ...]:
    """The timed commands, checked one by one, in time order (file order within a tick)."""
    if isinstance(node, ScalarNode) and scalar_value(node) is None:
        return ()
    if not isinstance(node, SequenceNode):
        ctx.report(node, "commands", f"expected a list of commands, got {describe(node)}")
        return ()
    if len(node.value) > MAX_COMMANDS:
        message = (
            f"a script holds at most {MAX_COMMANDS:,} commands; this one has {len(node.value):,}"
        )
        ctx.report(node.value[MAX_COMMANDS], f"commands[{MAX_COMMANDS}]", message)
        return ()
    commands: list[ScriptCommand] = []
    per_tick: dict[int, int] = {}
    latest: tuple[int, int] | None = None
    for index, item in enumerate(node.value):
        parsed = parse_command(item, f"commands[{index}]", facts, ctx)
        if parsed is None:
            continue
        tick, command, reaction = parsed
        if latest is not None and tick < latest[0] and reaction is None:
            _warn_out_of_order(ctx, item, f"commands[{index}]", tick, latest)
        if reaction is None and (latest is None or tick >= latest[0]):
            latest = (tick, item.start_mark.line + 1)
        if end is not None and tick > end:
            ctx.report(
                item,
                f"commands[{index}]",
                f"this command at {clock(tick)} comes after the run ends at {clock(end)} ({why})",
            )
            continue
        per_tick[tick] = per_tick.get(tick, 0) + 1
        if per_tick[tick] == MAX_COMMANDS_PER_TICK + 1:
            message = f"more than {MAX_COMMANDS_PER_TICK} commands at {clock(tick)} (one tick)"
            ctx.report(item, f"commands[{index}]", message)
        commands.append(ScriptCommand(tick, command, item.start_mark.line + 1, reaction))
    return tuple(sorted(commands, key=lambda c: c.tick))


def _warn_out_of_order(
    ctx: Context, item: Node, path: str, tick: int, latest: tuple[int, int]
) -> None:
    """Warn about a command written after a later one (commands run in time order, whatever the file says)."""
    mark = item.start_mark
    ctx.warn_at(
        mark.line + 1,
        mark.column + 1,
        path,
        f"this command at {clock(tick)} is written after one at {clock(latest[0])} "
        f"(line {latest[1]}); commands run in time order, so it runs first: move it up, or fix "
        "its time",
    )


def _type(name: str) -> FieldType:
    """The table's type of a top-level key."""
    return SCRIPT.field(name).type
