"""Layout helpers: labels placed so that none overlaps another, and scrolling documents of whole lines."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.client import palette
from game.client.text import Fonts, draw_text, wrap


class Placer:
    """The boxes already taken in one frame; new labels go to the first free candidate spot."""

    def __init__(self, bounds: pygame.Rect) -> None:
        self.bounds = bounds
        self.taken: list[pygame.Rect] = []

    def reserve(self, rect: pygame.Rect) -> None:
        """Mark an area as used (a caption band, a panel)."""
        if rect.w and rect.h:
            self.taken.append(rect.copy())

    def free(self, rect: pygame.Rect) -> bool:
        """Whether a box lies inside the bounds and touches nothing taken."""
        return self.bounds.contains(rect) and rect.collidelist(self.taken) < 0

    def place(self, rect: pygame.Rect, candidates: list[pygame.Rect]) -> pygame.Rect | None:
        """The first candidate (clamped into the bounds) that is free, now taken; None when none is."""
        for candidate in candidates:
            spot = candidate.clamp(self.bounds)
            if self.free(spot):
                self.taken.append(spot)
                return spot
        return None


@dataclass(frozen=True, slots=True)
class Row:
    """One piece of a scrolling document: text in a font role, a bar, an image, or a gap."""

    text: str = ""
    role: str = "body"
    colour: tuple[int, int, int] = palette.TEXT
    indent: int = 0
    right: str = ""
    """Text at the row's right end (a score beside a title); the row's text is cut to make room."""
    bar: float | None = None
    """0..1: a bar under the text (a category's share of its points)."""
    image: pygame.Surface | None = None
    gap: int = 0


@dataclass(frozen=True, slots=True)
class Line:
    """A laid-out line of a document: what to draw and its height."""

    row: Row
    text: str
    height: int


def lay_out(fonts: Fonts, rows: list[Row], width: int) -> list[Line]:
    """Wrap a document's rows to a width: one Line per drawn line."""
    lines: list[Line] = []
    for row in rows:
        if row.gap:
            lines.append(Line(row, "", row.gap))
            continue
        if row.image is not None:
            lines.append(Line(row, "", row.image.get_height() + 6))
            continue
        font = fonts.get(row.role)
        room = width - row.indent - (fonts.width(row.role, row.right) + 16 if row.right else 0)
        wrapped = wrap(font, row.text, max(40, room)) if row.text else [""]
        bar_h = 8 if row.bar is not None else 0
        for i, text in enumerate(wrapped):
            last = i == len(wrapped) - 1
            first_row = row if i == 0 else Row(role=row.role, colour=row.colour, indent=row.indent)
            if last and row.bar is not None:
                first_row = Row(
                    role=row.role,
                    colour=row.colour,
                    indent=row.indent,
                    right=row.right if i == 0 else "",
                    bar=row.bar,
                )
            lines.append(Line(first_row, text, font.get_linesize() + (bar_h if last else 0)))
    return lines


def draw_document(
    surface: pygame.Surface, fonts: Fonts, lines: list[Line], rect: pygame.Rect, scroll: int
) -> int:
    """Draw whole lines from `scroll` that fit the rectangle; returns the largest useful scroll."""
    total = len(lines)
    heights = [line.height for line in lines]
    last_start = total
    room = 0
    while last_start > 0 and room + heights[last_start - 1] <= rect.h:
        last_start -= 1
        room += heights[last_start]
    max_scroll = last_start
    scroll = max(0, min(scroll, max_scroll))
    y = rect.y
    for line in lines[scroll:]:
        if y + line.height > rect.bottom:
            break
        _draw_line(surface, fonts, line, rect, y)
        y += line.height
    if max_scroll:
        track = pygame.Rect(rect.right - 4, rect.y, 3, rect.h)
        pygame.draw.rect(surface, palette.PANEL_EDGE, track)
        size = max(12, track.h * (total - max_scroll) // max(1, total))
        top = track.y + (track.h - size) * scroll // max(1, max_scroll)
        pygame.draw.rect(surface, palette.ACCENT, (track.x, top, 3, size))
    return max_scroll


def _draw_line(
    surface: pygame.Surface, fonts: Fonts, line: Line, rect: pygame.Rect, y: int
) -> None:
    row = line.row
    if row.image is not None:
        surface.blit(row.image, (rect.x + row.indent, y))
        pygame.draw.rect(
            surface, palette.PANEL_EDGE, row.image.get_rect(topleft=(rect.x + row.indent, y)), 1
        )
        return
    font = fonts.get(row.role)
    if line.text:
        draw_text(surface, font, line.text, (rect.x + row.indent, y), row.colour)
    if row.right:
        draw_text(surface, font, row.right, (rect.right - 10, y), row.colour, "topright")
    if row.bar is not None:
        bar = pygame.Rect(
            rect.x + row.indent, y + font.get_linesize() + 1, rect.w - row.indent - 10, 5
        )
        pygame.draw.rect(surface, palette.PANEL_EDGE, bar)
        fill = bar.copy()
        fill.w = round(bar.w * max(0.0, min(1.0, row.bar)))
        surface.fill(palette.ACCENT, fill)
