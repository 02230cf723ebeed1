"""How people other than the trainee act, and how everyone moves. All parameters come from the level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.events import (
    BadgeShown,
    ChallengeIssued,
    CivilianEscaped,
    CivilianSheltered,
    Complied,
    DoorBreached,
    DoorLocked,
    DoorOpened,
    LeftCover,
    PersonIdentified,
    PersonMisidentified,
    PoliceAnnounced,
    SuspectBarricaded,
    SuspectRetreated,
    SuspectStoppedFiring,
    SuspectSurrendered,
    ThreatStopped,
    TraineeMoved,
    WeaponHolstered,
)
from game.core.geometry import distance
from game.core.level import DoorState, OffDutyProtocol, Position, Role, ZoneKind
from game.core.pathfinding import downhill, find_path, step_cost
from game.core.people import STEP_COST, Person, appearance, pick_reaction, pick_weighted

if TYPE_CHECKING:
    from game.core.world import World

CONFRONT_RANGE = 12
"""A suspect who sees an officer this close is confronted and picks a reaction."""
SUSPECT_TARGET_RANGE = 15
OFFICER_FIRE_TICKS = 8
OFFICER_ACCURACY = 0.45
OFFICER_CHECK_TICKS = 5
OFFICER_REPLAN_TICKS = 20
"""An officer already moving re-plans toward a moving goal (gunfire, a partner) at most every 2 s."""
COMPLY_GRACE_TICKS = 30
"""How long an arriving officer waits for a challenged armed person to comply before perceiving a threat."""
SURRENDER_WAIT_TICKS = 100


# -- movement ---------------------------------------------------------------------------------------


def advance(world: World, person: Person) -> bool:
    """Move the person along their path by this tick's budget; True when they changed tile."""
    if not person.path:
        person.budget = 0
        return False
    person.budget += person.speed
    moved = False
    while person.path:
        step = person.path[0]
        cost = STEP_COST * step_cost(person.position, step) // 10
        if person.budget < cost:
            break
        door = world.building.doors.get(step)
        if door is not None and door.state is DoorState.LOCKED:
            person.path.clear()
            break
        if door is not None and door.state is DoorState.CLOSED:
            world.building.set_door_state(door, DoorState.OPEN)
            world.emit(DoorOpened(world.tick, person.id, step))
        person.budget -= cost
        person.position = person.path.pop(0)
        moved = True
    return moved


def finish_trainee_action(world: World) -> None:
    """A timed action whose time is up is finished before the next commands: a breach opens the door."""
    trainee = world.trainee
    if not trainee.busy_with or trainee.busy_until > world.tick:
        return
    if trainee.busy_with == "breaching the door" and trainee.active:
        for door in world.building.adjacent_doors(trainee.position):
            if door.state is DoorState.LOCKED:
                world.building.set_door_state(door, DoorState.OPEN)
                world.emit(DoorBreached(world.tick, door.at))
                break
    trainee.busy_with = ""


def move_trainee(world: World) -> None:
    """The trainee walks or runs their path once any timed action is done."""
    trainee = world.trainee
    if not trainee.present or not trainee.active:
        return
    if trainee.busy_until > world.tick:
        return
    if trainee.path and trainee.protection != "open":
        trainee.protection = "open"
        world.emit(LeftCover(world.tick, trainee.id))
    if advance(world, trainee):
        world.emit(
            TraineeMoved(world.tick, trainee.position, "run" if trainee.speed > 20 else "walk")
        )


# -- suspects ---------------------------------------------------------------------------------------


def act_suspect(world: World, suspect: Person) -> None:
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
            goal = world.rng.choice(tiles)
            suspect.path = find_path(world.building, suspect.position, goal)
    if suspect.state == "surrendered":
        return
    advance(world, suspect)
    if world.tick >= suspect.next_action_tick:
        _suspect_fires(world, suspect)


def _confront(world: World, suspect: Person) -> None:
    spec = suspect.suspect
    officers = _officers_in_view(world, suspect, CONFRONT_RANGE)
    challenged = world.tick - suspect.challenged_tick <= 1
    if not officers and not challenged:
        return
    if not suspect.reaction:
        r = spec.reactions
        suspect.reaction = pick_weighted(
            world.rng, [("engage", r.engage), ("retreat", r.retreat), ("surrender", r.surrender)]
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
    ) or (challenged and suspect.state == "hiding" and world.rng.random() < 0.5):
        _surrender(world, suspect)


def _hesitate(world: World, suspect: Person) -> None:
    if world.tick - suspect.challenged_tick <= 1:
        _surrender(world, suspect)
    elif world.tick >= suspect.next_action_tick:
        suspect.state = "engaging"
        suspect.reaction = "engage"


def _surrender(world: World, suspect: Person) -> None:
    suspect.state = "surrendered"
    suspect.weapon_drawn = False
    suspect.path.clear()
    world.emit(SuspectSurrendered(world.tick, suspect.id, suspect.position))
    world.emit(ThreatStopped(world.tick, suspect.id, "surrendered", suspect.challenged_by or ""))


def _start_retreat(world: World, suspect: Person) -> None:
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


def _barricade(world: World, suspect: Person) -> None:
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


def _suspect_fires(world: World, suspect: Person) -> None:
    spec = suspect.suspect
    interval = spec.fire_interval
    if suspect.state == "engaging":
        interval = max(5, interval // 2)
    if suspect.state == "barricaded":
        interval *= 2
    jitter = world.rng.randint(-(interval // 4), interval // 4) if interval >= 4 else 0
    suspect.next_action_tick = world.tick + max(3, interval + jitter)
    target = _suspect_target(world, suspect)
    if target is None:
        if suspect.state == "barricaded" and not _victims_near(world, suspect):
            return
        aim = Position(
            suspect.position.floor,
            suspect.position.x + world.rng.randint(-3, 3),
            suspect.position.y + world.rng.randint(-3, 3),
        )
        world.fire(suspect, None, spec.accuracy, aim)
        return
    world.fire(suspect, target, spec.accuracy)


def _suspect_target(world: World, suspect: Person) -> Person | None:
    candidates = []
    for person in world.people:
        if person is suspect or not person.present or person.role is Role.SUSPECT:
            continue
        if person.condition not in ("ok", "walking"):
            continue
        if person.is_police and suspect.state != "engaging":
            continue
        if not _near(suspect, person, SUSPECT_TARGET_RANGE):
            continue
        if world.sees(suspect, person, SUSPECT_TARGET_RANGE):
            candidates.append(person)
    if not candidates:
        return None
    police = [p for p in candidates if p.is_police]
    pool = police or candidates
    return min(pool, key=lambda p: (_dist(suspect, p), p.id))


def _victims_near(world: World, suspect: Person) -> bool:
    zone = suspect.goal_zone
    return bool(zone) and any(
        p.role is Role.CIVILIAN
        and p.present
        and p.condition in ("ok", "walking")
        and world.zone_at(p.position) == zone
        for p in world.people
    )


def _officers_in_view(world: World, person: Person, reach: float) -> list[Person]:
    return [
        p
        for p in world.police
        if p.active and p.weapon_drawn and _near(person, p, reach) and world.sees(person, p, reach)
    ]


def _nearest_room(world: World, position: Position) -> str:
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


# -- other officers ---------------------------------------------------------------------------------


def act_officer(world: World, officer: Person) -> None:
    """Another officer: moves to their goal, challenges armed people they cannot identify, engages a suspect."""
    spec = officer.officer
    if spec is None or not officer.active:
        return
    if officer.off_duty:
        _off_duty(world, officer)
    if officer.state == "complied":
        return
    if world.tick >= officer.next_action_tick:
        officer.next_action_tick = world.tick + OFFICER_CHECK_TICKS
        if _officer_engages(world, officer):
            return
        if not officer.off_duty:
            _officer_challenges(world, officer)
        _officer_route(world, officer)
    advance(world, officer)


def _officer_route(world: World, officer: Person) -> None:
    spec = officer.officer
    if officer.state == "challenging":
        officer.path.clear()
        return
    goal: Position | None = None
    if spec.goal == "trainee" or spec.partner:
        if world.trainee.present and _dist(officer, world.trainee) > 2:
            goal = world.trainee.position
    elif spec.goal == "gunfire":
        goal = world.last_gunfire
    elif spec.goal and world.zone_at(officer.position) != spec.goal:
        tiles = world.zone_tiles(spec.goal)
        goal = tiles[0] if tiles else None
    if goal is None or (officer.path and officer.path[-1] == goal):
        return
    if officer.path and world.tick < officer.replan_tick:
        return
    officer.replan_tick = world.tick + OFFICER_REPLAN_TICKS
    if (goal, world.building.door_version) == officer.unreachable:
        return
    path = find_path(world.building, officer.position, goal)
    if not path:
        # A goal behind a locked door stays out of reach until a door changes: do not search again.
        officer.unreachable = (goal, world.building.door_version)
    if spec.goal == "trainee" or spec.partner:
        path = path[:-2]
    elif spec.goal == "gunfire":
        path = path[:-1]
    officer.path = path


def _officer_engages(world: World, officer: Person) -> bool:
    if not officer.off_duty:
        officer.weapon_drawn = True
    for suspect in world.people:
        if (
            suspect.role is not Role.SUSPECT
            or not suspect.active
            or suspect.state in ("surrendered", "down", "waiting")
        ):
            continue
        if not world.sees(officer, suspect, SUSPECT_TARGET_RANGE):
            continue
        officer.path.clear()
        if world.tick - officer.last_fired_tick >= OFFICER_FIRE_TICKS:
            world.fire(officer, suspect, OFFICER_ACCURACY)
        return True
    return False


def _officer_challenges(world: World, officer: Person) -> None:
    """Uniformed officers challenge armed people who are not identifiable as police (doctrine §3.1)."""
    for person in world.police:
        if person is officer or not person.present or not person.active:
            continue
        if person.id in officer.identified or not person.weapon_drawn:
            continue
        if not _near(officer, person, SUSPECT_TARGET_RANGE) or not world.sees(
            officer, person, SUSPECT_TARGET_RANGE
        ):
            continue
        seen = appearance(officer, person, world.tick, world.level, True)
        if seen.identifiable_as_police:
            officer.identified.add(person.id)
            world.emit(PersonIdentified(world.tick, officer.id, person.id, _how(seen)))
            continue
        if person.challenged_by != officer.id or world.tick - person.challenged_tick > 200:
            person.challenged_by = officer.id
            person.challenged_tick = world.tick
            officer.state = "challenging"
            world.emit(
                ChallengeIssued(world.tick, officer.id, person.id, person.role.value, seen, False)
            )
            continue
        if world.tick - person.challenged_tick >= COMPLY_GRACE_TICKS and world.rng.random() < 0.5:
            world.emit(PersonMisidentified(world.tick, officer.id, person.id, seen))
            world.fire(officer, person, OFFICER_ACCURACY)
            return
    if officer.state == "challenging" and not any(
        p.challenged_by == officer.id
        and p.weapon_drawn
        and p.present
        and p.active
        and p.is_police
        and world.tick - p.challenged_tick <= 200
        and p.id not in officer.identified
        for p in world.police
    ):
        officer.state = "arrived"


def _off_duty(world: World, officer: Person) -> None:
    """An off-duty officer answers a challenge by the protocol drawn for them (doctrine §3.2)."""
    if not officer.challenged_by or officer.state in ("complied",):
        return
    delay = 5 if officer.protocol is OffDutyProtocol.FOLLOWS else 60
    if officer.state != "answering":
        officer.state = "answering"
        officer.path.clear()
        officer.busy_until = world.tick + delay
        return
    if world.tick < officer.busy_until:
        return
    officer.announced_tick = world.tick
    world.emit(PoliceAnnounced(world.tick, officer.id, officer.position, True))
    if not officer.badge_shown:
        officer.badge_shown = True
        world.emit(BadgeShown(world.tick, officer.id))
    if officer.weapon_drawn:
        officer.weapon_drawn = False
        world.emit(WeaponHolstered(world.tick, officer.id))
    officer.state = "complied"
    world.emit(Complied(world.tick, officer.id, officer.challenged_by))


def _how(seen) -> str:
    if seen.dress == "uniform":
        return "uniform"
    if seen.raid_jacket:
        return "raid jacket"
    return "badge and verbal identification"


# -- civilians --------------------------------------------------------------------------------------


def act_civilian(world: World, person: Person) -> None:
    """Students and staff shelter, flee to the exits, freeze, or come toward the officer."""
    if person.condition not in ("ok", "walking"):
        return
    if person.state == "idle":
        if not world.alerted and person.condition == "ok":
            return
        group = person.civilians
        person.state = (
            "flee" if person.condition == "walking" else pick_reaction(world.rng, group.behaviour)
        )
        if person.state == "flee":
            person.speed = 28
    if person.state in ("flee", "directed"):
        _flee(world, person)
    elif person.state == "shelter":
        _shelter(world, person)
    elif person.state == "approach":
        trainee = world.trainee
        if trainee.present and world.sees(person, trainee, 10) and _dist(person, trainee) > 1.5:
            if not person.path or world.tick % 20 == 0:
                person.path = find_path(world.building, person.position, trainee.position)[:-1]
            advance(world, person)


def _flee(world: World, person: Person) -> None:
    field = world.exit_field(person.goal_zone if person.state == "directed" else "")
    if field.get(person.position) == 0:
        person.present = False
        person.state = "escaped"
        world.emit(CivilianEscaped(world.tick, person.id, world.zone_at(person.position)))
        return
    person.budget += person.speed
    while person.budget >= STEP_COST:
        nxt = downhill(world.building, field, person.position)
        if nxt is None:
            person.budget = 0
            return
        cost = STEP_COST * step_cost(person.position, nxt) // 10
        if person.budget < cost:
            return
        person.budget -= cost
        door = world.building.doors.get(nxt)
        if door is not None and door.state is DoorState.CLOSED:
            world.building.set_door_state(door, DoorState.OPEN)
            world.emit(DoorOpened(world.tick, person.id, nxt))
        person.position = nxt


def _shelter(world: World, person: Person) -> None:
    group = person.civilians
    zone = group.shelter_zone or world.zone_at(person.position)
    if not zone or world.zone_at(person.position) == zone:
        person.state = "sheltering"
        person.path.clear()
        world.emit(CivilianSheltered(world.tick, person.id, zone))
        return
    if not person.path:
        tiles = world.zone_tiles(zone)
        if not tiles:
            person.state = "sheltering"
            return
        goal = min(
            tiles, key=lambda t: (distance(person.position.x, person.position.y, t.x, t.y), t)
        )
        person.path = find_path(world.building, person.position, goal)
        if not person.path:
            person.state = "freeze"
            return
    advance(world, person)


# -- helpers ------------------------------------------------------------------------------------------


def _near(a: Person, b: Person, reach: float) -> bool:
    return (
        a.position.floor == b.position.floor
        and abs(a.position.x - b.position.x) <= reach
        and abs(a.position.y - b.position.y) <= reach
    )


def _dist(a: Person, b: Person) -> float:
    if a.position.floor != b.position.floor:
        return 1e9
    return distance(a.position.x, a.position.y, b.position.x, b.position.y)
