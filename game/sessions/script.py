"""The script format: a level, a seed, timed commands and expectations, checked as strictly as levels.

`load_script` reads a script file with the levels' safe YAML reader and validator, loads the level it
names (relative to the script), and checks every command and expectation against that level. Every
problem is reported at once as `file:line:col: dotted.path: message`, in a `LevelError`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.core import events as core_events
from game.core.commands import Command
from game.core.level import Level
from game.levels.errors import FILE_PATH, LevelError, Problem, did_you_mean
from game.levels.fieldtypes import Boolean, Choice, Ident, Integer, ListOf, Number, Text, Time
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
from game.scoring import CATEGORIES, NOT_SCORED, RULES
from game.sessions.scriptcommands import LevelFacts, parse_command
from game.sessions.scriptreactive import Reaction
from game.sessions.times import clock

RATINGS = ("P", "S", "M", "U")
"""Ratings from best to worst (see `game.scoring.RATING_WORDS`)."""

EVENT_TYPES: dict[str, type] = {
    name: cls
    for name, cls in vars(core_events).items()
    if isinstance(cls, type) and issubclass(cls, core_events.Event) and cls is not core_events.Event
}
"""Every event class by name, for `expect.events`."""

TOP_FIELDS = ("level", "title", "seed", "variant", "until", "commands", "expect", "replay")
EXPECT_FIELDS = (
    "rating",
    "categories",
    "score",
    "ledger_has",
    "ledger_lacks",
    "points",
    "hard_failures",
    "events",
    "casualties",
    "event_log_sha256",
    "holds_on",
)
EVENT_FIELDS = ("type", "where", "after", "before", "never", "count_min", "count_max")
REPLAY_FIELDS = ("level_sha256", "recorded", "event_log_sha256", "parent", "notes")
PARENT_FIELDS = ("file", "tick", "event_log_sha256")
NOTE_FIELDS = ("tick", "text")
MAX_NOTE_CHARS = 2000
MAX_NOTES = 1000
SHA256 = re.compile(r"[0-9a-f]{64}")
RATE_TEXT = re.compile(r"[0-9]{1,3}(\.[0-9]{1,2})?\s*%?", re.ASCII)
RULE_IDS = tuple(rule.id for rule in RULES)
"""Every rule of the rubric, for `ledger_has` / `ledger_lacks`."""
HARD_FAILURE_IDS = tuple(rule_id for rule_id in RULE_IDS if rule_id.startswith("HF"))
CATEGORY_IDS = tuple(category.id for category in CATEGORIES)


@dataclass(frozen=True, slots=True)
class ScriptCommand:
    """One command of a script and the tick it is given at (`line` is its place in the file)."""

    tick: int
    command: Command
    line: int = 0
    reaction: Reaction | None = None
    """When set, the command is given from `tick` on as its conditions say (`game.sessions.player`)."""


@dataclass(frozen=True, slots=True)
class RatingBounds:
    """Acceptable ratings: `min` is the worst allowed, `max` the best allowed (P best, U worst)."""

    min: str | None = None
    max: str | None = None
    line: int = 0

    def holds(self, rating: str) -> bool:
        """Whether a rating lies within the bounds."""
        rank = rating_rank(rating)
        low = self.min is None or rank >= rating_rank(self.min)
        high = self.max is None or rank <= rating_rank(self.max)
        return low and high

    def text(self) -> str:
        """The bounds in words: "at least S", "S to P", "exactly M"."""
        if self.min is not None and self.min == self.max:
            return f"exactly {self.min}"
        if self.min is not None and self.max is not None:
            return f"from {self.min} to {self.max}"
        if self.min is not None:
            return f"at least {self.min}"
        return f"at most {self.max}"


@dataclass(frozen=True, slots=True)
class Bounds:
    """Numeric bounds, both inclusive; either may be open (None)."""

    min: float | None = None
    max: float | None = None
    line: int = 0

    def holds(self, value: float) -> bool:
        """Whether a value lies within the bounds."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def text(self) -> str:
        """The bounds in words."""
        low, high = _number(self.min), _number(self.max)
        if self.min is not None and self.min == self.max:
            return f"exactly {low}"
        if self.min is not None and self.max is not None:
            return f"from {low} to {high}"
        if self.min is not None:
            return f"at least {low}"
        return f"at most {high}"


@dataclass(frozen=True, slots=True)
class EventExpectation:
    """Events of a type (with matching fields) that must occur between `after` and `before`."""

    type: str
    where: tuple[tuple[str, object], ...] = ()
    after: int | None = None
    before: int | None = None
    count_min: int = 1
    count_max: int | None = None
    line: int = 0

    def text(self) -> str:
        """The expectation in words: "EnteredBuilding (person=trainee) before 2:00"."""
        what = self.type
        if self.where:
            what += " (" + ", ".join(f"{k}={v}" for k, v in self.where) + ")"
        if self.count_max == 0:
            count = "never"
        elif self.count_max is None:
            count = "at least once" if self.count_min == 1 else f"at least {self.count_min} times"
        elif self.count_min == self.count_max:
            count = f"exactly {self.count_min} times"
        else:
            count = f"{self.count_min} to {self.count_max} times"
        window = ""
        if self.after is not None:
            window += f" from {clock(self.after)}"
        if self.before is not None:
            window += f" before {clock(self.before)}"
        return f"{what} {count}{window}"


@dataclass(frozen=True, slots=True)
class Expect:
    """Everything a script expects of the outcome; empty means "just run it"."""

    rating: RatingBounds | None = None
    categories: tuple[tuple[str, RatingBounds], ...] = ()
    score: Bounds | None = None
    ledger_has: tuple[tuple[str, int], ...] = ()
    ledger_lacks: tuple[tuple[str, int], ...] = ()
    points: tuple[tuple[str, Bounds], ...] = ()
    hard_failures: tuple[str, ...] | None = None
    hard_failures_line: int = 0
    events: tuple[EventExpectation, ...] = ()
    casualties: Bounds | None = None
    event_log_sha256: str = ""
    event_log_sha256_line: int = 0
    holds_on: float = 100.0
    """The least share of seeds, in percent, on which a batch must see every other expectation hold."""

    @property
    def empty(self) -> bool:
        """Whether the script expects nothing (a promised rate alone expects nothing)."""
        return replace(self, holds_on=100.0) == Expect()


@dataclass(frozen=True, slots=True)
class ReplayParent:
    """The session a retry branched from: its replay file (relative to this one), when, its log's hash."""

    file: str
    tick: int
    event_log_sha256: str = ""


@dataclass(frozen=True, slots=True)
class ReplayNote:
    """An instructor's note at a moment of the session (a bookmark on the review's timeline)."""

    tick: int
    text: str


@dataclass(frozen=True, slots=True)
class ReplayInfo:
    """What a saved session records about its recording: the level's hash and how long it ran."""

    level_sha256: str
    recorded: int
    event_log_sha256: str = ""
    parent: ReplayParent | None = None
    notes: tuple[ReplayNote, ...] = ()


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
    for name, (key, _) in entries.items():
        if name not in TOP_FIELDS:
            _unknown(ctx, key, name, "", TOP_FIELDS)
    level_path, level = _level(entries, source_path, level, ctx)
    facts = LevelFacts.of(level) if level is not None else None
    if facts is not None:
        ctx.floor_names = facts.floor_names
    values: dict[str, object] = {}
    if "title" in entries:
        values["title"] = _check(entries["title"][1], Text(), "title", ctx, "")
    if "seed" in entries:
        seed = _check(entries["seed"][1], Integer(0), "seed", ctx, 1)
        values.update(seed=seed, seed_given=True)
    if "until" in entries:
        values["until"] = _check(entries["until"][1], Time(positive=True), "until", ctx, None)
    if "variant" in entries:
        values["variant"] = _variant(entries["variant"][1], facts, ctx)
    if "commands" in entries:
        end = values.get("until") or (level.duration if level is not None else None)
        why = "`until`" if values.get("until") else "the level's duration"
        values["commands"] = _commands(entries["commands"][1], facts, ctx, end, why)
    if "expect" in entries:
        values["expect"] = _expect(entries["expect"][1], ctx)
    if "replay" in entries:
        values["replay"] = _replay(entries["replay"][1], ctx)
    if ctx.problems or level is None:
        raise LevelError(ctx.problems)
    warnings = tuple(sorted(set(ctx.warnings)))
    return Script(path=source_path, level_path=level_path, level=level, warnings=warnings, **values)


def rating_rank(rating: str) -> int:
    """How good a rating is: U = 0 ... P = 3 (-1 for anything else)."""
    return len(RATINGS) - 1 - RATINGS.index(rating) if rating in RATINGS else -1


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
    written = _check(node, Text(nonempty=True), "level", ctx, None)
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
        option = validate(value, Ident(), path, ctx)
        if option is INVALID:
            continue
        if facts is not None:
            if group not in facts.variants:
                hint = did_you_mean(group, facts.variants) or _listing("groups", facts.variants)
                ctx.report(key, path, f"the level has no variant group {group!r}{hint}")
                continue
            options = facts.variants[group]
            if option not in options:
                hint = did_you_mean(option, options) or _listing("options", options)
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


# -- expectations --------------------------------------------------------------------------------


def _expect(node: Node, ctx: Context) -> Expect:
    """The `expect:` mapping."""
    if isinstance(node, ScalarNode) and scalar_value(node) is None:
        return Expect()
    if not isinstance(node, MappingNode):
        ctx.report(node, "expect", f"expected a mapping of expectations, got {describe(node)}")
        return Expect()
    entries = entries_of(node, "expect", ctx)
    values: dict[str, object] = {}
    for name, (key, value) in entries.items():
        path = f"expect.{name}"
        if name not in EXPECT_FIELDS:
            _unknown(ctx, key, name, "expect", EXPECT_FIELDS)
        elif name == "rating":
            values["rating"] = _rating_bounds(value, path, ctx)
        elif name == "categories":
            values["categories"] = _categories(value, path, ctx)
        elif name in ("score", "casualties"):
            whole = name == "casualties"
            values[name] = _bounds(value, path, ctx, whole)
        elif name in ("ledger_has", "ledger_lacks"):
            values[name] = _ids(value, path, ctx, RULE_IDS)
        elif name == "points":
            values["points"] = _points(value, path, ctx)
        elif name == "hard_failures":
            ids = _ids(value, path, ctx, HARD_FAILURE_IDS)
            values["hard_failures"] = tuple(sorted({rule for rule, _ in ids}))
            values["hard_failures_line"] = value.start_mark.line + 1
        elif name == "events":
            values["events"] = _events(value, path, ctx)
        elif name == "holds_on":
            values["holds_on"] = _rate(value, path, ctx)
        elif name == "event_log_sha256":
            values["event_log_sha256"] = _sha(value, path, ctx)
            values["event_log_sha256_line"] = value.start_mark.line + 1
    return Expect(**{k: v for k, v in values.items() if v is not None})


def _rate(node: Node, path: str, ctx: Context) -> float | None:
    """A share of seeds in percent: `95`, `99.5` or `"95%"`."""
    value = scalar_value(node) if isinstance(node, ScalarNode) else None
    if isinstance(value, str) and RATE_TEXT.fullmatch(value.strip()):
        value = float(value.strip().rstrip("%").strip())
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 100:
        ctx.report(
            node,
            path,
            f'expected a share of seeds from 0 to 100 % ("95%" or 95), got {describe(node)}',
        )
        return None
    return float(value)


def _rating_bounds(node: Node, path: str, ctx: Context) -> RatingBounds | None:
    """A rating bound: `S` (exactly S) or `{min: S, max: P}`."""
    letters = Choice(RATINGS)
    line = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        rating = _check(node, letters, path, ctx, None)
        return None if rating is None else RatingBounds(rating, rating, line)
    found = _min_max(node, path, ctx, letters)
    if found is None:
        return None
    low, high = found
    if low is not None and high is not None and rating_rank(low) > rating_rank(high):
        ctx.report(node, path, f"min {low} is better than max {high} (P is best, U worst)")
        return None
    return RatingBounds(low, high, line)


def _bounds(
    node: Node, path: str, ctx: Context, whole: bool, signed: bool = False
) -> Bounds | None:
    """Number bounds: `6` (exactly) or `{min: 0, max: 6}`."""
    kind = Integer() if signed else Integer(0) if whole else Number()
    line = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        value = _check(node, kind, path, ctx, None)
        return None if value is None else Bounds(value, value, line)
    found = _min_max(node, path, ctx, kind)
    if found is None:
        return None
    low, high = found
    if low is not None and high is not None and low > high:
        ctx.report(node, path, f"min {_number(low)} is more than max {_number(high)}")
        return None
    return Bounds(low, high, line)


def _min_max(node: Node, path: str, ctx: Context, kind: object) -> tuple[object, object] | None:
    """The `min` and `max` of a bounds mapping (at least one), or None after reporting."""
    if not isinstance(node, MappingNode):
        ctx.report(node, path, f"expected a value or {{min: ..., max: ...}}, got {describe(node)}")
        return None
    entries = entries_of(node, path, ctx)
    ok = True
    for name, (key, _) in entries.items():
        if name not in ("min", "max"):
            _unknown(ctx, key, name, path, ("min", "max"))
            ok = False
    if not ({"min", "max"} & entries.keys()):
        ctx.report(node, path, "needs min, max or both")
        return None
    found = []
    for name in ("min", "max"):
        if name not in entries:
            found.append(None)
            continue
        value = validate(entries[name][1], kind, f"{path}.{name}", ctx)
        ok = ok and value is not INVALID
        found.append(None if value is INVALID else value)
    return (found[0], found[1]) if ok else None


def _categories(node: Node, path: str, ctx: Context) -> tuple[tuple[str, RatingBounds], ...]:
    """Per-category rating bounds `{A: {min: S}, B: P}`."""
    if not isinstance(node, MappingNode):
        ctx.report(
            node, path, f"expected a mapping {{category: rating bounds}}, got {describe(node)}"
        )
        return ()
    found = []
    for name, (key, value) in entries_of(node, path, ctx).items():
        if name not in CATEGORY_IDS:
            hint = did_you_mean(name, CATEGORY_IDS) or _listing("categories", CATEGORY_IDS)
            ctx.report(key, f"{path}.{name}", f"no rubric category {name!r}{hint}")
            continue
        bounds = _rating_bounds(value, f"{path}.{name}", ctx)
        if bounds is not None:
            found.append((name, bounds))
    return tuple(found)


def _points(node: Node, path: str, ctx: Context) -> tuple[tuple[str, Bounds], ...]:
    """Bounds on the points each rule moved in total: `{A1: {min: 100}, E2: 0}`."""
    if not isinstance(node, MappingNode):
        ctx.report(node, path, f"expected a mapping {{rule: bounds}}, got {describe(node)}")
        return ()
    found = []
    for name, (key, value) in entries_of(node, path, ctx).items():
        if name not in RULE_IDS:
            hint = did_you_mean(name, RULE_IDS) or _listing("rules", RULE_IDS)
            ctx.report(key, f"{path}.{name}", f"no rubric rule {name!r}{hint}")
            continue
        bounds = _bounds(value, f"{path}.{name}", ctx, whole=False, signed=True)
        if bounds is not None:
            found.append((name, bounds))
    return tuple(found)


def _ids(
    node: Node, path: str, ctx: Context, known: tuple[str, ...]
) -> tuple[tuple[str, int], ...]:
    """A list of rule ids (`[A1, HF2]`), each with its line, checked against the rubric."""
    values = validate(node, ListOf(Text(nonempty=True)), path, ctx)
    if values is INVALID or not isinstance(node, SequenceNode):
        return ()
    not_scored = {rule_id: reason for rule_id, _, reason in NOT_SCORED}
    found = []
    for index, (item, value) in enumerate(zip(node.value, values, strict=True)):
        if value is None:
            continue
        if value not in known:
            if value in not_scored:
                message = f"rule {value} is not scored: {not_scored[value]}"
            else:
                hint = did_you_mean(value, known) or _listing("rules", known)
                message = f"no rubric rule {value!r}{hint}"
            ctx.report(item, f"{path}[{index}]", message)
            continue
        found.append((value, item.start_mark.line + 1))
    return tuple(found)


def _events(node: Node, path: str, ctx: Context) -> tuple[EventExpectation, ...]:
    """The list of event expectations."""
    if not isinstance(node, SequenceNode):
        ctx.report(node, path, f"expected a list of event expectations, got {describe(node)}")
        return ()
    found = []
    for index, item in enumerate(node.value):
        expectation = _event(item, f"{path}[{index}]", ctx)
        if expectation is not None:
            found.append(expectation)
    return tuple(found)


def _event(node: Node, path: str, ctx: Context) -> EventExpectation | None:
    """One event expectation: `{type: ThreatStopped, before: "6:00", count_min: 1}`."""
    if not isinstance(node, MappingNode):
        ctx.report(
            node,
            path,
            f'expected a mapping such as {{type: ThreatStopped, before: "6:00"}}, got {describe(node)}',
        )
        return None
    entries = entries_of(node, path, ctx)
    ok = True
    for name, (key, _) in entries.items():
        if name not in EVENT_FIELDS:
            _unknown(ctx, key, name, path, EVENT_FIELDS)
            ok = False
    if "type" not in entries:
        ctx.report(
            node, f"{path}.type", "required field is missing: the event type, e.g. ThreatStopped"
        )
        return None
    type_node = entries["type"][1]
    event_type = _check(type_node, Text(nonempty=True), f"{path}.type", ctx, None)
    if event_type is None:
        return None
    cls = EVENT_TYPES.get(event_type)
    if cls is None:
        hint = did_you_mean(event_type, EVENT_TYPES) or "; see game/core/events.py"
        ctx.report(type_node, f"{path}.type", f"no event type {event_type!r}{hint}")
        return None
    values: dict[str, object] = {"type": event_type, "line": node.start_mark.line + 1}
    if "where" in entries:
        where = _where(entries["where"][1], cls, f"{path}.where", ctx)
        ok = ok and where is not None
        values["where"] = where or ()
    for name in ("after", "before"):
        if name in entries:
            tick = validate(entries[name][1], Time(), f"{path}.{name}", ctx)
            ok = ok and tick is not INVALID
            values[name] = None if tick is INVALID else tick
    for name in ("count_min", "count_max"):
        if name in entries:
            count = validate(entries[name][1], Integer(0), f"{path}.{name}", ctx)
            ok = ok and count is not INVALID
            values[name] = None if count is INVALID else count
    if "never" in entries:
        never = validate(entries["never"][1], Boolean(), f"{path}.never", ctx)
        if never is True:
            if {"count_min", "count_max"} & entries.keys():
                key = entries["never"][0]
                ctx.report(key, f"{path}.never", "write either never: true or count_min/count_max")
                return None
            values.update(count_min=0, count_max=0)
        ok = ok and never is not INVALID
    if not ok:
        return None
    after, before = values.get("after"), values.get("before")
    if after is not None and before is not None and after >= before:
        ctx.report(
            node, path, f"after ({clock(after)}) must be earlier than before ({clock(before)})"
        )
        return None
    low, high = values.get("count_min", 1), values.get("count_max")
    if high is not None and low > high:
        if "count_min" not in entries:
            values["count_min"] = 0
        else:
            ctx.report(node, path, f"count_min {low} is more than count_max {high}")
            return None
    return EventExpectation(**values)


def _where(node: Node, cls: type, path: str, ctx: Context) -> tuple[tuple[str, object], ...] | None:
    """Field filters `{person: trainee}` on an event type's own fields (plain values)."""
    if not isinstance(node, MappingNode):
        ctx.report(node, path, f"expected a mapping {{field: value}}, got {describe(node)}")
        return None
    names = [name for name in _event_fields(cls) if name != "tick"]
    found = []
    ok = True
    for name, (key, value) in entries_of(node, path, ctx).items():
        if name not in names:
            hint = did_you_mean(name, names) or _listing("fields", names)
            ctx.report(key, f"{path}.{name}", f"{cls.__name__} has no field {name!r}{hint}")
            ok = False
            continue
        if not isinstance(value, ScalarNode):
            ctx.report(value, f"{path}.{name}", f"expected a plain value, got {describe(value)}")
            ok = False
            continue
        found.append((name, scalar_value(value)))
    return tuple(found) if ok else None


def _replay(node: Node, ctx: Context) -> ReplayInfo | None:
    """The `replay:` block a saved session carries."""
    if not isinstance(node, MappingNode):
        ctx.report(
            node, "replay", f"expected a mapping (level_sha256, recorded), got {describe(node)}"
        )
        return None
    entries = entries_of(node, "replay", ctx)
    for name, (key, _) in entries.items():
        if name not in REPLAY_FIELDS:
            _unknown(ctx, key, name, "replay", REPLAY_FIELDS)
    values: dict[str, object] = {}
    for name in ("level_sha256", "recorded"):
        if name not in entries:
            ctx.report(node, f"replay.{name}", "required field is missing")
    if "level_sha256" in entries:
        values["level_sha256"] = _sha(entries["level_sha256"][1], "replay.level_sha256", ctx)
    if "recorded" in entries:
        values["recorded"] = _check(
            entries["recorded"][1], Integer(0), "replay.recorded", ctx, None
        )
    if "event_log_sha256" in entries:
        values["event_log_sha256"] = _sha(
            entries["event_log_sha256"][1], "replay.event_log_sha256", ctx
        )
    if "parent" in entries:
        values["parent"] = _parent(entries["parent"][1], ctx)
    if "notes" in entries:
        values["notes"] = _notes(entries["notes"][1], values.get("recorded"), ctx)
    if values.get("level_sha256") is None or values.get("recorded") is None:
        return None
    return ReplayInfo(**values)


def _parent(node: Node, ctx: Context) -> ReplayParent | None:
    """`replay.parent`: the session this one branched from (file, tick, event_log_sha256)."""
    if not isinstance(node, MappingNode):
        ctx.report(node, "replay.parent", f"expected a mapping (file, tick), got {describe(node)}")
        return None
    entries = entries_of(node, "replay.parent", ctx)
    for name, (key, _) in entries.items():
        if name not in PARENT_FIELDS:
            _unknown(ctx, key, name, "replay.parent", PARENT_FIELDS)
    for name in ("file", "tick"):
        if name not in entries:
            ctx.report(node, f"replay.parent.{name}", "required field is missing")
    if "file" not in entries or "tick" not in entries:
        return None
    file = _check(entries["file"][1], Text(nonempty=True), "replay.parent.file", ctx, None)
    tick = _check(entries["tick"][1], Integer(0), "replay.parent.tick", ctx, None)
    digest = ""
    if "event_log_sha256" in entries:
        digest = _sha(entries["event_log_sha256"][1], "replay.parent.event_log_sha256", ctx)
    if file is None or tick is None or digest is None:
        return None
    return ReplayParent(file, tick, digest)


def _notes(node: Node, recorded: int | None, ctx: Context) -> tuple[ReplayNote, ...]:
    """`replay.notes`: the instructor's notes, each a tick within the session and a text."""
    if isinstance(node, ScalarNode) and scalar_value(node) is None:
        return ()
    if not isinstance(node, SequenceNode):
        ctx.report(node, "replay.notes", f"expected a list of notes, got {describe(node)}")
        return ()
    if len(node.value) > MAX_NOTES:
        ctx.report(node, "replay.notes", f"{len(node.value)} notes; at most {MAX_NOTES} are kept")
        return ()
    notes = []
    for index, item in enumerate(node.value):
        path = f"replay.notes[{index}]"
        if not isinstance(item, MappingNode):
            ctx.report(item, path, f"expected a note (tick, text), got {describe(item)}")
            continue
        entries = entries_of(item, path, ctx)
        for name, (key, _) in entries.items():
            if name not in NOTE_FIELDS:
                _unknown(ctx, key, name, path, NOTE_FIELDS)
        missing = [name for name in NOTE_FIELDS if name not in entries]
        for name in missing:
            ctx.report(item, f"{path}.{name}", "required field is missing")
        if missing:
            continue
        tick = _check(entries["tick"][1], Integer(0), f"{path}.tick", ctx, None)
        text = _check(entries["text"][1], Text(nonempty=True), f"{path}.text", ctx, None)
        if tick is None or text is None:
            continue
        if recorded is not None and tick > recorded:
            ctx.report(
                entries["tick"][1],
                f"{path}.tick",
                f"the note at tick {tick} comes after the session ends (tick {recorded})",
            )
            continue
        if len(text) > MAX_NOTE_CHARS:
            ctx.report(entries["text"][1], f"{path}.text", f"at most {MAX_NOTE_CHARS} characters")
            continue
        notes.append(ReplayNote(tick, text))
    return tuple(sorted(notes, key=lambda note: note.tick))


# -- small helpers -------------------------------------------------------------------------------


def _check(node: Node, kind: object, path: str, ctx: Context, fallback: object) -> object:
    """The validated value, or `fallback` after the validator reported why."""
    value = validate(node, kind, path, ctx)
    return fallback if value is INVALID else value


def _sha(node: Node, path: str, ctx: Context) -> str | None:
    """A lower-case hex SHA-256."""
    value = _check(node, Text(), path, ctx, None)
    if value is None:
        return None
    if not SHA256.fullmatch(value):
        ctx.report(node, path, "expected a SHA-256: 64 lower-case hex digits")
        return None
    return value


def _unknown(ctx: Context, key: Node, name: str, path: str, names: tuple[str, ...]) -> None:
    """Report an unknown field with a did-you-mean hint or the list of known fields."""
    hint = did_you_mean(name, names) or f"; expected one of: {', '.join(names)}"
    ctx.report(key, f"{path}.{name}" if path else name, f"unknown field {name!r}{hint}")


def _listing(noun: str, names: object) -> str:
    """A "; the level's groups are: a, b" hint."""
    listed = ", ".join(sorted(names)) or "(none)"
    return f"; {noun}: {listed}"


def _event_fields(cls: type) -> list[str]:
    """The field names of an event class, in order."""
    return [f.name for f in fields(cls)]


def _number(value: float | None) -> str:
    """A bound as text without a needless `.0`."""
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else str(value)
