"""What the trainee can see now, what they saw before, and what they never saw (fog of war)."""

from __future__ import annotations

import pygame

from game.client import palette
from game.core.building import Building
from game.core.level import Position
from game.core.perception import field_of_view

REMEMBERED_ALPHA = 150
UNSEEN_ALPHA = 255


class Fog:
    """Visible and remembered tiles, and a cached overlay per floor."""

    def __init__(self, building: Building) -> None:
        self.building = building
        self.visible: set[Position] = set()
        self.seen: set[Position] = set()
        self._key: tuple[Position, int] | None = None
        self._overlays: dict[tuple[int, ...], pygame.Surface] = {}
        self.version = 0

    def __getstate__(self) -> dict[str, object]:
        """What a copy keeps (a review's keyframes): the tiles seen, not the drawn overlays."""
        state = dict(self.__dict__)
        state["_overlays"] = {}
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
        self.visible = field_of_view(self.building, position)
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
