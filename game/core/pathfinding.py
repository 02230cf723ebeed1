"""Paths through the building: A* for one person, distance fields for many (fleeing civilians).

Searches run on flat cell indices (`Building.cell`) rather than `Position` values: the same answers,
several times faster, which is what keeps headless runs far ahead of real time.
"""

from __future__ import annotations

import heapq
from array import array

from game.core.building import Building
from game.core.layouts import (
    DIAGONAL,
    STAIRS,
    STRAIGHT,
    connected_parts,
    fill_steps,
    layout_of,
)
from game.core.level import Position


def find_path(
    building: Building,
    start: Position,
    goal: Position,
    can_open_doors: bool = True,
    through_locked: bool = False,
) -> list[Position]:
    """The shortest path from start to goal (start excluded), or [] when there is none.

    `through_locked` plans as if locked doors could be passed: the way to the door to breach.
    """
    # Most searches repeat one already made (an officer re-planning toward a trainee who has not
    # moved, the same steps of the same script on another seed): the answer depends only on the ends
    # and on who may pass where, so it is kept with the layout, shared by every run of the level.
    if not (building.inside_map(start) and building.inside_map(goal)):
        return _search(building, start, goal, can_open_doors, through_locked)
    paths = layout_of(building, can_open_doors, through_locked).paths
    key = (building.cell(start), building.cell(goal))
    known = paths.get(key)
    if known is not None:
        return list(known)
    path = _search(building, start, goal, can_open_doors, through_locked)
    if len(paths) >= _PATH_LIMIT:
        paths.clear()
    paths[key] = tuple(path)
    return path


_PATH_LIMIT = 4096
"""Paths kept per layout, a few hundred bytes each."""


def _search(
    building: Building,
    start: Position,
    goal: Position,
    can_open_doors: bool,
    through_locked: bool,
) -> list[Position]:
    """A* from start to goal on flat cells (`find_path` without its memory)."""
    if start == goal or not (
        building.walkable(goal, can_open_doors) or (through_locked and building.passable_ever(goal))
    ):
        return []
    if not building.inside_map(start):
        return []
    width, height = building.width, building.height
    goal_cell = building.cell(goal)
    gx, gy, gf = goal.x, goal.y, goal.floor
    passable, moves = _moves_of(building, can_open_doors, through_locked)
    start_cell = building.cell(start)
    parts = _parts(building, can_open_doors, through_locked)
    if (
        parts is not None
        and parts[start_cell] >= 0
        and parts[goal_cell] >= 0
        and parts[start_cell] != parts[goal_cell]
    ):
        return []  # in another part of the map: no need to search all of this one to find out
    frontier: list[tuple[int, int, int]] = [(0, 0, start_cell)]
    unknown = 1 << 60
    came_from = [-1] * len(passable)  # by cell: lists, as the search reads them most of all
    cost = [unknown] * len(passable)
    cost[start_cell] = 0
    # A cell popped again at the cost it was expanded at would change nothing: it is skipped.
    expanded = bytearray(len(passable))
    counter = 0
    push, pop = heapq.heappush, heapq.heappop
    while frontier:
        _, _, current = pop(frontier)
        if current == goal_cell:
            return [building.position_of(c) for c in _walk_back(came_from, start_cell, goal_cell)]
        if expanded[current]:
            continue
        expanded[current] = 1
        here = cost[current]
        for step, step_cost in moves[current] or fill_steps(building, passable, moves, current):
            new_cost = here + step_cost
            if new_cost < cost[step]:
                cost[step] = new_cost
                expanded[step] = 0
                came_from[step] = current
                counter += 1
                rest, x = divmod(step, width)
                dx, dy = abs(x - gx), abs(rest % height - gy)
                # The octile distance, plus the stairs between the floors.
                estimate = (
                    STRAIGHT * dx + (DIAGONAL - STRAIGHT) * dy
                    if dx > dy
                    else STRAIGHT * dy + (DIAGONAL - STRAIGHT) * dx
                ) + STAIRS * abs(rest // height - gf)
                push(frontier, (new_cost + estimate, counter, step))
    return []


def cell_distance_field(
    building: Building, goals: list[Position], can_open_doors: bool = True
) -> dict[int, int]:
    """Path cost from every reachable tile to the nearest goal (Dijkstra from all goals at once), by
    flat cell index (`Building.cell`)."""
    costs = _costs_to(building, goals, can_open_doors)
    return {cell: cost for cell, cost in enumerate(costs) if cost >= 0}


def exit_cells(building: Building, goals: list[Position]) -> list[int]:
    """`cell_distance_field` toward goals as a list by cell (-1 where it does not reach): the field
    that people fleeing walk down, read a tile at a time without making a Position. Kept with the
    layout, so shared: read it, never change it."""
    layout = layout_of(building, True, False)
    key = tuple(building.cell(goal) for goal in goals if building.inside_map(goal))
    known = layout.fields.get(key)
    if known is None:
        known = layout.fields[key] = _costs_to(building, goals, True)
    return known


def _costs_to(building: Building, goals: list[Position], can_open_doors: bool) -> list[int]:
    """Dijkstra from all goals at once: per cell, the path cost to the nearest (-1 where none is
    reached). Costs do not depend on the order cells are settled in, so ties need no order.

    Step costs are small whole numbers, so the frontier is a list of cells per cost (settled cost by
    cost) rather than a heap. One field covers the whole map, the largest search a run makes, so the
    steps out of a cell are not kept in the layout's step lists (`fill_steps`): most cells are passed
    once by the field and never by anyone walking.
    """
    passable, _ = _moves_of(building, can_open_doors)
    width, height, walk = building.width, building.height, building.walk_cells
    layer, total = width * height, len(passable)
    costs = [-1] * total
    buckets: list[list[int]] = [[] for _ in range(STAIRS + 1)]
    for goal in goals:
        if building.inside_map(goal):
            cell = building.cell(goal)
            costs[cell] = 0
            buckets[0].append(cell)
    cost = 0
    while True:
        if len(buckets) <= cost + STAIRS:
            buckets.extend([] for _ in range(STAIRS))  # room for the dearest step from here
        for here in buckets[cost]:
            if costs[here] != cost:
                continue  # reached more cheaply since it was put here
            # `steps_out` written out (no list of steps made for each of the map's cells).
            x, y = here % width, (here // width) % height
            n, s, w, e = here - width, here + width, here - 1, here + 1
            pn = y > 0 and passable[n]
            ps = y < height - 1 and passable[s]
            pw = x > 0 and passable[w]
            pe = x < width - 1 and passable[e]
            straight, diagonal = cost + STRAIGHT, cost + DIAGONAL
            ahead, across = buckets[straight].append, buckets[diagonal].append
            if pn and (costs[n] < 0 or straight < costs[n]):
                costs[n] = straight
                ahead(n)
            if pe and (costs[e] < 0 or straight < costs[e]):
                costs[e] = straight
                ahead(e)
            if ps and (costs[s] < 0 or straight < costs[s]):
                costs[s] = straight
                ahead(s)
            if pw and (costs[w] < 0 or straight < costs[w]):
                costs[w] = straight
                ahead(w)
            for step, open_ in (
                (n + 1, pn and pe),
                (s + 1, ps and pe),
                (s - 1, ps and pw),
                (n - 1, pn and pw),
            ):
                if open_ and passable[step] and (costs[step] < 0 or diagonal < costs[step]):
                    costs[step] = diagonal
                    across(step)
            if walk[here] == 3:
                for step in (here - layer, here + layer):
                    if 0 <= step < total and walk[step] == 3:
                        known = costs[step]
                        if known < 0 or cost + STAIRS < known:
                            costs[step] = cost + STAIRS
                            buckets[cost + STAIRS].append(step)
        buckets[cost] = []
        cost += 1
        if not any(buckets[cost : cost + STAIRS]):
            return costs  # nothing left to settle: no step costs more than the stairs


def _put(buckets: list[list[int]], cost: int, cell: int) -> None:
    """Put a cell in the frontier at its cost."""
    while len(buckets) <= cost:
        buckets.append([])
    buckets[cost].append(cell)


def downhill(building: Building, field: list[int], position: Position) -> Position | None:
    """The neighbouring tile that is closest to the field's goals (`exit_cells`), or None at a goal
    or dead end."""
    here = field[building.cell(position)]
    if here <= 0:
        return None
    passable, moves = _moves_of(building, True)
    at = building.cell(position)
    best, best_cost = None, here
    for cell, cost in moves[at] or fill_steps(building, passable, moves, at):
        value = field[cell]
        if value >= 0 and value + cost <= best_cost and (best is None or value < best_cost):
            best, best_cost = cell, value
    return None if best is None else building.position_of(best)


def step_cost(a: Position, b: Position) -> int:
    """The cost of one step (straight 10, diagonal 14, stairs 20)."""
    if a.floor != b.floor:
        return STAIRS
    return DIAGONAL if a.x != b.x and a.y != b.y else STRAIGHT


def prepare_paths(building: Building) -> None:
    """Work out now what the first searches of a run would otherwise work out on the way (who may
    pass where and the connected parts, each a pass over the whole map): a client calls it before
    the first frame, so that no frame of play waits for it. Nothing a search answers changes."""
    for can_open_doors, through_locked in ((True, False), (True, True)):
        _parts(building, can_open_doors, through_locked)


def _moves_of(
    building: Building, can_open_doors: bool, through_locked: bool = False
) -> tuple[list[bool], list[tuple[tuple[int, int], ...] | None]]:
    """The passable cells, and per cell the steps out of it, filled in as searches reach the cell
    (`fill_steps`): the layout's, kept while who may stand where stays the same."""
    layout = layout_of(building, can_open_doors, through_locked)
    return layout.passable, layout.moves


def _parts(building: Building, can_open_doors: bool, through_locked: bool) -> list[int] | None:
    """The connected parts of the map (see `connected_parts`), where they change only with locks."""
    if not can_open_doors and not through_locked:
        return None  # would change with every door opened or closed: not worth keeping
    return connected_parts(building, can_open_doors, through_locked)


def _walk_back(came_from: list[int], start: int, goal: int) -> list[int]:
    path = [goal]
    while came_from[path[-1]] >= 0 and came_from[path[-1]] != start:
        path.append(came_from[path[-1]])
    path.reverse()
    return path


class DistanceFrom:
    """Path costs from one tile to any other, searched only as far as the questions asked so far need.

    A Dijkstra search from `origin` that stops once the tile asked about is settled and resumes from
    there for the next question: the same costs as `cell_distance_field`, for the part of the map used.
    The frontier is a list of cells per cost, settled cost by cost (step costs are small numbers).
    """

    __slots__ = ("_at", "_building", "_cost", "_frontier", "_moves", "_passable", "_settled")

    def __init__(self, building: Building, origin: int) -> None:
        self._building = building
        self._passable, self._moves = _moves_of(building, True)
        self._cost = array("i", [-1]) * len(self._moves)
        self._settled = bytearray(len(self._moves))
        self._cost[origin] = 0
        self._frontier: list[list[int]] = [[origin]]
        self._at = 0
        """The cost being settled: every cell of a lower cost is settled."""

    def cost_to(self, cell: int) -> int | None:
        """The path cost from the origin to a cell, or None when no path reaches it."""
        settled, cost, frontier = self._settled, self._cost, self._frontier
        if settled[cell]:
            return cost[cell]
        building, passable, moves = self._building, self._passable, self._moves
        while self._at < len(frontier):
            at = self._at
            cells = frontier[at]
            while cells:
                current = cells.pop()
                if settled[current] or cost[current] != at:
                    continue  # settled already, or reached more cheaply since it was put here
                settled[current] = 1
                for step, step_cost in moves[current] or fill_steps(
                    building, passable, moves, current
                ):
                    new_cost = at + step_cost
                    known = cost[step]
                    if known < 0 or new_cost < known:
                        cost[step] = new_cost
                        _put(frontier, new_cost, step)
                if current == cell:
                    return at
            frontier[at] = []
            self._at += 1
        return None

    @property
    def cells(self) -> int:
        """How many cells the search covers (its memory is about five bytes a cell)."""
        return len(self._settled)
