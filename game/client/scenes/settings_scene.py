"""Settings: window size, full screen, volume, text size, pause-to-plan, and key bindings; saved on leaving."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.scene import Context, Scene
from game.client.settings import ACTION_TITLES, DEFAULT_BINDINGS
from game.client.text import Fonts, draw_text

WINDOW_SIZES = ((1280, 760), (1440, 900), (1600, 960), (1920, 1080), (1024, 700))
GENERAL = ("window", "fullscreen", "volume", "text_size", "plan_mode", "reset_keys")


class SettingsScene:
    """Up/Down choose, Left/Right change, Enter rebinds a key (then press the new key), Esc saves and returns."""

    def __init__(self, context: Context, back: Scene) -> None:
        self.context = context
        self.back = back
        self.rows = list(GENERAL) + list(DEFAULT_BINDINGS)
        self.selected = 0
        self.capturing = False

    def handle(self, event: pygame.event.Event) -> Scene | None:
        """Change the selected setting."""
        if event.type != pygame.KEYDOWN:
            return None
        row = self.rows[self.selected]
        if self.capturing:
            self.capturing = False
            if event.key != pygame.K_ESCAPE:
                self.rebind(row, pygame.key.name(event.key))
            return None
        if event.key == pygame.K_ESCAPE:
            return self.leave()
        if event.key in (pygame.K_DOWN, pygame.K_s):
            self.selected = (self.selected + 1) % len(self.rows)
        elif event.key in (pygame.K_UP, pygame.K_w):
            self.selected = (self.selected - 1) % len(self.rows)
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_KP_ENTER):
            step = -1 if event.key == pygame.K_LEFT else 1
            if row in GENERAL:
                self.change(row, step)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.capturing = True
        return None

    def change(self, row: str, step: int) -> None:
        """Step one general setting."""
        s = self.context.settings
        if row == "window":
            sizes = list(WINDOW_SIZES)
            index = sizes.index(s.window) if s.window in sizes else -1
            s.window = sizes[(index + step) % len(sizes)]
        elif row == "fullscreen":
            s.fullscreen = not s.fullscreen
        elif row == "volume":
            s.volume = round(min(1.0, max(0.0, s.volume + 0.1 * step)), 2)
            self.context.sound.volume = s.volume
            self.context.sound.play("radio")
        elif row == "text_size":
            s.text_size = round(min(1.5, max(0.75, s.text_size + 0.125 * step)), 3)
            self.context.fonts = Fonts(s.text_size)
        elif row == "plan_mode":
            s.plan_mode = not s.plan_mode
        elif row == "reset_keys":
            s.bindings = {k: list(v) for k, v in DEFAULT_BINDINGS.items()}

    def rebind(self, action: str, key_name: str) -> None:
        """Bind a key to an action (taking it from any other action that had it)."""
        bindings = self.context.settings.bindings
        for other, names in bindings.items():
            if other != action and key_name in names:
                bindings[other] = [n for n in names if n != key_name]
        bindings[action] = [key_name, *[n for n in bindings.get(action, []) if n != key_name][:1]]

    def leave(self) -> Scene:
        """Save, apply the window, and go back."""
        self.context.save_settings()
        s = self.context.settings
        if pygame.display.get_surface() is not None and pygame.display.get_driver() != "dummy":
            from game.client.app import open_window

            open_window(s.window, s.fullscreen)
        if hasattr(self.back, "keys"):
            from game.client.input_map import key_map

            self.back.keys = key_map(s.bindings)
        return self.back

    def update(self, dt: float) -> Scene | None:
        """Nothing moves here."""
        return None

    def value(self, row: str) -> str:
        """A row's current value in words."""
        s = self.context.settings
        if row == "window":
            return f"{s.window[0]} x {s.window[1]}"
        if row == "fullscreen":
            return "on" if s.fullscreen else "off"
        if row == "volume":
            return f"{round(s.volume * 100)} %"
        if row == "text_size":
            return f"{round(s.text_size * 100)} %"
        if row == "plan_mode":
            return "on" if s.plan_mode else "off"
        if row == "reset_keys":
            return "Enter"
        return ", ".join(s.keys_for(row)) or "(none)"

    def draw(self, surface: pygame.Surface) -> None:
        """The settings list."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        draw_text(surface, fonts.get("title"), "Settings", (60, 24))
        titles = {
            "window": "Window size",
            "fullscreen": "Full screen",
            "volume": "Volume",
            "text_size": "Text size",
            "plan_mode": "Pause-to-plan mode",
            "reset_keys": "Reset key bindings",
        }
        line = fonts.line_height("body")
        visible = max(5, (surface.get_height() - 160) // line)
        start = max(0, min(self.selected - visible // 2, len(self.rows) - visible))
        y = 30 + fonts.line_height("title") + 10
        for index in range(start, min(len(self.rows), start + visible)):
            row = self.rows[index]
            selected = index == self.selected
            colour = palette.TEXT if selected else palette.TEXT_DIM
            draw_text(
                surface,
                fonts.get("body"),
                ("> " if selected else "  ") + titles.get(row, ACTION_TITLES.get(row, row)),
                (60, y),
                colour,
            )
            value = "press a key..." if selected and self.capturing else self.value(row)
            draw_text(
                surface,
                fonts.get("body"),
                value,
                (520, y),
                palette.HIGHLIGHT if selected else palette.TEXT,
            )
            y += line
        draw_text(
            surface,
            fonts.get("small"),
            "Up/Down: choose   Left/Right: change   Enter on a key: rebind   Esc: save and back",
            (60, surface.get_height() - 30),
            palette.TEXT_DIM,
        )
