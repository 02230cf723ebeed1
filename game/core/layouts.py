"""Who may stand where as a building's doors decide it, and what follows from that alone: the steps
out of each cell, the connected parts of the map, fields toward exits (`Layout`).

A layout depends only on the tiles and on which doors let a person through, so every building of a
level whose doors let through the same ones shares it: every run of the level in a batch, scoring's
map with every door open, a world restored from a review's keyframe. What is shared is read only.
"""

from __future__ import annotations

from bisect import bisect_right

from game.core.building import Building, kept_for
from game.core.level import DoorState, Position, Rect

STRAIGHT = 10
DIAGONAL = 14
STAIRS = 20
"""The cost of one step: straight, diagonal, by the stairs (pathfinding's units: 10 a tile)."""


class Layout:
    """Who may stand where, as one set of doors decides it, and what follows from that alone: the
    steps out of each cell (filled in as searches reach them, `fill_steps`), the connected parts,
    fields toward exits (by goal cells). Shared: read it, never change it."""

    __slots__ = ("fields", "moves", "parts", "passable", "paths", "standing")

    def __init__(self, passable: list[bool]) -> None:
        self.passable = passable
        self.moves: list = [None] * len(passable)
        self.parts: list[int] | None = None
        self.fields: dict[tuple[int, ...], ExitField] = {}
        """Fields toward goals, by goal cells (`pathfinding.exit_cells`)."""
        self.standing: dict[tuple[Rect, ...], list[Position]] = {}
        self.paths: dict[tuple[int, int], tuple[Position, ...]] = {}
        """Shortest paths found, by (start cell, goal cell) (`pathfinding.find_path`)."""


class ExitField:
    """Toward some goals (the exits): the path cost from each cell to the nearest (`costs`, by cell,
    -1 where none is reached), and the cell a step down the field leads to from each cell (`steps`,
    -1 at a goal or dead end, `NOT_TAKEN` until someone takes it: `pathfinding.downhill`).
    Shared: never change a cost."""

    __slots__ = ("costs", "steps")

    def __init__(self, costs: list[int]) -> None:
        self.costs = costs
        self.steps = [NOT_TAKEN] * len(costs)


NOT_TAKEN = -2
"""The step down an exit field from a cell no one has stepped down from yet."""


def layout_of(building: Building, can_open_doors: bool, through_locked: bool) -> Layout:
    """The layout the building's doors make now for someone who may (or may not) open doors or pass
    locked ones: kept for the building (`kept_for`) until a door that decides it changes, and
    shared with every building of the same tiles and the same doors open to that person."""
    version = door_version(building, can_open_doors, through_locked)
    key = (can_open_doors, through_locked)
    mine = kept_for(building)
    cached = mine.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    opens = [
        through_locked
        or door.state is DoorState.OPEN
        or (can_open_doors and door.state is DoorState.CLOSED)
        for door in building.doors.values()
    ]
    # Who the layout is for matters no more once the doors each let through are known.
    shared = (_tiles_key(building), bytes(opens))
    layout = _LAYOUTS.get(shared)
    if layout is None:
        cells = [c != 0 for c in building.walk_cells]
        for door, open_enough in zip(building.doors.values(), opens, strict=True):
            cells[building.cell(door.at)] = open_enough
        layout = _LAYOUTS[shared] = Layout(cells)
        _keep_layouts_small()
    mine[key] = (version, layout)
    return layout


def standing_tiles(building: Building, areas: tuple[Rect, ...]) -> list[Position]:
    """The tiles of these areas a person may stand on now, closed doors opened (`Building.walkable`),
    in order. Kept with the layout, so shared by every run of the level: read it, never change it."""
    layout = layout_of(building, True, False)
    known = layout.standing.get(areas)
    if known is None:
        known = layout.standing[areas] = [
            tile for area in areas for tile in _standing_in(building, layout.passable, area)
        ]
    return known


def _standing_in(building: Building, passable: list[bool], area: Rect) -> list[Position]:
    """The tiles of one area on the map that are passable, row by row (`Rect.tiles` order); a
    Position is made only for those (a large zone holds thousands of tiles)."""
    width, height = building.width, building.height
    floor = area.floor
    if not 0 <= floor < len(passable) // (width * height):
        return []
    x1, x2 = max(area.x1, 0), min(area.x2, width - 1)
    found = []
    for y in range(max(area.y1, 0), min(area.y2, height - 1) + 1):
        row = (floor * height + y) * width
        found += [Position(floor, x, y) for x in range(x1, x2 + 1) if passable[row + x]]
    return found


def door_version(building: Building, can_open_doors: bool, through_locked: bool) -> int:
    """The count of the door changes that can change who may pass: none when any door may be passed,
    only locks for someone who opens doors, every change for someone who does not."""
    if through_locked:
        return 0
    return building.lock_version if can_open_doors else building.door_version


def connected_parts(
    building: Building, can_open_doors: bool = True, through_locked: bool = False
) -> list[int]:
    """Per cell: the number of the connected part of the map it lies in (-1 where no one may stand).
    Kept with the layout, so shared: read it, never change it."""
    layout = layout_of(building, can_open_doors, through_locked)
    if layout.parts is None:
        layout.parts = _parts_of(building, layout.passable)
    return layout.parts


def fill_steps(
    building: Building, passable: list[bool], moves: list, cell: int
) -> tuple[tuple[int, int], ...]:
    """The steps out of a cell ((cell, cost) pairs), worked out once and kept in the layout's `moves`."""
    steps = moves[cell] = tuple(steps_out(building, passable, cell))
    return steps


def steps_out(building: Building, passable: list[bool], cell: int) -> list[tuple[int, int]]:
    """The steps out of a cell ((cell, cost) pairs), in a fixed order (searches break ties by it)."""
    width, height = building.width, building.height
    x = cell % width
    y = (cell // width) % height
    n, s, w, e = cell - width, cell + width, cell - 1, cell + 1
    pn = y > 0 and passable[n]
    ps = y < height - 1 and passable[s]
    pw = x > 0 and passable[w]
    pe = x < width - 1 and passable[e]
    steps = []
    if pn:
        steps.append((n, STRAIGHT))
    if pe:
        steps.append((e, STRAIGHT))
    if ps:
        steps.append((s, STRAIGHT))
    if pw:
        steps.append((w, STRAIGHT))
    if pn and pe and passable[n + 1]:
        steps.append((n + 1, DIAGONAL))
    if ps and pe and passable[s + 1]:
        steps.append((s + 1, DIAGONAL))
    if ps and pw and passable[s - 1]:
        steps.append((s - 1, DIAGONAL))
    if pn and pw and passable[n - 1]:
        steps.append((n - 1, DIAGONAL))
    walk = building.walk_cells
    if walk[cell] == 3:
        layer = width * height
        for other in (cell - layer, cell + layer):
            if 0 <= other < len(passable) and walk[other] == 3:
                steps.append((other, STAIRS))
    return steps


_LAYOUTS: dict[tuple[tuple[int, int, bytes], bytes], Layout] = {}
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


def _parts_of(building: Building, passable: list[bool]) -> list[int]:
    """`connected_parts`, worked out: the runs of passable cells along each row, joined where they
    touch the row above or share a staircase, numbered in the order of their first cell. Side by
    side steps and stairs are enough: a diagonal step is allowed only where both side steps are."""
    width, height = building.width, building.height
    layer = width * height
    open_cells = bytes(passable)
    runs: list[tuple[int, int]] = []  # (first cell, cell after the last), in cell order
    row_runs: list[int] = []  # per row, the index of its first run (then one past the last)
    for row_start in range(0, len(passable), width):
        row_runs.append(len(runs))
        end, at = row_start + width, row_start
        while True:
            at = open_cells.find(1, at, end)
            if at < 0:
                break
            stop = open_cells.find(0, at, end)
            stop = end if stop < 0 else stop
            runs.append((at, stop))
            at = stop
    row_runs.append(len(runs))
    joined = list(range(len(runs)))

    def root(run: int) -> int:
        while joined[run] != run:
            joined[run] = joined[joined[run]]
            run = joined[run]
        return run

    def join(a: int, b: int) -> None:
        a, b = root(a), root(b)
        if a != b:
            joined[max(a, b)] = min(a, b)

    for row in range(1, len(row_runs) - 1):
        if row % height == 0:
            continue  # the first row of a floor: nothing above it on the floor
        above, here = row_runs[row - 1], row_runs[row]
        above_end, here_end = here, row_runs[row + 1]
        while above < above_end and here < here_end:
            a_start, a_stop = runs[above]
            h_start, h_stop = runs[here]
            if a_start + width < h_stop and h_start < a_stop + width:
                join(above, here)
            if a_stop + width < h_stop:
                above += 1
            else:
                here += 1
    walk = bytes(building.walk_cells)
    at = walk.find(3)
    while at >= 0:
        up = at + layer
        if up < len(walk) and walk[up] == 3 and passable[at] and passable[up]:
            join(_run_of(runs, row_runs, width, at), _run_of(runs, row_runs, width, up))
        at = walk.find(3, at + 1)
    parts = [-1] * len(passable)
    numbers: dict[int, int] = {}
    for run, (first, stop) in enumerate(runs):
        number = numbers.setdefault(root(run), len(numbers))
        parts[first:stop] = [number] * (stop - first)
    return parts


def _run_of(runs: list[tuple[int, int]], row_runs: list[int], width: int, cell: int) -> int:
    """The index of the run that holds a passable cell."""
    row = cell // width
    return bisect_right(runs, (cell, _PAST), row_runs[row], row_runs[row + 1]) - 1


_PAST = 1 << 62
"""More than any cell: `(cell, _PAST)` sorts after every run that starts at the cell."""
