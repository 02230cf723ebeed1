"""The window: the display check, the sizes offered, the title and the icon."""

from __future__ import annotations

import contextlib
import os

import pygame

from game.client.assets import ICON

TITLE = "Rapid Response Trainer"
DEFAULT_WINDOW = (1280, 720)
"""Fits a 1280×720 screen; the window is resizable."""
WINDOW_SIZES = ((1280, 720), (1366, 768), (1600, 900), (1920, 1080), (1024, 700))
"""The sizes Settings offers (any other size comes from resizing the window)."""
MIN_WINDOW = (1024, 700)
"""The smallest size every scene is laid out for."""
HEADLESS_DRIVERS = ("dummy", "offscreen")

NO_DISPLAY = (
    "No display found: the game needs a desktop session to open its window.\n"
    "Run it from a desktop (or set DISPLAY / WAYLAND_DISPLAY to your display).\n"
    "Without a display you can still run levels headless: python main.py run LEVEL --script SCRIPT"
)


class NoDisplay(Exception):
    """There is no screen to open a window on."""


def start_display() -> None:
    """Start the video system; NoDisplay when there is no real screen (unless a driver was chosen)."""
    chosen = os.environ.get("SDL_VIDEODRIVER", "")
    try:
        pygame.display.init()
    except pygame.error as error:
        raise NoDisplay(f"{NO_DISPLAY}\n(SDL said: {error})") from None
    if not chosen and pygame.display.get_driver() in HEADLESS_DRIVERS:
        pygame.display.quit()
        raise NoDisplay(NO_DISPLAY)


def open_window(size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
    """The window (or full screen) at a size, resizable, with the game's title and icon."""
    pygame.display.set_caption(TITLE)
    _set_icon()
    if fullscreen:
        return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
    fitted = fit_to_desktop(size)
    return pygame.display.set_mode(fitted, pygame.RESIZABLE)


def fit_to_desktop(size: tuple[int, int]) -> tuple[int, int]:
    """A window size no larger than the desktop (a saved 1920×1080 on a smaller screen shrinks)."""
    try:
        desktops = pygame.display.get_desktop_sizes()
    except pygame.error:
        desktops = []
    if not desktops or pygame.display.get_driver() in HEADLESS_DRIVERS:
        return size
    dw, dh = desktops[0]
    return min(size[0], dw), min(size[1], max(MIN_WINDOW[1], dh - 60))


def _set_icon() -> None:
    with contextlib.suppress(pygame.error, OSError, FileNotFoundError):
        pygame.display.set_icon(pygame.image.load(str(ICON)))
