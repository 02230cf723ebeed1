"""How suspects act: follow their route, fire on whom they see, and react to armed confrontation."""

from __future__ import annotations

from game.core.events import (
    DoorLocked,
    SuspectBarricaded,
    SuspectRetreated,
    SuspectStoppedFiring,
    SuspectSurrendered,
    ThreatStopped,
)
from game.core.geometry import distance
from game.core.level import DoorState, Position, Role, ZoneKind
from game.core.movement import advance
from game.core.pathfinding import find_path
from game.core.people import Person, pick_weighted
from game.core.proximity import gap, near
from game.core.scene import Scene

CONFRONT_RANGE = 12
"""A suspect who sees an officer this close is confronted and picks a reaction."""
SUSPECT_TARGET_RANGE = 15
SURRENDER_WAIT_TICKS = 100


def act_suspect(world: Scene, suspect: Person) -> None:
    """A suspect follows their route and fires on the people they can see, until stopped."""
    spec = suspect.suspect
    if spec is None or not suspect.active or suspect.state in ("surrendered", "down"):
        return
    if suspect.state == "waiting":
        if world.tick < spec.first_shot:
            return
        suspect.state = "active"
        suspect.next_action_tick = world.tick
    if (
        spec.stop_after
        and not suspect.reaction
        and world.tick >= spec.stop_after
        and suspect.state in ("active", "engaging")
    ):
        suspect.state = "hiding"
        suspect.path.clear()
        world.emit(SuspectStoppedFiring(world.tick, suspect.id))
    if suspect.state == "hiding":
        _confront(world, suspect)
        return
    if suspect.state == "hesitating":
        _hesitate(world, suspect)
        return
    _confront(world, suspect)
    if suspect.state == "retreating" and not suspect.path:
        _barricade(world, suspect)
    if suspect.state == "active" and not suspect.path and spec.route:
        zone = spec.route[suspect.route_index % len(spec.route)]
        suspect.route_index += 1
        tiles = world.zone_tiles(zone)
        if tiles:
            goal = world.stream(f"suspect:{suspect.id}").choice(tiles)
            suspect.path = find_path(world.building, suspect.position, goal)
    if suspect.state == "surrendered":
        return
    advance(world, suspect)
    if world.tick >= suspect.next_action_tick:
        _suspect_fires(world, suspect)


def _confront(world: Scene, suspect: Person) -> None:
    spec = suspect.suspect
    officers = _officers_in_view(world, suspect, CONFRONT_RANGE)
    challenged = world.tick - suspect.challenged_tick <= 1
    if not officers and not challenged:
        return
    if not suspect.reaction:
        r = spec.reactions
        suspect.reaction = pick_weighted(
            world.stream(f"suspect:{suspect.id}"),
            [("engage", r.engage), ("retreat", r.retreat), ("surrender", r.surrender)],
        )
        if suspect.reaction == "surrender":
            suspect.state = "hesitating"
            suspect.path.clear()
            suspect.next_action_tick = world.tick + SURRENDER_WAIT_TICKS
        elif suspect.reaction == "retreat" and suspect.state != "hiding":
            _start_retreat(world, suspect)
        elif suspect.reaction == "engage":
            suspect.state = "engaging"
            suspect.path.clear()
    if (
        challenged and suspect.state not in ("surrendered",) and suspect.reaction == "surrender"
    ) or (
        challenged
        and suspect.state == "hiding"
        and world.stream(f"suspect:{suspect.id}").random() < 0.5
    ):
        _surrender(world, suspect)


def _hesitate(world: Scene, suspect: Person) -> None:
    if world.tick - suspect.challenged_tick <= 1:
        _surrender(world, suspect)
    elif world.tick >= suspect.next_action_tick:
        suspect.state = "engaging"
        suspect.reaction = "engage"


def _surrender(world: Scene, suspect: Person) -> None:
    suspect.state = "surrendered"
    suspect.weapon_drawn = False
    suspect.path.clear()
    world.emit(SuspectSurrendered(world.tick, suspect.id, suspect.position))
    world.emit(ThreatStopped(world.tick, suspect.id, "surrendered", suspect.challenged_by or ""))


def _start_retreat(world: Scene, suspect: Person) -> None:
    spec = suspect.suspect
    zone = spec.barricade_zone or _nearest_room(world, suspect.position)
    suspect.state = "retreating"
    suspect.goal_zone = zone
    tiles = world.zone_tiles(zone) if zone else []
    if tiles:
        goal = min(
            tiles, key=lambda t: (distance(suspect.position.x, suspect.position.y, t.x, t.y), t)
        )
        suspect.path = find_path(world.building, suspect.position, goal)
    world.emit(SuspectRetreated(world.tick, suspect.id, zone))


def _barricade(world: Scene, suspect: Person) -> None:
    zone_id = suspect.goal_zone
    suspect.state = "barricaded"
    if not zone_id:
        return
    zone = world.level.zone(zone_id)
    for door in sorted(world.building.doors.values(), key=lambda d: d.at):
        if (
            any(zone.contains(n) for n in world.building.neighbours8(door.at))
            and door.state is not DoorState.LOCKED
        ):
            if any(p.present and p.position == door.at for p in world.people):
                continue
            world.building.set_door_state(door, DoorState.LOCKED)
            world.emit(DoorLocked(world.tick, suspect.id, door.at))
    inside = sum(
        1
        for p in world.people
        if p.role is Role.CIVILIAN and p.present and zone.contains(p.position)
    )
    world.emit(SuspectBarricaded(world.tick, suspect.id, zone_id, inside))


def _suspect_fires(world: Scene, suspect: Person) -> None:
    spec = suspect.suspect
    interval = spec.fire_interval
    if suspect.state == "engaging":
        interval = max(5, interval // 2)
    if suspect.state == "barricaded":
        interval *= 2
    jitter = (
        world.stream(f"suspect:{suspect.id}").randint(-(interval // 4), interval // 4)
        if interval >= 4
        else 0
    )
    suspect.next_action_tick = world.tick + max(3, interval + jitter)
    target = _suspect_target(world, suspect)
    if target is None:
        if suspect.state == "barricaded" and not _victimsnear(world, suspect):
            return
        aim = Position(
            suspect.position.floor,
            suspect.position.x + world.stream(f"suspect:{suspect.id}").randint(-3, 3),
            suspect.position.y + world.stream(f"suspect:{suspect.id}").randint(-3, 3),
        )
        world.fire(suspect, None, spec.accuracy, aim)
        return
    world.fire(suspect, target, spec.accuracy)


def _suspect_target(world: Scene, suspect: Person) -> Person | None:
    candidates = []
    for person in world.people:
        if person is suspect or not person.present or person.role is Role.SUSPECT:
            continue
        if person.condition not in ("ok", "walking"):
            continue
        if person.is_police and suspect.state != "engaging":
            continue
        if not near(suspect, person, SUSPECT_TARGET_RANGE):
            continue
        if world.sees(suspect, person, SUSPECT_TARGET_RANGE):
            candidates.append(person)
    if not candidates:
        return None
    police = [p for p in candidates if p.is_police]
    pool = police or candidates
    return min(pool, key=lambda p: (gap(suspect, p), p.id))


def _victimsnear(world: Scene, suspect: Person) -> bool:
    zone = suspect.goal_zone
    return bool(zone) and any(
        p.role is Role.CIVILIAN
        and p.present
        and p.condition in ("ok", "walking")
        and world.zone_at(p.position) == zone
        for p in world.people
    )


def _officers_in_view(world: Scene, person: Person, reach: float) -> list[Person]:
    return [
        p
        for p in world.police
        if p.active and p.weapon_drawn and near(person, p, reach) and world.sees(person, p, reach)
    ]


def _nearest_room(world: Scene, position: Position) -> str:
    rooms = [z for z in world.level.zones if z.kind is ZoneKind.ROOM]
    best, best_d = "", 1e9
    for zone in rooms:
        for area in zone.areas:
            if area.floor != position.floor:
                continue
            cx, cy = (area.x1 + area.x2) / 2, (area.y1 + area.y2) / 2
            d = distance(position.x, position.y, cx, cy)
            if d < best_d:
                best, best_d = zone.id, d
    return best
