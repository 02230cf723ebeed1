"""The one module that draws map tiles, for the play view and for `render` alike."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.client import palette
from game.core.building import Building
from game.core.level import DoorState, Position, TileKind

TileDrawer = Callable[[pygame.Surface, pygame.Rect, DoorState | None], None]


def draw_tile(
    surface: pygame.Surface, kind: TileKind, rect: pygame.Rect, door: DoorState | None = None
) -> None:
    """Draw one tile of a kind into a rectangle."""
    TILE_DRAWERS[kind](surface, rect, door)


def draw_floor(surface: pygame.Surface, building: Building, floor: int, size: int) -> None:
    """Draw every tile of one floor at `size` pixels per tile, from the surface's top-left."""
    for y in range(building.height):
        for x in range(building.width):
            redraw_tile(surface, building, floor, x, y, size)


def redraw_tile(
    surface: pygame.Surface, building: Building, floor: int, x: int, y: int, size: int
) -> None:
    """Draw one tile of the building (after a door changed, say)."""
    kind = building.kind_at(floor, x, y)
    rect = pygame.Rect(x * size, y * size, size, size)
    door = None
    if kind is TileKind.DOOR:
        door = building.doors[Position(floor, x, y)].state
    draw_tile(surface, kind, rect, door)


def floor_surface(building: Building, floor: int, size: int) -> pygame.Surface:
    """A new surface with the whole floor drawn on it."""
    surface = pygame.Surface((building.width * size, building.height * size))
    draw_floor(surface, building, floor, size)
    return surface


def _floor(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    surface.fill(palette.FLOOR, rect)
    pygame.draw.rect(surface, (184, 189, 194), rect, 1)


def _ground(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    surface.fill(palette.GROUND, rect)


def _wall(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    surface.fill(palette.WALL, rect)


def _partition(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    """Drywall: a lighter, dotted wall, so it reads as 'stops sight, not rounds'."""
    surface.fill(palette.PARTITION, rect)
    step = max(3, rect.w // 3)
    for y in range(rect.y + step // 2, rect.bottom, step):
        for x in range(rect.x + step // 2, rect.right, step):
            surface.fill(palette.WALL, (x, y, 2, 2))


def _door(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    """A door: a leaf across the opening when closed, swung open when open, a bar when locked."""
    surface.fill(palette.FLOOR, rect)
    s = rect.w
    pygame.draw.rect(surface, palette.WALL, (rect.x, rect.y, max(2, s // 6), s))
    pygame.draw.rect(
        surface, palette.WALL, (rect.right - max(2, s // 6), rect.y, max(2, s // 6), s)
    )
    if door is DoorState.OPEN:
        hinge = (rect.x + s // 6, rect.y + s // 2)
        pygame.draw.line(surface, palette.DOOR, hinge, (rect.x + s // 6, rect.y + 1), 3)
        pygame.draw.arc(surface, palette.DOOR_OPEN, rect.inflate(-2, -2), 0.0, 1.6, 1)
    else:
        leaf = pygame.Rect(rect.x, rect.y + s * 3 // 8, s, max(3, s // 4))
        pygame.draw.rect(
            surface, palette.DOOR_LOCKED if door is DoorState.LOCKED else palette.DOOR, leaf
        )
        pygame.draw.rect(surface, palette.OUTLINE, leaf, 1)
        if door is DoorState.LOCKED:
            # a padlock: a small square with a shackle, readable without colour
            body = pygame.Rect(0, 0, max(4, s // 3), max(3, s // 4))
            body.center = (rect.centerx, rect.centery + s // 8)
            pygame.draw.rect(surface, palette.MARKER, body)
            pygame.draw.rect(surface, palette.OUTLINE, body, 1)
            shackle = pygame.Rect(0, 0, body.w * 2 // 3, body.h)
            shackle.midbottom = body.midtop
            pygame.draw.arc(surface, palette.OUTLINE, shackle.inflate(0, shackle.h), 0, 3.15, 2)


def _window(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    """A window: wall ends with a pale pane and two thin glazing lines."""
    surface.fill(palette.WALL, rect)
    pane = rect.inflate(-2, -rect.h // 2)
    surface.fill(palette.WINDOW, pane)
    pygame.draw.line(surface, palette.OUTLINE, pane.topleft, pane.topright, 1)
    pygame.draw.line(surface, palette.OUTLINE, pane.bottomleft, pane.bottomright, 1)


def _cover(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    """Cover (stops rounds): a solid block with a heavy edge."""
    surface.fill(palette.FLOOR, rect)
    block = rect.inflate(-2, -2)
    surface.fill(palette.COVER, block)
    pygame.draw.rect(surface, palette.COVER_EDGE, block, max(2, rect.w // 8))


def _concealment(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    """Concealment (hides, does not stop rounds): hatched diagonal lines, no solid fill."""
    surface.fill(palette.FLOOR, rect)
    s = rect.w
    step = max(3, s // 4)
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for offset in range(-s, s, step):
        pygame.draw.line(
            surface,
            palette.CONCEALMENT_LINES,
            (rect.x + offset, rect.bottom),
            (rect.x + offset + s, rect.y),
            max(1, s // 12),
        )
    surface.set_clip(clip)
    pygame.draw.rect(surface, palette.CONCEALMENT_LINES, rect.inflate(-2, -2), 1)


def _stairs(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    """Stairs: treads as parallel lines across the tile."""
    surface.fill(palette.STAIRS, rect)
    step = max(3, rect.h // 5)
    for y in range(rect.y + step // 2, rect.bottom, step):
        pygame.draw.line(surface, palette.STAIRS_LINES, (rect.x + 1, y), (rect.right - 2, y), 1)
    pygame.draw.rect(surface, palette.STAIRS_LINES, rect, 1)


def _void(surface: pygame.Surface, rect: pygame.Rect, door: DoorState | None) -> None:
    surface.fill(palette.VOID, rect)


TILE_DRAWERS: dict[TileKind, TileDrawer] = {
    TileKind.FLOOR: _floor,
    TileKind.GROUND: _ground,
    TileKind.WALL: _wall,
    TileKind.PARTITION: _partition,
    TileKind.DOOR: _door,
    TileKind.WINDOW: _window,
    TileKind.COVER: _cover,
    TileKind.CONCEALMENT: _concealment,
    TileKind.STAIRS: _stairs,
    TileKind.VOID: _void,
}
"""One drawing per tile kind; a test checks that no kind is missing."""

TILE_LEGEND: tuple[tuple[TileKind, DoorState | None, str], ...] = (
    (TileKind.FLOOR, None, "floor"),
    (TileKind.GROUND, None, "outside ground"),
    (TileKind.WALL, None, "wall (stops rounds)"),
    (TileKind.PARTITION, None, "partition (stops sight only)"),
    (TileKind.DOOR, DoorState.CLOSED, "door, closed"),
    (TileKind.DOOR, DoorState.OPEN, "door, open"),
    (TileKind.DOOR, DoorState.LOCKED, "door, locked"),
    (TileKind.WINDOW, None, "window"),
    (TileKind.COVER, None, "cover (solid)"),
    (TileKind.CONCEALMENT, None, "concealment (hatched)"),
    (TileKind.STAIRS, None, "stairs"),
    (TileKind.VOID, None, "outside the map"),
)
"""The legend of tile drawings, shared by the map render and the help overlay."""
