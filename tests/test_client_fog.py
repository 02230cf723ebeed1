"""The fog of war shows exactly what the engine lets the trainee see: the same line of sight that says
who is sighted, from every kind of spot, with doors shut and open."""

from __future__ import annotations

import random

from client_driving import load

from game.client.fog import Fog
from game.core.level import DoorState, Position
from game.core.perception import line_of_sight
from game.core.world import World


def engine_sight(building, here: Position) -> set[Position]:
    return {
        Position(here.floor, x, y)
        for y in range(building.height)
        for x in range(building.width)
        if line_of_sight(building, here, Position(here.floor, x, y))
    }


def spots(building, count: int, seed: int) -> list[Position]:
    tiles = [
        Position(floor, x, y)
        for floor in range(building.floors)
        for y in range(building.height)
        for x in range(building.width)
        if building.walkable(Position(floor, x, y))
    ]
    return random.Random(seed).sample(tiles, count)


def test_the_fog_shows_what_the_engines_line_of_sight_reaches_on_a_shipped_level():
    for name in ("orientation", "off_duty"):
        building = World(load(name), 1).building
        fog = Fog(building)
        for here in spots(building, 12, seed=len(name)):
            fog.update(here)
            assert fog.visible == engine_sight(building, here), (name, here)


def test_the_fog_says_a_tile_is_seen_exactly_when_it_is_among_the_visible_tiles():
    building = World(load("off_duty"), 1).building
    fog = Fog(building)
    every = [
        Position(floor, x, y)
        for floor in range(building.floors)
        for y in range(-1, building.height + 1)
        for x in range(-1, building.width + 1)
    ]
    for here in [*spots(building, 6, seed=5), None]:
        fog.update(here)
        assert {tile for tile in every if fog.sees(tile)} == fog.visible
        assert all(fog.state(tile) == "visible" for tile in fog.visible)


def test_the_fog_follows_the_engine_when_doors_open():
    building = World(load("orientation"), 1).building
    for door in building.doors.values():
        building.set_door_state(door, DoorState.OPEN)
    fog = Fog(building)
    for here in spots(building, 8, seed=3):
        fog.update(here, doors_version=1)
        assert fog.visible == engine_sight(building, here), here


def test_a_person_drawn_in_sight_is_one_the_engine_says_the_trainee_sees():
    world = World(load("orientation"), 1)
    fog = Fog(world.building)
    people = [p for p in world.people if p.present and p is not world.trainee]
    for here in spots(world.building, 10, seed=5):
        fog.update(here)
        drawn = {p.id for p in people if p.position in fog.visible}
        engine = {p.id for p in people if line_of_sight(world.building, here, p.position)}
        assert drawn == engine, here
