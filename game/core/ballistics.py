"""Shots: the line of fire past the target, who stands on it, and who is hit."""

from __future__ import annotations

import random
from dataclasses import dataclass

from game.core.building import Building
from game.core.geometry import distance, fire_line, line
from game.core.level import Position, Role
from game.core.people import Person

MAX_RANGE = 40
"""How far a round travels along the line of fire, in tiles, unless a wall stops it first."""


@dataclass(frozen=True, slots=True)
class LineOfFire:
    """Who stands on a round's path, before and behind the target, and where the round stopped."""

    between: tuple[Person, ...]
    behind: tuple[Person, ...]
    reached_target: bool = True
    stopped_at: Position | None = None
    to_cover: tuple[Person, ...] = ()
    """Everyone on the line up to the first tile that stops rounds, the target's tile left out,
    whether or not concealment stopped this round first: whom the decision to fire put at risk."""


def line_of_fire(
    building: Building,
    shooter: Person,
    target_at: Position,
    people: list[Person],
    rng: random.Random | None = None,
    through_concealment: float = 1.0,
) -> LineOfFire:
    """Trace the round from the shooter through the aim point and on until something stops it.

    Cover (block walls, cover objects, the map's edge) always stops it; concealment (drywall, a
    closed door, furniture) lets it through with the given chance, drawn from the shooter's stream.
    The path is one symmetric line, so the same tiles lie between two people from either end.
    `to_cover` goes on past a piece of concealment that stopped this round, to the first cover.
    """
    origin = shooter.position
    floor = origin.floor
    line = fire_line(origin.x, origin.y, target_at.x, target_at.y, MAX_RANGE)
    width = building.width
    on_line = {y * width + x for x, y in line if 0 <= x < width}
    by_tile: dict[tuple[int, int], list[Person]] = {}  # who stands on the line, tile by tile
    for person in people:
        if person.present and person is not shooter:
            at = person.position
            if at.floor == floor and at.y * width + at.x in on_line:
                by_tile.setdefault((at.x, at.y), []).append(person)
    between: list[Person] = []
    behind: list[Person] = []
    to_cover: list[Person] = []
    passed_target = False
    flying = True
    last = (origin.x, origin.y)
    aim = (target_at.x, target_at.y)
    for x, y in line:
        if building.stops_rounds(floor, x, y):
            break
        if flying:
            last = (x, y)
            flying = not building.conceals(floor, x, y) or _passes(rng, through_concealment)
        if (x, y) == aim:
            passed_target = passed_target or flying
            continue
        here = by_tile.get((x, y), ())
        to_cover.extend(here)
        if flying:
            (behind if passed_target else between).extend(here)
    return LineOfFire(
        tuple(between), tuple(behind), passed_target, Position(floor, *last), tuple(to_cover)
    )


def _passes(rng: random.Random | None, chance: float) -> bool:
    """Whether a round gets through one piece of concealment."""
    if chance >= 1:
        return True
    if chance <= 0 or rng is None:
        return False
    return rng.random() < chance


def round_stop(building: Building, origin: Position, aim: Position) -> Position:
    """The last tile a round from origin through aim reached before cover stopped it."""
    last = (origin.x, origin.y)
    for x, y in fire_line(origin.x, origin.y, aim.x, aim.y, MAX_RANGE):
        if building.stops_rounds(origin.floor, x, y):
            break
        last = (x, y)
    return Position(origin.floor, *last)


def clear_between(building: Building, a: Position, b: Position) -> bool:
    """Whether nothing that stops rounds lies between two tiles on one floor."""
    if a.floor != b.floor:
        return False
    return not any(building.stops_rounds(a.floor, x, y) for x, y in line(a.x, a.y, b.x, b.y)[1:-1])


def hit_chance(shooter: Person, target: Person, accuracy: float) -> float:
    """The chance a round hits the target: falls with distance, with running, and against cover;
    a shooter with accuracy 0 never hits, any other keeps a small chance (0.02) at worst."""
    if accuracy <= 0:
        return 0.0
    dist = distance(shooter.position.x, shooter.position.y, target.position.x, target.position.y)
    chance = accuracy * max(0.3, 1.0 - dist / 30.0)
    if shooter.path and shooter.speed > 20:
        chance *= 0.6
    if target.protection == "cover":
        chance *= 0.35
    elif target.protection == "concealment":
        chance *= 0.8
    return max(0.02, min(0.95, chance))


def resolve_hit(
    rng: random.Random, target: Person, chance: float, fire: LineOfFire
) -> Person | None:
    """Who the round hits: someone in the way, the target, or someone behind it; None for a clean miss."""
    for person in fire.between:
        if rng.random() < 0.5:
            return person
    if not fire.reached_target:
        return None
    if rng.random() < chance:
        return target
    for person in fire.behind:
        if rng.random() < 0.35:
            return person
    return None


def non_threats(people: tuple[Person, ...]) -> tuple[str, ...]:
    """The ids of people on a line of fire who are not suspects."""
    return tuple(p.id for p in people if p.role is not Role.SUSPECT)
