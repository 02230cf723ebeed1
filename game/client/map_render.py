"""`python main.py render LEVEL -o FILE.png`: the map for authors, drawn without a window.

Zones labelled, cover and concealment told apart, doors, people's spawn points with their roles,
suspect routes as lines, a legend, and tile coordinates every 5 tiles on the edges.
"""

from __future__ import annotations

import itertools
import sys

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
    "suspect": (Look("adult", False, False, "rifle", "ok"), "suspect start (diamond; route: line)"),
    "officer": (Look("uniform", False, False, "", "ok"), "officer arrival"),
    "plain_officer": (Look("adult", False, True, "", "ok"), "plain-clothes or off-duty officer"),
    "civilian": (Look("child", False, False, "", "ok"), "student"),
    "staff": (Look("adult", False, False, "", "ok"), "staff member"),
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


def render_command(
    level_path: str, output: str, floor: int | str | None = None, seed: int = 1
) -> int:
    """Load a level and write its map PNG; LevelError lines to stderr and exit status 2 on a bad level.

    `floor` is a floor's index or its name (as the level writes it; case does not matter).
    """
    from game.levels.errors import LevelError
    from game.levels.loader import load_level

    try:
        level = load_level(level_path)
    except LevelError as error:
        print(str(error), file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{level_path}: cannot read the level: {error.strerror or error}", file=sys.stderr)
        return 2
    if floor is not None:
        index = floor_index(level, floor)
        if index is None:
            listed = ", ".join(f"{i} {f.name!r}" for i, f in enumerate(level.floors))
            print(
                f"{level_path}: no floor {floor!r}; the level has floors {listed}", file=sys.stderr
            )
            return 2
        floor = index
    try:
        render_level_png(level, output, floor=floor, seed=seed)
    except (OSError, pygame.error) as error:
        print(f"{output}: cannot write the picture: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {output}")
    return 0


def floor_index(level: Level, floor: int | str) -> int | None:
    """A floor's index from its index (or digits) or its name, or None when there is no such floor."""
    if isinstance(floor, int) or (isinstance(floor, str) and floor.strip().isdigit()):
        index = int(floor)
        return index if 0 <= index < len(level.floors) else None
    names = [f.name for f in level.floors]
    if floor in names:
        return names.index(floor)
    folded = [name.casefold() for name in names]
    wanted = floor.strip().casefold()
    return folded.index(wanted) if wanted in folded else None


def render_level_png(level: Level, output: str, floor: int | None = None, seed: int = 1) -> None:
    """Draw the level's floors (or one) side by side with a legend and save them as PNG."""
    surface = render_level(level, floor=floor, seed=seed)
    pygame.image.save(surface, output)


def render_level(level: Level, floor: int | None = None, seed: int = 1) -> pygame.Surface:
    """The authors' map of a level as a surface."""
    from game.core.world import World

    pygame.font.init()
    fonts = Fonts(0.85)
    world = World(level, seed)
    building = world.building
    floors = [floor] if floor is not None else list(range(building.floors))
    fw, fh = building.width * TILE, building.height * TILE
    legend_h = 40 + 22 * len(TILE_LEGEND) + 24 * (len(ROLE_LOOKS) + 1) + 10
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
        _draw_zone_labels(layer, level, index, fonts)
        surface.blit(layer, origin)
        _draw_coordinates(surface, fonts, origin, building.width, building.height)
        x0 += fw + MARGIN * 2 + GAP
    _draw_legend(surface, fonts, pygame.Rect(x0, TITLE_H, LEGEND_W - MARGIN, legend_h), level)
    return surface


def _zone_colour(index: int) -> tuple[int, int, int]:
    return ZONE_COLOURS[index % len(ZONE_COLOURS)]


def _draw_zones(layer: pygame.Surface, level: Level, floor: int, fonts: Fonts) -> None:
    """Tint and outline every zone on this floor."""
    for index, zone in enumerate(level.zones):
        colour = _zone_colour(index)
        areas = [a for a in zone.areas if a.floor == floor]
        rects = [_area_rect(area) for area in areas]
        for rect in rects:
            tint = pygame.Surface(rect.size, pygame.SRCALPHA)
            tint.fill((*colour, 28))
            layer.blit(tint, rect)
            pygame.draw.rect(layer, colour, rect, 2)


def _draw_zone_labels(
    layer: pygame.Surface, level: Level, floor: int, fonts: Fonts
) -> list[pygame.Rect]:
    """Label every zone on this floor where no other label is (drawn last); returns the label boxes."""
    labels = [
        (
            f"{zone.name} [{zone.kind.value}]",
            [_area_rect(a) for a in zone.areas if a.floor == floor],
        )
        for zone in level.zones
    ]
    placed: list[pygame.Rect] = []
    # Small zones first: they have the fewest places a label can go.
    for text, rects in sorted(
        (item for item in labels if item[1]), key=lambda item: item[1][0].w * item[1][0].h
    ):
        _place_label(layer, text, rects, placed, fonts)
    return placed


def _area_rect(area) -> pygame.Rect:
    return pygame.Rect(
        area.x1 * TILE,
        area.y1 * TILE,
        (area.x2 - area.x1 + 1) * TILE,
        (area.y2 - area.y1 + 1) * TILE,
    )


def _place_label(
    layer: pygame.Surface,
    text: str,
    rects: list[pygame.Rect],
    placed: list[pygame.Rect],
    fonts: Fonts,
) -> None:
    """Put a zone's label inside or beside its area where it overlaps no other label.

    Tries the corners of each area, then just outside it, then shorter forms of the name; the
    label that overlaps least is used when nothing is free.
    """
    bounds = layer.get_rect()
    best: tuple[int, pygame.Rect, pygame.Surface] | None = None
    for words in (text, _shorten(text, 18), _shorten(text, 10)):
        image = fonts.get("small").render(words, True, palette.TEXT)
        for box in _label_spots(image.get_rect().inflate(6, 2), rects):
            box.clamp_ip(bounds)
            overlap = sum(_overlap(box, other) for other in placed)
            if best is None or overlap < best[0]:
                best = (overlap, box, image)
            if overlap == 0:
                break
        if best is not None and best[0] == 0:
            break
    if best is None:
        return
    _, box, image = best
    back = pygame.Surface(box.size, pygame.SRCALPHA)
    back.fill((*palette.BACKGROUND, 200))
    layer.blit(back, box)
    layer.blit(image, box.move(3, 1))
    placed.append(box)


def _label_spots(size: pygame.Rect, rects: list[pygame.Rect]) -> list[pygame.Rect]:
    """Candidate label boxes: inside each area's corners, then above and below it."""
    spots = []
    for rect in rects:
        for corner in ("topleft", "topright", "bottomleft", "bottomright"):
            box = size.copy()
            setattr(box, corner, getattr(rect.inflate(-4, -4), corner))
            spots.append(box)
        for anchor, edge in (("bottomleft", "topleft"), ("topleft", "bottomleft")):
            box = size.copy()
            setattr(box, anchor, getattr(rect, edge))
            spots.append(box)
    return spots


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    clipped = a.clip(b)
    return clipped.w * clipped.h


def _shorten(text: str, length: int) -> str:
    """A label cut to a length with an ellipsis (the kind in brackets goes first)."""
    name = text.split(" [")[0]
    return name if len(name) <= length else name[: length - 1].rstrip() + "…"


def _zone_centre(level: Level, zone_id: str, floor: int) -> tuple[int, int] | None:
    """The centre of a zone's first area on this floor (None when the zone is not on it)."""
    areas = [a for a in level.zone(zone_id).areas if a.floor == floor]
    if not areas:
        return None
    area = areas[0]
    return (
        round((area.x1 + area.x2 + 1) / 2 * TILE),
        round((area.y1 + area.y2 + 1) / 2 * TILE),
    )


def route_stops(
    level: Level, route: tuple[str, ...], floor: int
) -> list[tuple[tuple[int, int], list[int]]]:
    """A route's stops on one floor: each place once, with every stop number (1-based) made there."""
    stops: dict[tuple[int, int], list[int]] = {}
    for number, zone_id in enumerate(route, start=1):
        centre = _zone_centre(level, zone_id, floor)
        if centre is not None:
            stops.setdefault(centre, []).append(number)
    return list(stops.items())


def _draw_routes(layer: pygame.Surface, world, floor: int) -> None:
    """Each suspect's route on this floor: legs between stops here, stops numbered as in the route."""
    font = pygame.font.Font(None, 17)
    for person in world.people:
        if person.role is not Role.SUSPECT or person.suspect is None:
            continue
        level = world.level
        route = person.suspect.route
        points: list[tuple[int, int] | None] = [
            _centre(person.position) if person.position.floor == floor else None
        ]
        points += [_zone_centre(level, zone_id, floor) for zone_id in route]
        for a, b in itertools.pairwise(points):
            if a is not None and b is not None and a != b:
                pygame.draw.line(layer, palette.WARNING, a, b, 3)
        for point, numbers in route_stops(level, route, floor):
            pygame.draw.circle(layer, palette.WARNING, point, 6)
            pygame.draw.circle(layer, palette.OUTLINE, point, 6, 1)
            _stop_numbers(layer, font, numbers, point)


def _stop_numbers(
    layer: pygame.Surface, font: pygame.font.Font, numbers: list[int], at: tuple[int, int]
) -> None:
    """The stop numbers of one place as one readable tag ("2" or "1, 3, 5")."""
    image = font.render(", ".join(str(n) for n in numbers), True, palette.TEXT)
    box = image.get_rect(midleft=(at[0] + 8, at[1])).inflate(4, 2)
    box.clamp_ip(layer.get_rect())
    pygame.draw.rect(layer, palette.BACKGROUND, box)
    pygame.draw.rect(layer, palette.WARNING, box, 1)
    layer.blit(image, box.move(2, 1))


def _draw_people(layer: pygame.Surface, world, floor: int) -> None:
    """Everyone's start on this floor, by role (the author's view): suspects in a diamond frame."""
    for person in world.people:
        if person.position.floor != floor:
            continue
        look, _ = ROLE_LOOKS[role_key(person)]
        if person.condition != "ok":
            look = Look(
                look.body, look.jacket, look.badge, look.weapon, person.condition, look.is_you
            )
        centre = _centre(person.position)
        if person.role is Role.SUSPECT:
            _suspect_frame(layer, centre)
        draw_person(layer, look, centre, TILE, facing=-1.57)


def role_key(person) -> str:
    """Which legend entry a person is drawn as."""
    if person.role is Role.CIVILIAN:
        return "civilian" if person.kind == "student" else "staff"
    if person.role is Role.OFFICER and person.dress.value != "uniform":
        return "plain_officer"
    return person.role.value


def _suspect_frame(surface: pygame.Surface, centre: tuple[int, int]) -> None:
    """The author's mark for a suspect: a diamond around the person (a shape, not just a colour)."""
    cx, cy = centre
    reach = TILE * 3 // 4
    points = [(cx, cy - reach), (cx + reach, cy), (cx, cy + reach), (cx - reach, cy)]
    pygame.draw.polygon(surface, palette.WARNING, points, 2)


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
    for key, (look, words) in ROLE_LOOKS.items():
        centre = (rect.x + 10 + TILE // 2, y + TILE // 2)
        if key == "suspect":
            _suspect_frame(surface, centre)
        draw_person(surface, look, centre, TILE, facing=-1.57)
        draw_text(surface, font, words, (rect.x + 10 + TILE + 8, y + 2))
        y += 24
    pygame.draw.line(
        surface, palette.WARNING, (rect.x + 10, y + 10), (rect.x + 10 + TILE, y + 10), 3
    )
    draw_text(
        surface, font, "suspect route; stops numbered in order", (rect.x + 10 + TILE + 8, y + 2)
    )
