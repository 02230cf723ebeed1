"""The padded map as tiles: what is where, what can be walked, and what connects to what."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from game.core.level import Floor, LegendEntry, Position, Rect, TileKind

WALKABLE = frozenset({TileKind.FLOOR, TileKind.GROUND, TileKind.STAIRS, TileKind.DOOR})
"""Tile kinds a person can stand on (doors in any state: a locked door can be breached)."""


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

    def reachable(self, starts: Iterable[Position]) -> set[Position]:
        """Every walkable tile connected to the starts (4-way moves; stairs link floors)."""
        seen = {start for start in starts if self.walkable(start)}
        queue = deque(seen)
        while queue:
            here = queue.popleft()
            for step in self._neighbours(here):
                if step not in seen and self.walkable(step):
                    seen.add(step)
                    queue.append(step)
        return seen

    def _neighbours(self, here: Position) -> list[Position]:
        """The tiles one move away; from stairs, also stairs at the same x, y one floor up or down."""
        f, x, y = here.floor, here.x, here.y
        steps = [
            Position(f, x + 1, y),
            Position(f, x - 1, y),
            Position(f, x, y + 1),
            Position(f, x, y - 1),
        ]
        if self.kind(here) is TileKind.STAIRS:
            for other in (Position(f - 1, x, y), Position(f + 1, x, y)):
                if self.kind(other) is TileKind.STAIRS:
                    steps.append(other)
        return steps
