"""What people can see and hear: line of sight, field of view, and how a gunshot sounds from afar."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from math import hypot
from operator import attrgetter, is_not
from typing import NamedTuple

from game.core.building import Building, kept_for
from game.core.geometry import bearing, compass, distance, line
from game.core.level import DoorState, Position
from game.core.people import Person

SIGHT_RANGE = 30
"""How far, in tiles, a person can make out another person."""


def line_of_sight(
    building: Building, a: Position, b: Position, max_range: float = SIGHT_RANGE
) -> bool:
    """Whether a person at a can see a person at b (same floor, nothing opaque between them)."""
    if a.floor != b.floor:
        return False
    dx, dy = b.x - a.x, b.y - a.y
    if abs(dx) > max_range or abs(dy) > max_range or hypot(dx, dy) > max_range:
        return False  # hypot as `distance` takes it (the hot path: no call between)
    # Kept per building while no door changes: sight depends only on the tiles and the doors.
    width, height = building.width, building.height
    seen = _sight_lines(building)
    key = ((a.floor * height + a.y) * width + a.x) * width * height + b.y * width + b.x
    clear = seen.get(key)
    if clear is None:
        if len(seen) >= _SIGHT_LIMIT:
            seen.clear()
        clear = seen[key] = _clear_through_doors(building, _doors_on_lines(building), key, a, b)
    return clear


_SIGHT_LIMIT = 50_000
"""Most sight lines kept per building, each keyed by one number: the near end's cell times the
tiles of a floor, plus the far end's tile."""


def _clear_through_doors(
    building: Building,
    walked: dict[int, tuple[Position, ...] | None],
    key: int,
    a: Position,
    b: Position,
) -> bool:
    """Whether the line is clear with the doors as they are: nothing that never opens on it, and
    every door on it open (`walked`: the map's lines walked, `_doors_on_lines`)."""
    doors_on = walked.get(key, _UNWALKED)
    if doors_on is _UNWALKED:
        if len(walked) >= _WALKED_LIMIT:
            walked.clear()
        doors_on = walked[key] = _doors_on_line(building, a, b)
    if doors_on is None:
        return False
    doors = building.doors
    for at in doors_on:  # noqa: SIM110 (a loop: the hot path)
        if doors[at].state is not DoorState.OPEN:
            return False
    return True


_UNWALKED = object()
_WALKED_LIMIT = 200_000
"""Most lines whose doors are kept per map (keyed as the sight lines are)."""


def _doors_on_lines(building: Building) -> dict[int, tuple[Position, ...] | None]:
    """The doors on each line walked on this map, whatever their state: shared by every building of
    the level (every run of a batch walks much the same lines), since tiles never change."""
    grid = building.sight_grid  # one per level, shared by its buildings (`building._tiles_of`)
    found = _WALKED.get(id(grid))
    if found is None or found[0] is not grid:
        found = (grid, {})  # the grid is held: its id stays its own while its lines are kept
        while len(_WALKED) >= _WALKED_MAPS:
            _WALKED.pop(next(iter(_WALKED)))
        _WALKED[id(grid)] = found
    return found[1]


_WALKED: dict[int, tuple[list, dict[int, tuple[Position, ...] | None]]] = {}
_WALKED_MAPS = 4
"""Maps whose lines are kept (a batch runs one level at a time)."""


def _sight_lines(building: Building) -> dict[int, bool]:
    """The sight lines walked in this building since its doors last changed (`kept_for` it)."""
    kept = kept_for(building)
    cached = kept.get("sight")
    if cached is None or cached[0] != building.door_version:
        cached = kept["sight"] = (building.door_version, {})
    return cached[1]


def _doors_on_line(building: Building, a: Position, b: Position) -> tuple[Position, ...] | None:
    """The doors between two tiles of one floor (the ends excluded), or None when something that
    never opens stands between them."""
    # `line` walked inline (the same tiles: from the lower end, as `line` draws them), ends
    # excluded: the hot path.
    floor, x, y, x1, y1 = a.floor, a.x, a.y, b.x, b.y
    if x == x1 and y == y1:
        return ()
    if (x1, y1) < (x, y):
        x, y, x1, y1 = x1, y1, x, y
    sight = building.sight_grid[floor]
    width, height = building.width, building.height
    dx, dy = abs(x1 - x), -abs(y1 - y)
    sx = 1 if x < x1 else -1
    sy = 1 if y < y1 else -1
    err = dx + dy
    doors: list[Position] = []
    while True:
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x += sx
        if e2 <= dx:
            err += dx
            y += sy
        if x == x1 and y == y1:
            return tuple(doors)
        if not (0 <= x < width and 0 <= y < height):
            return None
        opaque = sight[y][x]
        if opaque == 1:
            return None
        if opaque == 2:
            doors.append(Position(floor, x, y))


class InSight:
    """The tiles a person at `origin` can see, as a container: `tile in InSight(...)` is
    `line_of_sight` (so `World.snapshot(on=...)` pictures only the people in view)."""

    __slots__ = ("_seen", "_version", "building", "origin")

    def __init__(self, building: Building, origin: Position) -> None:
        self.building = building
        self.origin = origin
        self._version = building.door_version
        self._seen = _sight_lines(building)

    def __contains__(self, tile: object) -> bool:
        if not isinstance(tile, Position):
            return False
        return bool(self._search([_Standing(tile)]))

    def among(
        self,
        people: Iterable[Person],
        moves: int | None = None,
        movers_since: Callable[[int], list[Person] | None] | None = None,
    ) -> list[Person]:
        """The people present on a tile in view, in the order given: `p.position in self` for each.

        The eyes ask it of everyone on scene every tick. When the same people are asked from the
        same tile with the same doors, only those who moved, came or went are looked at again: as
        the world tells them (`moves`, its count of such changes, and `movers_since`), or found by
        comparing where everyone stands with the last time.
        """
        people = people if isinstance(people, list) else list(people)
        here = (self.origin, self.building.door_version)
        kept = kept_for(self.building)
        last: _LastLook | None = kept.get("in_sight")
        same = last is not None and last.people is people and last.here == here
        if same and moves is not None and last.moves is not None:
            if last.moves == moves:
                return list(last.found)
            movers = None if movers_since is None else movers_since(last.moves)
            if movers is not None:
                index = last.index or {id(person): i for i, person in enumerate(people)}
                changed = {index[id(p)] for p in movers if id(p) in index}
                visible, found = self._again(last, people, changed)
                kept["in_sight"] = _LastLook(people, here, moves, None, visible, found, index)
                return list(found)
        places = (tuple(map(_WHERE, people)), tuple(map(_HERE, people)))
        if same and last.places is not None and len(last.places[0]) == len(people):
            changed = {
                *compress(count(), map(is_not, places[0], last.places[0])),
                *compress(count(), map(is_not, places[1], last.places[1])),
            }
            visible, found = self._again(last, people, changed)
        else:
            visible = self._visible(people)
            found = list(compress(people, visible))
        index = last.index if last is not None and last.people is people else None
        kept["in_sight"] = _LastLook(people, here, moves, places, visible, found, index)
        return list(found)

    def _again(
        self, last: _LastLook, people: list[Person], changed: set[int]
    ) -> tuple[list[bool], list[Person]]:
        """The last answer with the people at these places in the list looked at again."""
        if not changed:
            return last.visible, last.found
        visible = list(last.visible)
        order = list(changed)
        for index, seen in zip(order, self._visible([people[i] for i in order]), strict=True):
            visible[index] = seen
        return visible, list(compress(people, visible))

    def _search(self, people: list[Person]) -> list[Person]:
        """The people of the list present on a tile in view."""
        return list(compress(people, self._visible(people)))

    def _visible(self, people: list[Person]) -> list[bool]:
        """For each person, whether they are present on a tile in view: one loop over them all,
        with the sight lines already walked."""
        origin, building = self.origin, self.building
        floor, ox, oy = origin.floor, origin.x, origin.y
        width, height = building.width, building.height
        base = ((floor * height + oy) * width + ox) * width * height
        if building.door_version != self._version:
            self._version, self._seen = building.door_version, _sight_lines(building)
        seen = self._seen
        known = seen.get
        walked = _doors_on_lines(building)
        reach = SIGHT_RANGE * SIGHT_RANGE  # whole tiles: the same test as `distance(...) > range`
        visible = []
        for person in people:
            if not person.present:
                visible.append(False)
                continue
            tile = person.position
            dx, dy = tile.x - ox, tile.y - oy
            if tile.floor != floor or dx * dx + dy * dy > reach:
                visible.append(False)
                continue
            key = base + tile.y * width + tile.x
            clear = known(key)
            if clear is None:  # `line_of_sight`, its caches fetched once for everyone asked about
                if len(seen) >= _SIGHT_LIMIT:
                    seen.clear()
                clear = seen[key] = _clear_through_doors(building, walked, key, origin, tile)
            visible.append(clear)
        return visible


class _LastLook(NamedTuple):
    """The last answer of `InSight.among` in a building, and what it was worked out from (a named
    tuple: one is made at every look)."""

    people: list[Person]
    here: tuple[Position, int]
    moves: int | None
    places: tuple[tuple[Position, ...], tuple[bool, ...]] | None
    """Where everyone stood and whether they were on scene (None when the world said who moved)."""
    visible: list[bool]
    found: list[Person]
    index: dict[int, int] | None = None
    """Where each person is in `people`, by `id` (made once a world has said who moved)."""


_WHERE, _HERE = attrgetter("position"), attrgetter("present")
"""Where someone is and whether they are on scene: all that decides whether they are in view."""


@dataclass(frozen=True, slots=True)
class _Standing:
    """Someone on a tile, for asking whether the tile alone is in sight (`tile in InSight(...)`)."""

    position: Position
    present: bool = True


def field_of_view(building: Building, origin: Position, radius: int = SIGHT_RANGE) -> set[Position]:
    """Every tile the person at origin can see, walls included (rays to the edge of a square)."""
    tiles = _positions(building, origin.floor)
    return {tiles[cell] for cell in _fov_cells(building, origin, radius)}


def _fov_cells(building: Building, origin: Position, radius: int = SIGHT_RANGE) -> set[int]:
    """`field_of_view` as cells of the origin's floor (y * width + x): cheap to compare."""
    floor, ox, oy = origin.floor, origin.x, origin.y
    width, height = building.width, building.height
    sight = building.sight_grid[floor]
    doors = building.doors
    seen = {oy * width + ox}
    # The rays share their first tiles: walking them as a tree visits each tile once, and a blocked
    # tile cuts off every ray behind it at once (the same tiles as walking ray by ray).
    stack = list(_ray_tree(radius))
    pop, push, add = stack.pop, stack.extend, seen.add
    while stack:
        dx, dy, behind = pop()
        x, y = ox + dx, oy + dy
        if not (0 <= x < width and 0 <= y < height):
            continue
        add(y * width + x)
        opaque = sight[y][x]
        if opaque == 1 or (
            opaque == 2 and doors[Position(floor, x, y)].state is not DoorState.OPEN
        ):
            continue
        push(behind)
    return seen


def floor_positions(building: Building, floor: int) -> list[Position]:
    """Every tile of a floor as a Position, by cell (y * width + x), made once per level."""
    return _positions(building, floor)


_POSITIONS: dict[tuple[int, int], tuple[list, list[Position]]] = {}


def _positions(building: Building, floor: int) -> list[Position]:
    """Every tile of a floor as a Position, row by row, made once per level (kept with its grid)."""
    grid = building.sight_grid[floor]
    key = (id(grid), floor)
    found = _POSITIONS.get(key)
    if found is None or found[0] is not grid:
        if len(_POSITIONS) >= 16:
            _POSITIONS.clear()
        tiles = [
            Position(floor, x, y) for y in range(building.height) for x in range(building.width)
        ]
        found = _POSITIONS[key] = (grid, tiles)
    return found[1]


@lru_cache(maxsize=8)
def _ray_tree(radius: int) -> tuple:
    """`_rays` as a tree: (dx, dy, the tiles behind it on any ray through it) from the centre out."""
    root: dict = {}
    for offsets in _rays(radius):
        node = root
        for offset in offsets:
            node = node.setdefault(offset, {})

    def build(node: dict) -> tuple:
        return tuple((dx, dy, build(child)) for (dx, dy), child in node.items())

    return build(root)


@lru_cache(maxsize=8)
def _rays(radius: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The tile offsets of every ray from the centre to the edge of a square, cut to a circle."""
    rays = []
    r2 = radius * radius
    for i in range(-radius, radius + 1):
        for ex, ey in ((i, -radius), (i, radius), (-radius, i), (radius, i)):
            offsets = tuple((x, y) for x, y in line(0, 0, ex, ey)[1:] if x * x + y * y <= r2)
            rays.append(offsets)
    return tuple(rays)


@dataclass(frozen=True, slots=True)
class Sound:
    """How one gunshot reaches a listener: loudness 0..1, bearing and rough distance."""

    loudness: float
    bearing: int
    direction: str
    distance: str
    floor: str


def hear_gunshot(building: Building, source: Position, listener: Position) -> Sound | None:
    """How a gunshot at source sounds to the listener, or None when it is too faint to hear."""
    dist = distance(source.x, source.y, listener.x, listener.y)
    muffling = 0
    if source.floor == listener.floor:
        for x, y in line(source.x, source.y, listener.x, listener.y)[1:-1]:
            if building.muffles(source.floor, x, y):
                muffling += 1
        floor_word = "same floor"
    else:
        muffling = 3 * abs(source.floor - listener.floor)
        floor_word = "above" if source.floor > listener.floor else "below"
    # A gunshot indoors is heard across a whole school: walls muffle it, they do not silence it.
    loudness = 1.0 / (1.0 + dist / 40.0) * (0.85 ** min(muffling, 10))
    if loudness < 0.03:
        return None
    heading = bearing(listener.x, listener.y, source.x, source.y)
    band = "close" if loudness > 0.55 else "near" if loudness > 0.3 else "distant"
    return Sound(round(loudness, 3), heading, compass(heading), band, floor_word)
