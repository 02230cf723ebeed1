"""Scenes are a small protocol: handle an event, update by a frame's seconds, draw; each may say where to go next."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pygame

from game.client.records import TraineeChoice
from game.client.routes import Route
from game.client.settings import Settings, config_dir, save_settings
from game.client.sound import SoundBank
from game.client.text import Fonts


class Scene(Protocol):
    """One screen of the client."""

    def handle(self, event: pygame.event.Event) -> Next:
        """React to one input event; return where to go next, or None to stay."""

    def update(self, dt: float) -> Next:
        """Advance by dt seconds of wall time; return where to go next, or None to stay."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen."""


Next = Scene | Route | None
"""What `handle` and `update` return: stay (None), back to an existing scene, or a route to a new one."""


@dataclass
class Context:
    """What every scene shares: settings, fonts, sound, and where files live."""

    settings: Settings
    fonts: Fonts
    sound: SoundBank
    config: Path = field(default_factory=config_dir)
    levels_dir: Path = Path("levels")
    saves: list[str] = field(default_factory=list)
    records: TraineeChoice = field(default_factory=TraineeChoice)
    variant: dict[str, str] = field(default_factory=dict)
    """Variant choices fixed from the command line (`play --variant`), kept across retries."""

    def save_settings(self) -> None:
        """Remember the settings between runs (errors are shown, never fatal)."""
        try:
            save_settings(self.settings, self.config)
        except OSError as error:
            self.saves.append(f"Could not save settings: {error}")

    def set_text_size(self, scale: float) -> None:
        """Change the text size everywhere at once."""
        self.settings.text_size = scale
        self.fonts = Fonts(scale)
