"""Who may stand where as a building's doors decide it, and what follows from that alone: the steps
out of each cell, the connected parts of the map, fields toward exits (`Layout`).

A layout depends only on the tiles and on which doors let a person through, so every building of a
level whose doors let through the same ones shares it: every run of the level in a batch, scoring's
map with every door open, a world restored from a review's keyframe. What is shared is read only.
"""

from __future__ import annotations

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
        self.fields: dict[tuple[int, ...], list[int]] = {}
        self.standing: dict[tuple[Rect, ...], list[Position]] = {}
        self.paths: dict[tuple[int, int], tuple[Position, ...]] = {}
        """Shortest paths found, by (start cell, goal cell) (`pathfinding.find_path`)."""


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
        passable, inside, cell = layout.passable, building.inside_map, building.cell
        known = layout.standing[areas] = [
            tile for area in areas for tile in area.tiles() if inside(tile) and passable[cell(tile)]
        ]
    return known


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
        push = stack.append
        while stack:
            cell = stack.pop()
            x, y = cell % width, (cell // width) % height
            # The four side-by-side steps written out (no list of them made for every cell).
            if y > 0 and passable[cell - width] and parts[cell - width] < 0:
                parts[cell - width] = count
                push(cell - width)
            if y < height - 1 and passable[cell + width] and parts[cell + width] < 0:
                parts[cell + width] = count
                push(cell + width)
            if x > 0 and passable[cell - 1] and parts[cell - 1] < 0:
                parts[cell - 1] = count
                push(cell - 1)
            if x < width - 1 and passable[cell + 1] and parts[cell + 1] < 0:
                parts[cell + 1] = count
                push(cell + 1)
            if walk[cell] == 3:
                for step in (cell - layer, cell + layer):
                    if (
                        0 <= step < len(walk)
                        and walk[step] == 3
                        and passable[step]
                        and parts[step] < 0
                    ):
                        parts[step] = count
                        push(step)
        count += 1
    return parts
