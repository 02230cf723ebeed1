"""What the trainee can see now, what they saw before, and what they never saw (fog of war)."""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.client import palette
from game.core.building import Building
from game.core.geometry import distance, line
from game.core.level import DoorState, Position
from game.core.perception import SIGHT_RANGE

REMEMBERED_ALPHA = 150
UNSEEN_ALPHA = 255
KEPT_SIGHTS = 64
"""How many recent (tile, doors) sights are kept, so walking back and forth costs nothing."""


def visible_tiles(building: Building, origin: Position) -> set[Position]:
    """Every tile `line_of_sight` reaches from origin (the engine's test of who is seen), tile by tile.

    The same line test, with the lines worked out once as offsets (a line does not change when both
    ends move together), so a step costs a few milliseconds; a test holds it to `line_of_sight`.
    """
    floor, ox, oy = origin.floor, origin.x, origin.y
    width, height = building.width, building.height
    sight = building.sight_grid[floor]
    doors = building.doors
    seen = []
    for dx, dy, between in _sight_lines(SIGHT_RANGE):
        x, y = ox + dx, oy + dy
        if not (0 <= x < width and 0 <= y < height):
            continue
        for ix, iy in between:
            opaque = sight[oy + iy][ox + ix]
            if opaque == 1 or (
                opaque == 2 and doors[Position(floor, ox + ix, oy + iy)].state is not DoorState.OPEN
            ):
                break
        else:
            seen.append(Position(floor, x, y))
    return set(seen)


@lru_cache(maxsize=4)
def _sight_lines(reach: int) -> tuple[tuple[int, int, tuple[tuple[int, int], ...]], ...]:
    """(dx, dy, the tiles strictly between) of every line of sight within reach of a tile."""
    return tuple(
        (dx, dy, tuple(line(0, 0, dx, dy)[1:-1]))
        for dy in range(-reach, reach + 1)
        for dx in range(-reach, reach + 1)
        if distance(0, 0, dx, dy) <= reach
    )


class Fog:
    """Visible and remembered tiles, and a cached overlay per floor."""

    def __init__(self, building: Building) -> None:
        self.building = building
        self.visible: set[Position] = set()
        self.seen: set[Position] = set()
        self._key: tuple[Position, int] | None = None
        self._overlays: dict[tuple[int, ...], pygame.Surface] = {}
        self._sights: dict[tuple[Position, int], frozenset[Position]] = {}
        self.version = 0

    def __getstate__(self) -> dict[str, object]:
        """What a copy keeps (a review's keyframes): the tiles seen, not the drawn overlays."""
        state = dict(self.__dict__)
        state["_overlays"] = {}
        state["_sights"] = {}
        return state

    def update(self, position: Position | None, doors_version: int = 0) -> bool:
        """Recompute sight from the trainee's tile when it (or a door) changed; True when it changed."""
        if position is None:
            if self.visible:
                self.visible = set()
                self.version += 1
                self._overlays.clear()
                return True
            return False
        key = (position, doors_version)
        if key == self._key:
            return False
        self._key = key
        sight = self._sights.pop(key, None)
        if sight is None:
            sight = frozenset(visible_tiles(self.building, position))
            if len(self._sights) >= KEPT_SIGHTS:
                del self._sights[next(iter(self._sights))]
        self._sights[key] = sight
        self.visible = set(sight)
        self.seen |= self.visible
        self.version += 1
        self._overlays.clear()
        return True

    def state(self, position: Position) -> str:
        """ "visible", "remembered" or "unseen"."""
        if position in self.visible:
            return "visible"
        return "remembered" if position in self.seen else "unseen"

    def overlay(self, floor: int, tile: int) -> pygame.Surface:
        """A map-sized surface that darkens remembered tiles and blacks out unseen ones."""
        small = self._small(floor)
        return pygame.transform.scale(
            small, (self.building.width * tile, self.building.height * tile)
        )

    def overlay_part(
        self, floor: int, tile: int, tiles: pygame.Rect
    ) -> tuple[pygame.Surface, tuple[int, int]]:
        """The overlay for a rectangle of tiles only, and its top-left in map pixels.

        Scaling only what the view shows keeps a frame cheap on large maps.
        """
        tiles = tiles.clip(pygame.Rect(0, 0, self.building.width, self.building.height))
        key = (floor, tile, tiles.x, tiles.y, tiles.w, tiles.h)
        cached = self._overlays.get(key)
        if cached is None:
            part = self._small(floor).subsurface(tiles)
            cached = pygame.transform.scale(part, (tiles.w * tile, tiles.h * tile))
            self._overlays = {k: v for k, v in self._overlays.items() if len(k) == 2}
            self._overlays[key] = cached
        return cached, (tiles.x * tile, tiles.y * tile)

    def _small(self, floor: int) -> pygame.Surface:
        key = (floor, 0)
        if key not in self._overlays:
            small = pygame.Surface((self.building.width, self.building.height), pygame.SRCALPHA)
            small.fill((*palette.FOG_UNSEEN, UNSEEN_ALPHA))
            for pos in self.seen:
                if pos.floor == floor:
                    alpha = 0 if pos in self.visible else REMEMBERED_ALPHA
                    small.set_at((pos.x, pos.y), (*palette.FOG_UNSEEN, alpha))
            self._overlays[key] = small
        return self._overlays[key]

    def known_zones(self, zone_at) -> list[str]:
        """Zone ids with any tile the trainee has seen, in first-seen-stable (sorted) order."""
        return sorted({z for z in (zone_at(p) for p in self.seen) if z})
