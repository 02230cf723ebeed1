"""Paths and parts of the map: what is remembered or shared answers exactly as a fresh search does."""

from __future__ import annotations

from dataclasses import replace

from builders import make_level
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.building import Building
from game.core.layouts import ExitField, connected_parts
from game.core.level import DoorState, Floor, Position
from game.core.pathfinding import (
    DistanceFrom,
    cell_distance_field,
    downhill,
    exit_cells,
    find_path,
    step_cost,
)

WIDTH, HEIGHT = 6, 5
TILE = st.sampled_from("....#DLS/")
FLOOR_ROWS = st.lists(
    st.text(TILE, min_size=WIDTH, max_size=WIDTH), min_size=HEIGHT, max_size=HEIGHT
)


def _building(floors: list[list[str]]) -> Building:
    level = replace(
        make_level(), floors=tuple(Floor(f"F{i}", tuple(r)) for i, r in enumerate(floors))
    )
    return Building(level)


@settings(max_examples=80, deadline=None)
@given(st.lists(FLOOR_ROWS, min_size=1, max_size=2), st.booleans())
def test_two_tiles_are_in_one_part_exactly_when_one_can_walk_from_either_to_the_other(
    floors, through_locked
):
    building = _building(floors)
    parts = connected_parts(building, True, through_locked)
    walked = _building(floors)  # the same map, walked: every door open when locks do not stop
    if through_locked:
        for door in walked.doors.values():
            walked.set_door_state(door, DoorState.OPEN)
    for start, part in enumerate(parts):
        if part >= 0:
            reached = set(cell_distance_field(walked, [walked.position_of(start)]))
            assert reached == {cell for cell, p in enumerate(parts) if p == part}


@settings(max_examples=60, deadline=None)
@given(st.lists(FLOOR_ROWS, min_size=1, max_size=2), st.booleans())
def test_the_parts_of_the_map_are_numbered_in_the_order_of_their_first_tile(floors, through_locked):
    parts = connected_parts(_building(floors), True, through_locked)
    firsts = [parts.index(number) for number in sorted(set(parts) - {-1})]
    assert firsts == sorted(firsts)
    assert sorted(set(parts) - {-1}) == list(range(len(firsts)))


@settings(max_examples=60, deadline=None)
@given(FLOOR_ROWS, st.integers(0, WIDTH * HEIGHT - 1), st.integers(0, WIDTH * HEIGHT - 1))
def test_a_path_asked_again_is_the_path_a_fresh_search_finds_after_a_door_is_locked(rows, a, b):
    building = _building([rows])
    start, goal = building.position_of(a), building.position_of(b)
    first = find_path(building, start, goal)
    assert find_path(building, start, goal) == first == find_path(_building([rows]), start, goal)
    for door in list(building.doors.values())[:1]:
        building.set_door_state(door, DoorState.LOCKED)
        fresh = _building([rows])
        fresh.set_door_state(fresh.doors[door.at], DoorState.LOCKED)
        assert find_path(building, start, goal) == find_path(fresh, start, goal)
    assert all(isinstance(step, Position) for step in first)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(FLOOR_ROWS, min_size=1, max_size=2),
    st.lists(st.integers(0, 2 * WIDTH * HEIGHT - 1), min_size=1, max_size=3),
)
def test_a_distance_field_holds_the_cost_of_the_shortest_path_to_the_nearest_goal(floors, picks):
    building = _building(floors)
    cells = building.width * building.height * len(floors)
    goals = [building.position_of(pick % cells) for pick in picks]
    goals = [goal for goal in goals if building.walkable(goal)]  # exits are tiles one stands on
    field = cell_distance_field(building, goals)
    for cell in range(cells):
        start = building.position_of(cell)
        costs = [
            0 if start == goal else _cost(start, find_path(building, start, goal)) for goal in goals
        ]
        reached = [cost for cost in costs if cost is not None]
        expected = min(reached) if reached and building.walkable(start) else None
        assert field.get(cell) == expected, start  # one stands on a field's tiles, not in a wall


def _cost(start: Position, path: list[Position]) -> int | None:
    """What walking a path costs, or None for no path."""
    if not path:
        return None
    return sum(step_cost(a, b) for a, b in zip([start, *path], path, strict=False))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(FLOOR_ROWS, min_size=1, max_size=2),
    st.integers(0, 2 * WIDTH * HEIGHT - 1),
    st.permutations(range(2 * WIDTH * HEIGHT)),
)
def test_costs_from_a_tile_asked_in_any_order_are_those_of_its_distance_field(floors, pick, order):
    building = _building(floors)
    cells = building.width * building.height * len(floors)
    origin = pick % cells
    field = cell_distance_field(building, [building.position_of(origin)])
    search = DistanceFrom(building, origin)
    for cell in (c for c in order if c < cells):
        assert search.cost_to(cell) == field.get(cell), building.position_of(cell)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(FLOOR_ROWS, min_size=1, max_size=2),
    st.lists(st.integers(0, 2 * WIDTH * HEIGHT - 1), min_size=1, max_size=3),
)
def test_a_step_down_the_exit_field_leads_nearer_the_exits_and_is_the_same_when_taken_again(
    floors, picks
):
    building = _building(floors)
    cells = building.width * building.height * len(floors)
    goals = [building.position_of(pick % cells) for pick in picks]
    field = exit_cells(building, [goal for goal in goals if building.walkable(goal)])
    fresh = ExitField(field.costs)
    for cell in reversed(range(cells)):
        here = building.position_of(cell)
        step = downhill(building, field, here)
        assert downhill(building, fresh, here) == step == downhill(building, field, here)
        if step is not None:
            assert 0 <= field.costs[building.cell(step)] < field.costs[cell]
            assert find_path(building, here, step) == [step]  # a neighbour one may step to
        else:
            assert field.costs[cell] <= 0
