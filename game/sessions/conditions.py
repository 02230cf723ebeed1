"""What a reactive script command may wait for: conditions on what the trainee perceives, and people
named by how they look ("the nearest armed person"), never by who they are.

Every condition reads the trainee's percept (`game.sessions.eyes`: the people in view as they look,
the gunfire and radio heard, what was seen happen) or the trainee's own state (wounded, weapon drawn,
in cover, zone, the doors next to them). No condition reads a person's role, id or hidden state, so a
script that reacts plays exactly what a trainee could have played.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from game.core.ballistics import MAX_RANGE
from game.core.geometry import fire_line
from game.core.level import DoorState, Position
from game.core.world import World
from game.sessions.eyes import CHALLENGED_TICKS, NEVER, Percept, Seen


class Looks(Enum):
    """Kinds of people as the trainee sees them (for `sees:` and the `nearest_...` targets)."""

    PERSON = "person"
    ARMED_PERSON = "armed_person"
    ATTACKER = "attacker"
    CASUALTY = "casualty"
    POLICE = "police"


LOOKS_WORDS: dict[Looks, str] = {
    Looks.PERSON: "anyone in view",
    Looks.ARMED_PERSON: "a person on their feet with a gun in hand who does not look like police "
    '(no uniform, POLICE jacket, badge or recent "Police!"), and has not surrendered or complied; '
    "a holstered or concealed gun is not seen",
    Looks.ATTACKER: "a person the trainee saw fire at the trainee, or at someone the trainee could "
    "see who had no gun in hand or looked like police; still on their feet with the gun in hand and "
    "not seen surrendering (a round at someone out of sight, or at an armed person, tells nothing of "
    "who fired it: challenge them)",
    Looks.CASUALTY: "a person down with critical bleeding whom no one has treated yet",
    Looks.POLICE: "a person on their feet who looks like police",
}
"""What each kind means, for the guide and the schema."""

TARGETS: dict[str, Looks] = {
    "nearest_person": Looks.PERSON,
    "nearest_armed": Looks.ARMED_PERSON,
    "nearest_attacker": Looks.ATTACKER,
    "nearest_casualty": Looks.CASUALTY,
    "nearest_police": Looks.POLICE,
}
"""Target words: the nearest person of a kind in view now (ties by a fixed order)."""

STOPPED_WORDS = (
    "suspect down",
    "suspect is down",
    "shooter down",
    "shooter is down",
    "in custody",
    "threat stopped",
    "threat is stopped",
)
"""Radio traffic that tells the trainee the threat is stopped (`threat_stopped`)."""

FLAGS: dict[str, str] = {
    "threat_stopped": "every attacker the trainee saw was since seen down, surrendered or disarmed and "
    "no gunfire was heard after that, or the radio said so (" + ", ".join(STOPPED_WORDS) + "); an "
    "armed person found down who was never seen attacking does not count",
    "clear_shot": "an attacker is in view and no one else stands on the line of fire to them, or "
    "behind them as far as the trainee can see along it, nor anyone else in view on it further on, "
    "up to the first cover that stops rounds (concealment does not count)",
    "gunfire_heard": "the trainee has heard gunfire at least once",
    "wounded": "the trainee is wounded",
    "weapon_drawn": "the trainee's weapon is drawn",
    "in_cover": "the trainee is behind cover or concealment",
    "inside": "the trainee stands on an indoor tile of any building (one who starts indoors, say in the SRO office, is inside at once)",
    "challenged": "an officer is challenging the trainee (in the last 5 seconds)",
}
"""Conditions written as one word."""


@dataclass(frozen=True, slots=True)
class Flag:
    """A one-word condition (see `FLAGS`)."""

    name: str


@dataclass(frozen=True, slots=True)
class Sees:
    """Someone of a kind is in view now, optionally within `within` tiles."""

    looks: Looks
    within: float | None = None


@dataclass(frozen=True, slots=True)
class Heard:
    """Gunfire heard in the last `within` ticks (ever when None)."""

    within: int | None = None


@dataclass(frozen=True, slots=True)
class RadioSaid:
    """Radio traffic heard (not a reply to the trainee) whose text holds these words (any case)."""

    words: str


@dataclass(frozen=True, slots=True)
class InZone:
    """The trainee is in this zone."""

    zone: str


@dataclass(frozen=True, slots=True)
class DoorLocked:
    """A door next to the trainee is locked (the trainee can try it): any such door, or this tile."""

    at: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class After:
    """The scenario clock has reached this tick (the trainee's watch)."""

    tick: int


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every condition holds."""

    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one condition holds."""

    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """The condition does not hold."""

    condition: Condition


Condition = Flag | Sees | Heard | RadioSaid | InZone | DoorLocked | After | AllOf | AnyOf | Not


def holds(condition: Condition, percept: Percept, world: World) -> bool:
    """Whether a condition holds for the trainee now."""
    return test_of(condition)(percept, world)


Test = Callable[[Percept, World], bool]
"""A condition made ready to ask: whether it holds for this percept in this world."""


@lru_cache(maxsize=1024)
def test_of(condition: Condition) -> Test:
    """The condition as a function, worked out once (a reactive script asks its conditions every
    tick; a condition is read-only, so the same function serves every run)."""
    match condition:
        case Flag(name=name):
            return _FLAG_TESTS[name]
        case Sees(looks=looks, within=None):
            return lambda percept, world: bool(in_view(percept, looks))
        case Sees(looks=looks, within=within):
            return lambda percept, world: any(
                seen.distance <= within for seen in in_view(percept, looks)
            )
        case Heard(within=None):
            return lambda percept, world: percept.gunfire_tick is not None
        case Heard(within=within):
            return lambda percept, world: (
                percept.gunfire_tick is not None and percept.gunfire_within(within)
            )
        case RadioSaid(words=words):
            wanted = words.lower()
            return lambda percept, world: any(wanted in text.lower() for text in percept.dispatch)
        case InZone(zone=zone):
            return lambda percept, world: percept.zone == zone
        case DoorLocked(at=at):
            return lambda percept, world: _door_locked(world, at)
        case After(tick=tick):
            return lambda percept, world: percept.tick >= tick
        case AllOf(conditions=conditions):
            return _all_of(tuple(map(test_of, conditions)))
        case AnyOf(conditions=conditions):
            return _any_of(tuple(map(test_of, conditions)))
        case Not(condition=inner):
            test = test_of(inner)
            return lambda percept, world: not test(percept, world)
    raise TypeError(f"not a condition: {condition!r}")


def changes_at(condition: Condition, percept: Percept) -> int:
    """The first tick after the percept's at which the condition may answer otherwise with nothing
    new perceived, only the clock running on (`NEVER` for a condition that does not read it)."""
    clock = clock_of(condition)
    return NEVER if clock is None else clock(percept)


@lru_cache(maxsize=1024)
def clock_of(condition: Condition | None) -> Callable[[Percept], int] | None:
    """`changes_at` for this condition as a function, worked out once, or None when the condition
    does not read the clock (it answers as before while nothing new is perceived) or is None."""
    match condition:
        case After(tick=due):
            return lambda p: due if p.tick < due else NEVER
        case Heard(within=within) if within is not None:
            return lambda p: p.gunfire_tick + within + 1 if p.gunfire_within(within) else NEVER
        case Flag(name="challenged"):
            return lambda p: (
                p.challenged_tick + CHALLENGED_TICKS + 1
                if p.tick - p.challenged_tick <= CHALLENGED_TICKS
                else NEVER
            )
        case AllOf(conditions=conditions) | AnyOf(conditions=conditions):
            clocks = tuple(clock for clock in map(clock_of, conditions) if clock is not None)
            if not clocks:
                return None
            return lambda p: min(clock(p) for clock in clocks)
        case Not(condition=inner):
            return clock_of(inner)
    return None


def _all_of(tests: tuple[Test, ...]) -> Test:
    """Every test holds (asked in order, stopping at the first that does not)."""

    def all_of(percept: Percept, world: World) -> bool:
        # A loop, not all() over a generator: asked every tick of every reactive run.
        for test in tests:  # noqa: SIM110
            if not test(percept, world):
                return False
        return True

    return all_of


def _any_of(tests: tuple[Test, ...]) -> Test:
    """At least one test holds (asked in order, stopping at the first that does)."""

    def any_of(percept: Percept, world: World) -> bool:
        for test in tests:  # noqa: SIM110 (as in `_all_of`)
            if test(percept, world):
                return True
        return False

    return any_of


def in_view(percept: Percept, looks: Looks) -> list[Seen]:
    """The people of a kind in view now, nearest first (worked out once per percept)."""
    kinds = percept.kinds if percept.kinds is not None else {}  # a percept made without its memo
    found = kinds.get(looks)
    if found is None:
        test = _LOOKS_TESTS[looks]
        found = kinds[looks] = [seen for seen in percept.people if test(seen, percept)]
    return found


def nearest(percept: Percept, word: str) -> Seen | None:
    """The person a target word names now, or None when no one in view fits."""
    found = in_view(percept, TARGETS[word])
    return found[0] if found else None


def threat_stopped(percept: Percept) -> bool:
    """Seen stopped (the percept's own judgement), or told so on the radio."""
    return percept.threat_stopped or _told_stopped(percept.dispatch)


@lru_cache(maxsize=64)
def _told_stopped(dispatch: tuple[str, ...]) -> bool:
    """Whether the radio traffic heard so far says the threat is stopped (asked every tick of the
    same traffic, so kept)."""
    return any(word in text.lower() for text in dispatch for word in STOPPED_WORDS)


def clear_shot(percept: Percept, world: World) -> bool:
    """Whether the nearest attacker in view can be fired on with no one else seen on the line.

    Looking at the attacker, the trainee sees the whole line up to them, and on past them until
    something hides the rest: anyone standing on that stretch is seen, whether or not the sight line
    drawn to that person on its own would reach them. Past that, the people in view count.
    """
    target = nearest(percept, "nearest_attacker")
    if target is None or percept.me is None:
        return False
    here, there = percept.me.position, target.position
    floor, building = here.floor, world.building
    # The line up to what stops rounds, each tile with whether the trainee still sees that far.
    stretch: list[tuple[int, int, bool]] = []
    looking = True
    for x, y in fire_line(here.x, here.y, there.x, there.y, MAX_RANGE):
        if building.stops_rounds(floor, x, y):
            break
        stretch.append((x, y, looking))
        if (x, y) != (there.x, there.y) and building.blocks_sight(floor, x, y):
            looking = False
    in_view = {(s.position.x, s.position.y) for s in percept.people if s.handle != target.handle}
    seen_stretch = {Position(floor, x, y) for x, y, seen in stretch if seen}
    standing = {
        (view.position.x, view.position.y)
        for view in world.snapshot(on=seen_stretch)
        if view.id not in (target.handle, percept.me.id)
    }
    for x, y, seen in stretch:
        if (x, y) == (there.x, there.y):
            continue
        if (x, y) in in_view or (seen and (x, y) in standing):
            return False
    return True


def _door_locked(world: World, at: tuple[int, int] | None) -> bool:
    here = world.trainee.position
    for door in world.building.adjacent_doors(here):
        if door.state is not DoorState.LOCKED:
            continue
        if at is None or door.at == Position(here.floor, at[0], at[1]):
            return True
    return False


def _me(percept: Percept, test: Callable[[object], bool]) -> bool:
    return percept.me is not None and test(percept.me)


_FLAG_TESTS: dict[str, Callable[[Percept, World], bool]] = {
    "threat_stopped": lambda p, w: threat_stopped(p),
    "clear_shot": lambda p, w: clear_shot(p, w),
    "gunfire_heard": lambda p, w: p.gunfire_tick is not None,
    "wounded": lambda p, w: _me(p, lambda me: me.condition != "ok"),
    "weapon_drawn": lambda p, w: _me(p, lambda me: me.weapon_drawn),
    "in_cover": lambda p, w: _me(p, lambda me: me.protection != "open"),
    "inside": lambda p, w: p.inside,
    "challenged": lambda p, w: p.challenged_me,
}

_LOOKS_TESTS: dict[Looks, Callable[[Seen, Percept], bool]] = {
    Looks.PERSON: lambda s, p: True,
    Looks.ARMED_PERSON: lambda s, p: (
        (s.up and s.armed and s.weapon_drawn and not s.looks_police and not s.surrendered)
        and not s.complied
    ),
    Looks.ATTACKER: lambda s, p: s.hostile and s.up and s.weapon_drawn and not s.surrendered,
    Looks.CASUALTY: lambda s, p: s.condition == "critical" and s.handle not in p.treated,
    Looks.POLICE: lambda s, p: s.up and s.looks_police,
}
