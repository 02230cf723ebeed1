"""Sound you can see: a gunshot becomes a ring and an arrow at the view's edge, pointing toward it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.client import palette
from game.client.layout import Placer
from game.client.text import draw_text

CUE_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class GunfireCue:
    """One heard gunshot: compass bearing, loudness 0..1, the words, and when it was heard (seconds)."""

    bearing: int
    loudness: float
    words: str
    heard_at: float


def edge_point(
    centre: tuple[float, float], bearing: float, rect: pygame.Rect, inset: int = 28
) -> tuple[int, int]:
    """Where a ray from centre at a compass bearing (0 = up, 90 = right) leaves the inset rectangle."""
    dx = math.sin(math.radians(bearing))
    dy = -math.cos(math.radians(bearing))
    inner = rect.inflate(-2 * inset, -2 * inset)
    cx, cy = centre
    cx = min(max(cx, inner.left), inner.right)
    cy = min(max(cy, inner.top), inner.bottom)
    limits = []
    if dx > 1e-9:
        limits.append((inner.right - cx) / dx)
    elif dx < -1e-9:
        limits.append((inner.left - cx) / dx)
    if dy > 1e-9:
        limits.append((inner.bottom - cy) / dy)
    elif dy < -1e-9:
        limits.append((inner.top - cy) / dy)
    t = min(limits) if limits else 0.0
    return round(cx + dx * t), round(cy + dy * t)


def cue_radius(loudness: float) -> int:
    """The ring's radius in pixels: louder is bigger."""
    return round(10 + 34 * max(0.0, min(1.0, loudness)))


def draw_cue(
    surface: pygame.Surface,
    cue: GunfireCue,
    centre: tuple[float, float],
    rect: pygame.Rect,
    now: float,
    font: pygame.font.Font | None = None,
    placer: Placer | None = None,
) -> pygame.Rect | None:
    """Draw one cue if it is still fresh; returns the area drawn."""
    age = now - cue.heard_at
    if age < 0 or age > CUE_SECONDS:
        return None
    fade = 1.0 - age / CUE_SECONDS
    x, y = edge_point(centre, cue.bearing, rect, inset=cue_radius(cue.loudness) + 6)
    radius = cue_radius(cue.loudness)
    layer = pygame.Surface((radius * 2 + 8, radius * 2 + 8), pygame.SRCALPHA)
    mid = radius + 4
    alpha = round(255 * fade)
    grown = max(4, round(radius * (0.6 + 0.4 * min(1.0, age * 3))))
    pygame.draw.circle(layer, (*palette.WARNING, alpha), (mid, mid), grown, 3)
    pygame.draw.circle(layer, (*palette.WARNING, alpha // 2), (mid, mid), max(3, grown // 2), 2)
    dx, dy = math.sin(math.radians(cue.bearing)), -math.cos(math.radians(cue.bearing))
    tip = (mid + dx * radius, mid + dy * radius)
    side = (-dy, dx)
    base = (mid + dx * radius * 0.35, mid + dy * radius * 0.35)
    width = radius * 0.45
    arrow = [
        tip,
        (base[0] + side[0] * width, base[1] + side[1] * width),
        (base[0] - side[0] * width, base[1] - side[1] * width),
    ]
    pygame.draw.polygon(layer, (*palette.WARNING, alpha), arrow)
    pygame.draw.polygon(layer, (*palette.OUTLINE, alpha), arrow, 1)
    area = surface.blit(layer, (x - mid, y - mid))
    if font is not None:
        at = pygame.Rect(0, 0, *font.size(cue.words))
        at.center = (round(x - dx * (radius + 14)), round(y - dy * (radius + 14)))
        at.clamp_ip(rect)
        spot = placer.place(at, [at, at.move(0, at.h), at.move(0, -at.h)]) if placer else at
        if spot is not None:
            draw_text(surface, font, cue.words, spot.topleft, palette.TEXT, alpha=alpha)
    return area
