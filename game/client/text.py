"""Text: the game's font at a few sizes scaled by the trainee's text-size setting, wrapping, and a
record of every text box drawn (for tests that check nothing overlaps or leaves the screen)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.client import palette
from game.client.assets import FONT_BOLD, FONT_REGULAR
from game.levels.printable import displayable

SIZES = {"small": 15, "body": 17, "heading": 21, "title": 28}
"""Pixel sizes at 100 % text."""
BOLD_ROLES = ("heading", "title")

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
            self._fonts[role] = _load_font(FONT_BOLD if role in BOLD_ROLES else FONT_REGULAR, size)
        return self._fonts[role]

    def line_height(self, role: str) -> int:
        """Pixels from one line to the next."""
        return self.get(role).get_linesize()

    def width(self, role: str, text: str) -> int:
        """Pixels one line of text takes in a role's font."""
        return self.get(role).size(text)[0]


def _load_font(path, size: int) -> pygame.font.Font:
    try:
        return pygame.font.Font(str(path), size)
    except (OSError, FileNotFoundError, pygame.error):
        # The font file is missing from this copy: pygame's own font still shows every word.
        return pygame.font.Font(None, round(size * 1.3))


@dataclass(frozen=True, slots=True)
class TextBox:
    """One line of text as drawn: its words, where it landed, and the clip it was drawn under."""

    text: str
    rect: pygame.Rect
    clip: pygame.Rect


_boxes: list[TextBox] | None = None


@contextmanager
def recording_text() -> Iterator[list[TextBox]]:
    """Collect every text box drawn inside the block (what the screen shows, as text)."""
    global _boxes
    outer, _boxes = _boxes, []
    try:
        yield _boxes
    finally:
        _boxes = outer


def recording() -> bool:
    """Whether the text drawn now is being recorded (`recording_text`)."""
    return _boxes is not None


def draw_text(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    pos: tuple[int, int],
    colour: tuple[int, int, int] = palette.TEXT,
    anchor: str = "topleft",
    alpha: int = 255,
) -> pygame.Rect:
    """Draw one line of text (made safe to draw: see `drawable`); returns its rectangle."""
    image = _rendered(font, drawable(text), tuple(colour))
    rect = image.get_rect(**{anchor: pos})
    if alpha < 255:
        image = image.copy()
        image.set_alpha(alpha)
    surface.blit(image, rect)
    if _boxes is not None and text.strip():
        _boxes.append(TextBox(text, rect.copy(), surface.get_clip().copy()))
    return rect


def drawable(text: object) -> str:
    """Text a font can draw: one line of at most MAX_LINE_CHARS characters, with anything that
    cannot be shown (a lone surrogate, a control character) replaced by U+FFFD."""
    return _drawable(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=4096)
def _drawable(line: str) -> str:
    # Every line drawn passes here, every frame: the same few dozen lines, so kept.
    if len(line) > MAX_LINE_CHARS:
        line = line[: MAX_LINE_CHARS - 1] + "…"
    return displayable(line)


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Split text into lines that fit a width (paragraphs kept; a word longer than a line is split)."""
    return list(_wrapped(font, text, max(1, width)))


@lru_cache(maxsize=4096)
def _rendered(font: pygame.font.Font, text: str, colour: tuple[int, ...]) -> pygame.Surface:
    # The HUD redraws the same lines every frame; rendering text is the costliest part of a frame.
    return font.render(text, True, colour)


@lru_cache(maxsize=2048)
def _wrapped(font: pygame.font.Font, text: str, width: int) -> tuple[str, ...]:
    lines: list[str] = []
    for paragraph in text.splitlines()[:500] or [""]:
        words = [
            piece
            for word in paragraph.split()[:5000]
            for piece in _pieces(font, drawable(word), width)
        ]
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


def _pieces(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """A word cut into pieces that each fit the width (most words are one piece)."""
    if font.size(word)[0] <= width:
        return [word]
    pieces, piece = [], ""
    for char in word:
        if piece and font.size(piece + char)[0] > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def draw_wrapped(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    rect: pygame.Rect,
    colour: tuple[int, int, int] = palette.TEXT,
) -> int:
    """Draw wrapped text inside a rectangle (whole lines only); returns the y after the last line."""
    y = rect.y
    for line in wrap(font, text, rect.w):
        if y + font.get_linesize() > rect.bottom:
            break
        draw_text(surface, font, line, (rect.x, y), colour)
        y += font.get_linesize()
    return y


def fit(font: pygame.font.Font, text: str, width: int) -> str:
    """The text cut to fit a width, with an ellipsis when cut."""
    return _fitted(font, drawable(text), width)


@lru_cache(maxsize=4096)
def _fitted(font: pygame.font.Font, text: str, width: int) -> str:
    # The HUD fits the same lines to the same widths every time it is drawn.
    if font.size(text)[0] <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.size(text[:middle] + "…")[0] <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…" if low else ""


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs (blank lines separate paragraphs)."""
    paragraphs = [" ".join(p.split()) for p in text.replace("\r", "").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)
