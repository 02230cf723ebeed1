"""The menu: the levels as a training progression (orientation first), each with its title, a line
of briefing and the best result so far; an instructor's own levels follow."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.level_list import LevelEntry, list_levels
from game.client.progression import step_of, teaches
from game.client.records import describe_record, load_records
from game.client.routes import ToBriefing, ToHistory, ToProfile, ToQuit, ToSettings
from game.client.scene import Context, Next
from game.client.text import draw_text, fit, wrap


class MenuScene:
    """Choose a level (arrows/Enter or mouse), open settings, or quit."""

    def __init__(self, context: Context, entries: list[LevelEntry] | None = None) -> None:
        self.context = context
        self.entries = entries if entries is not None else list_levels(context.levels_dir)
        self.records = load_records(context)
        self.selected = next((i for i, e in enumerate(self.entries) if e.level), 0)
        self.rows: list[pygame.Rect] = []

    def handle(self, event: pygame.event.Event) -> Next:
        """Arrows move, Enter plays, O opens settings, Esc quits; click plays a row."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_s) and self.entries:
                self.selected = (self.selected + 1) % len(self.entries)
            elif event.key in (pygame.K_UP, pygame.K_w) and self.entries:
                self.selected = (self.selected - 1) % len(self.entries)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.choose(self.selected)
            elif event.key == pygame.K_t:
                return ToProfile(self)
            elif event.key == pygame.K_h:
                return ToHistory(self.context.records.trainee, self)
            elif event.key == pygame.K_o:
                return ToSettings(self)
            elif event.key in (pygame.K_ESCAPE, pygame.K_q):
                return ToQuit()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, rect in enumerate(self.rows):
                if rect.collidepoint(event.pos):
                    if index == self.selected:
                        return self.choose(index)
                    self.selected = index
        elif event.type == pygame.MOUSEWHEEL and self.entries:
            self.selected = max(0, min(len(self.entries) - 1, self.selected - event.y))
        return None

    def choose(self, index: int) -> Next:
        """The briefing of a playable level (a broken one stays in the menu)."""
        if not 0 <= index < len(self.entries) or self.entries[index].level is None:
            return None
        return ToBriefing(self.entries[index].level)

    def refresh_records(self) -> None:
        """Read the best results again (another trainee was chosen)."""
        self.records = load_records(self.context)

    def update(self, dt: float) -> Next:
        """Nothing moves in the menu."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Title, the level list, and the keys."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        w, h = surface.get_size()
        margin = max(24, w // 25)
        title, body, small, _heading = (fonts.get(r) for r in ("title", "body", "small", "heading"))
        y = 24
        draw_text(surface, title, fit(title, "Rapid Response Trainer", w - 2 * margin), (margin, y))
        y += fonts.line_height("title")
        tagline = (
            "Active-shooter response in a school: the first officer on scene. Start with step 1."
        )
        draw_text(surface, body, fit(body, tagline, w - 2 * margin), (margin, y), palette.TEXT_DIM)
        y += fonts.line_height("body")
        who = f"Trainee: {self.context.records.label}    T: change    H: history"
        draw_text(surface, small, fit(small, who, w - 2 * margin), (margin, y), palette.GOOD)
        y += fonts.line_height("small") + 8
        keys = (
            "Up/Down: choose    Enter or click: brief and play    T: trainee    H: history    "
            "O: settings    Esc: quit"
        )
        footer = wrap(small, keys, w - 2 * margin)
        footer += [line for line in (self.context.sound.status, *self.context.saves[-1:]) if line]
        footer_top = h - 10 - fonts.line_height("small") * len(footer)
        card_h = fonts.line_height("heading") + fonts.line_height("small") + 18
        step = card_h + 8
        room = max(1, (footer_top - y - 8 - fonts.line_height("small")) // step)
        first = min(max(0, self.selected - room // 2), max(0, len(self.entries) - room))
        if first > 0 or first + room < len(self.entries):
            more = f"{first + 1}-{min(len(self.entries), first + room)} of {len(self.entries)}"
            draw_text(surface, small, more, (w - margin, y), palette.TEXT_DIM, "topright")
        y += fonts.line_height("small")
        self.rows = []
        if not self.entries:
            draw_text(
                surface,
                body,
                fit(body, f"No levels found in {self.context.levels_dir}/", w - 2 * margin),
                (margin, y),
            )
        for index, entry in enumerate(self.entries):
            if not first <= index < first + room:
                self.rows.append(pygame.Rect(0, 0, 0, 0))
                continue
            rect = pygame.Rect(margin - 10, y, w - 2 * margin + 20, card_h)
            self.rows.append(rect)
            self._draw_card(surface, rect, entry, index == self.selected)
            y += step
        y = footer_top
        for line in footer:
            draw_text(
                surface, small, fit(small, line, w - 2 * margin), (margin, y), palette.TEXT_DIM
            )
            y += fonts.line_height("small")

    def _draw_card(
        self, surface: pygame.Surface, rect: pygame.Rect, entry: LevelEntry, selected: bool
    ) -> None:
        fonts = self.context.fonts
        heading, small = fonts.get("heading"), fonts.get("small")
        surface.fill(palette.PANEL, rect)
        pygame.draw.rect(
            surface, palette.ACCENT if selected else palette.PANEL_EDGE, rect, 2 if selected else 1
        )
        inner = rect.inflate(-24, -16)
        number = step_of(entry.level.id) if entry.level else None
        badge = f"{number}" if number is not None else "+"
        badge_w = fonts.width("heading", "00") + 14
        draw_text(
            surface,
            heading,
            badge,
            (inner.x, inner.y),
            palette.ACCENT if selected else palette.TEXT_DIM,
        )
        x = inner.x + badge_w
        record = describe_record(self.records.get(entry.level.id)) if entry.level else ""
        record_w = fonts.width("small", record) + 16 if record else 0
        colour = palette.TEXT if entry.level else palette.TEXT_DIM
        name = entry.title if entry.level else f"{entry.title} (broken)"
        draw_text(
            surface, heading, fit(heading, name, inner.right - x - record_w), (x, inner.y), colour
        )
        if record:
            draw_text(surface, small, record, (inner.right, inner.y + 4), palette.GOOD, "topright")
        lesson = teaches(entry.level.id) if entry.level else ""
        line = f"{lesson}. {entry.first_line}" if lesson else entry.first_line
        draw_text(
            surface,
            small,
            fit(small, line, inner.right - x),
            (x, inner.y + fonts.line_height("heading") + 2),
            palette.TEXT_DIM,
        )
