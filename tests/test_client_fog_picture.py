"""The fogged map the play view keeps is redrawn by rows of tiles as the trainee steps, and the sight
from the next step is worked out ahead, a part in each frame: the picture is the one drawn from
scratch, and the sight the one the fog works out at once, whatever the doors do in between."""

from __future__ import annotations

import pygame
from client_driving import load

from game.client.fog import Fog, SightWalk, tile_canvas, visible_cells
from game.client.tiles import floor_surface, redraw_tile
from game.core.level import DoorState, Position
from game.core.world import World

TILE = 24


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def walk(world: World, steps: int) -> list[Position]:
    """A walk the trainee could take: from their spawn toward the far side of the map."""
    building = world.building
    here, route = world.trainee.position, [world.trainee.position]
    for _ in range(steps):
        ahead = [
            Position(here.floor, here.x + dx, here.y + dy)
            for dx, dy in ((1, 0), (0, 1), (1, 1), (0, -1), (-1, 0))
            if building.walkable(Position(here.floor, here.x + dx, here.y + dy))
            and Position(here.floor, here.x + dx, here.y + dy) not in route
        ]
        if not ahead:
            break
        here = ahead[0]
        route.append(here)
    return route


def test_the_kept_picture_after_a_walk_is_the_picture_drawn_from_scratch(screen):
    world = World(load("campus_sro"), 1)
    building = world.building
    route = walk(world, 40)
    assert len(route) > 20
    layer = floor_surface(building, route[0].floor, TILE)
    fog = Fog(building)
    fog.update(route[0])
    fog.picture(layer, route[0].floor, TILE)
    for here in route[1:]:
        fog.update(here)
    fresh = Fog(building)
    fresh.seen |= fog.seen
    fresh.update(route[-1])
    assert fresh.visible == fog.visible
    kept = fog.picture(layer, route[-1].floor, TILE)
    drawn = fresh.picture(layer, route[-1].floor, TILE)
    assert pixels(kept) == pixels(drawn)
    # A door drawn anew under the fog (opened or locked) shows as a fresh picture draws it.
    doors = [d for d in building.doors.values() if d.at.floor == route[-1].floor][:6]
    for door in doors:
        building.set_door_state(door, DoorState.LOCKED)
        redraw_tile(layer, building, door.at.floor, door.at.x, door.at.y, TILE)
        fog.redraw_tile(door.at)
    again = Fog(building)
    again.seen |= fog.seen
    again.update(route[-1])
    assert pixels(fog.picture(layer, route[-1].floor, TILE)) == pixels(
        again.picture(layer, route[-1].floor, TILE)
    )


def test_a_tile_canvas_holds_the_same_pixels_in_rows_not_a_multiple_of_16_bytes(screen):
    for width in (96, 97, 98, 99, 2016):
        source = pygame.Surface((width, 40))
        source.fill((10, 20, 30))
        source.fill((200, 100, 50), (width // 3, 5, width // 4, 20))
        canvas = tile_canvas(source)
        assert canvas.get_size() == source.get_size()
        assert canvas.get_pitch() % 16 != 0
        assert pixels(canvas) == pixels(source)


def test_a_sight_walked_in_parts_is_the_sight_worked_out_at_once():
    world = World(load("off_duty"), 1)
    building = world.building
    for here in walk(world, 12)[::3]:
        sight = SightWalk(building, here)
        parts = 0
        while (cells := sight.walk(50)) is None:
            parts += 1
        assert parts > 1
        assert cells == visible_cells(building, here)


def test_the_sight_foreseen_for_the_next_step_is_the_sight_of_that_step():
    world = World(load("campus_sro"), 1)
    building = world.building
    route = walk(world, 6)
    fog, fresh = Fog(building), Fog(building)
    for here in route:
        fog.foresee(here, budget=100)
        fog.update(here)
        fresh.update(here)
        assert fog.visible == fresh.visible


def test_a_door_changed_after_the_sight_was_foreseen_is_seen_as_it_is_now():
    world = World(load("orientation"), 1)
    building = world.building
    doors = list(building.doors.values())
    for door in doors:
        building.set_door_state(door, DoorState.CLOSED)
    changed = 0
    for door in doors:
        beside = [
            tile
            for tile in building.neighbours8(door.at)
            if building.walkable(tile) and tile not in building.doors
        ]
        if not beside:
            continue
        here = beside[0]
        fog = Fog(building)
        fog.foresee(here, budget=-1)  # worked out with the door closed
        closed = set(fog_now(building, here))
        building.set_door_state(door, DoorState.OPEN)
        fog.update(here, doors_version=1)
        assert fog.visible == fog_now(building, here)
        changed += fog.visible != closed
        building.set_door_state(door, DoorState.CLOSED)
    assert changed > 0


def fog_now(building, here: Position) -> set[Position]:
    """What a fresh fog shows from a tile with the doors as they are now."""
    fog = Fog(building)
    fog.update(here)
    return fog.visible


def test_a_door_out_of_sight_changing_keeps_the_foreseen_sight(monkeypatch):
    from game.client import fog as fog_module

    world = World(load("campus_sro"), 1)
    building = world.building
    here = world.trainee.position
    fog = Fog(building)
    fog.foresee(here, budget=-1)
    sight = visible_cells(building, here)
    far = [
        door
        for door in building.doors.values()
        if door.at.floor != here.floor or abs(door.at.x - here.x) + abs(door.at.y - here.y) > 70
    ]
    assert far
    building.set_door_state(far[0], DoorState.LOCKED)
    worked_out = []
    monkeypatch.setattr(fog_module, "visible_cells", lambda *a: worked_out.append(a) or sight)
    fog.update(here, doors_version=1)
    assert worked_out == []
    assert {t.y * building.width + t.x for t in fog.visible} == sight
