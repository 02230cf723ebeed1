"""A trainee's history: every session over time, a plot of the category scores, and the screen-outs hit.

Self-contained: given the trainee (None for anonymous practice) and the scene to return to; it only
reads the records database. Left/Right narrow the plot to one level, Up/Down pick a session.
"""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.records import open_records
from game.client.scene import Context, Scene
from game.client.text import draw_text, fit
from game.records.model import SessionRecord, Trainee
from game.records.plain import local_time
from game.records.store import Query, RecordsError
from game.scoring import CATEGORIES, RATING_WORDS, RULES

LINE_COLOURS = {
    "A": (120, 170, 220),
    "B": (240, 200, 90),
    "C": (130, 190, 140),
    "D": (200, 140, 220),
    "E": (150, 200, 200),
    "F": (230, 150, 90),
}
"""One colour per category; each line also carries its letter, so colour is never the only cue."""

SCREEN_OUT = (235, 90, 80)
ROW_H = 26


class HistoryScene:
    """Up/Down: session, Left/Right: level, Esc: back."""

    def __init__(self, context: Context, trainee: Trainee | None, back: Scene) -> None:
        self.context = context
        self.trainee = trainee
        self.back = back
        self.message = ""
        try:
            with open_records(context) as store:
                query = Query(trainee_id=trainee.id) if trainee else Query(anonymous=True)
                self.sessions: list[SessionRecord] = store.sessions(query, details=False)
        except RecordsError as error:
            self.sessions = []
            self.message = f"The training records cannot be opened: {error}"
        self.levels = sorted({s.level_id for s in self.sessions})
        self.level_index = -1
        self.selected = max(0, len(self.shown) - 1)

    @property
    def level(self) -> str | None:
        """The level the view is narrowed to (None: every level)."""
        return self.levels[self.level_index] if self.level_index >= 0 else None

    @property
    def shown(self) -> list[SessionRecord]:
        """The sessions in view, oldest first."""
        return [s for s in self.sessions if self.level is None or s.level_id == self.level]

    def handle(self, event: pygame.event.Event) -> Scene | None:
        """Pick a session or a level, or go back."""
        if event.type != pygame.KEYDOWN:
            return None
        if event.key in (pygame.K_ESCAPE, pygame.K_m, pygame.K_h):
            return self.back
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.levels:
            step = 1 if event.key == pygame.K_RIGHT else -1
            self.level_index = (self.level_index + 1 + step) % (len(self.levels) + 1) - 1
            self.selected = max(0, len(self.shown) - 1)
        elif event.key in (pygame.K_DOWN, pygame.K_s) and self.shown:
            self.selected = min(len(self.shown) - 1, self.selected + 1)
        elif event.key in (pygame.K_UP, pygame.K_w) and self.shown:
            self.selected = max(0, self.selected - 1)
        return None

    def update(self, dt: float) -> Scene | None:
        """Nothing moves here."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Title, the plot, the session list and the selected session's detail."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        w, h = surface.get_size()
        who = self.trainee.label if self.trainee else "Anonymous practice and imported results"
        title = fonts.get("title")
        draw_text(surface, title, fit(title, f"History: {who}", w - 80), (40, 20))
        scope = f"Level: {self.level}" if self.level else "All levels"
        count = len(self.shown)
        draw_text(
            surface,
            fonts.get("body"),
            f"{scope}   ({count} session{'s' if count != 1 else ''})",
            (40, 20 + fonts.line_height("title")),
            palette.TEXT_DIM,
        )
        top = 28 + fonts.line_height("title") + fonts.line_height("body")
        left = max(70, 46 + fonts.width("small", "M 50%") + 8)
        plot = pygame.Rect(left, top + 40, w - left - 40, max(160, (h - top) // 2 - 50))
        self.draw_plot(surface, plot)
        lower = pygame.Rect(40, plot.bottom + 40, w - 80, h - plot.bottom - 80)
        self._draw_list(surface, pygame.Rect(lower.x, lower.y, lower.w * 3 // 5, lower.h))
        self._draw_detail(
            surface,
            pygame.Rect(lower.x + lower.w * 3 // 5 + 20, lower.y, lower.w * 2 // 5 - 20, lower.h),
        )
        keys = "Up/Down: session   Left/Right: level   Esc: back"
        draw_text(surface, fonts.get("small"), keys, (40, h - 28), palette.TEXT_DIM)
        if self.message:
            draw_text(
                surface,
                fonts.get("small"),
                self.message,
                (w - 40, h - 28),
                palette.WARNING,
                "topright",
            )

    def points(self, plot: pygame.Rect) -> dict[str, list[tuple[int, int]]]:
        """Each category's line as screen points (x by session, y by percent of the category)."""
        shown = self.shown
        lines: dict[str, list[tuple[int, int]]] = {c.id: [] for c in CATEGORIES}
        for index, session in enumerate(shown):
            x = self._x(plot, index, len(shown))
            for category in session.categories:
                if category.id in lines:
                    lines[category.id].append((x, self._y(plot, category.percent)))
        return lines

    def draw_plot(self, surface: pygame.Surface, plot: pygame.Rect) -> None:
        """Category scores across sessions (0-100 % of each category), screen-outs marked on top."""
        fonts = self.context.fonts
        small = fonts.get("small")
        surface.fill(palette.PANEL, plot)
        pygame.draw.rect(surface, palette.PANEL_EDGE, plot, 1)
        for percent, label in ((85, "P 85%"), (70, "S 70%"), (50, "M 50%")):
            y = self._y(plot, percent)
            pygame.draw.line(surface, palette.PANEL_EDGE, (plot.x, y), (plot.right, y), 1)
            draw_text(surface, small, label, (plot.x - 6, y), palette.TEXT_DIM, "midright")
        shown = self.shown
        if not shown:
            draw_text(
                surface,
                fonts.get("body"),
                "No sessions recorded yet.",
                plot.center,
                palette.TEXT_DIM,
                "center",
            )
            return
        selected_x = self._x(plot, self.selected, len(shown))
        pygame.draw.line(
            surface, palette.HIGHLIGHT, (selected_x, plot.y), (selected_x, plot.bottom), 1
        )
        for category_id, points in self.points(plot).items():
            colour = LINE_COLOURS[category_id]
            if len(points) >= 2:
                pygame.draw.lines(surface, colour, False, points, 2)
            for point in points:
                pygame.draw.circle(surface, colour, point, 3)
            if points:
                draw_text(
                    surface,
                    small,
                    category_id,
                    (points[-1][0] + 6, points[-1][1]),
                    colour,
                    "midleft",
                )
        for index, session in enumerate(shown):
            if not session.hard_failures:
                continue
            x = self._x(plot, index, len(shown))
            tip = plot.y - 4
            pygame.draw.polygon(
                surface, SCREEN_OUT, [(x, tip), (x - 6, tip - 10), (x + 6, tip - 10)]
            )
            label = ", ".join(session.hard_failures)
            draw_text(surface, small, label, (x, tip - 11), SCREEN_OUT, "midbottom")
        note = draw_text(
            surface,
            small,
            "triangle: screen-out",
            (plot.right, plot.bottom + 6),
            SCREEN_OUT,
            "topright",
        )
        step = (note.x - plot.x - 10) // len(CATEGORIES)
        for index, category in enumerate(CATEGORIES):
            x = plot.x + index * step
            label = fit(small, f"{category.id} {category.title}", step - 22)
            rect = draw_text(surface, small, label, (x + 14, plot.bottom + 6), palette.TEXT_DIM)
            colour = LINE_COLOURS[category.id]
            pygame.draw.line(surface, colour, (x, rect.centery), (x + 10, rect.centery), 3)

    def _draw_list(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        small = self.context.fonts.get("small")
        shown = self.shown
        room = max(1, area.h // ROW_H)
        first = min(max(0, self.selected - room // 2), max(0, len(shown) - room))
        for row, index in enumerate(range(first, min(len(shown), first + room))):
            session = shown[index]
            rect = pygame.Rect(area.x, area.y + row * ROW_H, area.w, ROW_H - 2)
            if index == self.selected:
                surface.fill(palette.PANEL, rect)
                pygame.draw.rect(surface, palette.ACCENT, rect, 1)
            score = "-" if session.score is None else str(session.score)
            text = (
                f"{index + 1:>3}.  {local_time(session.started_at)}   {session.level_id}   "
                f"seed {session.seed}   {session.rating}  {score}"
            )
            colour = SCREEN_OUT if session.hard_failures else palette.TEXT
            draw_text(
                surface, small, fit(small, text, rect.w - 12), (rect.x + 6, rect.y + 4), colour
            )

    def _draw_detail(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        shown = self.shown
        if not shown:
            return
        fonts = self.context.fonts
        small = fonts.get("small")
        session = shown[self.selected]
        y = area.y
        title = fit(fonts.get("heading"), session.level_title, area.w)
        draw_text(surface, fonts.get("heading"), title, (area.x, y), palette.ACCENT)
        y += fonts.line_height("heading")
        words = RATING_WORDS.get(session.rating, session.rating)
        score = "" if session.score is None else f", score {session.score}"
        draw_text(surface, fonts.get("body"), f"{words} ({session.rating}){score}", (area.x, y))
        y += fonts.line_height("body") + 2
        for category in session.categories:
            line = f"{category.id} {category.title}: {category.points}/{category.max_points} {category.rating}"
            draw_text(surface, small, fit(small, line, area.w), (area.x, y), palette.TEXT_DIM)
            y += fonts.line_height("small")
        titles = {rule.id: rule.title for rule in RULES}
        for failure in session.hard_failures:
            line = f"Screen-out {failure}: {titles.get(failure, '')}"
            draw_text(surface, small, fit(small, line, area.w), (area.x, y), SCREEN_OUT)
            y += fonts.line_height("small")
        if not session.complete:
            draw_text(
                surface,
                small,
                "Imported best result: no ledger kept.",
                (area.x, y),
                palette.TEXT_DIM,
            )

    @staticmethod
    def _x(plot: pygame.Rect, index: int, count: int) -> int:
        if count <= 1:
            return plot.centerx
        return plot.x + 24 + round(index * (plot.w - 60) / (count - 1))

    @staticmethod
    def _y(plot: pygame.Rect, percent: float) -> int:
        return plot.bottom - 8 - round(max(0.0, min(100.0, percent)) * (plot.h - 40) / 100)
