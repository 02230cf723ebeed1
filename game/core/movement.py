"""How people move along their paths, and the trainee's timed actions and steps."""

from __future__ import annotations

from game.core.clock import NEVER
from game.core.events import DoorBreached, DoorOpened, LeftCover, TraineeMoved
from game.core.level import DoorState
from game.core.pathfinding import step_cost
from game.core.people import STEP_COST, Person
from game.core.scene import Scene


def advance(world: Scene, person: Person) -> bool:
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
    if moved:
        world.moved(person)
    return moved


def finish_trainee_action(world: Scene) -> None:
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


def move_trainee(world: Scene) -> None:
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


def trainee_due(world: Scene, walking: list[Person]) -> int:
    """The first tick from now at which the trainee's timed action or walk may go on, as
    `finish_trainee_action` and `move_trainee` would take them (`NEVER` while they stand with
    nothing to finish); added to `walking` when until then they only gather budget (`step_due`)."""
    trainee = world.trainee
    now = world.tick
    if trainee.busy_until > now:
        return trainee.busy_until
    if trainee.busy_with:
        return now
    if not trainee.present or not trainee.active:
        return NEVER
    if trainee.path and trainee.protection != "open":
        return now
    return step_due(world, trainee, walking)


def step_due(world: Scene, person: Person, walking: list[Person]) -> int:
    """The tick at which `advance`, called every tick from now, next takes a step of the person's
    path (or finds the way locked, or drops a budget left with no path). Until then it only gathers
    their speed in budget: the person is added to `walking` (`gather` passes those ticks at once)."""
    if not person.path:
        return world.tick if person.budget else NEVER
    walking.append(person)
    cost = STEP_COST * step_cost(person.position, person.path[0]) // 10
    return budget_due(world.tick, person.budget, person.speed, cost)


def budget_due(now: int, budget: int, speed: int, cost: int) -> int:
    """The tick at which a budget gathering `speed` every tick from `now` on first reaches `cost`."""
    if budget + speed >= cost:
        return now
    if speed <= 0:
        return NEVER
    return now + (cost - budget + speed - 1) // speed - 1


def gather(walking: list[Person], ticks: int) -> None:
    """Pass a number of ticks for people who only gather budget in them (`step_due`)."""
    for person in walking:
        person.budget += person.speed * ticks
