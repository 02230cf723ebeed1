"""The legend overlay (F1 or L in play): what every shape on the map means, and every key."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.client import palette
from game.client.input_map import key_label
from game.client.people_draw import LEGEND_LOOKS, draw_person
from game.client.settings import ACTION_TITLES
from game.client.text import Fonts, draw_text, fit
from game.client.tiles import TILE_LEGEND, draw_tile

Icon = Callable[[pygame.Surface, pygame.Rect], None] | None


def legend_items(bindings: dict[str, list[str]]) -> list[tuple[str, Icon, str]]:
    """(kind, icon, words) rows: kind is "heading" or "item"."""
    rows: list[tuple[str, Icon, str]] = [("heading", None, "People (drawn by what you see)")]
    for look, words in LEGEND_LOOKS:
        rows.append(("item", _person_icon(look), words))
    rows.append(("heading", None, "Sounds and shots"))
    rows += [
        ("item", _ring_icon(palette.WARNING), "gunshot heard: ring and arrow toward it"),
        ("item", _chevron_icon, "INCOMING: rounds came from that side"),
        ("item", _hit_icon, "HIT: your round hit (boxed X)"),
        ("item", _miss_icon, "MISS: your round missed (slashed ring)"),
    ]
    rows.append(("heading", None, "The map"))
    for kind, door, words in TILE_LEGEND:
        rows.append(("item", _tile_icon(kind, door), words))
    rows.append(("heading", None, "Keys"))
    for action, title in ACTION_TITLES.items():
        rows.append(("item", None, f"{key_label(bindings, action)}: {title}"))
    return rows


def step_items(steps: Sequence[tuple[str, bool]]) -> list[tuple[str, Icon, str]]:
    """The walk-through's steps, done or still to do, to recall them."""
    if not steps:
        return []
    rows: list[tuple[str, Icon, str]] = [("heading", None, "Walk-through steps")]
    for title, done in steps:
        rows.append(("item", _check_icon(done), f"{title}: {'done' if done else 'to do'}"))
    return rows


def draw_legend(
    surface: pygame.Surface,
    area: pygame.Rect,
    fonts: Fonts,
    bindings: dict[str, list[str]],
    steps: Sequence[tuple[str, bool]] = (),
) -> None:
    """Draw the legend (after the walk-through's steps, if any) over the map area, in columns."""
    back = pygame.Surface(area.size, pygame.SRCALPHA)
    back.fill((*palette.BACKGROUND, 235))
    surface.blit(back, area)
    pygame.draw.rect(surface, palette.ACCENT, area, 2)
    heading, small = fonts.get("heading"), fonts.get("small")
    title = "Legend and keys (F1 or L to close)"
    draw_text(
        surface,
        heading,
        fit(heading, title, area.w - 32),
        (area.x + 16, area.y + 10),
        palette.ACCENT,
    )
    top = area.y + 14 + fonts.line_height("heading")
    row_h = max(fonts.line_height("small") + 2, 22)
    icon_w = 26
    col_w = max(220, fonts.width("small", "m" * 22) + icon_w + 16)
    columns = max(1, (area.w - 24) // col_w)
    col_w = (area.w - 24) // columns
    x, y, column = area.x + 16, top, 0
    for kind, icon, words in step_items(steps) + legend_items(bindings):
        h = fonts.line_height("heading") if kind == "heading" else row_h
        if y + h > area.bottom - 8:
            column += 1
            if column >= columns:
                break
            x, y = area.x + 16 + column * col_w, top
        if kind == "heading":
            draw_text(
                surface, small, fit(small, words.upper(), col_w - 12), (x, y + 6), palette.ACCENT
            )
        else:
            if icon is not None:
                icon(surface, pygame.Rect(x, y, 20, 20))
            draw_text(surface, small, fit(small, words, col_w - icon_w - 12), (x + icon_w, y + 2))
        y += h


def _person_icon(look) -> Icon:
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        draw_person(surface, look, (rect.centerx, rect.centery + 3), 16, facing=0.0)

    return draw


def _tile_icon(kind, door) -> Icon:
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        draw_tile(surface, kind, rect.inflate(-2, -2), door)

    return draw


def _ring_icon(colour) -> Icon:
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.circle(surface, colour, rect.center, 8, 2)
        pygame.draw.polygon(
            surface,
            colour,
            [
                (rect.centerx, rect.y),
                (rect.centerx + 4, rect.y + 7),
                (rect.centerx - 4, rect.y + 7),
            ],
        )

    return draw


def _chevron_icon(surface: pygame.Surface, rect: pygame.Rect) -> None:
    for step in (0, 6):
        points = [
            (rect.x + 4 + step, rect.y + 3),
            (rect.x + 11 + step, rect.centery),
            (rect.x + 4 + step, rect.bottom - 3),
        ]
        pygame.draw.lines(surface, palette.DANGER, False, points, 3)


def _hit_icon(surface: pygame.Surface, rect: pygame.Rect) -> None:
    box = rect.inflate(-4, -4)
    pygame.draw.rect(surface, palette.SHOT_HIT, box, 2)
    pygame.draw.line(surface, palette.SHOT_HIT, box.topleft, box.bottomright, 2)
    pygame.draw.line(surface, palette.SHOT_HIT, box.topright, box.bottomleft, 2)


def _miss_icon(surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.circle(surface, palette.SHOT_MISS, rect.center, 8, 2)
    pygame.draw.line(
        surface, palette.SHOT_MISS, (rect.x + 3, rect.bottom - 3), (rect.right - 3, rect.y + 3), 2
    )


def _check_icon(done: bool) -> Icon:
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        box = rect.inflate(-4, -4)
        pygame.draw.rect(surface, palette.GOOD if done else palette.TEXT_DIM, box, 2)
        if done:
            points = [
                (box.x + 3, box.centery),
                (box.centerx - 1, box.bottom - 4),
                (box.right - 3, box.y + 3),
            ]
            pygame.draw.lines(surface, palette.GOOD, False, points, 3)

    return draw
