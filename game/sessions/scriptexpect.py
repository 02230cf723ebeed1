"""The `expect:` block of a script: what the outcome must look like, checked against the rubric's ids
and the event types, as the field table (`game.sessions.scriptfields`) describes each key."""

from __future__ import annotations

from dataclasses import dataclass, replace

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.levels.errors import did_you_mean
from game.levels.fieldtypes import FieldType, ListOf, Text
from game.levels.validate import INVALID, Context, entries_of, validate
from game.levels.yamlsafe import describe, scalar_value
from game.scoring import NOT_SCORED
from game.sessions.scriptcheck import check, listing, number, sha, unknown
from game.sessions.scriptevents import EventExpectation, parse_events
from game.sessions.scriptfields import (
    CATEGORY,
    EXPECT,
    RATE,
    RATE_TEXT,
    RATING,
    RATINGS,
    RULE,
)


def rating_rank(rating: str) -> int:
    """How good a rating is: U = 0 ... P = 3 (-1 for anything else)."""
    return len(RATINGS) - 1 - RATINGS.index(rating) if rating in RATINGS else -1


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
        return bounds_words(self.min, self.max, self.min or "", self.max or "")


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
        return bounds_words(self.min, self.max, number(self.min), number(self.max))


def bounds_words(low: object, high: object, low_text: str, high_text: str) -> str:
    """Bounds in words ("exactly", "from ... to", "at least", "at most"); None is an open end."""
    if low is not None and low == high:
        return f"exactly {low_text}"
    if low is not None and high is not None:
        return f"from {low_text} to {high_text}"
    if low is not None:
        return f"at least {low_text}"
    return f"at most {high_text}"


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


def parse_expect(node: Node, ctx: Context) -> Expect:
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
        if name not in EXPECT.names:
            unknown(ctx, key, name, "expect", EXPECT.names)
            continue
        kind = EXPECT.field(name).type
        if name == "rating":
            values["rating"] = _rating_bounds(value, path, ctx)
        elif name == "categories":
            values["categories"] = _categories(value, path, ctx)
        elif name in ("score", "casualties"):
            values[name] = _bounds(value, path, ctx, kind.item)
        elif name in ("ledger_has", "ledger_lacks"):
            values[name] = _ids(value, path, ctx, kind.item.values)
        elif name == "points":
            values["points"] = _points(value, path, ctx)
        elif name == "hard_failures":
            ids = _ids(value, path, ctx, kind.item.values)
            values["hard_failures"] = tuple(sorted({rule for rule, _ in ids}))
            values["hard_failures_line"] = value.start_mark.line + 1
        elif name == "events":
            values["events"] = parse_events(value, path, ctx)
        elif name == "holds_on":
            values["holds_on"] = _rate(value, path, ctx)
        elif name == "event_log_sha256":
            values["event_log_sha256"] = sha(value, path, ctx)
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
            f"expected {RATE.what}, got {describe(node)}",
        )
        return None
    return float(value)


def _rating_bounds(node: Node, path: str, ctx: Context) -> RatingBounds | None:
    """A rating bound: `S` (exactly S) or `{min: S, max: P}`."""
    letters = RATING
    line = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        rating = check(node, letters, path, ctx, None)
        return None if rating is None else RatingBounds(rating, rating, line)
    found = _min_max(node, path, ctx, letters)
    if found is None:
        return None
    low, high = found
    if low is not None and high is not None and rating_rank(low) > rating_rank(high):
        ctx.report(node, path, f"min {low} is better than max {high} (P is best, U worst)")
        return None
    return RatingBounds(low, high, line)


def _bounds(node: Node, path: str, ctx: Context, kind: FieldType) -> Bounds | None:
    """Number bounds: `6` (exactly) or `{min: 0, max: 6}`."""
    line = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        value = check(node, kind, path, ctx, None)
        return None if value is None else Bounds(value, value, line)
    found = _min_max(node, path, ctx, kind)
    if found is None:
        return None
    low, high = found
    if low is not None and high is not None and low > high:
        ctx.report(node, path, f"min {number(low)} is more than max {number(high)}")
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
            unknown(ctx, key, name, path, ("min", "max"))
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
        if name not in CATEGORY.values:
            hint = did_you_mean(name, CATEGORY.values) or listing("categories", CATEGORY.values)
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
        if name not in RULE.values:
            hint = did_you_mean(name, RULE.values) or listing("rules", RULE.values)
            ctx.report(key, f"{path}.{name}", f"no rubric rule {name!r}{hint}")
            continue
        bounds = _bounds(value, f"{path}.{name}", ctx, EXPECT.field("points").type.value.item)
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
                hint = did_you_mean(value, known) or listing("rules", known)
                message = f"no rubric rule {value!r}{hint}"
            ctx.report(item, f"{path}[{index}]", message)
            continue
        found.append((value, item.start_mark.line + 1))
    return tuple(found)
