"""The level's map as scoring reads it: path distances, zones, cover and pace (geometry, not what happened)."""

from __future__ import annotations

from game.core.building import Building
from game.core.geometry import distance
from game.core.layouts import connected_parts
from game.core.level import TICK_RATE, DoorState, Level, Position, TileKind, ZoneKind
from game.core.pathfinding import DistanceFrom
from game.core.people import RUN_SPEED, STEP_COST, WALK_SPEED

RUN_TILES_PER_SECOND = RUN_SPEED * TICK_RATE / STEP_COST
WALK_TILES_PER_SECOND = WALK_SPEED * TICK_RATE / STEP_COST
PROTECTING = frozenset({TileKind.WALL, TileKind.COVER, TileKind.CONCEALMENT, TileKind.PARTITION})


class Terrain:
    """Distances and cover on the level's map (`Facts` is one), worked out once per level."""

    level: Level

    @property
    def building(self) -> Building:
        """The level's building with every door open (distances as if any door could be breached)."""
        return _level_map(self.level).building

    def path_cost(self, a: Position, b: Position) -> float:
        """Path cost between two tiles (10 a tile), through any door; straight line when no path."""
        cost = _level_map(self.level).path_cost(a, b)
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
        cache = _level_map(self.level).cache(f"near_protection:{reach}")
        if here not in cache:
            cache[here] = any(
                self.building.kind(Position(here.floor, here.x + dx, here.y + dy)) in PROTECTING
                for dx in range(-reach, reach + 1)
                for dy in range(-reach, reach + 1)
            )
        return cache[here]

    def cover_within(self, origin: Position, reach: int) -> bool:
        """Whether a tile from which cover can be taken lies within `reach` tiles."""
        cache = _level_map(self.level).cache(f"cover_within:{reach}")
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


class _LevelMap:
    """What scoring asks of one level's map, worked out once per level and shared by every run of it."""

    def __init__(self, level: Level) -> None:
        self.level = level
        building = Building(level)
        for door in building.doors.values():
            building.set_door_state(door, DoorState.OPEN)
        self.building = building
        self.parts = connected_parts(building)
        self.searches: dict[int, DistanceFrom] = {}
        self.asked: dict[int, int] = {}
        self._answers: dict[str, dict] = {}

    def cache(self, question: str) -> dict:
        """The answers kept for one question about the map (tile -> answer)."""
        answers = self._answers.setdefault(question, {})
        if len(answers) >= _MAX_ANSWERS:
            answers.clear()
        return answers

    def path_cost(self, a: Position, b: Position) -> int | None:
        """The shortest path cost from `a` to `b`, or None when there is none."""
        building = self.building
        if not (building.inside_map(a) and building.inside_map(b)):
            return None
        start, goal = building.cell(a), building.cell(b)
        parts = self.parts
        if parts[start] < 0 or (parts[goal] >= 0 and parts[goal] != parts[start]):
            return None  # known at once, where a search would cover a whole part of the map
        searches, asked = self.searches, self.asked
        asked[start] = asked.get(start, 0) + 1
        asked[goal] = asked.get(goal, 0) + 1
        if goal in searches:
            return searches[goal].cost_to(start)
        if parts[goal] >= 0:  # both ends may be stood on: the cost is the same either way
            if start in searches:
                return searches[start].cost_to(goal)
            if asked[start] > asked[goal]:
                start, goal = goal, start  # search from the end asked about most
        if len(searches) * len(parts) >= _MAX_SEARCH_CELLS:
            searches.clear()
            self.asked.clear()
        search = searches[goal] = DistanceFrom(building, goal)
        return search.cost_to(start)


_MAX_ANSWERS = 200_000
"""Answers one question about a level's map keeps (a batch of many seeds asks for far fewer)."""
_MAX_SEARCH_CELLS = 4_000_000
"""Cells of the searches kept per level, about 20 MB (a search per gunfire position, shared by runs)."""
_LEVEL_MAPS: dict[int, _LevelMap] = {}
_MAX_LEVEL_MAPS = 4


def _level_map(level: Level) -> _LevelMap:
    """The shared map of a level (held with the level, so the key stays its own)."""
    found = _LEVEL_MAPS.get(id(level))
    if found is None or found.level is not level:
        if len(_LEVEL_MAPS) >= _MAX_LEVEL_MAPS:
            _LEVEL_MAPS.pop(next(iter(_LEVEL_MAPS)))
        found = _LEVEL_MAPS[id(level)] = _LevelMap(level)
    return found
