"""How the other officers act: move to their goal, challenge armed people, engage a suspect."""

from __future__ import annotations

from game.core.clock import NEVER
from game.core.events import (
    BadgeShown,
    ChallengeIssued,
    Complied,
    PersonIdentified,
    PersonMisidentified,
    PoliceAnnounced,
    WeaponHolstered,
)
from game.core.level import EntryPlace, OffDutyProtocol, Position, Role
from game.core.movement import advance, step_due
from game.core.pathfinding import find_path
from game.core.people import Person, appearance
from game.core.proximity import gap, near
from game.core.rest import rest_memo
from game.core.scene import Scene
from game.core.suspects import SUSPECT_TARGET_RANGE

OFFICER_ACCURACY = 0.45
OFFICER_CHECK_TICKS = 5
OFFICER_REPLAN_TICKS = 20
"""An officer already moving re-plans toward a moving goal (gunfire, a partner) at most every 2 s."""


def act_officer(world: Scene, officer: Person) -> None:
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
        memo = rest_memo(world.building)
        memo.idle_looks.pop(officer.id, None)
        if _officer_engages(world, officer):
            return
        standing, was = not officer.path, (officer.state, officer.unreachable)
        watched = not officer.off_duty and _officer_challenges(world, officer)
        _officer_route(world, officer)
        unchanged = was == (officer.state, officer.unreachable)
        if standing and unchanged and not (watched or officer.path):
            # Nothing to act on that the clock alone could change: the same look finds the same
            # while nothing stirs (`look_due`).
            replanned = officer.replan_tick == world.tick + OFFICER_REPLAN_TICKS
            memo.idle_looks[officer.id] = (memo.stirs, replanned)
    advance(world, officer)


def officer_due(world: Scene, officer: Person, walking: list[Person]) -> int:
    """The first tick from now at which another officer may act but for their look round
    (`look_due`), as `act_officer` would take them, while nothing changes that they could perceive:
    their next step (until which they are `walking`) or the end of their answer to a challenge
    (`NEVER` for one standing)."""
    now = world.tick
    if officer.officer is None or not officer.active:
        return NEVER
    due = NEVER
    if officer.off_duty and officer.challenged_by and officer.state != "complied":
        if officer.state != "answering" or officer.busy_until <= now:
            return now
        due = officer.busy_until
    if officer.state == "complied":
        return due
    return min(due, step_due(world, officer, walking))


def look_due(world: Scene, officer: Person, passing: list[Person]) -> int:
    """The tick of an officer's next look round (`OFFICER_CHECK_TICKS`): `NEVER` for one who no
    longer looks, and for one standing whose last look found nothing to act on while nothing has
    stirred since (`RestMemo.stirs`): their looks would find the same, and are passed with the
    ticks (`pass_looks`), the officer added to `passing`."""
    if officer.officer is None or not officer.active or officer.state == "complied":
        return NEVER
    memo = rest_memo(world.building)
    idle = memo.idle_looks.get(officer.id)
    if idle is not None and idle[0] == memo.stirs and not officer.path:
        passing.append(officer)
        return NEVER
    return max(officer.next_action_tick, world.tick)


def pass_looks(world: Scene, passing: list[Person], start: int, end: int) -> None:
    """Pass the look rounds that officers whose looks find nothing (`look_due`) take from `start`
    until `end`, as `act_officer` counts them."""
    idle_looks = rest_memo(world.building).idle_looks
    for officer in passing:
        first = max(officer.next_action_tick, start)
        if first < end:
            last = first + (end - 1 - first) // OFFICER_CHECK_TICKS * OFFICER_CHECK_TICKS
            officer.next_action_tick = last + OFFICER_CHECK_TICKS
            if idle_looks[officer.id][1]:
                officer.replan_tick = last + OFFICER_REPLAN_TICKS


def _officer_route(world: Scene, officer: Person) -> None:
    spec = officer.officer
    if officer.state == "challenging":
        officer.path.clear()
        return
    goal: Position | None = None
    with_trainee = spec.goal == "trainee" or spec.partner
    placed = with_trainee and spec.entry is not EntryPlace.FOLLOW
    if placed:
        goal = _entry_place(world, spec.entry) if world.trainee.present else None
        if goal == officer.position:
            officer.path.clear()
            return
    elif with_trainee:
        if world.trainee.present and gap(officer, world.trainee) > 2:
            goal = world.trainee.position
    elif spec.goal == "gunfire":
        goal = world.last_gunfire
    elif spec.goal and world.zone_at(officer.position) != spec.goal:
        tiles = world.zone_tiles(spec.goal)
        goal = tiles[0] if tiles else None
    if goal is None or (officer.path and officer.path[-1] == goal):
        return
    if officer.path and world.tick < officer.replan_tick and not placed:
        return
    officer.replan_tick = world.tick + OFFICER_REPLAN_TICKS
    if (goal, world.building.door_version) == officer.unreachable:
        return
    path = find_path(world.building, officer.position, goal)
    if not path:
        # A goal behind a locked door stays out of reach until a door changes: do not search again.
        officer.unreachable = (goal, world.building.door_version)
    if with_trainee:
        path = path if placed else path[:-2]
    elif spec.goal == "gunfire":
        path = path[:-1]
    officer.path = path


def _entry_place(world: Scene, entry: EntryPlace) -> Position | None:
    """The tile an officer takes beside the trainee in a joint entry: ahead, left or right of
    the way the trainee is going (their next steps, else the last gunfire), on a walkable tile."""
    trainee = world.trainee
    here = trainee.position
    ahead = trainee.path[min(1, len(trainee.path) - 1)] if trainee.path else world.last_gunfire
    dx, dy = 0, 1
    if ahead is not None and ahead.floor == here.floor and ahead != here:
        dx, dy = _sign(ahead.x - here.x), _sign(ahead.y - here.y)
    if entry is EntryPlace.LEAD:
        wanted = [(2 * dx, 2 * dy), (dx, dy)]
    else:
        # Screen left of a heading (dx, dy) with y pointing down is (dy, -dx).
        side = (dy, -dx) if entry is EntryPlace.LEFT else (-dy, dx)
        wanted = [side, (side[0] - dx, side[1] - dy), (side[0] + dx, side[1] + dy)]
    for ox, oy in wanted:
        tile = Position(here.floor, here.x + ox, here.y + oy)
        if world.building.walkable(tile) and not any(
            p.present and p is not trainee and p.position == tile and p.role is not Role.OFFICER
            for p in world.people
        ):
            return tile
    return None


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def _officer_engages(world: Scene, officer: Person) -> bool:
    if not officer.off_duty and not officer.weapon_drawn:
        officer.weapon_drawn = True
        world.restyled(officer)
    for suspect in world.suspects:
        if not suspect.active or suspect.state in ("surrendered", "down", "waiting"):
            continue
        if not world.sees(officer, suspect, SUSPECT_TARGET_RANGE):
            continue
        officer.path.clear()
        if world.tick - officer.last_fired_tick >= officer.officer.fire_interval:
            world.fire(officer, suspect, OFFICER_ACCURACY)
        return True
    return False


def _officer_challenges(world: Scene, officer: Person) -> bool:
    """Uniformed officers challenge armed people who are not identifiable as police (doctrine §3.1).
    Whether there was anyone to look at twice (someone armed in sight, or a challenge going on)."""
    watched = officer.state == "challenging"
    armed = [*world.police, *world.armed_civilians]
    for person in armed:
        if person is officer or not person.present or not person.active:
            continue
        if person.id in officer.identified or not person.weapon_drawn:
            continue
        if not near(officer, person, SUSPECT_TARGET_RANGE) or not world.sees(
            officer, person, SUSPECT_TARGET_RANGE
        ):
            continue
        watched = True
        seen = appearance(officer, person, world.tick, world.told, True)
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
        if (
            world.tick - person.challenged_tick >= officer.officer.comply_grace
            and world.stream(f"officer:{officer.id}").random() < 0.5
        ):
            world.emit(PersonMisidentified(world.tick, officer.id, person.id, seen))
            world.fire(officer, person, OFFICER_ACCURACY)
            return True
    if officer.state == "challenging" and not any(
        p.challenged_by == officer.id
        and p.weapon_drawn
        and p.present
        and p.active
        and world.tick - p.challenged_tick <= 200
        and p.id not in officer.identified
        for p in armed
    ):
        officer.state = "arrived"
    return watched


def _off_duty(world: Scene, officer: Person) -> None:
    """An off-duty officer answers a challenge by the protocol drawn for them (doctrine §3.2)."""
    if not officer.challenged_by or officer.state in ("complied",):
        return
    spec = officer.officer
    follows = officer.protocol is OffDutyProtocol.FOLLOWS
    delay = spec.answer_ticks if follows else spec.confused_answer_ticks
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
