"""The HUD panel: time since dispatch, the trainee's state, the radio log, and the keys at hand."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.client import palette
from game.client.text import Fonts, clock_text, draw_text, wrap


@dataclass
class HudState:
    """Everything the panel shows, gathered by the play scene from events and the snapshot."""

    title: str
    seconds: float
    place: str
    floor: str
    status: list[tuple[str, str]]
    radio_log: list[str] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)
    banner: str = ""


def draw_hud(surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts, state: HudState) -> None:
    """Draw the side panel."""
    surface.fill(palette.PANEL, rect)
    pygame.draw.line(surface, palette.PANEL_EDGE, rect.topleft, rect.bottomleft, 2)
    x, y, w = rect.x + 14, rect.y + 10, rect.w - 28
    body, small, heading = fonts.get("body"), fonts.get("small"), fonts.get("heading")
    draw_text(surface, small, "TIME SINCE DISPATCH", (x, y), palette.TEXT_DIM)
    y += fonts.line_height("small")
    draw_text(surface, fonts.get("title"), clock_text(state.seconds), (x, y))
    y += fonts.line_height("title")
    for line in wrap(body, state.place, w)[:2]:
        draw_text(surface, body, line, (x, y))
        y += fonts.line_height("body")
    draw_text(surface, small, state.floor, (x, y), palette.TEXT_DIM)
    y += fonts.line_height("small") + 8
    y = _section(surface, heading, "You", x, y, w)
    label_w = max((small.size(k)[0] for k, _ in state.status), default=0) + 10
    for key, value in state.status:
        draw_text(surface, small, key, (x, y + 2), palette.TEXT_DIM)
        draw_text(surface, body, value, (x + label_w, y))
        y += fonts.line_height("body")
    y += 6
    keys_h = fonts.line_height("small") * (len(state.keys) + 1) + 16
    radio_bottom = rect.bottom - keys_h
    y = _section(surface, heading, "Radio", x, y, w)
    lines: list[str] = []
    for message in state.radio_log:
        lines += wrap(small, message, w)
    room = max(0, (radio_bottom - y) // fonts.line_height("small"))
    shown = lines[-room:] if room else []
    for line in shown:
        draw_text(surface, small, line, (x, y))
        y += fonts.line_height("small")
    y = radio_bottom + 4
    y = _section(surface, heading, "Keys", x, y, w)
    for key, words in state.keys:
        box = draw_text(surface, small, key, (x, y), palette.ACCENT)
        draw_text(surface, small, words, (max(box.right + 8, x + 56), y))
        y += fonts.line_height("small")


def _section(
    surface: pygame.Surface, font: pygame.font.Font, title: str, x: int, y: int, w: int
) -> int:
    pygame.draw.line(surface, palette.PANEL_EDGE, (x, y), (x + w, y), 1)
    draw_text(surface, font, title, (x, y + 4), palette.ACCENT)
    return y + font.get_linesize() + 6


def draw_captions(
    surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts, captions: list[tuple[str, str]]
) -> None:
    """Caption lines (kind, text) at the bottom of the view, newest last, on a dim band."""
    if not captions:
        return
    font = fonts.get("body")
    lines: list[tuple[str, str]] = []
    for kind, text in captions:
        lines += [(kind, line) for line in wrap(font, text, rect.w - 40)]
    lines = lines[-5:]
    height = len(lines) * font.get_linesize() + 12
    band = pygame.Surface((rect.w, height), pygame.SRCALPHA)
    band.fill((*palette.BACKGROUND, 200))
    surface.blit(band, (rect.x, rect.bottom - height))
    y = rect.bottom - height + 6
    colours = {
        "sound": palette.WARNING,
        "radio": palette.ACCENT,
        "prompt": palette.HIGHLIGHT,
        "refused": palette.TEXT_DIM,
    }
    for kind, line in lines:
        draw_text(surface, font, line, (rect.x + 20, y), colours.get(kind, palette.TEXT))
        y += font.get_linesize()


def draw_banner(surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts, text: str) -> None:
    """A centred message band across the top of the view."""
    font = fonts.get("heading")
    image = font.render(text, True, palette.TEXT)
    box = image.get_rect(midtop=(rect.centerx, rect.y + 14)).inflate(28, 12)
    band = pygame.Surface(box.size, pygame.SRCALPHA)
    band.fill((*palette.PANEL, 230))
    surface.blit(band, box)
    pygame.draw.rect(surface, palette.HIGHLIGHT, box, 2)
    surface.blit(image, image.get_rect(center=box.center))
