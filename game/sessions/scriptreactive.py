"""The reactive part of a script command: `when`, `until`, `every`, and targets named by how people look.

`{at: "0:20", do: challenge, target: nearest_armed, when: {sees: armed_person}, every: 1,
until: threat_stopped}` is checked here into a `Reaction`; `game.sessions.player` carries it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.core.level import TICK_RATE
from game.levels.errors import did_you_mean
from game.levels.fieldtypes import Time
from game.levels.validate import INVALID, TIME_TEXT, Context, entries_of, validate
from game.levels.yamlsafe import describe, scalar_value
from game.sessions.commandfields import (
    CONDITION_KEYS,
    DIRECTION_REACH,
    DIRECTIONS,
    PERIOD,
    REACTIVE_KEYS,
    WITHIN_GOES_WITH,
    condition_form,
    key_type,
)
from game.sessions.conditions import (
    FLAGS,
    After,
    AllOf,
    AnyOf,
    Condition,
    DoorLocked,
    Flag,
    Heard,
    InZone,
    Not,
    RadioSaid,
    Sees,
)

__all__ = ["DIRECTIONS", "DIRECTION_REACH", "REACTIVE_KEYS", "Reaction", "parse_condition"]

MAX_DEPTH = 8
"""How deeply `all`, `any` and `not` may nest."""
_SECONDS_TEXT = re.compile(PERIOD.options[1].regex, re.ASCII)
_LEAST, _MOST = PERIOD.options[0].minimum, PERIOD.options[0].maximum


@dataclass(frozen=True, slots=True)
class Reaction:
    """When a command is given: a start condition, a stop condition, a repeat period, and whom it is for
    when that is decided at the moment (a `nearest_...` target, a person to walk to, a direction)."""

    when: Condition | None = None
    until: Condition | None = None
    every: int = 0
    person: str = ""
    direction: str = ""


def parse_condition(node: Node, path: str, ctx: Context, zones: object, depth: int = 0) -> object:
    """A condition from its YAML, or INVALID after reporting."""
    if depth > MAX_DEPTH:
        ctx.report(node, path, f"conditions nest at most {MAX_DEPTH} deep")
        return INVALID
    if isinstance(node, ScalarNode):
        value = scalar_value(node)
        if isinstance(value, str) and value in FLAGS:
            return Flag(value)
        if (isinstance(value, int) and not isinstance(value, bool)) or _is_clock(value):
            tick = validate(node, Time(), path, ctx)
            return INVALID if tick is INVALID else After(tick)
        hint = did_you_mean(str(value), FLAGS) or f"; one of: {', '.join(FLAGS)}"
        ctx.report(
            node,
            path,
            f"expected a condition (a word, a time or a mapping), got {describe(node)}{hint}",
        )
        return INVALID
    if not isinstance(node, MappingNode):
        ctx.report(node, path, f"expected a condition, got {describe(node)}")
        return INVALID
    entries = entries_of(node, path, ctx)
    main = [name for name in entries if name in CONDITION_KEYS]
    for name, (key, _) in entries.items():
        if name not in (*CONDITION_KEYS, "within"):
            hint = did_you_mean(name, CONDITION_KEYS) or f"; one of: {', '.join(CONDITION_KEYS)}"
            ctx.report(key, f"{path}.{name}", f"unknown condition {name!r}{hint}")
            return INVALID
    if len(main) != 1:
        message = "write one condition per mapping; combine them with all: [...] or any: [...]"
        ctx.report(node, path, message if main else f"needs one of: {', '.join(CONDITION_KEYS)}")
        return INVALID
    name = main[0]
    if "within" in entries and name not in WITHIN_GOES_WITH:
        ctx.report(entries["within"][0], f"{path}.within", "'within' goes only with sees or heard")
        return INVALID
    return _condition(name, entries, f"{path}.{name}", ctx, zones, depth)


def parse_every(node: Node, path: str, ctx: Context) -> object:
    """A repeat period in ticks: seconds (decimals allowed, quoted or not) or "m:ss"."""
    value = scalar_value(node) if isinstance(node, ScalarNode) else None
    if isinstance(value, str) and _SECONDS_TEXT.fullmatch(value):
        value = float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        ticks = round(value * TICK_RATE)
        if ticks < round(_LEAST * TICK_RATE) or value > _MOST:
            message = f"the period must be from {_LEAST:g} to {_MOST:g} seconds, got {value}"
            ctx.report(node, path, message)
            return INVALID
        return ticks
    if _is_clock(value):
        ticks = validate(node, PERIOD.options[2], path, ctx)
        return ticks
    ctx.report(
        node, path, f'expected a period in seconds ("1", 0.5 or "1:00"), got {describe(node)}'
    )
    return INVALID


def direction_of(node: Node, path: str, ctx: Context) -> object:
    """A compass direction word for `fire`."""
    return validate(node, key_type("fire", "direction"), path, ctx)


def _condition(
    name: str, entries: dict, path: str, ctx: Context, zones: object, depth: int
) -> object:
    node = entries[name][1]
    within = entries.get("within", (None, None))[1]
    form = condition_form(name)
    kind = form.fields[0].type
    match name:
        case "sees":
            looks = validate(node, kind, path, ctx)
            reach = (
                validate(within, form.field("within").type, path[: -len(name)] + "within", ctx)
                if within is not None
                else None
            )
            return INVALID if INVALID in (looks, reach) else Sees(looks, reach)
        case "heard":
            what = validate(node, kind, path, ctx)
            ticks = (
                validate(within, form.field("within").type, path[: -len(name)] + "within", ctx)
                if within is not None
                else None
            )
            return INVALID if INVALID in (what, ticks) else Heard(ticks)
        case "radio":
            words = validate(node, kind, path, ctx)
            return INVALID if words is INVALID else RadioSaid(words)
        case "zone":
            zone = validate(node, kind, path, ctx)
            if zone is INVALID:
                return INVALID
            if zones is not None and zone not in zones:
                hint = did_you_mean(zone, zones) or f"; zones: {', '.join(zones)}"
                ctx.report(node, path, f"the level has no zone {zone!r}{hint}")
                return INVALID
            return InZone(zone)
        case "door_locked":
            if isinstance(node, SequenceNode):
                xy = validate(node, kind.options[1], path, ctx)
                return INVALID if xy is INVALID else DoorLocked(tuple(xy))
            flag = validate(node, kind.options[0], path, ctx)
            if flag is INVALID:
                return INVALID
            return DoorLocked() if flag else Not(DoorLocked())
        case "after":
            tick = validate(node, kind, path, ctx)
            return INVALID if tick is INVALID else After(tick)
        case "all" | "any":
            if not isinstance(node, SequenceNode) or not node.value:
                ctx.report(node, path, f"expected a list of conditions, got {describe(node)}")
                return INVALID
            inner = [
                parse_condition(item, f"{path}[{index}]", ctx, zones, depth + 1)
                for index, item in enumerate(node.value)
            ]
            if any(item is INVALID for item in inner):
                return INVALID
            return AllOf(tuple(inner)) if name == "all" else AnyOf(tuple(inner))
        case "not":
            inner = parse_condition(node, path, ctx, zones, depth + 1)
            return INVALID if inner is INVALID else Not(inner)
    raise AssertionError(name)


def _is_clock(value: object) -> bool:
    return isinstance(value, str) and TIME_TEXT.fullmatch(value) is not None
