"""Settings: window size, full screen, volume, text size, pause-to-plan, and key bindings; saved on leaving."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.input_map import key_label
from game.client.scene import Context, Next
from game.client.settings import ACTION_TITLES, DEFAULT_BINDINGS
from game.client.text import draw_text, fit, wrap
from game.client.window import WINDOW_SIZES, open_window

GENERAL = ("window", "fullscreen", "volume", "text_size", "plan_mode", "reset_keys")
TITLES = {
    "window": "Window size",
    "fullscreen": "Full screen",
    "volume": "Volume",
    "text_size": "Text size",
    "plan_mode": "Pause-to-plan mode",
    "reset_keys": "Reset key bindings",
}
TEXT_SIZES = (0.75, 0.875, 1.0, 1.125, 1.25, 1.375, 1.5)


class SettingsScene:
    """Up/Down choose, Left/Right change, Enter sets a key (press the new key), Delete unbinds it."""

    def __init__(self, context: Context, back) -> None:
        self.context = context
        self.back = back
        self.rows = list(GENERAL) + list(DEFAULT_BINDINGS)
        self.selected = 0
        self.capturing = False

    def handle(self, event: pygame.event.Event) -> Next:
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
        elif event.key in (pygame.K_DELETE, pygame.K_BACKSPACE) and row not in GENERAL:
            self.context.settings.bindings[row] = []
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
            index = min(range(len(TEXT_SIZES)), key=lambda i: abs(TEXT_SIZES[i] - s.text_size))
            index = max(0, min(len(TEXT_SIZES) - 1, index + step))
            self.context.set_text_size(TEXT_SIZES[index])
        elif row == "plan_mode":
            s.plan_mode = not s.plan_mode
        elif row == "reset_keys":
            s.bindings = {k: list(v) for k, v in DEFAULT_BINDINGS.items()}

    def rebind(self, action: str, key_name: str) -> None:
        """Bind a key to an action, replacing its keys (and taking it from any other action)."""
        bindings = self.context.settings.bindings
        for other, names in bindings.items():
            if other != action and key_name in names:
                bindings[other] = [n for n in names if n != key_name]
        bindings[action] = [key_name]

    def leave(self) -> Next:
        """Save, apply the window, and go back."""
        self.context.save_settings()
        s = self.context.settings
        if pygame.display.get_surface() is not None and pygame.display.get_driver() != "dummy":
            open_window(s.window, s.fullscreen)
        return self.back

    def update(self, dt: float) -> Next:
        """Nothing moves here."""
        return None

    def value(self, row: str) -> str:
        """A row's current value in words."""
        s = self.context.settings
        if row == "window":
            return f"{s.window[0]} x {s.window[1]}  (or resize the window)"
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
        keys = s.keys_for(row)
        labels = dict.fromkeys(key_label({row: [k]}, row) for k in keys)
        return ", ".join(labels) or "(none)"

    def draw(self, surface: pygame.Surface) -> None:
        """The settings list."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        w, h = surface.get_size()
        margin = max(24, w // 25)
        title, body, small = fonts.get("title"), fonts.get("body"), fonts.get("small")
        draw_text(surface, title, "Settings", (margin, 20))
        footer = wrap(
            small,
            "Up/Down: choose   Left/Right: change   Enter on a key: set it (then press the key)   "
            "Delete: unbind   Esc: save and back",
            w - 2 * margin,
        )
        footer_top = h - 10 - fonts.line_height("small") * len(footer)
        line = fonts.line_height("body") + 2
        y = 24 + fonts.line_height("title")
        visible = max(3, (footer_top - y - 8) // line)
        start = max(0, min(self.selected - visible // 2, len(self.rows) - visible))
        names = [TITLES.get(r, ACTION_TITLES.get(r, r)) for r in self.rows]
        name_w = min((w - 2 * margin) // 2, max(body.size("> " + n)[0] for n in names) + 24)
        for index in range(start, min(len(self.rows), start + visible)):
            row = self.rows[index]
            selected = index == self.selected
            colour = palette.TEXT if selected else palette.TEXT_DIM
            label = ("> " if selected else "  ") + names[index]
            draw_text(surface, body, fit(body, label, name_w - 12), (margin, y), colour)
            value = "press a key..." if selected and self.capturing else self.value(row)
            shown = fit(body, value, w - 2 * margin - name_w)
            draw_text(
                surface,
                body,
                shown,
                (margin + name_w, y),
                palette.HIGHLIGHT if selected else palette.TEXT,
            )
            y += line
        y = footer_top
        for text in footer:
            draw_text(surface, small, text, (margin, y), palette.TEXT_DIM)
            y += fonts.line_height("small")
