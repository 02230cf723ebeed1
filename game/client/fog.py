"""What the trainee can see now, what they saw before, and what they never saw (fog of war)."""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.client import palette
from game.core.building import Building, Door
from game.core.geometry import distance, line
from game.core.level import DoorState, Position
from game.core.perception import SIGHT_RANGE, floor_positions

REMEMBERED_ALPHA = 150
UNSEEN_ALPHA = 255
KEPT_SIGHTS = 64
"""How many recent (tile, doors) sights are kept, so walking back and forth costs nothing."""
FORESIGHT_TILES = 600
"""Tiles of a sight from the next step walked in a frame between ticks (about a quarter of one)."""
MAX_KEPT_PIXELS = 4_000_000
"""Largest map (in pixels) whose fogged picture is kept and updated tile by tile (16 MB, twice: the
picture and the map as remembered); a larger map's fog is scaled for the part in view instead."""


def visible_tiles(building: Building, origin: Position) -> set[Position]:
    """Every tile `line_of_sight` reaches from origin (the engine's test of who is seen), tile by tile.

    The same line test, with the lines worked out once as offsets (a line does not change when both
    ends move together), so a step costs a few milliseconds; a test holds it to `line_of_sight`.
    """
    tiles = floor_positions(building, origin.floor)
    return {tiles[cell] for cell in visible_cells(building, origin)}


def visible_cells(building: Building, origin: Position) -> frozenset[int]:
    """`visible_tiles` as cells of the origin's floor (y * width + x): cheap to compare."""
    return SightWalk(building, origin).walk()


class SightWalk:
    """`visible_cells` worked out a part at a time: `walk(budget)` goes on where it stopped."""

    __slots__ = ("_doors", "_seen", "_stack", "building", "origin")

    def __init__(self, building: Building, origin: Position) -> None:
        self.building = building
        self.origin = origin
        self._doors: list[tuple[Door, DoorState]] = []
        """The doors the walk has come to, as they were then: all its answer depends on (`holds`)."""
        width, height = building.width, building.height
        ox, oy = origin.x, origin.y
        targets, branches = _sight_tree(SIGHT_RANGE)
        self._seen = [
            (oy + dy) * width + ox + dx
            for dx, dy in targets
            if 0 <= ox + dx < width and 0 <= oy + dy < height
        ]
        self._stack = list(branches)

    def walk(self, budget: int = -1) -> frozenset[int] | None:
        """Walk on for at most `budget` tiles between (all when negative): the cells in sight once
        the walk is done, else None."""
        origin, building = self.origin, self.building
        floor, ox, oy = origin.floor, origin.x, origin.y
        width, height = building.width, building.height
        sight = building.sight_grid[floor]
        doors = building.doors
        seen, stack, met = self._seen, self._stack, self._doors.append
        # The lines share the tiles they pass first: walked as a tree, each tile between is tested
        # once, and an opaque one hides at once every tile whose line passes it (the same tiles as
        # line by line).
        while stack and budget:
            budget -= 1
            ix, iy, ends, behind = stack.pop()
            x, y = ox + ix, oy + iy
            if not (0 <= x < width and 0 <= y < height):
                continue  # every line through a tile off the map ends off the map too
            opaque = sight[y][x]
            if opaque == 2:
                door = doors[Position(floor, x, y)]
                met((door, door.state))
                if door.state is not DoorState.OPEN:
                    continue
            elif opaque == 1:
                continue
            for dx, dy in ends:
                if 0 <= ox + dx < width and 0 <= oy + dy < height:
                    seen.append((oy + dy) * width + ox + dx)
            stack.extend(behind)
        return None if stack else frozenset(seen)

    def holds(self) -> bool:
        """Whether every door the walk has come to is still as it was: then the walk's answer is
        the one a walk begun now would give (a door it never came to cannot change what it sees)."""
        return all(door.state is state for door, state in self._doors)


@lru_cache(maxsize=4)
def _sight_tree(reach: int) -> tuple[tuple, tuple]:
    """`_sight_lines` as a tree of the tiles between: (the ends with nothing between, the branches),
    a branch being (dx, dy of a tile between, the ends whose line stops there, the branches behind)."""
    root: dict = {"ends": [], "next": {}}
    for dx, dy, between in _sight_lines(reach):
        node = root
        for offset in between:
            node = node["next"].setdefault(offset, {"ends": [], "next": {}})
        node["ends"].append((dx, dy))

    def branches(node: dict) -> tuple:
        return tuple(
            (ix, iy, tuple(child["ends"]), branches(child))
            for (ix, iy), child in node["next"].items()
        )

    return tuple(root["ends"]), branches(root)


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
        self._visible: set[Position] | None = set()
        self.seen: set[Position] = set()
        self._cells: tuple[int, frozenset[int]] = (0, frozenset())
        """The visible tiles as (floor, cells): what changed is found without hashing positions."""
        self._seen_kept: set[Position] | None = None
        self._sights: dict[tuple[Position, int], frozenset[int]] = {}
        self._key: tuple[Position, int] | None = None
        self._foreseen: SightWalk | None = None
        """The sight from the tile the trainee is about to step onto, being worked out (`foresee`)."""
        self._overlays: dict[tuple[int, ...], pygame.Surface] = {}
        self._pictures: dict[
            tuple[int, int], tuple[pygame.Surface, pygame.Surface, pygame.Surface]
        ] = {}
        """Per floor and tile size: the map drawn, the map as remembered (dimmed), and the picture."""
        self.version = 0

    def __getstate__(self) -> dict[str, object]:
        """What a copy keeps (a review's keyframes): the tiles seen, not the drawn overlays."""
        state = dict(self.__dict__)
        state["_overlays"] = {}
        state["_pictures"] = {}
        state["_sights"] = {}
        state["_foreseen"] = None
        return state

    def foresee(self, position: Position, budget: int = FORESIGHT_TILES) -> None:
        """Work on the sight from a tile the trainee is about to step onto, a part in each frame
        with time to spare, so that the frame of the step need not work it out at once."""
        walk = self._foreseen
        if walk is None or walk.origin != position or not walk.holds():
            walk = self._foreseen = SightWalk(self.building, position)
        walk.walk(budget)

    def update(self, position: Position | None, doors_version: int = 0) -> bool:
        """Recompute sight from the trainee's tile when it (or a door) changed; True when it changed."""
        if position is None:
            floor, cells = self._cells
            if cells:
                self._visible, self._cells = set(), (floor, frozenset())
                self.version += 1
                self._changed(floor, cells)
                return True
            return False
        key = (position, doors_version)
        if key == self._key:
            return False
        self._key = key
        cells = self._sights.pop(key, None)
        if cells is None:
            cells = self._foreseen_from(position)
        if cells is None:
            cells = visible_cells(self.building, position)
            if len(self._sights) >= KEPT_SIGHTS:
                del self._sights[next(iter(self._sights))]
        self._sights[key] = cells
        floor = position.floor
        tiles = floor_positions(self.building, floor)
        before_floor, before = self._cells
        self._visible, self._cells = None, (floor, cells)  # the tiles made when asked for
        if before_floor == floor and self.seen is self._seen_kept:
            self.seen.update(tiles[c] for c in cells - before)  # the rest were seen already
        else:
            self.seen |= self.visible
        self._seen_kept = self.seen
        self.version += 1
        if before_floor == floor:
            self._changed(floor, before ^ cells)
        else:
            self._changed(before_floor, before)
            self._changed(floor, cells)
        return True

    def _foreseen_from(self, position: Position) -> frozenset[int] | None:
        """The sight `foresee` began from this tile, finished now, if no door it came to has changed."""
        walk, self._foreseen = self._foreseen, None
        if walk is None or walk.origin != position or not walk.holds():
            return None
        cells = walk.walk()
        return cells if walk.holds() else None  # the rest of the walk is done with the doors as now

    @property
    def visible(self) -> set[Position]:
        """The tiles the trainee sees now."""
        if self._visible is None:
            floor, cells = self._cells
            tiles = floor_positions(self.building, floor)
            self._visible = {tiles[c] for c in cells}
        return self._visible

    def sees(self, position: Position) -> bool:
        """Whether the trainee sees the tile now (`position in visible`, without making the set)."""
        floor, cells = self._cells
        width = self.building.width
        return (
            position.floor == floor
            and 0 <= position.x < width
            and position.y * width + position.x in cells
        )

    def _changed(self, floor: int, cells: set[int]) -> None:
        """Bring what is drawn up to date for the tiles whose state changed (not the whole map)."""
        self._overlays = {k: v for k, v in self._overlays.items() if len(k) == 2}
        if not cells:
            return
        runs = self._runs(floor, cells)
        small = self._overlays.get((floor, 0))
        if small is not None:
            for x, y, length, alpha in runs:
                colour = (*palette.FOG_UNSEEN, alpha)
                for left in range(x, x + length):
                    small.set_at((left, y), colour)
        for (on, tile), (layer, dimmed, picture) in self._pictures.items():
            if on == floor:
                for x, y, length, alpha in runs:
                    self._redraw_run(layer, dimmed, picture, x, y, length, tile, alpha)

    def _runs(self, floor: int, cells: set[int]) -> list[tuple[int, int, int, int]]:
        """The changed cells as runs along a row of tiles whose fog is alike: (x, y, length, alpha).
        A step changes a few hundred tiles, mostly side by side: one copy a run, not one a tile."""
        width = self.building.width
        tiles = floor_positions(self.building, floor)
        runs: list[tuple[int, int, int, int]] = []
        start = last = -2
        alpha = -1
        for cell in sorted(cells):
            here = self._alpha(tiles[cell])
            if cell == last + 1 and cell % width and here == alpha:
                last = cell
                continue
            if start >= 0:
                runs.append((start % width, start // width, last - start + 1, alpha))
            start = last = cell
            alpha = here
        if start >= 0:
            runs.append((start % width, start // width, last - start + 1, alpha))
        return runs

    def _alpha(self, pos: Position) -> int:
        if self.sees(pos):
            return 0
        return REMEMBERED_ALPHA if pos in self.seen else UNSEEN_ALPHA

    def _redraw(
        self,
        layer: pygame.Surface,
        dimmed: pygame.Surface,
        picture: pygame.Surface,
        pos: Position,
        tile: int,
    ) -> None:
        self._redraw_run(layer, dimmed, picture, pos.x, pos.y, 1, tile, self._alpha(pos))

    def _redraw_run(
        self,
        layer: pygame.Surface,
        dimmed: pygame.Surface,
        picture: pygame.Surface,
        x: int,
        y: int,
        length: int,
        tile: int,
        alpha: int,
    ) -> None:
        """`_redraw` of a run of tiles along a row with the same fog (the same pixels, fewer copies)."""
        rect = pygame.Rect(x * tile, y * tile, length * tile, tile)
        if alpha == 0:
            picture.blit(layer, rect, rect)
        elif alpha == REMEMBERED_ALPHA:
            picture.blit(dimmed, rect, rect)  # one plain copy, where blending would cost twice
        else:
            picture.blit(layer, rect, rect)
            shade = _shade(tile, alpha)
            for left in range(rect.x, rect.right, tile):
                picture.blit(shade, (left, rect.y))

    def picture(self, layer: pygame.Surface, floor: int, tile: int) -> pygame.Surface | None:
        """The floor's drawn map with the fog over it, kept and updated tile by tile as sight
        changes (None for a map too large to keep: draw `overlay_part` over the map instead)."""
        if layer.get_width() * layer.get_height() > MAX_KEPT_PIXELS:
            return None
        kept = self._pictures.get((floor, tile))
        if kept is None or kept[0] is not layer:
            dimmed = tile_canvas(layer)
            dimmed.blit(_shade_surface(layer.get_size(), REMEMBERED_ALPHA), (0, 0))
            picture = tile_canvas(layer)
            picture.blit(self.overlay(floor, tile), (0, 0))
            kept = self._pictures[(floor, tile)] = (layer, dimmed, picture)
        return kept[2]

    def redraw_tile(self, position: Position) -> None:
        """A tile of the map under the fog was drawn anew (a door opened): show it."""
        for (floor, tile), (layer, dimmed, picture) in self._pictures.items():
            if floor == position.floor:
                rect = pygame.Rect(position.x * tile, position.y * tile, tile, tile)
                dimmed.blit(layer, rect, rect)
                dimmed.blit(_shade(tile, REMEMBERED_ALPHA), rect)
                self._redraw(layer, dimmed, picture, position, tile)

    def state(self, position: Position) -> str:
        """ "visible", "remembered" or "unseen"."""
        if self.sees(position):
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
                    alpha = self._alpha(pos)
                    small.set_at((pos.x, pos.y), (*palette.FOG_UNSEEN, alpha))
            self._overlays[key] = small
        return self._overlays[key]

    def known_zones(self, zone_at) -> list[str]:
        """Zone ids with any tile the trainee has seen, in first-seen-stable (sorted) order."""
        return sorted({z for z in (zone_at(p) for p in self.seen) if z})


def tile_canvas(like: pygame.Surface) -> pygame.Surface:
    """A copy of a surface for drawing into a tile at a time, its rows not a multiple of 16 bytes
    long. SDL copies a rectangle into rows of a multiple of 16 bytes with stores that bypass the
    cache, which for a tile-sized rectangle is up to 25 times slower than a plain copy (measured:
    14 µs against 0.6 µs for 24 × 24 pixels): a step's fog redrawn tile by tile took milliseconds."""
    width, height = like.get_size()
    for spare in range(4):
        parent = pygame.Surface((width + spare, height), 0, like)
        if parent.get_pitch() % 16:
            break
    canvas = parent.subsurface((0, 0, width, height))
    canvas.blit(like, (0, 0))
    return canvas


_SHADES: dict[tuple[int, int], pygame.Surface] = {}


def _shade(tile: int, alpha: int) -> pygame.Surface:
    """One tile of fog at an alpha, made once."""
    shade = _SHADES.get((tile, alpha))
    if shade is None:
        shade = _SHADES[(tile, alpha)] = pygame.Surface((tile, tile), pygame.SRCALPHA)
        shade.fill((*palette.FOG_UNSEEN, alpha))
    return shade


def _shade_surface(size: tuple[int, int], alpha: int) -> pygame.Surface:
    """A surface of fog at an alpha, of any size."""
    shade = pygame.Surface(size, pygame.SRCALPHA)
    shade.fill((*palette.FOG_UNSEEN, alpha))
    return shade
