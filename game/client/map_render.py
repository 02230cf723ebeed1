"""`python main.py render LEVEL -o FILE.png`: the map for authors, drawn without a window.

Zones labelled, cover and concealment told apart, doors, people's spawn points with their roles,
suspect routes as lines, a legend, and tile coordinates every 5 tiles on the edges.
"""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.people_draw import Look, draw_person
from game.client.text import Fonts, draw_text
from game.client.tiles import TILE_LEGEND, draw_floor, draw_tile
from game.core.level import Level, Position, Role

TILE = 20
MARGIN = 28
GAP = 40
TITLE_H = 30
LEGEND_W = 300

ROLE_LOOKS: dict[str, tuple[Look, str]] = {
    "trainee": (Look("uniform", False, False, "", "ok", True), "trainee start"),
    "suspect": (Look("adult", False, False, "rifle", "ok"), "suspect start (route: line)"),
    "officer": (Look("uniform", False, False, "", "ok"), "officer arrival"),
    "civilian": (Look("child", False, False, "", "ok"), "civilian"),
}
"""Authors' view: here roles are shown, since the map is for the person who wrote the level."""

ZONE_COLOURS = (
    (70, 110, 170),
    (160, 90, 60),
    (60, 130, 90),
    (140, 80, 150),
    (150, 130, 40),
    (40, 130, 140),
)


MAX_PICTURE_PIXELS = 40_000_000
"""Largest picture `render` draws (about 160 MB while drawing): a 300 × 300 floor at 20 px a tile."""


def render_command(level_path: str, output: str, floor: int | None = None, seed: int = 1) -> int:
    """Load a level and write its map PNG; LevelError lines to stderr and exit status 2 on a bad level."""
    from game.levels.console import say
    from game.levels.errors import LevelError
    from game.levels.loader import load_level

    refusal = output_refusal(output, level_path)
    if refusal:
        say(f"render: -o {output}: {refusal}", err=True)
        return 2
    try:
        level = load_level(level_path)
    except LevelError as error:
        say(str(error), err=True)
        return 2
    if floor is not None and not 0 <= floor < len(level.floors):
        say(
            f"{level_path}: no floor {floor}; the level has floors 0 to {len(level.floors) - 1}",
            err=True,
        )
        return 2
    pixels = picture_pixels(level, floor)
    if pixels > MAX_PICTURE_PIXELS:
        hint = (
            "" if floor is not None or len(level.floors) == 1 else "; draw one floor with --floor"
        )
        say(
            f"{level_path}: the picture would have {pixels:,} pixels; render draws at most "
            f"{MAX_PICTURE_PIXELS:,}{hint}",
            err=True,
        )
        return 2
    try:
        render_level_png(level, output, floor=floor, seed=seed)
    except (OSError, pygame.error) as error:
        say(
            f"{output}: cannot write the picture: {getattr(error, 'strerror', None) or error}",
            err=True,
        )
        return 2
    say(f"Wrote {output}")
    return 0


def output_refusal(output: str, level_path: str) -> str:
    """Why the picture may not be written to `output` ("" when it may): not the level itself, not a
    special file, not a file that is something other than a PNG."""
    import os
    from pathlib import Path

    from game.levels.files import special_kind

    path = Path(output)
    if not output.strip() or not path.name:
        return "give the name of a PNG file to write"
    kind = special_kind(path)
    if kind:
        return f"is {kind}, not a file"
    if not path.exists():
        return ""
    try:
        if os.path.samefile(path, level_path):
            return "that is the level itself; choose another file for the picture"
        with open(path, "rb") as file:
            head = file.read(8)
    except OSError:
        return ""
    if head and not head.startswith(b"\x89PNG"):
        return "the file exists and is not a PNG picture; choose another name (nothing was overwritten)"
    return ""


def picture_pixels(level: Level, floor: int | None = None) -> int:
    """How many pixels the authors' map of a level (or one floor) has."""
    width = max((len(row) for f in level.floors for row in f.rows), default=0)
    height = max((len(f.rows) for f in level.floors), default=0)
    count = 1 if floor is not None else len(level.floors)
    legend_h = 40 + 22 * (len(TILE_LEGEND) + len(ROLE_LOOKS) + 1)
    fw, fh = width * TILE, height * TILE
    picture_w = MARGIN + count * (fw + MARGIN * 2 + GAP) + LEGEND_W
    picture_h = max(TITLE_H + MARGIN * 2 + fh + 10, legend_h + 60)
    return picture_w * picture_h + count * fw * fh


def render_level_png(level: Level, output: str, floor: int | None = None, seed: int = 1) -> None:
    """Draw the level's floors (or one) side by side with a legend and save them as PNG, atomically
    (a full disk leaves the old picture, never a truncated one)."""
    import io

    from game.levels.files import write_atomically

    surface = render_level(level, floor=floor, seed=seed)
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "png")
    write_atomically(output, buffer.getvalue())


def render_level(level: Level, floor: int | None = None, seed: int = 1) -> pygame.Surface:
    """The authors' map of a level as a surface."""
    from game.core.world import World

    pygame.font.init()
    fonts = Fonts(0.85)
    world = World(level, seed)
    building = world.building
    floors = [floor] if floor is not None else list(range(building.floors))
    fw, fh = building.width * TILE, building.height * TILE
    legend_h = 40 + 22 * (len(TILE_LEGEND) + len(ROLE_LOOKS) + 1)
    width = MARGIN + len(floors) * (fw + MARGIN * 2 + GAP) + LEGEND_W
    height = max(TITLE_H + MARGIN * 2 + fh + 10, legend_h + 60)
    surface = pygame.Surface((width, height))
    surface.fill(palette.BACKGROUND)
    x0 = MARGIN
    for index in floors:
        origin = (x0 + MARGIN, TITLE_H + MARGIN)
        draw_text(surface, fonts.get("heading"), f"{index}: {level.floors[index].name}", (x0, 6))
        layer = pygame.Surface((fw, fh))
        draw_floor(layer, building, index, TILE)
        _draw_zones(layer, level, index, fonts)
        _draw_routes(layer, world, index)
        _draw_people(layer, world, index)
        surface.blit(layer, origin)
        _draw_coordinates(surface, fonts, origin, building.width, building.height)
        x0 += fw + MARGIN * 2 + GAP
    _draw_legend(surface, fonts, pygame.Rect(x0, TITLE_H, LEGEND_W - MARGIN, legend_h), level)
    return surface


def _zone_colour(index: int) -> tuple[int, int, int]:
    return ZONE_COLOURS[index % len(ZONE_COLOURS)]


def _draw_zones(layer: pygame.Surface, level: Level, floor: int, fonts: Fonts) -> None:
    font = fonts.get("small")
    for index, zone in enumerate(level.zones):
        colour = _zone_colour(index)
        areas = [a for a in zone.areas if a.floor == floor]
        for area in areas:
            rect = pygame.Rect(
                area.x1 * TILE,
                area.y1 * TILE,
                (area.x2 - area.x1 + 1) * TILE,
                (area.y2 - area.y1 + 1) * TILE,
            )
            tint = pygame.Surface(rect.size, pygame.SRCALPHA)
            tint.fill((*colour, 28))
            layer.blit(tint, rect)
            pygame.draw.rect(layer, colour, rect, 2)
        if areas:
            first = areas[0]
            label = font.render(f"{zone.name} [{zone.kind.value}]", True, palette.TEXT)
            box = label.get_rect(topleft=(first.x1 * TILE + 3, first.y1 * TILE + 2)).inflate(6, 2)
            box.right = min(box.right, layer.get_width())
            back = pygame.Surface(box.size, pygame.SRCALPHA)
            back.fill((*palette.BACKGROUND, 200))
            layer.blit(back, box)
            layer.blit(label, box.move(3, 1))


def _zone_centre(level: Level, zone_id: str, floor: int) -> tuple[int, int] | None:
    zone = level.zone(zone_id)
    areas = [a for a in zone.areas if a.floor == floor] or list(zone.areas)
    if not areas:
        return None
    area = areas[0]
    return (
        round((area.x1 + area.x2 + 1) / 2 * TILE),
        round((area.y1 + area.y2 + 1) / 2 * TILE),
    )


def _draw_routes(layer: pygame.Surface, world, floor: int) -> None:
    for person in world.people:
        if person.role is not Role.SUSPECT or person.suspect is None:
            continue
        points = []
        if person.position.floor == floor:
            points.append(_centre(person.position))
        for zone_id in person.suspect.route:
            centre = _zone_centre(world.level, zone_id, floor)
            if centre is not None:
                points.append(centre)
        if len(points) >= 2:
            pygame.draw.lines(layer, palette.WARNING, False, points, 3)
            for i, point in enumerate(points[1:], start=1):
                pygame.draw.circle(layer, palette.WARNING, point, 5)
                pygame.draw.circle(layer, palette.OUTLINE, point, 5, 1)
                _tiny_number(layer, i, point)


def _tiny_number(layer: pygame.Surface, number: int, at: tuple[int, int]) -> None:
    font = pygame.font.Font(None, 16)
    image = font.render(str(number), True, palette.TEXT)
    layer.blit(image, (at[0] + 6, at[1] - 6))


def _draw_people(layer: pygame.Surface, world, floor: int) -> None:
    for person in world.people:
        if person.position.floor != floor:
            continue
        look, _ = ROLE_LOOKS[person.role.value]
        if person.role is Role.CIVILIAN and person.kind != "student":
            look = Look("adult", False, False, "", "ok")
        if person.condition != "ok":
            look = Look(
                look.body, look.jacket, look.badge, look.weapon, person.condition, look.is_you
            )
        draw_person(layer, look, _centre(person.position), TILE, facing=-1.57)


def _centre(position: Position) -> tuple[int, int]:
    return position.x * TILE + TILE // 2, position.y * TILE + TILE // 2


def _draw_coordinates(
    surface: pygame.Surface, fonts: Fonts, origin: tuple[int, int], width: int, height: int
) -> None:
    font = fonts.get("small")
    ox, oy = origin
    for x in range(0, width, 5):
        cx = ox + x * TILE + TILE // 2
        draw_text(surface, font, str(x), (cx, oy - 2), palette.TEXT_DIM, "midbottom")
        draw_text(surface, font, str(x), (cx, oy + height * TILE + 2), palette.TEXT_DIM, "midtop")
        pygame.draw.line(surface, palette.TEXT_DIM, (cx, oy - 2), (cx, oy), 1)
    for y in range(0, height, 5):
        cy = oy + y * TILE + TILE // 2
        draw_text(surface, font, str(y), (ox - 4, cy), palette.TEXT_DIM, "midright")
        draw_text(surface, font, str(y), (ox + width * TILE + 4, cy), palette.TEXT_DIM, "midleft")


def _draw_legend(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, level: Level) -> None:
    pygame.draw.rect(surface, palette.PANEL, rect)
    pygame.draw.rect(surface, palette.PANEL_EDGE, rect, 1)
    font = fonts.get("small")
    draw_text(surface, fonts.get("body"), "Legend", (rect.x + 10, rect.y + 8))
    y = rect.y + 36
    for kind, door, words in TILE_LEGEND:
        draw_tile(surface, kind, pygame.Rect(rect.x + 10, y, TILE, TILE), door)
        draw_text(surface, font, words, (rect.x + 10 + TILE + 8, y + 2))
        y += 22
    y += 6
    for look, words in ROLE_LOOKS.values():
        draw_person(surface, look, (rect.x + 10 + TILE // 2, y + TILE // 2), TILE, facing=-1.57)
        draw_text(surface, font, words, (rect.x + 10 + TILE + 8, y + 2))
        y += 22
    pygame.draw.line(
        surface, palette.WARNING, (rect.x + 10, y + 10), (rect.x + 10 + TILE, y + 10), 3
    )
    draw_text(surface, font, "suspect route, numbered stops", (rect.x + 10 + TILE + 8, y + 2))
