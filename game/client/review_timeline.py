"""The review's timeline and its buttons: every ledger entry, screen-out and note as a marker on the
run's clock, when the suspect could see the trainee as a band, and the playback controls as buttons
that wrap onto more rows on a narrow screen. Drawing and hit-testing only; the scene holds the state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.client import palette
from game.client.layout import Placer
from game.client.text import Fonts, draw_text, fit, wrap
from game.core.clock import clock_text
from game.core.level import TICK_RATE
from game.sessions.review import Marker, MarkerKind

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
"""Playback speeds, from a quarter of real time to sixteen times."""
TRACK_H = 10
MARKER_REACH = 7
"""How close, in pixels, the pointer must come to a marker to pick it."""


@dataclass(frozen=True, slots=True)
class Button:
    """One control: what it does, its key, its words, and where it was drawn."""

    action: str
    key: str
    words: str
    rect: pygame.Rect


def speed_words(speed: float) -> str:
    """A speed as the controls show it: "1/4x", "1x", "16x"."""
    return {0.25: "1/4x", 0.5: "1/2x"}.get(speed, f"{speed:g}x")


def timeline_height(fonts: Fonts) -> int:
    """The timeline's height: a line of times, the track and its markers, a line of legend."""
    return fonts.line_height("small") * 2 + TRACK_H + 30


def lay_out_buttons(
    fonts: Fonts, items: Sequence[tuple[str, str, str]], left: int, width: int, bottom: int
) -> list[Button]:
    """Buttons (action, key, words) in rows that fit the width, the last row ending at `bottom`."""
    small = fonts.get("small")
    height = fonts.line_height("small") + 10
    sized = []
    for action, key, words in items:
        room = width - 16
        label_w = min(room, small.size(f"{key}  {words}")[0] + 16)
        sized.append((action, key, words, max(40, label_w)))
    rows: list[list[tuple[str, str, str, int]]] = [[]]
    used = 0
    for item in sized:
        if rows[-1] and used + item[3] > width:
            rows.append([])
            used = 0
        rows[-1].append(item)
        used += item[3] + 6
    top = bottom - len(rows) * (height + 6) + 6
    buttons = []
    for row_index, row in enumerate(rows):
        x = left
        y = top + row_index * (height + 6)
        for action, key, words, w in row:
            buttons.append(Button(action, key, words, pygame.Rect(x, y, w, height)))
            x += w + 6
    return buttons


def buttons_top(buttons: Sequence[Button], fallback: int) -> int:
    """The top of the highest row of buttons."""
    return min((b.rect.top for b in buttons), default=fallback)


def draw_buttons(
    surface: pygame.Surface,
    fonts: Fonts,
    buttons: Sequence[Button],
    active: set[str],
    hovered: tuple[int, int],
) -> None:
    """Each button: a panel, its key in the accent colour, then its words; active ones outlined."""
    small = fonts.get("small")
    for button in buttons:
        rect = button.rect
        lit = rect.collidepoint(hovered)
        surface.fill(palette.PANEL_EDGE if lit else palette.PANEL, rect)
        edge = palette.HIGHLIGHT if button.action in active else palette.PANEL_EDGE
        pygame.draw.rect(surface, edge, rect, 2 if button.action in active else 1)
        inner = rect.w - 16
        key_w = min(inner, small.size(button.key)[0])
        x, y = rect.x + 8, rect.y + 5
        draw_text(surface, small, fit(small, button.key, inner), (x, y), palette.ACCENT)
        words = fit(small, button.words, inner - key_w - small.size("  ")[0])
        if words:
            draw_text(surface, small, words, (x + key_w + small.size("  ")[0], y))


def x_of(rect: pygame.Rect, tick: int, last_tick: int) -> int:
    """The x of a tick on the track."""
    share = tick / last_tick if last_tick > 0 else 0.0
    return rect.x + round(max(0.0, min(1.0, share)) * (rect.w - 1))


def tick_at(rect: pygame.Rect, x: int, last_tick: int) -> int:
    """The tick under an x on the track."""
    share = (x - rect.x) / max(1, rect.w - 1)
    return round(max(0.0, min(1.0, share)) * last_tick)


def track_rect(rect: pygame.Rect, fonts: Fonts) -> pygame.Rect:
    """Where the track lies inside the timeline's area."""
    top = rect.y + fonts.line_height("small") + 16
    return pygame.Rect(rect.x + 6, top, rect.w - 12, TRACK_H)


def markers_at(
    rect: pygame.Rect, fonts: Fonts, pos: tuple[int, int], found: Sequence[Marker], last_tick: int
) -> list[Marker]:
    """The markers under the pointer (nearest first), if it is over the track's marker band."""
    track = track_rect(rect, fonts)
    band = pygame.Rect(track.x - MARKER_REACH, track.y - 16, track.w + 2 * MARKER_REACH, 34)
    if not band.collidepoint(pos):
        return []
    near = [(abs(x_of(track, m.tick, last_tick) - pos[0]), m) for m in found]
    near = [(d, m) for d, m in near if d <= MARKER_REACH]
    near.sort(key=lambda item: (item[0], item[1].tick))
    return [m for _, m in near]


def draw_timeline(
    surface: pygame.Surface,
    fonts: Fonts,
    rect: pygame.Rect,
    now: int,
    last_tick: int,
    built_until: int,
    found: Sequence[Marker],
    exposed: Sequence[Sequence[int]],
    status: str,
) -> None:
    """The clock line, the track with the markers, the exposure band and the playhead, the legend."""
    small = fonts.get("small")
    line_h = fonts.line_height("small")
    surface.fill(palette.PANEL, rect)
    pygame.draw.rect(surface, palette.PANEL_EDGE, rect, 1)
    track = track_rect(rect, fonts)
    start = clock_text(0)
    end = clock_text(last_tick / TICK_RATE)
    y = rect.y + 4
    draw_text(surface, small, start, (track.x, y), palette.TEXT_DIM)
    draw_text(surface, small, end, (track.right, y), palette.TEXT_DIM, "topright")
    room = track.w - small.size(start)[0] - small.size(end)[0] - 40
    draw_text(surface, small, fit(small, status, room), (track.centerx, y), palette.TEXT, "midtop")
    pygame.draw.rect(surface, palette.PANEL_EDGE, track)
    built = x_of(track, built_until, last_tick)
    surface.fill(palette.TEXT_DIM, pygame.Rect(track.x, track.y + 3, built - track.x, 4))
    for first, after in exposed:
        a, b = x_of(track, first, last_tick), x_of(track, after, last_tick)
        surface.fill(palette.DANGER, pygame.Rect(a, track.bottom + 2, max(1, b - a), 4))
    for marker in found:
        _marker(surface, marker, x_of(track, marker.tick, last_tick), track)
    head = x_of(track, now, last_tick)
    pygame.draw.line(surface, palette.HIGHLIGHT, (head, track.y - 14), (head, track.bottom + 6), 2)
    pygame.draw.polygon(
        surface,
        palette.HIGHLIGHT,
        [(head - 5, track.y - 16), (head + 5, track.y - 16), (head, track.y - 10)],
    )
    _legend(surface, fonts, pygame.Rect(track.x, rect.bottom - line_h - 4, track.w, line_h))


def marker_colour(marker: Marker) -> tuple[int, int, int]:
    """A marker's colour (its shape says the same): screen-out, note, points won or lost."""
    if marker.kind is MarkerKind.SCREEN_OUT:
        return palette.DANGER
    if marker.kind is MarkerKind.NOTE:
        return palette.HIGHLIGHT
    if marker.points > 0:
        return palette.GOOD
    return palette.WARNING if marker.points < 0 else palette.TEXT_DIM


def _marker(surface: pygame.Surface, marker: Marker, x: int, track: pygame.Rect) -> None:
    colour = marker_colour(marker)
    if marker.kind is MarkerKind.SCREEN_OUT:
        # a tall triangle pointing at the moment
        points = [(x - 6, track.y - 14), (x + 6, track.y - 14), (x, track.y + TRACK_H // 2)]
        pygame.draw.polygon(surface, colour, points)
        pygame.draw.polygon(surface, palette.OUTLINE, points, 1)
    elif marker.kind is MarkerKind.NOTE:
        # a flag on a pole
        pygame.draw.line(surface, colour, (x, track.bottom + 6), (x, track.y - 14), 2)
        pygame.draw.polygon(
            surface, colour, [(x, track.y - 14), (x + 9, track.y - 10), (x, track.y - 6)]
        )
    else:
        pygame.draw.line(surface, colour, (x, track.y - 6), (x, track.bottom), 2)
        pygame.draw.circle(surface, colour, (x, track.y - 7), 3)


def _legend(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
    """Shape and words for each kind of mark; an item that does not fit is left out whole."""
    small = fonts.get("small")
    items = (
        ("screen-out", MarkerKind.SCREEN_OUT, 0),
        ("points won", MarkerKind.FINDING, 1),
        ("points lost", MarkerKind.FINDING, -1),
        ("note", MarkerKind.NOTE, 0),
        ("in the suspect's sight", None, 0),
    )
    x = rect.x
    mid = rect.centery
    for words, kind, points in items:
        need = 18 + small.size(words)[0] + 14
        if x + need > rect.right:
            break
        if kind is None:
            surface.fill(palette.DANGER, pygame.Rect(x, mid - 2, 12, 4))
        else:
            marker = Marker(0, kind, "", points)
            colour = marker_colour(marker)
            if kind is MarkerKind.SCREEN_OUT:
                pygame.draw.polygon(
                    surface, colour, [(x, mid - 5), (x + 10, mid - 5), (x + 5, mid + 5)]
                )
            elif kind is MarkerKind.NOTE:
                pygame.draw.line(surface, colour, (x + 2, mid + 6), (x + 2, mid - 6), 2)
                pygame.draw.polygon(
                    surface, colour, [(x + 2, mid - 6), (x + 10, mid - 3), (x + 2, mid)]
                )
            else:
                pygame.draw.line(surface, colour, (x + 5, mid - 2), (x + 5, mid + 6), 2)
                pygame.draw.circle(surface, colour, (x + 5, mid - 3), 3)
        draw_text(surface, small, words, (x + 18, rect.y), palette.TEXT_DIM)
        x += need


def draw_marker_tip(
    surface: pygame.Surface,
    fonts: Fonts,
    found: Sequence[Marker],
    anchor_x: int,
    above: int,
    placer: Placer,
    words: Callable[[str], str],
) -> pygame.Rect | None:
    """The sentences of the markers under the pointer, in a box just above the timeline."""
    small = fonts.get("small")
    line_h = fonts.line_height("small")
    bounds = placer.bounds
    width = min(bounds.w - 16, max(260, fonts.width("small", "m" * 40)))
    lines: list[tuple[str, tuple[int, int, int]]] = []
    for marker in found[:3]:
        head = clock_text(marker.tick / TICK_RATE)
        if marker.kind is MarkerKind.NOTE:
            text = f"{head}  Note: {words(marker.text)}"
        elif marker.kind is MarkerKind.SCREEN_OUT:
            text = f"{head}  Screen-out: {words(marker.text)}"
        else:
            text = f"{head}  {marker.points:+d}  {words(marker.text)}"
        for line in wrap(small, text, width - 16)[:3]:
            lines.append((line, marker_colour(marker)))
    if len(found) > 3:
        lines.append((f"and {len(found) - 3} more here", palette.TEXT_DIM))
    if not lines:
        return None
    box = pygame.Rect(0, 0, width, line_h * len(lines) + 10)
    candidates = []
    for dy in (0, 40, 80):
        candidate = box.copy()
        candidate.midbottom = (anchor_x, above - 6 - dy)
        candidates.append(candidate)
    top = box.copy()
    top.topleft = (bounds.x + 8, bounds.y + 8)
    spot = placer.place(box, [*candidates, top])
    if spot is None:
        return None
    back = pygame.Surface(spot.size, pygame.SRCALPHA)
    back.fill((*palette.BACKGROUND, 235))
    surface.blit(back, spot)
    pygame.draw.rect(surface, palette.HIGHLIGHT, spot, 1)
    y = spot.y + 5
    for line, colour in lines:
        draw_text(surface, small, line, (spot.x + 8, y), colour)
        y += line_h
    return spot
