"""Where the client's own files live: the top-level assets/ folder (font, window icon, sounds)."""

from __future__ import annotations

from pathlib import Path

from game.levels.folders import shipped_dir

ASSETS_DIR = shipped_dir("assets")
"""The project's assets folder (the checkout's, or the installed package's copy); each file in it has
its licence beside it (see assets/README.md)."""

FONT_REGULAR = ASSETS_DIR / "fonts" / "AtkinsonHyperlegible-Regular.ttf"
FONT_BOLD = ASSETS_DIR / "fonts" / "AtkinsonHyperlegible-Bold.ttf"
ICON = ASSETS_DIR / "icon.png"
SOUNDS_DIR = ASSETS_DIR / "sounds"


def sound_file(name: str) -> Path:
    """The WAV file of one of the game's sounds ("gunshot", "radio", ...)."""
    return SOUNDS_DIR / f"{name}.wav"
