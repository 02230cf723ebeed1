"""Commands as scripts write them: `{at: "0:35", do: move_to, zone: a_hall}` <-> `Command` values.

The commands are those of `game.core.commands` (class names in snake_case); the keys each takes and
their types are the field table's (`game.sessions.commandfields`). Position fields are written
`tile: [x, y]` plus an optional `floor:`; a radio message is `kind:` plus one key per slot.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, fields, replace

from yaml.nodes import MappingNode, Node, SequenceNode

from game.core.commands import RADIO_SLOTS, Command, Fire, FireAt, MoveTo, Radio
from game.core.level import WALKABLE, Position, TileKind, ZoneKind
from game.levels.errors import did_you_mean
from game.levels.fieldtypes import Either, FloorRef, LevelName, Point, Text
from game.levels.validate import INVALID, Context, entries_of, validate
from game.levels.yamlsafe import describe
from game.sessions.commandfields import (
    COMMANDS,
    REACTIVE_KEYS,
    TIME_FIELDS,
    TIME_KEYS,
    command_keys,
    key_type,
    snake_case,
)
from game.sessions.conditions import TARGETS
from game.sessions.levelfacts import LevelFacts
from game.sessions.scriptreactive import Reaction, direction_of, parse_condition, parse_every

__all__ = ["COMMANDS", "TIME_KEYS", "LevelFacts", "command_to_yaml", "parse_command", "snake_case"]

EXIT_KINDS = frozenset({ZoneKind.EXIT, ZoneKind.CCP, ZoneKind.STAGING})


def parse_command(
    node: Node, path: str, facts: LevelFacts | None, ctx: Context
) -> tuple[int, Command, Reaction | None] | None:
    """The tick, command and reaction (None for a plain timed command) of one script line, or None
    after reporting every problem."""
    if not isinstance(node, MappingNode):
        ctx.report(
            node,
            path,
            f'expected a command such as {{at: "0:05", do: draw_weapon}}, got {describe(node)}',
        )
        return None
    entries = entries_of(node, path, ctx)
    reactive = any(key in entries for key in REACTIVE_KEYS)
    tick = _tick(node, entries, path, ctx, optional=reactive)
    if "do" not in entries:
        ctx.report(node, f"{path}.do", "required field is missing: the command, e.g. do: move_to")
        return None
    do_node = entries["do"][1]
    name = validate(do_node, Text(nonempty=True), f"{path}.do", ctx)
    if name is INVALID:
        return None
    cls = COMMANDS.get(name)
    if cls is None:
        hint = did_you_mean(name, COMMANDS) or f"; one of: {', '.join(COMMANDS)}"
        ctx.report(do_node, f"{path}.do", f"unknown command {name!r}{hint}")
        return None
    args = {k: v for k, v in entries.items() if k not in (*TIME_KEYS, "do", *REACTIVE_KEYS)}
    reaction = _reaction(entries, path, facts, ctx)
    if cls is MoveTo and "person" in args:
        command, person = _move_to_person(node, args, path, ctx)
        reaction = _with(reaction, person=person)
    elif cls is Fire and ("tile" in args or "direction" in args):
        command, direction = _fire_at(node, args, path, facts, ctx)
        reaction = _with(reaction, direction=direction)
    else:
        command = _build(cls, name, node, args, path, facts, ctx)
    if command is None or tick is None or reaction is INVALID:
        return None
    if reaction is None and getattr(command, "target", None) in TARGETS:
        reaction = Reaction()
    return tick, command, reaction


def command_to_yaml(command: Command) -> dict[str, object]:
    """A command's script fields (without the time): `{do: move_to, zone: a_hall}`."""
    out: dict[str, object] = {"do": snake_case(type(command).__name__)}
    if isinstance(command, Radio):
        out["kind"] = command.kind
        out.update(command.slots)
        return out
    for f in fields(command):
        value = getattr(command, f.name)
        if f.default is not MISSING and value == f.default:
            continue
        if isinstance(value, Position):
            out["tile"] = [value.x, value.y]
            if value.floor:
                out["floor"] = value.floor
        else:
            out[f.name] = value
    return out


# -- internals -----------------------------------------------------------------------------------


def _tick(
    node: MappingNode,
    entries: dict[str, tuple[Node, Node]],
    path: str,
    ctx: Context,
    optional: bool = False,
) -> int | None:
    """The command's tick from `at` ("m:ss") or `tick` (exact); 0 when optional and absent."""
    given = [k for k in TIME_KEYS if k in entries]
    if not given and optional:
        return 0
    if not given:
        ctx.report(node, f"{path}.at", 'required field is missing: when, e.g. at: "0:35"')
        return None
    if len(given) > 1:
        ctx.report(entries["tick"][0], f"{path}.tick", "write only one of: at, tick")
        return None
    key = given[0]
    kind = next(item.type for item in TIME_FIELDS if item.name == key)
    value = validate(entries[key][1], kind, f"{path}.{key}", ctx)
    return None if value is INVALID else value


def _build(
    cls: type,
    name: str,
    node: MappingNode,
    args: dict[str, tuple[Node, Node]],
    path: str,
    facts: LevelFacts | None,
    ctx: Context,
) -> Command | None:
    """Check a command's own keys (as the table lists them) and build it."""
    keys = command_keys(name)
    ok = True
    for key, (key_node, _) in args.items():
        if key not in keys:
            listing = f"; {name} takes: {', '.join(keys)}" if keys else f"; {name} takes no fields"
            hint = did_you_mean(key, keys) or listing
            ctx.report(key_node, f"{path}.{key}", f"unknown field {key!r} for {name}{hint}")
            ok = False
    if ok and "floor" in args and "tile" not in args:
        ctx.report(args["floor"][0], f"{path}.floor", "'floor' only goes with 'tile'")
        return None
    if cls is Radio:
        return _radio(node, args, path, facts, ctx) if ok else None
    values: dict[str, object] = {}
    for f in fields(cls):
        if _is_position(f):
            found = _position(cls, node, args, path, facts, ctx)
            ok = ok and found is not INVALID
            if found is not None and found is not INVALID:
                values[f.name] = found
            continue
        required = f.default is MISSING
        if f.name not in args:
            if required:
                ctx.report(node, f"{path}.{f.name}", f"required field is missing for {name}")
                ok = False
            continue
        value = _value(key_type(name, f.name), args[f.name][1], f"{path}.{f.name}", facts, ctx)
        ok = ok and value is not INVALID
        values[f.name] = value
    if cls.__name__ == "MoveTo" and ok and not values:
        ctx.report(node, path, "move_to needs a zone or a tile: {do: move_to, zone: a_hall}")
        ok = False
    if cls.__name__ == "MoveTo" and "zone" in args and "tile" in args:
        ctx.report(args["tile"][0], f"{path}.tile", "write only one of: zone, tile")
        ok = False
    return cls(**values) if ok else None


def _value(kind: object, node: Node, path: str, facts: LevelFacts | None, ctx: Context) -> object:
    """One plain key of a command, checked as the table types it (names against the level)."""
    match kind:
        case LevelName(what="zone" | "exit zone"):
            return _zone(node, path, facts, ctx, exits_only=kind.what == "exit zone")
        case LevelName(what="person"):
            return _person(node, path, facts, ctx)
        case Either():
            return _requests(node, path, ctx)
    return validate(node, kind, path, ctx)


def _zone(
    node: Node, path: str, facts: LevelFacts | None, ctx: Context, exits_only: bool
) -> object:
    """A zone id of the level (an exit, staging area or casualty collection point if asked)."""
    value = validate(node, Text(nonempty=True), path, ctx)
    if value is INVALID or facts is None:
        return value
    if value not in facts.zones:
        hint = did_you_mean(value, facts.zones) or f"; zones: {', '.join(facts.zones)}"
        ctx.report(node, path, f"the level has no zone {value!r}{hint}")
        return INVALID
    if exits_only and facts.zones[value] not in EXIT_KINDS:
        ctx.report(
            node,
            path,
            f"{value!r} is a {facts.zones[value].value}, not an exit, staging area or ccp",
        )
        return INVALID
    return value


def _person(node: Node, path: str, facts: LevelFacts | None, ctx: Context) -> object:
    """A target word (`nearest_armed`: whom the trainee sees), or a person id of the level: trainee,
    a suspect, an officer, or a civilian `group.N`."""
    value = validate(node, Text(nonempty=True), path, ctx)
    if value is INVALID or facts is None or value in TARGETS:
        return value
    if value not in facts.people:
        group = re.sub(r"\.\d+$", "", value)
        members = [p for p in facts.people if p.startswith(group + ".")]
        if members:
            hint = f"; group {group!r} has {members[0]} to {members[-1]}"
        else:
            named = [p for p in facts.people if "." not in p or p.endswith(".1")]
            hint = did_you_mean(value, facts.people) or f"; people: {', '.join(named)}"
        ctx.report(node, path, f"no person {value!r} in the level{hint}")
        return INVALID
    return value


def _position(
    cls: type,
    node: MappingNode,
    args: dict[str, tuple[Node, Node]],
    path: str,
    facts: LevelFacts | None,
    ctx: Context,
) -> object:
    """`tile: [x, y]` plus `floor:` as a Position (None when absent), checked against the map."""
    if "tile" not in args:
        if "floor" in args:
            ctx.report(args["floor"][0], f"{path}.floor", "'floor' only goes with 'tile'")
            return INVALID
        return None
    xy = validate(args["tile"][1], Point(), f"{path}.tile", ctx)
    floor = validate(args["floor"][1], FloorRef(), f"{path}.floor", ctx) if "floor" in args else 0
    if xy is INVALID or floor is INVALID:
        return INVALID
    position = Position(floor, xy[0], xy[1])
    if facts is None:
        return position
    kind = facts.tile(position)
    where = f"tile [{xy[0]}, {xy[1]}] on floor {floor}"
    if kind is None:
        ctx.report(args["tile"][1], f"{path}.tile", f"{where} is off the map")
        return INVALID
    if cls.__name__ == "MoveTo" and kind not in WALKABLE:
        ctx.report(
            args["tile"][1], f"{path}.tile", f"{where} is {kind.value}: nobody can stand there"
        )
        return INVALID
    if cls.__name__ not in ("MoveTo", "FireAt") and kind is not TileKind.DOOR:
        ctx.report(args["tile"][1], f"{path}.tile", f"{where} is {kind.value}, not a door")
        return INVALID
    return position


def _radio(
    node: MappingNode,
    args: dict[str, tuple[Node, Node]],
    path: str,
    facts: LevelFacts | None,
    ctx: Context,
) -> Command | None:
    """A radio message: `kind` plus slots, each checked as the radio checks it."""
    ok = True
    kinds = key_type("radio", "kind")
    if "kind" not in args:
        ctx.report(
            node,
            f"{path}.kind",
            f"required field is missing for radio; one of: {', '.join(kinds.values)}",
        )
        ok = False
        kind = INVALID
    else:
        kind = validate(args["kind"][1], kinds, f"{path}.kind", ctx)
    slots: dict[str, str] = {}
    for slot in RADIO_SLOTS:
        if slot not in args:
            continue
        value = _value(key_type("radio", slot), args[slot][1], f"{path}.{slot}", facts, ctx)
        if value is INVALID:
            ok = False
        else:
            slots[slot] = value
    if not ok or kind is INVALID:
        return None
    return Radio.of(kind, **slots)


def _requests(node: Node, path: str, ctx: Context) -> object:
    """Requests as a list `[backup, ems]` or text "backup, ems"; each one of the table's requests."""
    requests = key_type("radio", "requests").options[0].item
    if isinstance(node, SequenceNode):
        items = [(item, validate(item, requests, path, ctx)) for item in node.value]
        if any(value is INVALID for _, value in items):
            return INVALID
        return ", ".join(value for _, value in items)
    text = validate(node, Text(), path, ctx)
    if text is INVALID:
        return INVALID
    parts = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in parts if part not in requests.values]
    if unknown:
        known = requests.values
        hint = did_you_mean(unknown[0], known) or f"; one of: {', '.join(known)}"
        ctx.report(node, path, f"unknown request {unknown[0]!r}{hint}")
        return INVALID
    return ", ".join(parts)


def _reaction(
    entries: dict[str, tuple[Node, Node]], path: str, facts: LevelFacts | None, ctx: Context
) -> object:
    """The command's `when`, `until` and `every` (None when it has none), or INVALID."""
    if not any(key in entries for key in REACTIVE_KEYS):
        return None
    zones = facts.zones if facts is not None else None
    values: dict[str, object] = {}
    for key in ("when", "until"):
        if key in entries:
            values[key] = parse_condition(entries[key][1], f"{path}.{key}", ctx, zones)
    if "every" in entries:
        values["every"] = parse_every(entries["every"][1], f"{path}.every", ctx)
    if INVALID in values.values():
        return INVALID
    return Reaction(**values)


def _with(reaction: object, **changes: str) -> object:
    """The reaction with a runtime aim added (INVALID stays INVALID; an empty aim changes nothing)."""
    if reaction is INVALID or not any(changes.values()):
        return reaction
    return replace(reaction or Reaction(), **changes)


def _move_to_person(
    node: MappingNode, args: dict[str, tuple[Node, Node]], path: str, ctx: Context
) -> tuple[Command | None, str]:
    """`{do: move_to, person: nearest_casualty}`: walk to a person in view, found when it is given."""
    ok = True
    for key in args:
        if key != "person":
            ctx.report(args[key][0], f"{path}.{key}", "write only one of: zone, tile, person")
            ok = False
    word = validate(args["person"][1], key_type("move_to", "person"), f"{path}.person", ctx)
    if word is INVALID or not ok:
        return None, ""
    return MoveTo(), word


def _fire_at(
    node: MappingNode,
    args: dict[str, tuple[Node, Node]],
    path: str,
    facts: LevelFacts | None,
    ctx: Context,
) -> tuple[Command | None, str]:
    """`{do: fire, tile: [x, y]}` or `{do: fire, direction: north}`: a round at a place."""
    given = [key for key in ("target", "tile", "direction") if key in args]
    if len(given) > 1:
        ctx.report(
            args[given[1]][0], f"{path}.{given[1]}", "write only one of: target, tile, direction"
        )
        return None, ""
    for key in args:
        if key not in ("tile", "floor", "direction"):
            ctx.report(args[key][0], f"{path}.{key}", f"unknown field {key!r} for fire at a place")
            return None, ""
    if "direction" in args:
        if "floor" in args:
            ctx.report(args["floor"][0], f"{path}.floor", "'floor' only goes with 'tile'")
            return None, ""
        word = direction_of(args["direction"][1], f"{path}.direction", ctx)
        return (None, "") if word is INVALID else (FireAt(Position(0, 0, 0)), word)
    at = _position(FireAt, node, args, path, facts, ctx)
    if at is INVALID or at is None:
        return None, ""
    return FireAt(at), ""


def _is_position(f: object) -> bool:
    """Whether a command field holds a tile."""
    return "Position" in str(f.type)
