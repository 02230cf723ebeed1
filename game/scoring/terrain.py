"""The level's map as scoring reads it: path distances, zones, cover and pace (geometry, not what happened)."""

from __future__ import annotations

from game.core.building import Building
from game.core.geometry import distance
from game.core.level import TICK_RATE, DoorState, Level, Position, TileKind, ZoneKind
from game.core.pathfinding import cell_distance_field
from game.core.people import RUN_SPEED, STEP_COST, WALK_SPEED

RUN_TILES_PER_SECOND = RUN_SPEED * TICK_RATE / STEP_COST
WALK_TILES_PER_SECOND = WALK_SPEED * TICK_RATE / STEP_COST
PROTECTING = frozenset({TileKind.WALL, TileKind.COVER, TileKind.CONCEALMENT, TileKind.PARTITION})


class Terrain:
    """Distances and cover on the level's map, cached for one assessment (`Facts` is one)."""

    level: Level
    _terrain_cache: dict

    @property
    def building(self) -> Building:
        """The level's building with every door open (distances as if any door could be breached)."""
        cache = self._terrain_cache
        if "building" not in cache:
            building = Building(self.level)
            for door in building.doors.values():
                building.set_door_state(door, DoorState.OPEN)
            cache["building"] = building
        return cache["building"]

    def path_cost(self, a: Position, b: Position) -> float:
        """Path cost between two tiles (10 a tile), through any door; straight line when no path."""
        fields = self._terrain_cache.setdefault("fields", {})
        field = fields.get(b)
        building = self.building
        if field is None:
            field = cell_distance_field(building, [b])
            fields[b] = field
        cost = field.get(building.cell(a)) if building.inside_map(a) else None
        if cost is not None:
            return float(cost)
        return 10 * distance(a.x, a.y, b.x, b.y) + 200 * abs(a.floor - b.floor)

    def zone_of(self, position: Position) -> str:
        """The id of the first zone holding a tile, or ''."""
        for zone in self.level.zones:
            if zone.contains(position):
                return zone.id
        return ""

    def zone_kind(self, zone_id: str) -> ZoneKind | None:
        """A zone's kind, or None for an unknown id."""
        return next((z.kind for z in self.level.zones if z.id == zone_id), None)

    def near_protection(self, here: Position, reach: int) -> bool:
        """Whether a wall, cover or concealment lies within `reach` tiles."""
        cache = self._terrain_cache.setdefault(f"near_protection:{reach}", {})
        if here not in cache:
            cache[here] = any(
                self.building.kind(Position(here.floor, here.x + dx, here.y + dy)) in PROTECTING
                for dx in range(-reach, reach + 1)
                for dy in range(-reach, reach + 1)
            )
        return cache[here]

    def cover_within(self, origin: Position, reach: int) -> bool:
        """Whether a tile from which cover can be taken lies within `reach` tiles."""
        cache = self._terrain_cache.setdefault(f"cover_within:{reach}", {})
        if origin not in cache:
            cache[origin] = any(
                self.building.walkable(tile) and self.building.protection(tile)[0] == "cover"
                for dx in range(-reach, reach + 1)
                for dy in range(-reach, reach + 1)
                for tile in (Position(origin.floor, origin.x + dx, origin.y + dy),)
            )
        return cache[origin]

    def is_doorway(self, position: Position) -> bool:
        """Whether a tile is a door (the "fatal funnel")."""
        return self.building.kind(position) is TileKind.DOOR

    def jog_seconds(self, a: Position, b: Position) -> float:
        """Seconds a fast jog takes along the shortest path between two tiles."""
        return self.path_cost(a, b) / 10 / RUN_TILES_PER_SECOND

    def walk_seconds(self, a: Position, b: Position) -> float:
        """Seconds a deliberate walk takes along the shortest path between two tiles."""
        return self.path_cost(a, b) / 10 / WALK_TILES_PER_SECOND
