"""How people move along their paths, and the trainee's timed actions and steps."""

from __future__ import annotations

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
