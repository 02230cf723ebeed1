"""The HUD panel: time since dispatch, the trainee's state, the radio log, and the keys at hand;
the caption band and the banner over the map. Everything is laid out from the font's line heights,
so it fits from 1024×700 to 1920×1080 at any text size."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.client import palette
from game.client.text import Fonts, draw_text, fit, wrap
from game.core.clock import clock_text

MIN_LOG_LINES = 3


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
    log_scroll: int = 0


def panel_width(fonts: Fonts, screen_width: int) -> int:
    """The side panel's width: room for about 26 characters of body text, never over 40 % of the screen."""
    wanted = fonts.width("body", "m" * 26) + 28
    return max(260, min(wanted, int(screen_width * 0.4)))


def draw_hud(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fonts: Fonts,
    state: HudState,
    radio=None,
) -> pygame.Rect:
    """Draw the side panel (with the radio composer docked in it when open); returns the log's area."""
    surface.fill(palette.PANEL, rect)
    pygame.draw.line(surface, palette.PANEL_EDGE, rect.topleft, rect.bottomleft, 2)
    x, y, w = rect.x + 14, rect.y + 8, rect.w - 28
    body, small = fonts.get("body"), fonts.get("small")
    draw_text(surface, small, "TIME SINCE DISPATCH", (x, y), palette.TEXT_DIM)
    y += fonts.line_height("small")
    draw_clock(surface, rect, fonts, state.seconds)
    y += fonts.line_height("title")
    for line in wrap(body, state.place, w)[:2]:
        draw_text(surface, body, fit(body, line, w), (x, y))
        y += fonts.line_height("body")
    draw_text(surface, small, fit(small, state.floor, w), (x, y), palette.TEXT_DIM)
    y += fonts.line_height("small") + 4
    if radio is not None:
        # Composing a message: the composer takes the panel below the clock, the map stays clear.
        radio.draw(surface, pygame.Rect(rect.x + 6, y, rect.w - 12, rect.bottom - y - 6), fonts)
        return pygame.Rect(0, 0, 0, 0)
    y = _section(surface, fonts, "You", x, y, w)
    label_w = max((small.size(k)[0] for k, _ in state.status), default=0) + 10
    for key, value in state.status:
        draw_text(surface, small, key, (x, y + 2), palette.TEXT_DIM)
        draw_text(surface, body, fit(body, value, w - label_w), (x + label_w, y))
        y += fonts.line_height("body")
    y += 4
    small_h = fonts.line_height("small")
    section_h = fonts.line_height("heading") + 6
    log_min = section_h + small_h * MIN_LOG_LINES
    keys_room = max(0, (rect.bottom - y - log_min - section_h - 6) // small_h)
    keys = _keys_shown(state.keys, keys_room)
    keys_top = rect.bottom - 6 - section_h - small_h * len(keys)
    y = _section(surface, fonts, "Radio", x, y, w)
    log = pygame.Rect(x, y, w, max(small_h, keys_top - y - 4))
    _draw_log(surface, fonts, log, state)
    y = _section(surface, fonts, "Keys", x, keys_top, w)
    key_w = max((small.size(k)[0] for k, _ in keys), default=0) + 10
    for key, words in keys:
        draw_text(surface, small, fit(small, key, key_w), (x, y), palette.ACCENT)
        draw_text(surface, small, fit(small, words, w - key_w), (x + key_w, y))
        y += small_h
    return log


def clock_area(rect: pygame.Rect, fonts: Fonts) -> pygame.Rect:
    """Where the panel shows the time since dispatch (the line under its label)."""
    return pygame.Rect(
        rect.x + 14,
        rect.y + 8 + fonts.line_height("small"),
        rect.w - 28,
        fonts.line_height("title"),
    )


def draw_clock(surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts, seconds: float) -> None:
    """The time since dispatch in the panel at `rect` (over the panel's colour)."""
    draw_text(surface, fonts.get("title"), clock_text(seconds), clock_area(rect, fonts).topleft)


def _draw_log(surface: pygame.Surface, fonts: Fonts, log: pygame.Rect, state: HudState) -> None:
    """The newest whole messages that fit; `log_scroll` hides that many of the newest."""
    small = fonts.get("small")
    small_h = fonts.line_height("small")
    rows = max(1, log.h // small_h)
    messages = state.radio_log
    scroll = min(state.log_scroll, max(0, len(messages) - 1))
    end = len(messages) - scroll
    shown: list[str] = []
    for message in reversed(messages[:end]):
        lines = wrap(small, message, log.w - 10)
        if len(shown) + len(lines) > rows - (1 if scroll else 0):
            if not shown:
                shown = lines[-(rows - (1 if scroll else 0)) :]
            break
        shown = lines + shown
    if scroll:
        shown.append(f"({scroll} newer below: PgDn)")
    for i, line in enumerate(shown[:rows]):
        colour = palette.TEXT_DIM if line.startswith("(") and line.endswith(")") else palette.TEXT
        draw_text(surface, small, fit(small, line, log.w - 6), (log.x, log.y + i * small_h), colour)
    if len(messages) > 1:
        track = pygame.Rect(log.right - 4, log.y, 3, rows * small_h)
        pygame.draw.rect(surface, palette.PANEL_EDGE, track)
        size = max(8, track.h // len(messages))
        top = track.bottom - size - (track.h - size) * scroll // max(1, len(messages) - 1)
        pygame.draw.rect(surface, palette.ACCENT, (track.x, top, 3, size))


def _keys_shown(keys: list[tuple[str, str]], room: int) -> list[tuple[str, str]]:
    """The keys that fit, the most useful first; a last line points to the full list."""
    if len(keys) <= room:
        return keys
    if room <= 1:
        return [("F1", "all keys and the legend")][:room]
    return [*keys[: room - 1], ("F1", "all keys and the legend")]


def _section(surface: pygame.Surface, fonts: Fonts, title: str, x: int, y: int, w: int) -> int:
    pygame.draw.line(surface, palette.PANEL_EDGE, (x, y), (x + w, y), 1)
    draw_text(surface, fonts.get("heading"), title, (x, y + 3), palette.ACCENT)
    return y + fonts.line_height("heading") + 6


CAPTION_COLOURS = {
    "sound": palette.WARNING,
    "radio": palette.ACCENT,
    "prompt": palette.HIGHLIGHT,
    "refused": palette.TEXT_DIM,
    "danger": palette.DANGER,
    "shot": palette.SHOT_HIT,
}


def draw_captions(
    surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts, captions: list[tuple[str, str]]
) -> pygame.Rect:
    """Caption lines (kind, text) at the bottom of the view, newest last, on a dim band; returns the band."""
    if not captions:
        return pygame.Rect(rect.x, rect.bottom, rect.w, 0)
    font = fonts.get("body")
    rows = caption_rows(fonts, rect.h)
    lines: list[tuple[str, str]] = []
    for kind, text in reversed(captions):
        # whole captions only: the newest always (every line of it, even past the rows), then the
        # older ones while they fit; an old one that no longer fits goes, never half of it
        wrapped = [(kind, line) for line in wrap(font, text, rect.w - 40)]
        if lines and len(lines) + len(wrapped) > rows:
            break
        lines = wrapped + lines
    height = len(lines) * font.get_linesize() + 12
    band = pygame.Surface((rect.w, height), pygame.SRCALPHA)
    band.fill((*palette.BACKGROUND, 215))
    surface.blit(band, (rect.x, rect.bottom - height))
    y = rect.bottom - height + 6
    for kind, line in lines:
        if kind in ("danger", "shot"):
            # a shape beside the words, so the kind reads without colour
            mark = pygame.Rect(rect.x + 6, y + font.get_linesize() // 2 - 4, 8, 8)
            pygame.draw.polygon(
                surface,
                CAPTION_COLOURS[kind],
                [mark.midtop, mark.midright, mark.midbottom, mark.midleft],
            )
        draw_text(surface, font, line, (rect.x + 20, y), CAPTION_COLOURS.get(kind, palette.TEXT))
        y += font.get_linesize()
    return pygame.Rect(rect.x, rect.bottom - height, rect.w, height)


def caption_rows(fonts: Fonts, view_height: int) -> int:
    """How many caption lines the band holds: five, fewer on a short view."""
    return max(2, min(5, view_height // (fonts.line_height("body") * 5)))


def draw_banner(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fonts: Fonts,
    text: str,
    colour=palette.HIGHLIGHT,
    max_lines: int = 3,
) -> pygame.Rect:
    """A centred message band across the top of the view (wrapped to fit); returns its box."""
    font = fonts.get("heading")
    lines = wrap(font, text, rect.w - 60)
    if len(lines) > max_lines:
        font = fonts.get("body")  # a long message in smaller type rather than cut off
        lines = wrap(font, text, rect.w - 60)[:max_lines]
    line_h = font.get_linesize()
    width = max(font.size(line)[0] for line in lines) + 28
    box = pygame.Rect(0, 0, width, line_h * len(lines) + 12)
    box.midtop = (rect.centerx, rect.y + 12)
    band = pygame.Surface(box.size, pygame.SRCALPHA)
    band.fill((*palette.PANEL, 235))
    surface.blit(band, box)
    pygame.draw.rect(surface, colour, box, 2)
    for i, line in enumerate(lines):
        draw_text(
            surface, font, line, (box.centerx, box.y + 6 + i * line_h), palette.TEXT, "midtop"
        )
    return box
