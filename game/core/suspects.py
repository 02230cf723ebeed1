"""How suspects act: follow their route, fire on whom they see, and react to armed confrontation."""

from __future__ import annotations

from game.core.ballistics import clear_between
from game.core.clock import NEVER
from game.core.events import (
    BlindFire,
    DoorLocked,
    SuspectBarricaded,
    SuspectMovedToBarricade,
    SuspectRetreated,
    SuspectStoppedFiring,
    SuspectSurrendered,
    ThreatStopped,
)
from game.core.geometry import distance, line
from game.core.level import DoorState, Position, Role, RouteEnd, TileKind, ZoneKind
from game.core.movement import advance, step_due
from game.core.pathfinding import find_path
from game.core.people import Person, pick_weighted
from game.core.perception import hear_gunshot
from game.core.proximity import gap, near
from game.core.scene import Scene

CONFRONT_RANGE = 12
"""A suspect who sees an officer this close is confronted and picks a reaction."""
SUSPECT_TARGET_RANGE = 15
BLIND_FIRE_MEMORY_TICKS = 30
"""A blind-firing suspect fires at where police were heard within the last 3 s."""
BLIND_FIRE_ACCURACY = 0.5
"""A round fired at a heard position hits less often than one aimed at a seen person."""
VOICE_REACH = 10
"""Tiles over which a suspect hears a spoken "Police!", a challenge or a breach on their floor."""


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
    _plan(world, suspect)
    if suspect.state == "retreating" and not suspect.path:
        _barricade(world, suspect)
    if suspect.state == "active" and not suspect.path and spec.route:
        _next_on_route(world, suspect)
    if suspect.state == "surrendered":
        return
    advance(world, suspect)
    if world.tick >= suspect.next_action_tick:
        _suspect_fires(world, suspect)


def suspect_due(world: Scene, suspect: Person, walking: list[Person]) -> int:
    """The first tick from now at which a suspect may act, as `act_suspect` would take them, while
    nothing they could perceive changes: their next shot, a planned turn (first shot, stop, going
    to barricade), their next step (until which they are `walking`), the next zone of their route,
    or a confrontation; `NEVER` for one stopped."""
    spec = suspect.suspect
    now = world.tick
    if spec is None or not suspect.active or suspect.state in ("surrendered", "down"):
        return NEVER
    if suspect.state == "waiting":
        return max(spec.first_shot, now)
    if suspect.state == "hiding":
        return _confront_due(world, suspect)
    if suspect.state == "hesitating":
        return now
    if not suspect.path and (
        suspect.state == "retreating"
        or (suspect.state == "active" and spec.route and not _route_done(suspect))
    ):
        return now  # at the barricade, or off to the route's next zone
    due = min(max(suspect.next_action_tick, now), _confront_due(world, suspect))
    if suspect.state in ("active", "engaging"):
        if spec.stop_after and not suspect.reaction:
            due = min(due, max(spec.stop_after, now))
        if not suspect.plan_done:
            if spec.barricade_at:
                due = min(due, max(spec.barricade_at, now))
            elif spec.barricade_after_shots and suspect.rounds_fired >= spec.barricade_after_shots:
                return now
    if due <= now:
        return now
    return min(due, step_due(world, suspect, walking))


def _confront(world: Scene, suspect: Person) -> None:
    spec = suspect.suspect
    confronted = _officer_in_view(world, suspect, CONFRONT_RANGE)
    challenged = _just_challenged(world, suspect)
    if not confronted and not challenged:
        return
    if spec.barricade_when_confronted and not suspect.plan_done and not suspect.reaction:
        suspect.reaction = "barricade"
        _go_barricade(world, suspect, "confronted")
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
            suspect.next_action_tick = world.tick + spec.surrender_wait
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


def _confront_due(world: Scene, suspect: Person) -> int:
    """When `_confront` may next do something: now for a suspect just challenged, or confronted
    before choosing how to react; else `NEVER` while no one they see changes."""
    if _just_challenged(world, suspect):
        return world.tick
    if not suspect.reaction and _officer_in_view(world, suspect, CONFRONT_RANGE):
        return world.tick
    return NEVER


def _just_challenged(world: Scene, suspect: Person) -> bool:
    """Whether the suspect was challenged this tick or the one before."""
    return world.tick - suspect.challenged_tick <= 1


def _route_done(suspect: Person) -> bool:
    """Whether a suspect past the route's last zone has nothing left to do on it (they stay)."""
    spec = suspect.suspect
    return (
        suspect.route_index >= len(spec.route)
        and spec.route_end is not RouteEnd.LOOP
        and (spec.route_end is not RouteEnd.BARRICADE or suspect.plan_done)
    )


def _next_on_route(world: Scene, suspect: Person) -> None:
    """Set off for the route's next zone; after the last, loop, stay or go to barricade."""
    spec = suspect.suspect
    if suspect.route_index >= len(spec.route) and spec.route_end is not RouteEnd.LOOP:
        if spec.route_end is RouteEnd.BARRICADE and not suspect.plan_done:
            _go_barricade(world, suspect, "route end")
        return
    zone = spec.route[suspect.route_index % len(spec.route)]
    suspect.route_index += 1
    tiles = world.zone_tiles(zone)
    if tiles:
        goal = world.stream(f"suspect:{suspect.id}").choice(tiles)
        suspect.path = find_path(world.building, suspect.position, goal)


def _plan(world: Scene, suspect: Person) -> None:
    """A planned barricade: at a time, or after a number of rounds, the suspect goes to barricade."""
    spec = suspect.suspect
    if suspect.plan_done or suspect.state not in ("active", "engaging"):
        return
    if spec.barricade_at and world.tick >= spec.barricade_at:
        _go_barricade(world, suspect, "time")
    elif spec.barricade_after_shots and suspect.rounds_fired >= spec.barricade_after_shots:
        _go_barricade(world, suspect, "shots")


def _go_barricade(world: Scene, suspect: Person, why: str) -> None:
    """The plan sends the suspect to their barricade zone (or the nearest room) to lock it."""
    spec = suspect.suspect
    suspect.plan_done = True
    zone = spec.barricade_zone or _nearest_room(world, suspect.position)
    world.emit(SuspectMovedToBarricade(world.tick, suspect.id, zone, why))
    _head_for(world, suspect, zone)


def _hesitate(world: Scene, suspect: Person) -> None:
    if _just_challenged(world, suspect):
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
    _head_for(world, suspect, zone)
    world.emit(SuspectRetreated(world.tick, suspect.id, zone))


def _head_for(world: Scene, suspect: Person, zone: str) -> None:
    """Set off for the nearest tile of the zone to barricade in (barricading on arrival)."""
    suspect.state = "retreating"
    suspect.goal_zone = zone
    suspect.path = []
    tiles = world.zone_tiles(zone) if zone else []
    if tiles:
        goal = min(
            tiles, key=lambda t: (distance(suspect.position.x, suspect.position.y, t.x, t.y), t)
        )
        suspect.path = find_path(world.building, suspect.position, goal)


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
    if target is None and spec.blind_fire and _fire_blind(world, suspect):
        return
    if target is None:
        if suspect.state == "barricaded" and not _victimsnear(world, suspect):
            return
        aim = Position(
            suspect.position.floor,
            suspect.position.x + world.stream(f"suspect:{suspect.id}").randint(-3, 3),
            suspect.position.y + world.stream(f"suspect:{suspect.id}").randint(-3, 3),
        )
        suspect.rounds_fired += 1
        world.fire(suspect, None, spec.accuracy, aim)
        return
    suspect.rounds_fired += 1
    world.fire(suspect, target, spec.accuracy)


def _fire_blind(world: Scene, suspect: Person) -> bool:
    """Fire at where police were last heard nearby, unseen; whether a round was fired."""
    heard = _heard_police(world, suspect)
    if heard is None:
        return False
    person, what = heard
    here, there = suspect.position, person.position
    through_door = any(
        world.building.kind_at(here.floor, x, y) is TileKind.DOOR
        and world.building.blocks_sight(here.floor, x, y)
        for x, y in line(here.x, here.y, there.x, there.y)[1:-1]
    )
    suspect.rounds_fired += 1
    world.emit(BlindFire(world.tick, suspect.id, there, what, through_door))
    if clear_between(world.building, here, there):
        world.fire(suspect, person, suspect.suspect.accuracy * BLIND_FIRE_ACCURACY)
    else:
        world.fire(suspect, None, suspect.suspect.accuracy, there)
    return True


def _heard_police(world: Scene, suspect: Person) -> tuple[Person, str] | None:
    """The nearest officer heard lately (a shot, a voice, a breach) and what was heard, if any."""
    found: list[tuple[float, str, Person, str]] = []
    for person in world.police:
        if not person.active or person.position.floor != suspect.position.floor:
            continue
        if world.sees(suspect, person, SUSPECT_TARGET_RANGE):
            continue
        what = ""
        if world.tick - person.last_fired_tick <= BLIND_FIRE_MEMORY_TICKS and hear_gunshot(
            world.building, person.position, suspect.position
        ):
            what = "gunfire"
        elif gap(suspect, person) <= VOICE_REACH:
            if person.busy_with == "breaching the door":
                what = "breach"
            elif world.tick - person.announced_tick <= BLIND_FIRE_MEMORY_TICKS or (
                world.tick - suspect.challenged_tick <= BLIND_FIRE_MEMORY_TICKS
                and suspect.challenged_by == person.id
            ):
                what = "voice"
        if what:
            found.append((gap(suspect, person), person.id, person, what))
    if not found:
        return None
    _, _, person, what = min(found, key=lambda item: item[:2])
    return person, what


def _suspect_target(world: Scene, suspect: Person) -> Person | None:
    """The nearest person in sight the suspect fires on: police first once engaging (ties by id)."""
    police: list[Person] = []
    others: list[Person] = []
    engaging = suspect.state == "engaging"
    for person in world.people:  # the cheap box test (`near`) first: a campus holds hundreds
        if not near(suspect, person, SUSPECT_TARGET_RANGE):
            continue
        if person is suspect or not person.present or person.role is Role.SUSPECT:
            continue
        if person.condition not in ("ok", "walking"):
            continue
        if not person.is_police:
            others.append(person)
        elif engaging:
            police.append(person)
    # Nearest first: the first one in sight is the target, without walking every sight line.
    for pool in (police, others):
        pool.sort(key=lambda p: (gap(suspect, p), p.id))
        for person in pool:
            if world.sees(suspect, person, SUSPECT_TARGET_RANGE):
                return person
    return None


def _victimsnear(world: Scene, suspect: Person) -> bool:
    zone = suspect.goal_zone
    return bool(zone) and any(
        p.role is Role.CIVILIAN
        and p.present
        and p.condition in ("ok", "walking")
        and world.zone_at(p.position) == zone
        for p in world.people
    )


def _officer_in_view(world: Scene, person: Person, reach: float) -> bool:
    """Whether the person sees an officer with a weapon in hand within reach."""
    return any(
        p.active and p.weapon_drawn and near(person, p, reach) and world.sees(person, p, reach)
        for p in world.police
    )


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
