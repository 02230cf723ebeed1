"""Text: the default font at a few sizes scaled by the trainee's text-size setting, and word wrapping."""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.client import palette
from game.levels.printable import displayable

SIZES = {"small": 15, "body": 18, "heading": 24, "title": 34}

MAX_LINE_CHARS = 400
"""Longest line drawn: more would not fit any window, and a font cannot render very long lines."""


class Fonts:
    """Cached fonts by role ("small", "body", "heading", "title")."""

    def __init__(self, scale: float = 1.0) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.scale = scale
        self._fonts: dict[str, pygame.font.Font] = {}

    def get(self, role: str) -> pygame.font.Font:
        """The font for a role."""
        if role not in self._fonts:
            size = max(10, round(SIZES[role] * self.scale))
            self._fonts[role] = pygame.font.Font(None, round(size * 1.25))
        return self._fonts[role]

    def line_height(self, role: str) -> int:
        """Pixels from one line to the next."""
        return self.get(role).get_linesize()


def draw_text(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    pos: tuple[int, int],
    colour: tuple[int, int, int] = palette.TEXT,
    anchor: str = "topleft",
) -> pygame.Rect:
    """Draw one line of text (made safe to draw: see `drawable`); returns its rectangle."""
    image = _rendered(font, drawable(text), colour)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def drawable(text: object) -> str:
    """Text a font can draw: one line of at most MAX_LINE_CHARS characters, with anything that
    cannot be shown (a lone surrogate, a control character) replaced by U+FFFD."""
    line = text if isinstance(text, str) else str(text)
    if len(line) > MAX_LINE_CHARS:
        line = line[: MAX_LINE_CHARS - 1] + "…"
    return displayable(line)


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Split text into lines that fit a width (paragraphs kept; long words left whole)."""
    return list(_wrapped(font, text, width))


@lru_cache(maxsize=4096)
def _rendered(font: pygame.font.Font, text: str, colour: tuple[int, ...]) -> pygame.Surface:
    # The HUD redraws the same lines every frame; rendering text is the costliest part of a frame.
    return font.render(text, True, colour)


@lru_cache(maxsize=1024)
def _wrapped(font: pygame.font.Font, text: str, width: int) -> tuple[str, ...]:
    lines: list[str] = []
    for paragraph in text.splitlines()[:500] or [""]:
        words = [drawable(word) for word in paragraph.split()[:5000]]
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            trial = f"{line} {word}"
            if font.size(trial)[0] <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return tuple(lines)


def draw_wrapped(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    rect: pygame.Rect,
    colour: tuple[int, int, int] = palette.TEXT,
) -> int:
    """Draw wrapped text inside a rectangle (clipped at its bottom); returns the y after the last line."""
    y = rect.y
    for line in wrap(font, text, rect.w):
        if y + font.get_linesize() > rect.bottom:
            break
        draw_text(surface, font, line, (rect.x, y), colour)
        y += font.get_linesize()
    return y


def clock_text(seconds: float) -> str:
    """m:ss for a number of seconds."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def fit(font: pygame.font.Font, text: str, width: int) -> str:
    """The text cut to fit a width, with an ellipsis when cut."""
    text = drawable(text)
    if font.size(text)[0] <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.size(text[:middle] + "…")[0] <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs (blank lines separate paragraphs)."""
    paragraphs = [" ".join(p.split()) for p in text.replace("\r", "").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)
