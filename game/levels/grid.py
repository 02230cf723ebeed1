"""The padded map as tiles: what is where, what can be walked, and what connects to what."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from functools import cached_property

from game.core.level import WALKABLE, Floor, LegendEntry, Position, Rect, TileKind


class Grid:
    """Read-only tile lookups over a level's padded floors."""

    def __init__(self, floors: tuple[Floor, ...], legend: tuple[LegendEntry, ...]) -> None:
        self.floors = floors
        self.kinds = {entry.symbol: entry.kind for entry in legend}
        self.height = len(floors[0].rows) if floors else 0
        self.width = len(floors[0].rows[0]) if floors and floors[0].rows else 0

    def inside(self, position: Position) -> bool:
        """Whether the tile lies on the map."""
        return (
            0 <= position.floor < len(self.floors)
            and 0 <= position.x < self.width
            and 0 <= position.y < self.height
        )

    def rect_inside(self, rect: Rect) -> bool:
        """Whether the whole rectangle lies on the map."""
        return self.inside(Position(rect.floor, rect.x1, rect.y1)) and self.inside(
            Position(rect.floor, rect.x2, rect.y2)
        )

    def kind(self, position: Position) -> TileKind:
        """The tile's kind (VOID outside the map or for an unknown symbol)."""
        if not self.inside(position):
            return TileKind.VOID
        symbol = self.floors[position.floor].rows[position.y][position.x]
        return self.kinds.get(symbol, TileKind.VOID)

    def walkable(self, position: Position) -> bool:
        """Whether a person can stand on the tile."""
        return self.kind(position) in WALKABLE

    def reachable(self, starts: Iterable[Position]) -> set[tuple[int, int, int]]:
        """Every walkable tile connected to the starts, as (floor, x, y) (4-way moves; stairs link floors)."""
        walk = self.walkable_grid
        stairs = self._stairs_grid()
        width, height, floors = self.width, self.height, len(self.floors)
        seen = {(p.floor, p.x, p.y) for p in starts if self.inside(p) and walk[p.floor][p.y][p.x]}
        queue = deque(seen)
        while queue:
            f, x, y = queue.popleft()
            steps = [(f, x + 1, y), (f, x - 1, y), (f, x, y + 1), (f, x, y - 1)]
            if stairs[f][y][x]:
                steps += [(g, x, y) for g in (f - 1, f + 1) if 0 <= g < floors and stairs[g][y][x]]
            for step in steps:
                sf, sx, sy = step
                if 0 <= sx < width and 0 <= sy < height and step not in seen and walk[sf][sy][sx]:
                    seen.add(step)
                    queue.append(step)
        return seen

    @cached_property
    def walkable_grid(self) -> list[list[list[bool]]]:
        """Per floor, row and column: whether a person can stand there."""
        walkable = {symbol for symbol, kind in self.kinds.items() if kind in WALKABLE}
        return [[[c in walkable for c in row] for row in floor.rows] for floor in self.floors]

    def _stairs_grid(self) -> list[list[list[bool]]]:
        stairs = {symbol for symbol, kind in self.kinds.items() if kind is TileKind.STAIRS}
        return [[[c in stairs for c in row] for row in floor.rows] for floor in self.floors]
