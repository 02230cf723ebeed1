"""Commands as scripts write them: `{at: "0:35", do: move_to, zone: a_hall}` <-> `Command` values.

The table comes from `game.core.commands` itself (class names in snake_case, their fields), so a new
command is scriptable as soon as it exists. Position fields are written `tile: [x, y]` plus an
optional `floor:`; a radio message is `kind:` plus one key per slot.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, fields

from yaml.nodes import MappingNode, Node, SequenceNode

from game.core.commands import (
    COMMAND_TYPES,
    PACES,
    RADIO_KINDS,
    RADIO_SLOTS,
    REQUESTS,
    SHOTS_STATUS,
    SUSPECT_STATUS,
    Command,
    Radio,
)
from game.core.level import WALKABLE, Level, Position, TileKind, ZoneKind
from game.levels.errors import did_you_mean
from game.levels.fieldtypes import Boolean, Choice, FloorRef, Integer, Point, Text, Time
from game.levels.validate import INVALID, Context, entries_of, validate
from game.levels.yamlsafe import describe

TIME_KEYS = ("at", "tick")
"""When a command is given: `at: "m:ss"` from the scenario start, or `tick: N` (exact)."""

EXIT_KINDS = frozenset({ZoneKind.EXIT, ZoneKind.CCP, ZoneKind.STAGING})


def snake_case(name: str) -> str:
    """`TakeCover` -> `take_cover`, the way `command_name` names commands."""
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


COMMANDS: dict[str, type] = {snake_case(cls.__name__): cls for cls in COMMAND_TYPES}
"""Every command class by its script name."""


@dataclass(frozen=True, slots=True)
class LevelFacts:
    """What a script is checked against: the level's ids, zones, variants and map."""

    zones: dict[str, ZoneKind]
    people: tuple[str, ...]
    variants: dict[str, tuple[str, ...]]
    floor_names: tuple[str, ...]
    tiles: tuple[tuple[tuple[TileKind, ...], ...], ...]
    duration: int

    @staticmethod
    def of(level: Level) -> LevelFacts:
        """The facts of a loaded level."""
        people = level.person_ids()
        kinds = {entry.symbol: entry.kind for entry in level.legend}
        tiles = tuple(
            tuple(tuple(kinds.get(c, TileKind.VOID) for c in row) for row in floor.rows)
            for floor in level.floors
        )
        return LevelFacts(
            zones={z.id: z.kind for z in level.zones},
            people=tuple(dict.fromkeys(people)),
            variants={g.id: tuple(o.id for o in g.options) for g in level.variants},
            floor_names=tuple(f.name for f in level.floors),
            tiles=tiles,
            duration=level.duration,
        )

    def tile(self, position: Position) -> TileKind | None:
        """The kind of a tile, or None when it is off the map."""
        if not 0 <= position.floor < len(self.tiles):
            return None
        rows = self.tiles[position.floor]
        if not 0 <= position.y < len(rows) or not 0 <= position.x < len(rows[position.y]):
            return None
        return rows[position.y][position.x]


def parse_command(
    node: Node, path: str, facts: LevelFacts | None, ctx: Context
) -> tuple[int, Command] | None:
    """The tick and command of one script line, or None after reporting every problem."""
    if not isinstance(node, MappingNode):
        ctx.report(
            node,
            path,
            f'expected a command such as {{at: "0:05", do: draw_weapon}}, got {describe(node)}',
        )
        return None
    entries = entries_of(node, path, ctx)
    tick = _tick(node, entries, path, ctx)
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
    args = {k: v for k, v in entries.items() if k not in (*TIME_KEYS, "do")}
    command = _build(cls, name, node, args, path, facts, ctx)
    if command is None or tick is None:
        return None
    return tick, command


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


def script_keys(cls: type) -> tuple[str, ...]:
    """The keys a command takes in a script, besides `at`/`tick` and `do`."""
    if cls is Radio:
        return ("kind", *RADIO_SLOTS)
    keys: list[str] = []
    for f in fields(cls):
        keys += ["tile", "floor"] if _is_position(f) else [f.name]
    return tuple(keys)


# -- internals -----------------------------------------------------------------------------------


def _tick(
    node: MappingNode, entries: dict[str, tuple[Node, Node]], path: str, ctx: Context
) -> int | None:
    """The command's tick from `at` ("m:ss") or `tick` (exact)."""
    given = [k for k in TIME_KEYS if k in entries]
    if not given:
        ctx.report(node, f"{path}.at", 'required field is missing: when, e.g. at: "0:35"')
        return None
    if len(given) > 1:
        ctx.report(entries["tick"][0], f"{path}.tick", "write only one of: at, tick")
        return None
    key = given[0]
    kind = Time() if key == "at" else Integer(0)
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
    """Check a command's own keys and build it."""
    keys = script_keys(cls)
    ok = True
    for key, (key_node, _) in args.items():
        if key not in keys:
            listing = f"; {name} takes: {', '.join(keys)}" if keys else f"; {name} takes no fields"
            hint = did_you_mean(key, keys) or listing
            ctx.report(key_node, f"{path}.{key}", f"unknown field {key!r} for {name}{hint}")
            ok = False
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
        value = _value(f.name, f.type, args[f.name][1], f"{path}.{f.name}", facts, ctx)
        ok = ok and value is not INVALID
        values[f.name] = value
    if cls.__name__ == "MoveTo" and ok and not values:
        ctx.report(node, path, "move_to needs a zone or a tile: {do: move_to, zone: a_hall}")
        ok = False
    if cls.__name__ == "MoveTo" and "zone" in args and "tile" in args:
        ctx.report(args["tile"][0], f"{path}.tile", "write only one of: zone, tile")
        ok = False
    return cls(**values) if ok else None


def _value(
    name: str, annotation: str, node: Node, path: str, facts: LevelFacts | None, ctx: Context
) -> object:
    """One plain field of a command, checked by what it names."""
    if name in ("dx", "dy"):
        return validate(node, Integer(-1, 1), path, ctx)
    if name == "pace":
        return validate(node, Choice(PACES), path, ctx)
    if name in ("zone", "exit_zone"):
        return _zone(node, path, facts, ctx, exits_only=name == "exit_zone")
    if name == "target":
        return _person(node, path, facts, ctx)
    if annotation == "int":
        return validate(node, Integer(), path, ctx)
    if annotation == "bool":
        return validate(node, Boolean(), path, ctx)
    return validate(node, Text(), path, ctx)


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
    """A person id of the level: trainee, a suspect, an officer, or a civilian `group.N`."""
    value = validate(node, Text(nonempty=True), path, ctx)
    if value is INVALID or facts is None:
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
    if cls.__name__ != "MoveTo" and kind is not TileKind.DOOR:
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
    if "kind" not in args:
        ctx.report(
            node,
            f"{path}.kind",
            f"required field is missing for radio; one of: {', '.join(RADIO_KINDS)}",
        )
        ok = False
        kind = INVALID
    else:
        kind = validate(args["kind"][1], Choice(RADIO_KINDS), f"{path}.kind", ctx)
    slots: dict[str, str] = {}
    for slot in RADIO_SLOTS:
        if slot not in args:
            continue
        value_node = args[slot][1]
        slot_path = f"{path}.{slot}"
        if slot == "shots":
            value = validate(value_node, Choice(SHOTS_STATUS), slot_path, ctx)
        elif slot == "status":
            value = validate(value_node, Choice(SUSPECT_STATUS), slot_path, ctx)
        elif slot == "location":
            value = _zone(value_node, slot_path, facts, ctx, exits_only=False)
        elif slot == "requests":
            value = _requests(value_node, slot_path, ctx)
        else:
            value = validate(value_node, Text(), slot_path, ctx)
        if value is INVALID:
            ok = False
        else:
            slots[slot] = value
    if not ok or kind is INVALID:
        return None
    return Radio.of(kind, **slots)


def _requests(node: Node, path: str, ctx: Context) -> object:
    """Requests as a list `[backup, ems]` or text "backup, ems"; each one of REQUESTS."""
    if isinstance(node, SequenceNode):
        items = [(item, validate(item, Choice(REQUESTS), path, ctx)) for item in node.value]
        if any(value is INVALID for _, value in items):
            return INVALID
        return ", ".join(value for _, value in items)
    text = validate(node, Text(), path, ctx)
    if text is INVALID:
        return INVALID
    parts = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in parts if part not in REQUESTS]
    if unknown:
        hint = did_you_mean(unknown[0], REQUESTS) or f"; one of: {', '.join(REQUESTS)}"
        ctx.report(node, path, f"unknown request {unknown[0]!r}{hint}")
        return INVALID
    return ", ".join(parts)


def _is_position(f: object) -> bool:
    """Whether a command field holds a tile."""
    return "Position" in str(f.type)
