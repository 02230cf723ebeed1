"""Paths through the building: A* for one person, distance fields for many (fleeing civilians)."""

from __future__ import annotations

import heapq

from game.core.building import Building
from game.core.level import Position

_STRAIGHT = 10
_DIAGONAL = 14
_STEPS = ((0, -1), (1, 0), (0, 1), (-1, 0), (1, -1), (1, 1), (-1, 1), (-1, -1))


def find_path(
    building: Building, start: Position, goal: Position, can_open_doors: bool = True
) -> list[Position]:
    """The shortest path from start to goal (start excluded), or [] when there is none."""
    if start == goal:
        return []
    if not building.walkable(goal, can_open_doors):
        return []
    frontier: list[tuple[int, int, Position]] = [(0, 0, start)]
    came_from: dict[Position, Position] = {}
    cost = {start: 0}
    counter = 0
    while frontier:
        _, _, current = heapq.heappop(frontier)
        if current == goal:
            return _walk_back(came_from, start, goal)
        for step, step_cost in _moves(building, current, can_open_doors):
            new_cost = cost[current] + step_cost
            if new_cost < cost.get(step, 1 << 60):
                cost[step] = new_cost
                came_from[step] = current
                counter += 1
                heapq.heappush(frontier, (new_cost + _estimate(step, goal), counter, step))
    return []


def distance_field(
    building: Building, goals: list[Position], can_open_doors: bool = True
) -> dict[Position, int]:
    """Path cost from every reachable tile to the nearest goal (Dijkstra from all goals at once)."""
    field = {goal: 0 for goal in goals}
    frontier = [(0, i, goal) for i, goal in enumerate(goals)]
    heapq.heapify(frontier)
    counter = len(goals)
    while frontier:
        dist, _, current = heapq.heappop(frontier)
        if dist > field[current]:
            continue
        for step, step_cost in _moves(building, current, can_open_doors):
            new_cost = dist + step_cost
            if new_cost < field.get(step, 1 << 60):
                field[step] = new_cost
                counter += 1
                heapq.heappush(frontier, (new_cost, counter, step))
    return field


def downhill(building: Building, field: dict[Position, int], position: Position) -> Position | None:
    """The neighbouring tile that is closest to the field's goals, or None at a goal or dead end."""
    here = field.get(position)
    if here is None or here == 0:
        return None
    best, best_cost = None, here
    for step, step_cost in _moves(building, position, True):
        value = field.get(step)
        if (
            value is not None
            and value + step_cost <= best_cost
            and (best is None or value < best_cost)
        ):
            best, best_cost = step, value
    return best


def step_cost(a: Position, b: Position) -> int:
    """The cost of one step (straight 10, diagonal 14, stairs 20)."""
    if a.floor != b.floor:
        return 20
    return _DIAGONAL if a.x != b.x and a.y != b.y else _STRAIGHT


def _moves(building: Building, here: Position, can_open_doors: bool):
    for dx, dy in _STEPS:
        step = Position(here.floor, here.x + dx, here.y + dy)
        if not building.walkable(step, can_open_doors):
            continue
        if (
            dx
            and dy
            and not (
                building.walkable(Position(here.floor, here.x + dx, here.y), can_open_doors)
                and building.walkable(Position(here.floor, here.x, here.y + dy), can_open_doors)
            )
        ):
            continue
        yield step, _DIAGONAL if dx and dy else _STRAIGHT
    for link in building.stairs_links(here):
        yield link, 20


def _estimate(a: Position, b: Position) -> int:
    dx, dy = abs(a.x - b.x), abs(a.y - b.y)
    return (
        _STRAIGHT * max(dx, dy)
        + (_DIAGONAL - _STRAIGHT) * min(dx, dy)
        + 20 * abs(a.floor - b.floor)
    )


def _walk_back(
    came_from: dict[Position, Position], start: Position, goal: Position
) -> list[Position]:
    path = [goal]
    while path[-1] in came_from and came_from[path[-1]] != start:
        path.append(came_from[path[-1]])
    path.reverse()
    return path
