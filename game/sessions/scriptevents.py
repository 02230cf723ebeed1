"""The `events:` expectations of a script: events of a type, with matching fields, in a window,
checked as the field table (`game.sessions.scriptfields.EVENT_EXPECTATION`) describes them."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.levels.errors import did_you_mean
from game.levels.fieldtypes import FieldType, Text
from game.levels.validate import INVALID, Context, entries_of, validate
from game.levels.yamlsafe import describe, scalar_value
from game.sessions.scriptcheck import check, listing, unknown
from game.sessions.scriptfields import EVENT_EXPECTATION, EVENT_TYPES, event_fields
from game.sessions.times import clock


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


def parse_events(node: Node, path: str, ctx: Context) -> tuple[EventExpectation, ...]:
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
        if name not in EVENT_EXPECTATION.names:
            unknown(ctx, key, name, path, EVENT_EXPECTATION.names)
            ok = False
    if "type" not in entries:
        ctx.report(
            node, f"{path}.type", "required field is missing: the event type, e.g. ThreatStopped"
        )
        return None
    type_node = entries["type"][1]
    event_type = check(type_node, Text(nonempty=True), f"{path}.type", ctx, None)
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
            tick = validate(entries[name][1], _event_type(name), f"{path}.{name}", ctx)
            ok = ok and tick is not INVALID
            values[name] = None if tick is INVALID else tick
    for name in ("count_min", "count_max"):
        if name in entries:
            count = validate(entries[name][1], _event_type(name), f"{path}.{name}", ctx)
            ok = ok and count is not INVALID
            values[name] = None if count is INVALID else count
    if "never" in entries:
        never = validate(entries["never"][1], _event_type("never"), f"{path}.never", ctx)
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
    names = [name for name in event_fields(cls) if name != "tick"]
    found = []
    ok = True
    for name, (key, value) in entries_of(node, path, ctx).items():
        if name not in names:
            hint = did_you_mean(name, names) or listing("fields", names)
            ctx.report(key, f"{path}.{name}", f"{cls.__name__} has no field {name!r}{hint}")
            ok = False
            continue
        if not isinstance(value, ScalarNode):
            ctx.report(value, f"{path}.{name}", f"expected a plain value, got {describe(value)}")
            ok = False
            continue
        found.append((name, scalar_value(value)))
    return tuple(found) if ok else None


def _event_type(name: str) -> FieldType:
    """The table's type of one key of an event expectation."""
    return EVENT_EXPECTATION.field(name).type
