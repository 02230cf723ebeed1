"""What a script is checked against: the ids, zones, variants and map of its level."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.level import Level, Position, TileKind, ZoneKind


@dataclass(frozen=True, slots=True)
class LevelFacts:
    """What a script is checked against: the level's ids, zones, variants and map."""

    zones: dict[str, ZoneKind]
    people: tuple[str, ...]
    variants: dict[str, tuple[str, ...]]
    floor_names: tuple[str, ...]
    tiles: tuple[tuple[tuple[TileKind, ...], ...], ...]
    duration: int

    @staticmethod
    def of(level: Level) -> LevelFacts:
        """The facts of a loaded level."""
        people = level.person_ids()
        kinds = {entry.symbol: entry.kind for entry in level.legend}
        tiles = tuple(
            tuple(tuple(kinds.get(c, TileKind.VOID) for c in row) for row in floor.rows)
            for floor in level.floors
        )
        return LevelFacts(
            zones={z.id: z.kind for z in level.zones},
            people=tuple(dict.fromkeys(people)),
            variants={g.id: tuple(o.id for o in g.options) for g in level.variants},
            floor_names=tuple(f.name for f in level.floors),
            tiles=tiles,
            duration=level.duration,
        )

    def tile(self, position: Position) -> TileKind | None:
        """The kind of a tile, or None when it is off the map."""
        if not 0 <= position.floor < len(self.tiles):
            return None
        rows = self.tiles[position.floor]
        if not 0 <= position.y < len(rows) or not 0 <= position.x < len(rows[position.y]):
            return None
        return rows[position.y][position.x]
