"""The menu: the levels in levels/, each with its title, a line of briefing and the best result so far."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.level_list import LevelEntry, list_levels
from game.client.records import describe_record, load_records
from game.client.scene import Context, Quit, Scene
from game.client.text import draw_text

ROW_H = 74


class MenuScene:
    """Choose a level (arrows/Enter or mouse), open settings, or quit."""

    def __init__(self, context: Context, entries: list[LevelEntry] | None = None) -> None:
        self.context = context
        self.entries = entries if entries is not None else list_levels(context.levels_dir)
        self.records = load_records(context)
        self.selected = next((i for i, e in enumerate(self.entries) if e.level), 0)
        self.rows: list[pygame.Rect] = []

    def handle(self, event: pygame.event.Event) -> Scene | None:
        """Arrows move, Enter plays, S opens settings, Esc quits; click plays a row."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_s) and self.entries:
                self.selected = (self.selected + 1) % len(self.entries)
            elif event.key in (pygame.K_UP, pygame.K_w) and self.entries:
                self.selected = (self.selected - 1) % len(self.entries)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.choose(self.selected)
            elif event.key == pygame.K_t:
                from game.client.scenes.profile import ProfileScene

                return ProfileScene(self.context, self)
            elif event.key == pygame.K_h:
                from game.client.scenes.history import HistoryScene

                return HistoryScene(self.context, self.context.records.trainee, self)
            elif event.key == pygame.K_o:
                from game.client.scenes.settings_scene import SettingsScene

                return SettingsScene(self.context, self)
            elif event.key in (pygame.K_ESCAPE, pygame.K_q):
                return Quit()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, rect in enumerate(self.rows):
                if rect.collidepoint(event.pos):
                    if index == self.selected:
                        return self.choose(index)
                    self.selected = index
        return None

    def choose(self, index: int) -> Scene | None:
        """The briefing of a playable level (a broken one stays in the menu)."""
        if not 0 <= index < len(self.entries) or self.entries[index].level is None:
            return None
        from game.client.app import new_seed
        from game.client.scenes.briefing import BriefingScene

        return BriefingScene(self.context, self.entries[index].level, new_seed())

    def refresh_records(self) -> None:
        """Read the best results again (another trainee was chosen)."""
        self.records = load_records(self.context)

    def update(self, dt: float) -> Scene | None:
        """Nothing moves in the menu."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Title, the level list, and the keys."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        w = surface.get_width()
        draw_text(surface, fonts.get("title"), "Rapid Response Trainer", (60, 40))
        draw_text(
            surface,
            fonts.get("body"),
            "Active-shooter response in a school: the first officer on scene.",
            (60, 40 + fonts.line_height("title")),
            palette.TEXT_DIM,
        )
        draw_text(
            surface,
            fonts.get("small"),
            f"Trainee: {self.context.records.label}    T: change    H: history",
            (w - 60, 48),
            palette.GOOD,
            "topright",
        )
        y = 140
        self.rows = []
        if not self.entries:
            draw_text(
                surface,
                fonts.get("body"),
                f"No levels found in {self.context.levels_dir}/",
                (60, y),
            )
        room = max(1, (surface.get_height() - y - 50) // ROW_H)
        first = min(max(0, self.selected - room // 2), max(0, len(self.entries) - room))
        for index, entry in enumerate(self.entries):
            if not first <= index < first + room:
                self.rows.append(pygame.Rect(0, 0, 0, 0))
                continue
            rect = pygame.Rect(50, y, w - 100, ROW_H - 8)
            self.rows.append(rect)
            selected = index == self.selected
            surface.fill(palette.PANEL, rect)
            pygame.draw.rect(
                surface,
                palette.ACCENT if selected else palette.PANEL_EDGE,
                rect,
                2 if selected else 1,
            )
            if selected:
                draw_text(
                    surface, fonts.get("heading"), ">", (rect.x + 12, rect.y + 8), palette.ACCENT
                )
            colour = palette.TEXT if entry.level else palette.TEXT_DIM
            title = entry.title if entry.level else f"{entry.title} (broken)"
            draw_text(surface, fonts.get("heading"), title, (rect.x + 36, rect.y + 8), colour)
            draw_text(
                surface,
                fonts.get("small"),
                entry.first_line[:150],
                (rect.x + 36, rect.y + 40),
                palette.TEXT_DIM,
            )
            if entry.level:
                record = describe_record(self.records.get(entry.level.id))
                draw_text(
                    surface,
                    fonts.get("body"),
                    record,
                    (rect.right - 16, rect.y + 10),
                    palette.GOOD,
                    "topright",
                )
            y += ROW_H
        if first > 0 or first + room < len(self.entries):
            more = f"{first + 1}-{min(len(self.entries), first + room)} of {len(self.entries)}"
            draw_text(
                surface, fonts.get("small"), more, (w - 60, 120), palette.TEXT_DIM, "topright"
            )
        keys = (
            "Up/Down: choose    Enter or click: brief and play    T: trainee    H: history    "
            "O: settings    Esc: quit"
        )
        draw_text(
            surface, fonts.get("small"), keys, (60, surface.get_height() - 30), palette.TEXT_DIM
        )
