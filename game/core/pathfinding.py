"""Paths through the building: A* for one person, distance fields for many (fleeing civilians).

Searches run on flat cell indices (`Building.cell`) rather than `Position` values: the same answers,
several times faster, which is what keeps headless runs far ahead of real time.
"""

from __future__ import annotations

from array import array

from game.core.building import Building
from game.core.layouts import (
    DIAGONAL,
    NOT_TAKEN,
    STAIRS,
    STRAIGHT,
    ExitField,
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
    # The frontier is a list of cells per estimated total cost, each taken first in first out:
    # the order of a heap of (estimate, count pushed, cell). The estimate never overestimates a step
    # (it is consistent), so no cell is ever put below the cost being taken.
    frontier: list[list[int]] = [[start_cell]]
    unknown = 1 << 60
    came_from = [-1] * len(passable)  # by cell: lists, as the search reads them most of all
    cost = [unknown] * len(passable)
    cost[start_cell] = 0
    # A cell taken again at the cost it was expanded at would change nothing: it is skipped.
    expanded = bytearray(len(passable))
    xs, ys, floors = _coordinates(building)
    straight, slant, stairs = STRAIGHT, DIAGONAL - STRAIGHT, STAIRS
    at = 0
    while at < len(frontier):
        for current in frontier[at]:  # cells put at this cost while it is taken are reached too
            if current == goal_cell:
                return [
                    building.position_of(c) for c in _walk_back(came_from, start_cell, goal_cell)
                ]
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
                    dx, dy = abs(xs[step] - gx), abs(ys[step] - gy)
                    # The octile distance, plus the stairs between the floors.
                    estimate = new_cost + (
                        (straight * dx + slant * dy if dx > dy else straight * dy + slant * dx)
                        + stairs * abs(floors[step] - gf)
                    )
                    if estimate >= len(frontier):
                        # Grown ahead, not bucket by bucket: a search pushes past the end often.
                        frontier += [[] for _ in range(estimate + 32 - len(frontier))]
                    frontier[estimate].append(step)
        frontier[at] = []
        at += 1
    return []


def _coordinates(building: Building) -> tuple[list[int], list[int], list[int]]:
    """Each cell's column, row and floor, by cell (`Building.cell`): made once per map size."""
    key = (building.width, building.height, building.floors)
    found = _COORDINATES.get(key)
    if found is None:
        cells = range(building.width * building.height * building.floors)
        rows = [cell // building.width for cell in cells]
        found = _COORDINATES[key] = (
            [cell % building.width for cell in cells],
            [row % building.height for row in rows],
            [row // building.height for row in rows],
        )
        while len(_COORDINATES) > 8:
            _COORDINATES.pop(next(iter(_COORDINATES)))
    return found


_COORDINATES: dict[tuple[int, int, int], tuple[list[int], list[int], list[int]]] = {}


def cell_distance_field(
    building: Building, goals: list[Position], can_open_doors: bool = True
) -> dict[int, int]:
    """Path cost from every reachable tile to the nearest goal (Dijkstra from all goals at once), by
    flat cell index (`Building.cell`)."""
    costs = _costs_to(building, goals, can_open_doors)
    return {cell: cost for cell, cost in enumerate(costs) if cost >= 0}


def exit_cells(building: Building, goals: list[Position]) -> ExitField:
    """The field that people fleeing toward goals walk down (`ExitField`). Kept with the layout, so
    shared: read it, never change it."""
    layout = layout_of(building, True, False)
    key = tuple(building.cell(goal) for goal in goals if building.inside_map(goal))
    known = layout.fields.get(key)
    if known is None:
        known = layout.fields[key] = ExitField(_costs_to(building, goals, True))
    return known


def _costs_to(building: Building, goals: list[Position], can_open_doors: bool) -> list[int]:
    """Dijkstra from all goals at once: per cell, the path cost to the nearest (-1 where none is
    reached): `DistanceFrom` the goals, searched to the end."""
    cells = [building.cell(goal) for goal in goals if building.inside_map(goal)]
    return DistanceFrom(building, cells, can_open_doors, compact=False).field()


def downhill(building: Building, field: ExitField, position: Position) -> Position | None:
    """The neighbouring tile that is closest to the field's goals, or None at a goal or dead end.
    The same for everyone on the tile, so kept in the field (shared by every run of the level); a
    new Position each time, as a position is never shared between people by chance."""
    at = building.cell(position)
    step = field.steps[at]
    if step == NOT_TAKEN:
        step = field.steps[at] = _downhill(building, field.costs, at)
    return None if step < 0 else building.position_of(step)


def _downhill(building: Building, costs: list[int], at: int) -> int:
    here = costs[at]
    if here <= 0:
        return -1
    passable, moves = _moves_of(building, True)
    best, best_cost = -1, here
    for cell, cost in moves[at] or fill_steps(building, passable, moves, at):
        value = costs[cell]
        if value >= 0 and value + cost <= best_cost and (best < 0 or value < best_cost):
            best, best_cost = cell, value
    return best


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


_UNREACHED = 2**31 - 1
"""The cost of a cell no search has reached yet: more than any path (the largest `array("i")`)."""


class DistanceFrom:
    """Path costs from one tile (or the nearest of several) to any other, searched only as far as
    the questions asked so far need.

    A Dijkstra search from the origins that stops once the tile asked about is settled and resumes
    from there for the next question. Step costs are small whole numbers, so the frontier is a list
    of cells per cost, settled cost by cost; costs do not depend on the order cells are settled in.
    The steps out of a cell are written out rather than read from the layout's step lists
    (`fill_steps`): a search covers far more cells than anyone walks, most of them once.
    """

    __slots__ = ("_at", "_building", "_cost", "_frontier", "_passable", "_settled")

    def __init__(
        self,
        building: Building,
        origins: int | list[int],
        can_open_doors: bool = True,
        compact: bool = True,
    ) -> None:
        self._building = building
        self._passable, _ = _moves_of(building, can_open_doors)
        # Compact costs (4 bytes a cell) for a search kept long; a list is read faster.
        size = len(self._passable)
        self._cost = array("i", [_UNREACHED]) * size if compact else [_UNREACHED] * size
        self._settled = bytearray(len(self._passable))
        starts = [origins] if isinstance(origins, int) else list(origins)
        for origin in starts:
            self._cost[origin] = 0
        self._frontier: list[list[int]] = [starts]
        self._at = 0
        """The cost being settled: every cell of a lower cost is settled."""

    def cost_to(self, cell: int) -> int | None:
        """The path cost from the origin to a cell, or None when no path reaches it."""
        if self._settled[cell]:
            return self._cost[cell]
        return self._settle(cell)

    def field(self) -> list[int]:
        """The path cost to every cell, by cell (-1 where no path reaches): the whole search."""
        self._settle(-1)
        return [-1 if cost == _UNREACHED else cost for cost in self._cost]

    @property
    def cells(self) -> int:
        """How many cells the search covers (about five bytes a cell when compact)."""
        return len(self._settled)

    def _settle(self, cell: int) -> int | None:
        """Settle cells cost by cost until `cell` is settled (its cost), or none is left (None)."""
        settled, cost, frontier, passable = (
            self._settled,
            self._cost,
            self._frontier,
            self._passable,
        )
        building = self._building
        width, height, walk = building.width, building.height, building.walk_cells
        layer, total = width * height, len(passable)
        while self._at < len(frontier):
            at = self._at
            cells = frontier[at]
            if not cells:
                self._at += 1
                continue
            if len(frontier) <= at + STAIRS:
                frontier += [[] for _ in range(at + STAIRS + 32 - len(frontier))]
            straight, diagonal = at + STRAIGHT, at + DIAGONAL
            ahead, across = frontier[straight].append, frontier[diagonal].append
            while cells:
                here = cells.pop()
                if cost[here] != at or settled[here]:
                    continue  # reached more cheaply since it was put here, or settled already
                settled[here] = 1
                # `steps_out` written out, one step at a time: no list of steps made for each cell,
                # and no loop over a tuple of them (a campus exit field: 60 ms so, 73 ms with loops).
                x, y = here % width, (here // width) % height
                n, s, w, e = here - width, here + width, here - 1, here + 1
                pn = y > 0 and passable[n]
                ps = y < height - 1 and passable[s]
                pw = x > 0 and passable[w]
                pe = x < width - 1 and passable[e]
                if pn and straight < cost[n]:
                    cost[n] = straight
                    ahead(n)
                if pe and straight < cost[e]:
                    cost[e] = straight
                    ahead(e)
                if ps and straight < cost[s]:
                    cost[s] = straight
                    ahead(s)
                if pw and straight < cost[w]:
                    cost[w] = straight
                    ahead(w)
                if pn and pe:
                    step = n + 1
                    if passable[step] and diagonal < cost[step]:
                        cost[step] = diagonal
                        across(step)
                if ps and pe:
                    step = s + 1
                    if passable[step] and diagonal < cost[step]:
                        cost[step] = diagonal
                        across(step)
                if ps and pw:
                    step = s - 1
                    if passable[step] and diagonal < cost[step]:
                        cost[step] = diagonal
                        across(step)
                if pn and pw:
                    step = n - 1
                    if passable[step] and diagonal < cost[step]:
                        cost[step] = diagonal
                        across(step)
                if walk[here] == 3:
                    for step in (here - layer, here + layer):
                        if 0 <= step < total and walk[step] == 3 and at + STAIRS < cost[step]:
                            cost[step] = at + STAIRS
                            frontier[at + STAIRS].append(step)
                if here == cell:
                    return at
            self._at += 1
        return None
