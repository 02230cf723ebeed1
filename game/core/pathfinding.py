"""Paths through the building: A* for one person, distance fields for many (fleeing civilians).

Searches run on flat cell indices (`Building.cell`) rather than `Position` values: the same answers,
several times faster, which is what keeps headless runs far ahead of real time.
"""

from __future__ import annotations

import heapq
from array import array

from game.core.building import Building, kept_for
from game.core.level import DoorState, Position

_STRAIGHT = 10
_DIAGONAL = 14
_STAIRS = 20


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
    # moved): the answer depends only on the ends and on the doors that decide who may pass.
    key = (start, goal, can_open_doors, through_locked)
    version = _door_version(building, can_open_doors, through_locked)
    paths = kept_for(building).setdefault("paths", {})
    known = paths.get(key)
    if known is not None and known[0] == version:
        return list(known[1])
    path = _search(building, start, goal, can_open_doors, through_locked)
    if len(paths) >= _PATH_LIMIT:
        paths.clear()
    paths[key] = (version, tuple(path))
    return path


_PATH_LIMIT = 4096
"""Paths kept per building (`kept_for`), a few hundred bytes each."""


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
    came_from: dict[int, int] = {}
    cost = {start_cell: 0}
    counter = 0
    while frontier:
        _, _, current = heapq.heappop(frontier)
        if current == goal_cell:
            return [building.position_of(c) for c in _walk_back(came_from, start_cell, goal_cell)]
        here = cost[current]
        for step, step_cost in moves[current] or _fill(building, passable, moves, current):
            new_cost = here + step_cost
            if new_cost < cost.get(step, 1 << 60):
                cost[step] = new_cost
                came_from[step] = current
                counter += 1
                rest, x = divmod(step, width)
                floor, y = divmod(rest, height)
                dx, dy = abs(x - gx), abs(y - gy)
                estimate = _STRAIGHT * max(dx, dy) + (_DIAGONAL - _STRAIGHT) * min(dx, dy)
                estimate += _STAIRS * abs(floor - gf)
                heapq.heappush(frontier, (new_cost + estimate, counter, step))
    return []


def cell_distance_field(
    building: Building, goals: list[Position], can_open_doors: bool = True
) -> dict[int, int]:
    """Path cost from every reachable tile to the nearest goal (Dijkstra from all goals at once), by
    flat cell index (`Building.cell`)."""
    passable, moves = _moves_of(building, can_open_doors)
    cells = [building.cell(goal) for goal in goals if building.inside_map(goal)]
    field = dict.fromkeys(cells, 0)
    frontier = [(0, i, cell) for i, cell in enumerate(cells)]
    heapq.heapify(frontier)
    counter = len(cells)
    while frontier:
        dist, _, current = heapq.heappop(frontier)
        if dist > field[current]:
            continue
        for step, step_cost in moves[current] or _fill(building, passable, moves, current):
            new_cost = dist + step_cost
            if new_cost < field.get(step, 1 << 60):
                field[step] = new_cost
                counter += 1
                heapq.heappush(frontier, (new_cost, counter, step))
    return field


def exit_cells(building: Building, goals: list[Position]) -> list[int]:
    """`cell_distance_field` toward goals as a list by cell (-1 where it does not reach): the field
    that people fleeing walk down, read a tile at a time without making a Position. Kept with the
    layout, so shared: read it, never change it."""
    layout = _layout(building, True, False)
    key = tuple(building.cell(goal) for goal in goals if building.inside_map(goal))
    known = layout.fields.get(key)
    if known is not None:
        return known
    cells = [-1] * len(building.walk_cells)
    for cell, dist in cell_distance_field(building, goals).items():
        cells[cell] = dist
    layout.fields[key] = cells
    return cells


def downhill(building: Building, field: list[int], position: Position) -> Position | None:
    """The neighbouring tile that is closest to the field's goals (`exit_cells`), or None at a goal
    or dead end."""
    here = field[building.cell(position)]
    if here <= 0:
        return None
    passable, moves = _moves_of(building, True)
    at = building.cell(position)
    best, best_cost = None, here
    for cell, cost in moves[at] or _fill(building, passable, moves, at):
        value = field[cell]
        if value >= 0 and value + cost <= best_cost and (best is None or value < best_cost):
            best, best_cost = cell, value
    return None if best is None else building.position_of(best)


def step_cost(a: Position, b: Position) -> int:
    """The cost of one step (straight 10, diagonal 14, stairs 20)."""
    if a.floor != b.floor:
        return _STAIRS
    return _DIAGONAL if a.x != b.x and a.y != b.y else _STRAIGHT


def prepare_paths(building: Building) -> None:
    """Work out now what the first searches of a run would otherwise work out on the way (who may
    pass where, the steps out of every cell, the connected parts): a client calls it before the
    first frame, so that no frame of play waits for it. Nothing a search answers changes."""
    for can_open_doors, through_locked in ((True, False), (True, True)):
        _parts(building, can_open_doors, through_locked)  # reaches every cell one may stand on


def _moves_of(
    building: Building, can_open_doors: bool, through_locked: bool = False
) -> tuple[list[bool], list[tuple[tuple[int, int], ...] | None]]:
    """The passable cells, and per cell the steps out of it ((cell, cost) in `_moves` order) filled
    in as searches reach the cell (`_fill`): both kept while who may stand where stays the same."""
    layout = _layout(building, can_open_doors, through_locked)
    return layout.passable, layout.moves


def _fill(
    building: Building, passable: list[bool], moves: list, cell: int
) -> tuple[tuple[int, int], ...]:
    """The steps out of a cell, worked out once and kept in `moves` (see `_moves_of`)."""
    steps = moves[cell] = tuple(_moves(building, passable, cell))
    return steps


class _Layout:
    """Who may stand where, as one set of doors decides it, and what follows from that alone: the
    steps out of each cell, the connected parts, fields toward exits. Shared by every building of
    the same tiles whose doors decide it the same way (every run of a level in a batch)."""

    __slots__ = ("fields", "moves", "parts", "passable")

    def __init__(self, passable: list[bool]) -> None:
        self.passable = passable
        self.moves: list = [None] * len(passable)
        self.parts: list[int] | None = None
        self.fields: dict[tuple[int, ...], list[int]] = {}


def _layout(building: Building, can_open_doors: bool, through_locked: bool) -> _Layout:
    """The layout the building's doors make now for someone who may (or may not) open doors or pass
    locked ones: kept for the building (`kept_for`) until a door that decides it changes, and
    shared with every building of the same tiles and the same doors open to that person."""
    version = _door_version(building, can_open_doors, through_locked)
    key = (can_open_doors, through_locked)
    mine = kept_for(building)
    cached = mine.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    cells = [c != 0 for c in building.walk_cells]
    for door in building.doors.values():
        open_enough = (
            through_locked
            or door.state is DoorState.OPEN
            or (can_open_doors and door.state is DoorState.CLOSED)
        )
        cells[building.cell(door.at)] = open_enough
    # Who the layout is for matters no more once the doors each let through are known.
    shared = (_tiles_key(building), bytes(cells[building.cell(d)] for d in building.doors))
    layout = _LAYOUTS.get(shared)
    if layout is None:
        layout = _LAYOUTS[shared] = _Layout(cells)
        _keep_layouts_small()
    mine[key] = (version, layout)
    return layout


_LAYOUTS: dict[tuple[tuple[int, int, bytes], bytes], _Layout] = {}
"""Layouts by the tiles they were made for (`_tiles_key`) and which doors let the person through
(so scoring's map with every door open shares the layout of someone who may pass locked doors)."""


def _tiles_key(building: Building) -> tuple[int, int, bytes]:
    """What a layout depends on besides the doors: the map's size and what each cell is (walls,
    floor, doors, stairs). The same for every building of a level, a copy restored from a saved
    state included, so they all share layouts."""
    kept = kept_for(building)
    key = kept.get("tiles")
    if key is None:
        key = kept["tiles"] = (building.width, building.height, bytes(building.walk_cells))
    return key


_LAYOUT_CELLS = 160_000
"""Most cells kept in shared layouts (the newest is kept whatever its size): as many as the largest
map has. A layout whose steps are all worked out takes about 0.8 kB a cell, so about 130 MB."""


def _keep_layouts_small() -> None:
    """Forget the oldest layouts while they hold more cells than `_LAYOUT_CELLS` (the newest stays)."""
    total = sum(len(layout.passable) for layout in _LAYOUTS.values())
    while total > _LAYOUT_CELLS and len(_LAYOUTS) > 1:
        oldest = next(iter(_LAYOUTS))
        total -= len(_LAYOUTS.pop(oldest).passable)


def _door_version(building: Building, can_open_doors: bool, through_locked: bool) -> int:
    """The count of the door changes that can change who may pass: none when any door may be passed,
    only locks for someone who opens doors, every change for someone who does not."""
    if through_locked:
        return 0
    return building.lock_version if can_open_doors else building.door_version


def _parts(building: Building, can_open_doors: bool, through_locked: bool) -> list[int] | None:
    """The connected parts of the map (see `connected_parts`), where they change only with locks."""
    if not can_open_doors and not through_locked:
        return None  # would change with every door opened or closed: not worth keeping
    return connected_parts(building, can_open_doors, through_locked)


def _moves(building: Building, passable: list[bool], cell: int):
    width, height = building.width, building.height
    layer = width * height
    x = cell % width
    y = (cell // width) % height
    west, east = x > 0, x < width - 1
    north, south = y > 0, y < height - 1
    n, s, w, e = cell - width, cell + width, cell - 1, cell + 1
    pn = north and passable[n]
    ps = south and passable[s]
    pw = west and passable[w]
    pe = east and passable[e]
    if pn:
        yield n, _STRAIGHT
    if pe:
        yield e, _STRAIGHT
    if ps:
        yield s, _STRAIGHT
    if pw:
        yield w, _STRAIGHT
    if pn and pe and passable[n + 1]:
        yield n + 1, _DIAGONAL
    if ps and pe and passable[s + 1]:
        yield s + 1, _DIAGONAL
    if ps and pw and passable[s - 1]:
        yield s - 1, _DIAGONAL
    if pn and pw and passable[n - 1]:
        yield n - 1, _DIAGONAL
    if building.walk_cells[cell] == 3:
        for other in (cell - layer, cell + layer):
            if 0 <= other < len(passable) and building.walk_cells[other] == 3:
                yield other, _STAIRS


def _walk_back(came_from: dict[int, int], start: int, goal: int) -> list[int]:
    path = [goal]
    while path[-1] in came_from and came_from[path[-1]] != start:
        path.append(came_from[path[-1]])
    path.reverse()
    return path


class DistanceFrom:
    """Path costs from one tile to any other, searched only as far as the questions asked so far need.

    A Dijkstra search from `origin` that stops once the tile asked about is settled and resumes from
    there for the next question: the same costs as `cell_distance_field`, for the part of the map used.
    """

    __slots__ = ("_building", "_cost", "_frontier", "_moves", "_passable", "_settled")

    def __init__(self, building: Building, origin: int) -> None:
        self._building = building
        self._passable, self._moves = _moves_of(building, True)
        self._cost = array("i", [-1]) * len(self._moves)
        self._settled = bytearray(len(self._moves))
        self._cost[origin] = 0
        self._frontier: list[tuple[int, int]] = [(0, origin)]

    def cost_to(self, cell: int) -> int | None:
        """The path cost from the origin to a cell, or None when no path reaches it."""
        settled, cost, frontier = self._settled, self._cost, self._frontier
        building, passable, moves = self._building, self._passable, self._moves
        while not settled[cell] and frontier:
            here, current = heapq.heappop(frontier)
            if settled[current]:
                continue
            settled[current] = 1
            for step, step_cost in moves[current] or _fill(building, passable, moves, current):
                new_cost = here + step_cost
                known = cost[step]
                if known < 0 or new_cost < known:
                    cost[step] = new_cost
                    heapq.heappush(frontier, (new_cost, step))
        return cost[cell] if settled[cell] else None

    @property
    def cells(self) -> int:
        """How many cells the search covers (its memory is about five bytes a cell)."""
        return len(self._settled)


def connected_parts(
    building: Building, can_open_doors: bool = True, through_locked: bool = False
) -> list[int]:
    """Per cell: the number of the connected part of the map it lies in (-1 where no one may stand).
    Kept with the layout, so shared: read it, never change it."""
    layout = _layout(building, can_open_doors, through_locked)
    if layout.parts is None:
        layout.parts = _parts_of(building, layout.passable)
    return layout.parts


def _parts_of(building: Building, passable: list[bool]) -> list[int]:
    """`connected_parts`, worked out: a flood from each cell not yet reached, in cell order. Side by
    side steps and stairs are enough: a diagonal step is allowed only where both side steps are."""
    width, height = building.width, building.height
    layer, walk = width * height, building.walk_cells
    parts = [-1] * len(passable)
    count = 0
    for seed, open_ in enumerate(passable):
        if not open_ or parts[seed] >= 0:
            continue
        parts[seed] = count
        stack = [seed]
        while stack:
            cell = stack.pop()
            x, y = cell % width, (cell // width) % height
            near = []
            if y > 0:
                near.append(cell - width)
            if y < height - 1:
                near.append(cell + width)
            if x > 0:
                near.append(cell - 1)
            if x < width - 1:
                near.append(cell + 1)
            if walk[cell] == 3:
                near += [
                    c for c in (cell - layer, cell + layer) if 0 <= c < len(walk) and walk[c] == 3
                ]
            for step in near:
                if passable[step] and parts[step] < 0:
                    parts[step] = count
                    stack.append(step)
        count += 1
    return parts
