"""Being under fire, being hit, and your own shots' hit or miss: each a shape and a word, not only a colour.

- Your shot: a boxed X where it hit ("HIT"), or a slashed ring where it went ("MISS").
- Rounds coming at or past you: chevrons at the view's edge on the side they came from ("INCOMING").
- Hit yourself: a notched frame around the whole view ("YOU ARE HIT" / "YOU ARE DOWN").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.client import palette
from game.client.layout import Placer
from game.client.text import Fonts, draw_text
from game.core.level import Position

SHOT_SECONDS = 2.5
INCOMING_SECONDS = 2.5
HIT_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class ShotMark:
    """One of the trainee's own rounds: where it ended, whether it hit, and when (seconds)."""

    at: Position
    hit: bool
    born: float


@dataclass(frozen=True, slots=True)
class IncomingMark:
    """Rounds that came at or past the trainee, from a compass bearing."""

    bearing: int
    born: float


@dataclass(frozen=True, slots=True)
class HitMark:
    """The trainee was hit: 'walking' (still able) or down."""

    condition: str
    born: float


def draw_shot_mark(
    surface: pygame.Surface,
    mark: ShotMark,
    centre: tuple[int, int],
    tile: int,
    now: float,
    fonts: Fonts,
    placer: Placer,
) -> None:
    """A boxed X for a hit, a slashed ring for a miss, with the word beside it."""
    age = now - mark.born
    if not 0 <= age <= SHOT_SECONDS:
        return
    cx, cy = centre
    size = max(8, tile // 2 + 2)
    if mark.hit:
        box = pygame.Rect(0, 0, size * 2, size * 2)
        box.center = centre
        pygame.draw.rect(surface, palette.OUTLINE, box.inflate(4, 4), 2)
        pygame.draw.rect(surface, palette.SHOT_HIT, box, 2)
        for sx, sy in ((1, 1), (1, -1)):
            pygame.draw.line(
                surface,
                palette.SHOT_HIT,
                (cx - size * sx, cy - size * sy),
                (cx + size * sx, cy + size * sy),
                3,
            )
        word, colour = "HIT", palette.SHOT_HIT
    else:
        pygame.draw.circle(surface, palette.OUTLINE, centre, size + 2, 2)
        pygame.draw.circle(surface, palette.SHOT_MISS, centre, size, 2)
        pygame.draw.line(
            surface, palette.SHOT_MISS, (cx - size, cy + size), (cx + size, cy - size), 2
        )
        word, colour = "MISS", palette.SHOT_MISS
    font = fonts.get("heading")
    label = pygame.Rect(0, 0, *font.size(word))
    label.midleft = (cx + size + 6, cy)
    spot = placer.place(
        label, [label, label.move(-label.w - 2 * size - 12, 0), label.move(0, -size * 2)]
    )
    if spot is not None:
        draw_text(surface, font, word, spot.topleft, colour)


def draw_incoming(
    surface: pygame.Surface,
    mark: IncomingMark,
    view: pygame.Rect,
    now: float,
    fonts: Fonts,
    placer: Placer,
) -> None:
    """Three chevrons at the view's edge, on the side the rounds came from, pointing in."""
    age = now - mark.born
    if not 0 <= age <= INCOMING_SECONDS:
        return
    dx, dy = math.sin(math.radians(mark.bearing)), -math.cos(math.radians(mark.bearing))
    cx, cy = view.center
    reach = min(view.w, view.h) / 2 - 30
    ex, ey = cx + dx * reach, cy + dy * reach
    side = (-dy, dx)
    for step in range(3):
        tip = (ex - dx * (18 + step * 14), ey - dy * (18 + step * 14))
        wing = 14
        back = (tip[0] + dx * 12, tip[1] + dy * 12)
        points = [
            (back[0] + side[0] * wing, back[1] + side[1] * wing),
            tip,
            (back[0] - side[0] * wing, back[1] - side[1] * wing),
        ]
        pygame.draw.lines(surface, palette.OUTLINE, False, points, 7)
        pygame.draw.lines(surface, palette.DANGER, False, points, 4)
    font = fonts.get("heading")
    label = pygame.Rect(0, 0, *font.size("INCOMING"))
    label.center = (round(ex - dx * 70), round(ey - dy * 70))
    label.clamp_ip(view)
    spot = placer.place(label, [label, label.move(0, label.h + 4), label.move(0, -label.h - 4)])
    if spot is not None:
        draw_text(surface, font, "INCOMING", spot.topleft, palette.DANGER)


def draw_hit_frame(surface: pygame.Surface, mark: HitMark, view: pygame.Rect, now: float) -> None:
    """A thick notched frame around the view: you were hit (held while you are down)."""
    age = now - mark.born
    down = mark.condition != "walking"
    if age < 0 or (age > HIT_SECONDS and not down):
        return
    frame = view.inflate(-6, -6)
    pygame.draw.rect(surface, palette.OUTLINE, frame, 10)
    pygame.draw.rect(surface, palette.DANGER, frame, 6)
    notch = 28
    for corner in (frame.topleft, frame.topright, frame.bottomleft, frame.bottomright):
        box = pygame.Rect(0, 0, notch, notch)
        box.center = corner
        pygame.draw.rect(surface, palette.DANGER, box)
        pygame.draw.rect(surface, palette.OUTLINE, box, 2)
