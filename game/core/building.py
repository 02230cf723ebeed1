"""The building: tiles of every floor, doors and their states, and what blocks movement, sight and rounds."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from game.core.level import WALKABLE, DoorState, Level, Position, TileKind

_BLOCKS_SIGHT = frozenset(
    {TileKind.WALL, TileKind.PARTITION, TileKind.COVER, TileKind.CONCEALMENT, TileKind.VOID}
)
_STOPS_ROUNDS = frozenset({TileKind.WALL, TileKind.COVER, TileKind.VOID})
_INSIDE = frozenset({TileKind.FLOOR, TileKind.STAIRS})
_WALK_CELL = {TileKind.FLOOR: 1, TileKind.GROUND: 1, TileKind.DOOR: 2, TileKind.STAIRS: 3}


@dataclass(slots=True)
class Door:
    """A door in the building; its state changes as people open, lock and breach it."""

    at: Position
    state: DoorState
    breach_ticks: int
    name: str


class Building:
    """Static tiles plus mutable door states; answers movement, sight and ballistics questions."""

    def __init__(self, level: Level) -> None:
        tiles = _tiles_of(level)
        self.floor_names = tiles.floor_names
        self.height = tiles.height
        self.width = tiles.width
        self._kinds = tiles.kinds
        self._names = tiles.names
        self.sight_grid = tiles.sight_grid
        """Per floor, row and column: 0 see-through, 1 opaque, 2 a door (opaque unless open)."""
        self.walk_cells = tiles.walk_cells
        """Flat by cell index (floor, row, column): 0 blocked, 1 walkable, 2 door, 3 stairs."""
        self.doors: dict[Position, Door] = {
            at: Door(at, state, breach_ticks, name) for at, state, breach_ticks, name in tiles.doors
        }
        self.door_version = 0
        """Counts every change of a door's state, so that callers can cache what doors decide."""
        self.lock_version = 0
        """Counts doors locked or unlocked (breached): routes that go through closed doors change then."""

    def cell(self, position: Position) -> int:
        """The flat cell index of a tile (see `walk_cells`)."""
        return (position.floor * self.height + position.y) * self.width + position.x

    def position_of(self, cell: int) -> Position:
        """The tile of a flat cell index."""
        rest, x = divmod(cell, self.width)
        floor, y = divmod(rest, self.height)
        return Position(floor, x, y)

    def set_door_state(self, door: Door, state: DoorState) -> None:
        """Open, close or lock a door."""
        if door.state is not state:
            if DoorState.LOCKED in (door.state, state):
                self.lock_version += 1
            door.state = state
            self.door_version += 1

    @property
    def floors(self) -> int:
        """How many floors the building has."""
        return len(self._kinds)

    def kind(self, position: Position) -> TileKind:
        """The tile's kind; outside the map is void."""
        if not self.inside_map(position):
            return TileKind.VOID
        return self._kinds[position.floor][position.y][position.x]

    def kind_at(self, floor: int, x: int, y: int) -> TileKind:
        """The tile's kind from raw coordinates (the hot path of sight and ballistics)."""
        if 0 <= x < self.width and 0 <= y < self.height:
            return self._kinds[floor][y][x]
        return TileKind.VOID

    def name(self, position: Position) -> str:
        """What the tile is called in the legend ("vehicle", "lockers")."""
        return self._names.get(position, self.kind(position).value)

    def inside_map(self, position: Position) -> bool:
        """Whether the position is on the map."""
        return (
            0 <= position.floor < len(self._kinds)
            and 0 <= position.x < self.width
            and 0 <= position.y < self.height
        )

    def walkable(self, position: Position, can_open_doors: bool = True) -> bool:
        """Whether a person may stand on the tile now (locked doors never; closed ones if they open them)."""
        kind = self.kind(position)
        if kind not in WALKABLE:
            return False
        if kind is TileKind.DOOR:
            state = self.doors[position].state
            if state is DoorState.LOCKED:
                return False
            if state is DoorState.CLOSED and not can_open_doors:
                return False
        return True

    def passable_ever(self, position: Position) -> bool:
        """Whether the tile could be walked once doors are opened or breached."""
        return self.kind(position) in WALKABLE

    def blocks_sight(self, floor: int, x: int, y: int) -> bool:
        """Walls, partitions, objects and closed doors block sight; windows and open doors do not."""
        if not (0 <= x < self.width and 0 <= y < self.height):
            return True
        opaque = self.sight_grid[floor][y][x]
        if opaque == 2:
            return self.doors[Position(floor, x, y)].state is not DoorState.OPEN
        return opaque == 1

    def stops_rounds(self, floor: int, x: int, y: int) -> bool:
        """Block walls and cover objects stop rounds (drywall, doors and furniture only may: `conceals`)."""
        return self.kind_at(floor, x, y) in _STOPS_ROUNDS

    def conceals(self, floor: int, x: int, y: int) -> bool:
        """Whether the tile hides but may not stop a round: drywall, furniture, a door not open."""
        kind = self.kind_at(floor, x, y)
        if kind is TileKind.DOOR:
            return self.doors[Position(floor, x, y)].state is not DoorState.OPEN
        return kind in (TileKind.PARTITION, TileKind.CONCEALMENT)

    def muffles(self, floor: int, x: int, y: int) -> bool:
        """Whether the tile dampens sound passing through it (any wall, partition or closed door)."""
        kind = self.kind_at(floor, x, y)
        if kind is TileKind.DOOR:
            return self.doors[Position(floor, x, y)].state is not DoorState.OPEN
        return kind in (TileKind.WALL, TileKind.PARTITION)

    def is_inside(self, position: Position) -> bool:
        """Whether the tile is inside the building (floor or stairs, not outside ground)."""
        return self.kind(position) in _INSIDE

    def protection(self, position: Position) -> tuple[str, str]:
        """The best protection next to a tile: ("cover"|"concealment"|"open", object name)."""
        best, name = "open", ""
        for neighbour in self.neighbours8(position):
            kind = self.kind(neighbour)
            if kind in (TileKind.WALL, TileKind.COVER):
                return "cover", self.name(neighbour)
            if kind in (TileKind.PARTITION, TileKind.CONCEALMENT) or (
                kind is TileKind.DOOR and self.doors[neighbour].state is not DoorState.OPEN
            ):
                best, name = "concealment", self.name(neighbour)
        return best, name

    def neighbours8(self, position: Position) -> list[Position]:
        """The eight surrounding tiles on the same floor, in a fixed order."""
        return [
            Position(position.floor, position.x + dx, position.y + dy)
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            if dx or dy
        ]

    def adjacent_doors(self, position: Position) -> list[Door]:
        """Doors next to (or under) a tile, nearest first in a fixed order."""
        kept = kept_for(self)
        near: dict[Position, tuple[Door, ...]] | None = kept.get("adjacent_doors")
        if near is None:
            near = kept["adjacent_doors"] = {}  # which doors are near a tile never changes
        found = near.get(position)
        if found is None:
            doors = self.doors
            found = near[position] = tuple(
                doors[tile] for tile in (position, *self.neighbours8(position)) if tile in doors
            )
        return list(found)

    def stairs_links(self, position: Position) -> list[Position]:
        """The stair tiles at the same place on the floors above and below."""
        if self.kind(position) is not TileKind.STAIRS:
            return []
        links = []
        for floor in (position.floor - 1, position.floor + 1):
            other = Position(floor, position.x, position.y)
            if 0 <= floor < self.floors and self.kind(other) is TileKind.STAIRS:
                links.append(other)
        return links


@dataclass(frozen=True, slots=True)
class _Tiles:
    """What never changes in a level's building: worked out once per level, shared by its runs."""

    floor_names: tuple[str, ...]
    height: int
    width: int
    kinds: list[list[list[TileKind]]]
    names: dict[Position, str]
    sight_grid: list[list[list[int]]]
    walk_cells: list[int]
    doors: tuple[tuple[Position, DoorState, int, str], ...]
    level: Level


_TILES: dict[int, _Tiles] = {}
_MAX_LEVELS = 8


def kept_for(building: Building) -> dict[str, object]:
    """Scratch space for what callers work out from one building's tiles and doors (sight lines,
    paths): outside the world's state, so never saved, pickled or digested; gone with the building."""
    kept = _KEPT.get(id(building))
    if kept is None:
        kept = _KEPT[id(building)] = {}
        weakref.finalize(building, _KEPT.pop, id(building), None)  # before the id can be reused
    return kept


_KEPT: dict[int, dict[str, object]] = {}


def _tiles_of(level: Level) -> _Tiles:
    """The static tiles of a level, read once (kept with the level, so the key stays its own)."""
    found = _TILES.get(id(level))
    if found is not None and found.level is level:
        return found
    symbols = {entry.symbol: entry for entry in level.legend}
    height = max(len(f.rows) for f in level.floors)
    width = max((len(r) for f in level.floors for r in f.rows), default=0)
    kinds_by_floor: list[list[list[TileKind]]] = []
    names: dict[Position, str] = {}
    doors = []
    for index, floor in enumerate(level.floors):
        grid = []
        for y in range(height):
            row = floor.rows[y] if y < len(floor.rows) else ""
            kinds = []
            for x in range(width):
                entry = symbols.get(row[x] if x < len(row) else " ")
                kind = entry.kind if entry else TileKind.VOID
                kinds.append(kind)
                if entry and entry.kind is TileKind.DOOR:
                    doors.append(
                        (Position(index, x, y), entry.door_state, entry.breach_ticks, entry.name)
                    )
                if entry and entry.name:
                    names[Position(index, x, y)] = entry.name
            grid.append(kinds)
        kinds_by_floor.append(grid)
    found = _Tiles(
        floor_names=tuple(f.name for f in level.floors),
        height=height,
        width=width,
        kinds=kinds_by_floor,
        names=names,
        sight_grid=[
            [[2 if k is TileKind.DOOR else int(k in _BLOCKS_SIGHT) for k in row] for row in grid]
            for grid in kinds_by_floor
        ],
        walk_cells=[_WALK_CELL.get(k, 0) for grid in kinds_by_floor for row in grid for k in row],
        doors=tuple(doors),
        level=level,
    )
    if len(_TILES) >= _MAX_LEVELS:
        _TILES.pop(next(iter(_TILES)))
    _TILES[id(level)] = found
    return found
