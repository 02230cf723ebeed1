"""How students and staff act: shelter, flee to the exits, freeze, or come toward the officer."""

from __future__ import annotations

from game.core.clock import NEVER
from game.core.events import (
    CivilianEscaped,
    CivilianSheltered,
    Complied,
    DoorOpened,
    TurnedTowardVoice,
    WeaponHolstered,
)
from game.core.geometry import distance
from game.core.layouts import ExitField
from game.core.level import ChallengeReaction, DoorState
from game.core.movement import advance, budget_due, step_due
from game.core.pathfinding import downhill, find_path, step_cost
from game.core.people import STEP_COST, Person, pick_reaction, pick_weighted
from game.core.proximity import gap
from game.core.scene import Scene

_APPROACH_REPLAN_TICKS = 20
"""A civilian coming toward the officer finds the way again every 2 s."""


def act_civilians(world: Scene, people: list[Person]) -> None:
    """`act_civilian` for each civilian acting this tick, in turn, the exit fields fetched once."""
    fields = ExitFields(world)
    for person in people:
        act_civilian(world, person, fields)


def act_civilian(world: Scene, person: Person, fields: ExitFields | None = None) -> None:
    """Students and staff shelter, flee to the exits, freeze, or come toward the officer."""
    if person.condition not in ("ok", "walking"):
        return
    if person.state == "idle":
        if not world.alerted and person.condition == "ok":
            return
        group = person.civilians
        person.state = (
            "flee"
            if person.condition == "walking"
            else pick_reaction(world.stream(f"civilian:{person.id}"), group.behaviour)
        )
        if person.state == "flee":
            person.speed = 28
    if person.state in ("flee", "directed"):
        _flee(world, person, (fields or ExitFields(world)).toward(person))
    elif person.state == "shelter":
        _shelter(world, person)
    elif person.state == "approach" and _closing_in(world, person):
        trainee = world.trainee
        if not person.path or world.tick % _APPROACH_REPLAN_TICKS == 0:
            person.path = find_path(world.building, person.position, trainee.position)[:-1]
        advance(world, person)


def civilian_due(
    world: Scene,
    person: Person,
    walking: list[Person],
    cornered: list[Person],
    fields: ExitFields | None = None,
) -> int:
    """The first tick from now at which a civilian may act of their own accord, as `act_civilian`
    would take them: their next step (until which they are `walking`), now for one choosing what
    to do, `NEVER` for one with nothing to do (coming toward an officer they cannot see or have
    reached, or answering a challenge, which `answer_due` keeps) or fleeing with no way out, who
    only gathers and drops budget (`cornered`, `pass_cornered`)."""
    now = world.tick
    state = person.state
    if state in ("flee", "directed"):
        field = (fields or ExitFields(world)).toward(person)
        if field.costs[world.building.cell(person.position)] == 0:
            return now
        if downhill(world.building, field, person.position) is None:
            cornered.append(person)
            return NEVER
        walking.append(person)
        return budget_due(now, person.budget, person.speed, STEP_COST)
    if state == "shelter":
        if not person.path or _sheltered(world, person):
            return now
        return step_due(world, person, walking)
    if state == "approach":
        if not _closing_in(world, person):
            return NEVER
        if not person.path:
            return now
        return min(now + (-now) % _APPROACH_REPLAN_TICKS, step_due(world, person, walking))
    return now if state == "idle" else NEVER


def pass_cornered(cornered: list[Person], ticks: int) -> None:
    """Pass a number of ticks for fleeing civilians with no way out (`civilian_due`): each tick
    they gather their speed, and drop it all when it would take a step (`_flee`)."""
    for person in cornered:
        first = budget_due(0, person.budget, person.speed, STEP_COST)
        if ticks <= first:
            person.budget += person.speed * ticks
        else:
            since = ticks - first - 1
            person.budget = since % (budget_due(0, 0, person.speed, STEP_COST) + 1) * person.speed


def _closing_in(world: Scene, person: Person) -> bool:
    """Whether a civilian coming toward the officer sees them and has yet to reach them."""
    trainee = world.trainee
    return trainee.present and world.sees(person, trainee, 10) and gap(person, trainee) > 1.5


def answer_due(world: Scene, person: Person) -> int:
    """The first tick from now at which an armed civilian answers a challenge or finishes their
    answer, as `answer_challenge` would take them (`NEVER` while no challenge waits)."""
    if not person.active or not person.armed:
        return NEVER
    if person.challenged_tick > person.answered_tick and person.challenged_by:
        return world.tick
    if person.state == "answering":
        return max(person.answer_due, world.tick)
    return NEVER


def answer_challenge(world: Scene, person: Person) -> None:
    """An armed civilian challenged by an officer stops and answers as drawn for them: lowers the
    weapon, is slow to, or turns toward the voice with it first (then lowers it)."""
    if not person.active or not person.armed:
        return
    group = person.civilians
    if person.challenged_tick > person.answered_tick and person.challenged_by:
        person.answered_tick = person.challenged_tick
        if person.state == "complied":
            return
        answer = pick_weighted(world.stream(f"challenge:{person.id}"), list(group.challenge))
        person.reaction = answer.value
        person.path.clear()
        person.budget = 0
        person.state = "answering"
        delay = {
            ChallengeReaction.COMPLIES: group.comply_ticks,
            ChallengeReaction.SLOW: group.slow_comply_ticks,
            ChallengeReaction.TURNS: group.turn_ticks,
        }[answer]
        person.answer_due = world.tick + delay
        if answer is ChallengeReaction.TURNS:
            person.weapon_drawn = True
            world.emit(
                TurnedTowardVoice(world.tick, person.id, person.challenged_by, person.position)
            )
    if person.state == "answering" and world.tick >= person.answer_due:
        person.state = "complied"
        if person.weapon_drawn:
            person.weapon_drawn = False
            world.emit(WeaponHolstered(world.tick, person.id))
        world.emit(Complied(world.tick, person.id, person.challenged_by))


class ExitFields:
    """The exit fields fleeing civilians walk down (`Scene.exit_field`), each fetched once while
    no lock changes: for a tick's civilians in turn."""

    __slots__ = ("_fields", "_world")

    def __init__(self, world: Scene) -> None:
        self._world = world
        self._fields: dict[tuple[str, int], ExitField] = {}

    def toward(self, person: Person) -> ExitField:
        """The field a fleeing civilian walks down: to their directed exit, or to any."""
        world = self._world
        key = (person.goal_zone if person.state == "directed" else "", world.building.lock_version)
        field = self._fields.get(key)
        if field is None:
            field = self._fields[key] = world.exit_field(key[0])
        return field


def _flee(world: Scene, person: Person, field: ExitField) -> None:
    if field.costs[world.building.cell(person.position)] == 0:
        person.present = False
        world.moved(person)
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
        world.moved(person)


def _sheltered(world: Scene, person: Person) -> bool:
    """Whether a civilian going to shelter is where they shelter (their zone, or where they are)."""
    zone = person.civilians.shelter_zone or world.zone_at(person.position)
    return not zone or world.zone_at(person.position) == zone


def _shelter(world: Scene, person: Person) -> None:
    group = person.civilians
    zone = group.shelter_zone or world.zone_at(person.position)
    if _sheltered(world, person):
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
