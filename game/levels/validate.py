"""Check composed YAML nodes against the field table, building values and collecting problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.core.clock import TIME_TEXT, clock_text
from game.core.level import TICK_RATE, Condition
from game.levels.errors import FILE_PATH, LevelError, Problem, Severity, did_you_mean
from game.levels.fieldtypes import (
    Area,
    Boolean,
    Choice,
    FieldType,
    FloorRef,
    Ident,
    Integer,
    LevelName,
    ListOf,
    MapOf,
    Number,
    Obj,
    Pattern,
    Point,
    Rows,
    Seconds,
    Symbol,
    Text,
    Time,
    When,
)
from game.levels.limits import (
    MAX_DURATION_SECONDS,
    MAX_ITEMS,
    MAX_KEY_CHARS,
    MAX_PROBLEMS,
    MAX_TEXT_CHARS,
    MAX_WHOLE_NUMBER,
)
from game.levels.yamlsafe import OutOfRange, describe, scalar_value, shorten

INVALID = object()
"""What validation returns for a value that had a problem (already reported)."""

IDENT = re.compile(r"[a-z0-9_]+")
_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


@dataclass(slots=True)
class Context:
    """What validation collects: problems, and the node written at each dotted path."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    keys: dict[str, Node] = field(default_factory=dict)
    floor_names: tuple[str, ...] | None = None

    def report(self, node: Node, path: str, message: str) -> None:
        """Record a problem at the start of a node."""
        mark = node.start_mark
        self.report_at(mark.line + 1, mark.column + 1, path, message)

    def report_at(self, line: int, column: int, path: str, message: str) -> None:
        """Record a problem at a 1-based line and column; stop the whole check at MAX_PROBLEMS."""
        self.problems.append(Problem(self.file, line, column, path, message))
        if len(self.problems) >= MAX_PROBLEMS:
            note = f"stopped after {MAX_PROBLEMS} problems; fix these and check again"
            raise LevelError([*self.problems, Problem(self.file, 1, 1, FILE_PATH, note)])

    def warn_at(self, line: int, column: int, path: str, message: str) -> None:
        """Record a warning (loading goes on; `check` shows it, `--strict` fails on it); at most
        MAX_PROBLEMS are kept."""
        if len(self.warnings) < MAX_PROBLEMS:
            self.warnings.append(Problem(self.file, line, column, path, message, Severity.WARNING))


def validate(node: Node, kind: FieldType, path: str, ctx: Context) -> object:
    """The built value of a node of this type, or INVALID after reporting why."""
    ctx.nodes[path] = node
    if isinstance(kind, LevelName):
        kind = Text(nonempty=True)  # checked against the level by the format that names it
    if isinstance(kind, Pattern):
        value = validate(node, Text(), path, ctx)
        if value is INVALID or re.fullmatch(kind.regex, value):
            return value
        return _fail(ctx, node, path, f"expected {kind.what}")
    if isinstance(kind, Obj):
        return _obj(node, kind, path, ctx)
    if isinstance(kind, ListOf):
        return _list(node, kind, path, ctx)
    if isinstance(kind, MapOf):
        return _map(node, kind, path, ctx)
    if isinstance(kind, When):
        return _when(node, path, ctx)
    if isinstance(kind, Rows):
        return _rows(node, path, ctx)
    if isinstance(kind, Point | Area):
        return _tiles(node, kind, path, ctx)
    if not isinstance(node, ScalarNode):
        return _fail(ctx, node, path, f"expected {expectation(kind)}, got {describe(node)}")
    return _scalar(node, scalar_value(node), kind, path, ctx)


def expectation(kind: FieldType) -> str:
    """What a field of this type expects, as a phrase."""
    match kind:
        case Text():
            return "text"
        case Ident():
            return "an id (lower-case letters, digits and _)"
        case Symbol():
            return "a single character"
        case Integer(minimum=lo, maximum=hi):
            return "a whole number" + _bounds(lo, hi)
        case Number(minimum=lo, maximum=hi):
            return "a number" + _bounds(lo, hi)
        case Boolean():
            return "true or false"
        case Time():
            return 'a time ("m:ss" such as "1:30", or whole seconds)'
        case Seconds():
            return "a number of seconds"
        case Choice(values=values):
            return "one of " + ", ".join(repr(value) for value in values)
        case FloorRef():
            return "a floor index or floor name"
        case Point():
            return "a tile [x, y]"
        case Area():
            return "an area [x1, y1, x2, y2]"
        case Rows():
            return "map rows (a | block of text)"
        case When():
            return "a condition {group: option}"
        case ListOf():
            return "a list"
        case _:
            return "a mapping"


def _scalar(node: ScalarNode, value: object, kind: FieldType, path: str, ctx: Context) -> object:
    """Check one scalar value against a scalar type."""
    got = describe(node)
    if isinstance(value, OutOfRange) and not isinstance(kind, Text | Ident | Symbol):
        return _fail(ctx, node, path, f"expected {expectation(kind)}, got {got}: too large")
    match kind:
        case Text(nonempty=nonempty):
            if not isinstance(value, str):
                return _not_text(node, value, path, ctx)
            if nonempty and not value.strip():
                return _fail(ctx, node, path, "must not be empty")
            if len(value) > MAX_TEXT_CHARS:
                return _too_long(ctx, node, path, len(value), MAX_TEXT_CHARS)
            return value
        case Symbol():
            if len(node.value) != 1 or node.value in "\r\n\t":
                return _fail(ctx, node, path, f"a map symbol is one character, got {got}")
            return node.value
        case Ident():
            if not isinstance(value, str):
                return _not_text(node, value, path, ctx)
            if len(value) > MAX_KEY_CHARS:
                return _too_long(ctx, node, path, len(value), MAX_KEY_CHARS)
            if not IDENT.fullmatch(value):
                hint = f"; try {shorten(_as_ident(value))!r}" if _as_ident(value) else ""
                return _fail(ctx, node, path, f"expected {expectation(kind)}, got {got}{hint}")
            return value
        case Boolean():
            if isinstance(value, bool):
                return value
            hint = "; write true or false" if str(value).lower() in _BOOL_WORDS else ""
            return _fail(ctx, node, path, f"expected true or false, got {got}{hint}")
        case Integer(minimum=lo, maximum=hi):
            if isinstance(value, bool) or not isinstance(value, int):
                return _fail(
                    ctx, node, path, f"expected {expectation(kind)}, got {got}{_hint(value)}"
                )
            lo = -MAX_WHOLE_NUMBER if lo is None else lo
            hi = MAX_WHOLE_NUMBER if hi is None else hi
            return _bounded(node, value, lo, hi, path, ctx)
        case Number(minimum=lo, maximum=hi):
            if isinstance(value, bool) or not isinstance(value, int | float):
                return _fail(
                    ctx, node, path, f"expected {expectation(kind)}, got {got}{_hint(value)}"
                )
            return _bounded(node, float(value), lo, hi, path, ctx)
        case Time(positive=positive):
            return _time(node, value, positive, path, ctx)
        case Seconds(positive=positive):
            if isinstance(value, bool) or not isinstance(value, int | float):
                return _fail(
                    ctx, node, path, f"expected {expectation(kind)}, got {got}{_hint(value)}"
                )
            if value < 0 or (positive and value * TICK_RATE < 1):
                least = f"at least {1 / TICK_RATE}" if positive else "0 or more"
                return _fail(ctx, node, path, f"must be {least} seconds, got {shorten(node.value)}")
            if value > MAX_DURATION_SECONDS:
                return _fail(
                    ctx,
                    node,
                    path,
                    f"must be at most {MAX_DURATION_SECONDS:,} seconds (the longest duration, "
                    f"{clock_text(MAX_DURATION_SECONDS)}), got {shorten(node.value)}",
                )
            return round(value * TICK_RATE)
        case Choice(values=values, enum=enum):
            if not isinstance(value, str) or value not in values:
                hint = did_you_mean(value, values) if isinstance(value, str) else ""
                return _fail(ctx, node, path, f"expected {expectation(kind)}, got {got}{hint}")
            return enum(value) if enum else value
        case FloorRef():
            return _floor(node, value, path, ctx)
    return _fail(ctx, node, path, f"expected {expectation(kind)}, got {got}")


def _obj(node: Node, spec: Obj, path: str, ctx: Context) -> object:
    """Check a mapping with known fields and build it."""
    if not isinstance(node, MappingNode):
        return _fail(ctx, node, path, f"expected a mapping ({spec.name}), got {describe(node)}")
    values, ok = field_values(node, spec, path, ctx)
    if not ok:
        return INVALID
    return values if spec.build is None else spec.build(**values)


def field_values(
    node: MappingNode, spec: Obj, path: str, ctx: Context
) -> tuple[dict[str, object], bool]:
    """The valid fields of a mapping by target name, and whether the whole mapping was valid."""
    entries = entries_of(node, path, ctx)
    names = [item.name for item in spec.fields]
    for name, (key, _) in entries.items():
        if name not in names:
            ctx.report(key, join(path, name), f"unknown field {name!r}{_unknown_hint(name, names)}")
    values: dict[str, object] = {}
    ok = True
    for item in spec.fields:
        if item.name not in entries:
            if item.required:
                ctx.report(node, join(path, item.name), "required field is missing")
                ok = False
            continue
        value = validate(entries[item.name][1], item.type, join(path, item.name), ctx)
        if value is INVALID:
            ok = ok and not (item.required or item.name in spec.one_of)
            continue
        if spec.build is not None and isinstance(value, tuple) and None in value:
            ok = False
            continue
        values[item.target] = value
    ok = _check_one_of(node, spec, entries, path, ctx) and ok
    for name, needed in spec.needs:
        if name in entries and needed not in entries:
            ctx.report(entries[name][0], join(path, name), f"{name!r} only goes with {needed!r}")
            ok = False
    if ok and spec.weights:
        # A weight not given is 0: the weights say exactly what the level means.
        for item in spec.fields:
            values.setdefault(item.target, 0)
        if not any(values[item.target] for item in spec.fields):
            ctx.report(
                node, path, "the weights must not all be 0: give at least one a weight above 0"
            )
            ok = False
        elif spec.warn_if_certain:
            _warn_if_certain(node, spec, entries, values, path, ctx)
    return values, ok


def _warn_if_certain(
    node: Node,
    spec: Obj,
    entries: dict[str, tuple[Node, Node]],
    values: dict[str, object],
    path: str,
    ctx: Context,
) -> None:
    """Warn when weights left out (so 0) make the seeded choice certain: say what is drawn."""
    possible = [item.name for item in spec.fields if values[item.target]]
    left_out = [item.name for item in spec.fields if item.name not in entries]
    if len(possible) != 1 or not left_out:
        return
    names = " and ".join(left_out) if len(left_out) < 3 else ", ".join(left_out)
    verb = "is not given, so it weighs" if len(left_out) == 1 else "are not given, so they weigh"
    mark = node.start_mark
    ctx.warn_at(
        mark.line + 1,
        mark.column + 1,
        path,
        f"only {possible[0]!r} can be drawn: {names} {verb} 0 "
        "(give them a weight to keep the choice seeded, or write them as 0 to say it is meant)",
    )


def _check_one_of(
    node: Node, spec: Obj, entries: dict[str, tuple[Node, Node]], path: str, ctx: Context
) -> bool:
    """Whether exactly one of the spec's alternative fields is present (reporting otherwise)."""
    if not spec.one_of:
        return True
    present = sorted(
        (name for name in spec.one_of if name in entries),
        key=lambda name: entries[name][0].start_mark.index,
    )
    choices = ", ".join(spec.one_of)
    if not present:
        ctx.report(node, path, f"needs one of: {choices}")
        return False
    if len(present) > 1:
        key = entries[present[1]][0]
        ctx.report(key, join(path, present[1]), f"write only one of: {choices}")
        return False
    return True


def entries_of(node: MappingNode, path: str, ctx: Context) -> dict[str, tuple[Node, Node]]:
    """The mapping's entries by key text, reporting duplicate and non-text keys."""
    entries: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            ctx.report(key, path or "(root)", f"a key must be a plain name, got {describe(key)}")
            continue
        name = key.value
        if len(name) > MAX_KEY_CHARS:
            ctx.report(
                key, path or "(root)", f"a field name of {len(name):,} characters is too long"
            )
            continue
        if name in entries:
            first = entries[name][0].start_mark
            ctx.report(
                key,
                join(path, name),
                f"duplicate key {name!r} (first at line {first.line + 1}, column {first.column + 1})",
            )
            continue
        entries[name] = (key, value)
        ctx.keys[join(path, name)] = key
    return entries


def _list(node: Node, kind: ListOf, path: str, ctx: Context) -> object:
    """Check a list; invalid items stay as None so indices keep matching the file."""
    if isinstance(node, ScalarNode) and scalar_value(node) is None:
        items: tuple[object, ...] = ()
    elif not isinstance(node, SequenceNode):
        return _fail(ctx, node, path, f"expected a list, got {describe(node)}")
    elif len(node.value) > MAX_ITEMS:
        return _fail(
            ctx,
            node.value[MAX_ITEMS],
            f"{path}[{MAX_ITEMS}]",
            f"a list holds at most {MAX_ITEMS:,} items; this one has {len(node.value):,}",
        )
    else:
        items = tuple(
            _none_if_invalid(validate(item, kind.item, f"{path}[{index}]", ctx))
            for index, item in enumerate(node.value)
        )
    if len(items) < kind.min_items:
        noun = "item" if kind.min_items == 1 else "items"
        return _fail(ctx, node, path, f"needs at least {kind.min_items} {noun}")
    return items


def _map(node: Node, kind: MapOf, path: str, ctx: Context) -> object:
    """Check a mapping from keys of one type to values of another."""
    if isinstance(node, ScalarNode) and scalar_value(node) is None:
        return {}
    if not isinstance(node, MappingNode):
        return _fail(ctx, node, path, f"expected a mapping, got {describe(node)}")
    if len(node.value) > MAX_ITEMS:
        key = node.value[MAX_ITEMS][0]
        message = f"a mapping holds at most {MAX_ITEMS:,} entries; this one has {len(node.value):,}"
        return _fail(ctx, key, path, message)
    result: dict[str, object] = {}
    for name, (key, value) in entries_of(node, path, ctx).items():
        child = join(path, name)
        if validate(key, kind.key, child, ctx) is INVALID:
            continue
        built = validate(value, kind.value, child, ctx)
        if built is not INVALID:
            result[name] = built
    return result


def _when(node: Node, path: str, ctx: Context) -> object:
    """Check a variant condition `{group: option}` or `{group: [options]}`."""
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return _fail(
            ctx, node, path, f"expected one variant group and its option(s), got {describe(node)}"
        )
    entries = entries_of(node, path, ctx)
    if not entries:
        return INVALID
    ((group, (key, value)),) = entries.items()
    child = join(path, group)
    if validate(key, Ident(), child, ctx) is INVALID:
        return INVALID
    ctx.nodes[child] = value
    if isinstance(value, SequenceNode):
        options = validate(value, ListOf(Ident(), min_items=1), child, ctx)
    else:
        options = validate(value, Ident(), child, ctx)
        options = INVALID if options is INVALID else (options,)
    if options is INVALID or None in options:
        return INVALID
    return Condition(group, options)


def _rows(node: Node, path: str, ctx: Context) -> object:
    """Check map rows: a block of text or a list of strings."""
    if isinstance(node, SequenceNode):
        rows = validate(node, ListOf(Text(), min_items=1), path, ctx)
        if rows is INVALID or None in rows:
            return INVALID
    elif isinstance(node, ScalarNode) and isinstance(scalar_value(node), str):
        rows = tuple(node.value.split("\n"))
    else:
        return _fail(ctx, node, path, f"expected {expectation(Rows())}, got {describe(node)}")
    rows = list(rows)
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        return _fail(ctx, node, path, "the floor has no rows")
    return tuple(rows)


def _tiles(node: Node, kind: Point | Area, path: str, ctx: Context) -> object:
    """Check [x, y] or [x1, y1, x2, y2]: non-negative whole numbers, corners in order."""
    count = 2 if isinstance(kind, Point) else 4
    values = (
        [scalar_value(item) if isinstance(item, ScalarNode) else item for item in node.value]
        if isinstance(node, SequenceNode)
        else []
    )
    if len(values) != count or not all(
        isinstance(value, int) and not isinstance(value, bool) and value >= 0 for value in values
    ):
        return _fail(
            ctx,
            node,
            path,
            f"expected {expectation(kind)} of whole numbers 0 or more, got {_flow(node)}",
        )
    if any(value > MAX_WHOLE_NUMBER for value in values):
        return _fail(ctx, node, path, f"a tile number is at most {MAX_WHOLE_NUMBER:,}")
    if count == 4 and (values[0] > values[2] or values[1] > values[3]):
        return _fail(ctx, node, path, "x1 must not exceed x2 and y1 must not exceed y2")
    return tuple(values)


def _time(node: ScalarNode, value: object, positive: bool, path: str, ctx: Context) -> object:
    """A time in ticks from "m:ss" or whole seconds."""
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str) and (match := TIME_TEXT.fullmatch(value)):
        minutes = match.group(1).lstrip("0")
        seconds = int(minutes or "0") * 60 + int(match.group(2)) if len(minutes) <= 6 else None
    else:
        hint = " (seconds must be whole)" if isinstance(value, float) else ""
        if isinstance(value, str) and (short := re.fullmatch(r"([0-9]{1,6}):([0-9])", value)):
            hint = f"; write {short.group(1)}:0{short.group(2)}"
        return _fail(ctx, node, path, f"expected {expectation(Time())}, got {describe(node)}{hint}")
    if seconds is not None and (seconds < 0 or (positive and seconds == 0)):
        least = "more than 0" if positive else "0 or more"
        return _fail(ctx, node, path, f"the time must be {least}, got {shorten(node.value)}")
    if seconds is None or seconds > MAX_DURATION_SECONDS:
        longest = clock_text(MAX_DURATION_SECONDS)
        return _fail(
            ctx,
            node,
            path,
            f"the time must be at most {longest} (the longest duration), got {shorten(node.value)}",
        )
    return seconds * TICK_RATE


def _floor(node: ScalarNode, value: object, path: str, ctx: Context) -> object:
    """A floor index from an index or a floor name."""
    names = ctx.floor_names
    if isinstance(value, int) and not isinstance(value, bool):
        if names is not None and not 0 <= value < len(names):
            return _fail(ctx, node, path, f"no floor {value}; {_floors_phrase(names)}")
        return value
    if isinstance(value, str):
        if names is None:
            return 0
        if value in names:
            return names.index(value)
        hint = did_you_mean(value, names) or _hint(value)
        return _fail(ctx, node, path, f"no floor named {value!r}; {_floors_phrase(names)}{hint}")
    return _fail(ctx, node, path, f"expected {expectation(FloorRef())}, got {describe(node)}")


def _floors_phrase(names: tuple[str, ...]) -> str:
    """A phrase listing the map's floors by index and name."""
    listed = ", ".join(f"{index} = {shorten(name)!r}" for index, name in enumerate(names))
    return f"the map has floors {listed}"


def _bounded(
    node: Node, value: float, lo: float | None, hi: float | None, path: str, ctx: Context
) -> object:
    """The value if within bounds, else INVALID after reporting."""
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        return _fail(ctx, node, path, f"must be{_bounds(lo, hi)}, got {shorten(node.value)}")
    return value


def _bounds(lo: float | None, hi: float | None) -> str:
    """A phrase for numeric bounds."""
    if lo is not None and hi is not None:
        return f" from {_num(lo)} to {_num(hi)}"
    if lo is not None:
        return f" of {_num(lo)} or more"
    if hi is not None:
        return f" of {_num(hi)} or less"
    return ""


def _num(value: float) -> str:
    """A bound as text: thousands separated when whole and large."""
    return f"{value:,}" if isinstance(value, int) and abs(value) >= 10_000 else str(value)


def _hint(value: object) -> str:
    """A hint for text written where a number was expected."""
    if isinstance(value, str) and re.fullmatch(r"[-+]?0[0-9]{1,14}", value):
        return f"; write {int(value)} without leading zeros"
    return ""


def _not_text(node: ScalarNode, value: object, path: str, ctx: Context) -> object:
    """Report a number, true/false or null where text is expected."""
    if value is None:
        return _fail(ctx, node, path, "expected text, got nothing")
    return _fail(
        ctx,
        node,
        path,
        f'expected text, got {describe(node)}; put it in quotes: "{shorten(node.value)}"',
    )


def _too_long(ctx: Context, node: Node, path: str, length: int, limit: int) -> object:
    """Report text longer than its limit."""
    return _fail(ctx, node, path, f"the text is {length:,} characters; at most {limit:,} allowed")


def _unknown_hint(name: str, names: list[str]) -> str:
    """A did-you-mean hint, or the list of known fields."""
    return did_you_mean(name, names) or f"; expected one of: {', '.join(names)}"


def _as_ident(value: str) -> str:
    """The closest valid id to some text, or ""."""
    return re.sub(r"[^a-z0-9_]+", "_", value.strip().lower()).strip("_")


def _flow(node: Node) -> str:
    """A short rendering of what the author wrote for a tile or area."""
    if isinstance(node, SequenceNode) and all(isinstance(item, ScalarNode) for item in node.value):
        return shorten("[" + ", ".join(shorten(item.value, 20) for item in node.value) + "]", 80)
    return describe(node)


def _none_if_invalid(value: object) -> object:
    """None in place of INVALID, so lists keep their indices."""
    return None if value is INVALID else value


def _fail(ctx: Context, node: Node, path: str, message: str) -> object:
    """Report a problem and return INVALID."""
    ctx.report(node, path, message)
    return INVALID


def join(path: str, name: str) -> str:
    """The dotted path of a child field."""
    return f"{path}.{name}" if path else name
