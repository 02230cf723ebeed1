"""The debrief: ratings overall and per category, the ledger with sources, the clocks, and the path taken."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pygame

from game.client import palette
from game.client.debrief_data import DebriefData, build_debrief
from game.client.records import is_better, load_records, record_session
from game.client.scene import Context, Scene
from game.client.text import draw_text, fit, wrap
from game.client.tiles import floor_surface
from game.core.commands import Command
from game.core.events import PersonWounded, TraineeArrived, TraineeMoved
from game.core.level import Level, Position
from game.core.world import World

MAP_TILE = 8


class DebriefScene:
    """Read the result; Up/Down scroll the ledger, S saves the replay, R retries, N new seed, M menu."""

    def __init__(
        self,
        context: Context,
        level: Level,
        seed: int,
        world: World,
        commands_by_tick: dict[int, list[Command]],
    ) -> None:
        self.context = context
        self.level = level
        self.seed = seed
        self.world = world
        self.commands_by_tick = commands_by_tick
        self.data: DebriefData = build_debrief(level, world.log)
        self.scroll = 0
        self.message = ""
        self.saved_path = ""
        self.new_best = False
        if self.data.available and isinstance(self.data.score, int | float):
            self.record()
        self.path = trainee_path(world.log)
        self._map: pygame.Surface | None = None
        self._ledger_lines: list[tuple[str, tuple[int, int, int]]] = []
        self._ledger_width = 0

    def record(self) -> None:
        """Store the session in the training records, for the trainee chosen in the menu."""
        from game.records.store import RecordsError

        best = load_records(self.context).get(self.level.id)
        try:
            session_id, new = record_session(
                self.context,
                self.level,
                self.seed,
                self.world.variant,
                list(self.world.log),
                self.commands_by_tick,
                self.world.tick,
                self.world.end_reason,
            )
        except RecordsError as error:
            self.message = f"Could not record the session: {error}"
            return
        self.new_best = new and is_better(float(self.data.score), self.data.rating, best)
        self.message = f"Recorded for {self.context.records.label} as session {session_id}"

    def handle(self, event: pygame.event.Event) -> Scene | None:
        """Scroll, save, retry, or leave."""
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y * 3)
        if event.type != pygame.KEYDOWN:
            return None
        if event.key in (pygame.K_DOWN, pygame.K_j):
            self.scroll += 1
        elif event.key in (pygame.K_UP, pygame.K_k):
            self.scroll = max(0, self.scroll - 1)
        elif event.key == pygame.K_PAGEDOWN:
            self.scroll += 10
        elif event.key == pygame.K_PAGEUP:
            self.scroll = max(0, self.scroll - 10)
        elif event.key == pygame.K_s:
            self.save()
        elif event.key == pygame.K_r:
            return self.retry(self.seed)
        elif event.key == pygame.K_n:
            from game.client.app import new_seed

            return self.retry(new_seed())
        elif event.key == pygame.K_h:
            from game.client.scenes.history import HistoryScene

            return HistoryScene(self.context, self.context.records.trainee, self)
        elif event.key in (pygame.K_m, pygame.K_ESCAPE):
            from game.client.scenes.menu import MenuScene

            return MenuScene(self.context)
        return None

    def retry(self, seed: int) -> Scene:
        """The briefing again, with this seed."""
        from game.client.scenes.briefing import BriefingScene

        return BriefingScene(self.context, self.level, seed)

    def save(self) -> str:
        """Save the session as a replay script in the user's folder; returns the path ('' on failure)."""
        try:
            from game.core.events import event_log_sha256
            from game.sessions.replay import save_replay
        except ImportError as error:
            self.message = f"Cannot save replays yet: {error}"
            return ""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = self.context.config / "replays" / f"{self.level.id}-seed{self.seed}-{stamp}.yaml"
        commands = [
            (tick, c) for tick in sorted(self.commands_by_tick) for c in self.commands_by_tick[tick]
        ]
        try:
            save_replay(
                path,
                self.level,
                self.seed,
                self.world.variant,
                commands,
                self.world.tick,
                title=f"{self.level.title}, seed {self.seed}",
                event_log_sha256=event_log_sha256(self.world.log),
            )
        except (OSError, ValueError, TypeError) as error:
            self.message = f"Could not save: {error}"
            return ""
        self.saved_path = str(path)
        self.message = f"Saved: {path}"
        return self.saved_path

    def update(self, dt: float) -> Scene | None:
        """Nothing moves in the debrief."""
        return None

    # -- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Ratings and clocks on the left, the path map on the right, the ledger below."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        w, h = surface.get_size()
        x = 40
        draw_text(surface, fonts.get("title"), f"Debrief: {self.level.title}", (x, 20))
        y = 20 + fonts.line_height("title")
        reason = self.world.end_reason or "ended"
        draw_text(
            surface,
            fonts.get("small"),
            f"Seed {self.seed}   {reason}   time {self.world.tick // 10 // 60}:{self.world.tick // 10 % 60:02d}",
            (x, y),
            palette.TEXT_DIM,
        )
        y += fonts.line_height("small") + 8
        map_rect = self._draw_map(surface, w, y)
        left_w = map_rect.x - x - 30
        y = self._draw_ratings(surface, x, y, left_w)
        y = max(y, map_rect.bottom) + 12
        self._draw_ledger(surface, pygame.Rect(x, y, w - 2 * x, h - y - 40))
        keys = "Up/Down/wheel: scroll   S: save replay   R: retry same seed   N: new seed   H: history   M: menu"
        draw_text(surface, fonts.get("small"), keys, (x, h - 28), palette.TEXT_DIM)
        if self.message:
            draw_text(
                surface, fonts.get("small"), self.message, (w - x, h - 28), palette.GOOD, "topright"
            )

    def _draw_ratings(self, surface: pygame.Surface, x: int, y: int, width: int) -> int:
        fonts = self.context.fonts
        data = self.data
        if not data.available:
            for line in wrap(fonts.get("body"), data.problem, width):
                draw_text(surface, fonts.get("body"), line, (x, y), palette.WARNING)
                y += fonts.line_height("body")
        else:
            draw_text(
                surface,
                fonts.get("title"),
                f"{data.rating_words} ({data.rating})",
                (x, y),
                palette.ACCENT,
            )
            y += fonts.line_height("title")
            score = f"{data.score:.0f}" if isinstance(data.score, int | float) else "?"
            out_of = f" of {data.max_score}" if data.max_score else ""
            best = "   (your best on this level)" if self.new_best else ""
            draw_text(
                surface, fonts.get("body"), f"Score {score}{out_of}{best}", (x, y), palette.TEXT
            )
            y += fonts.line_height("body") + 4
            for failure in data.hard_failures:
                for line in wrap(fonts.get("body"), f"Critical: {failure}", width):
                    draw_text(surface, fonts.get("body"), line, (x, y), palette.WARNING)
                    y += fonts.line_height("body")
            bar_w = 140
            for title, points, max_points, rating in data.categories:
                draw_text(surface, fonts.get("body"), title, (x, y))
                bar = pygame.Rect(x + width - bar_w - 100, y + 4, bar_w, 12)
                pygame.draw.rect(surface, palette.PANEL_EDGE, bar, 1)
                if max_points > 0:
                    fill = bar.inflate(-2, -2)
                    fill.w = round(fill.w * max(0.0, min(1.0, points / max_points)))
                    surface.fill(palette.ACCENT, fill)
                draw_text(
                    surface,
                    fonts.get("body"),
                    f"{points}/{max_points}  {rating}",
                    (x + width, y),
                    palette.TEXT,
                    "topright",
                )
                y += fonts.line_height("body")
        y += 8
        small = fonts.get("small")
        half = width // 2 - 10
        draw_text(surface, fonts.get("heading"), "Clocks", (x, y), palette.ACCENT)
        draw_text(
            surface,
            fonts.get("heading"),
            "Against the benchmarks",
            (x + half + 20, y),
            palette.ACCENT,
        )
        y += fonts.line_height("heading")
        top = y
        for title, value, _ in self.data.clocks:
            draw_text(surface, small, title, (x, y), palette.TEXT_DIM)
            y += fonts.line_height("small")
            draw_text(surface, small, fit(small, value, half - 12), (x + 12, y))
            y += fonts.line_height("small")
        left_bottom, y = y, top
        bx = x + half + 20
        for label, value, verdict in self.data.benchmarks:
            colour = {"met": palette.GOOD, "missed": palette.WARNING}.get(verdict, palette.TEXT_DIM)
            draw_text(surface, small, fit(small, label, half), (bx, y), palette.TEXT_DIM)
            y += fonts.line_height("small")
            draw_text(
                surface, small, fit(small, f"{value}  {verdict}", half - 12), (bx + 12, y), colour
            )
            y += fonts.line_height("small")
        return max(left_bottom, y)

    def _draw_map(self, surface: pygame.Surface, w: int, y: int) -> pygame.Rect:
        building = self.world.building
        floor = self.path[0].floor if self.path else 0
        if self._map is None:
            self._map = floor_surface(building, floor, MAP_TILE)
            points = [
                (p.x * MAP_TILE + MAP_TILE // 2, p.y * MAP_TILE + MAP_TILE // 2)
                for p in self.path
                if p.floor == floor
            ]
            if len(points) >= 2:
                pygame.draw.lines(self._map, palette.TRAINEE_RING, False, points, 3)
            if points:
                pygame.draw.circle(self._map, palette.GOOD, points[0], 5)
                pygame.draw.circle(self._map, palette.OUTLINE, points[0], 5, 1)
                end = pygame.Rect(0, 0, 9, 9)
                end.center = points[-1]
                pygame.draw.rect(self._map, palette.TRAINEE_RING, end)
                pygame.draw.rect(self._map, palette.OUTLINE, end, 1)
            for event in self.world.log:
                if isinstance(event, PersonWounded) and event.position.floor == floor:
                    c = (
                        event.position.x * MAP_TILE + MAP_TILE // 2,
                        event.position.y * MAP_TILE + MAP_TILE // 2,
                    )
                    pygame.draw.line(
                        self._map, palette.MARKER, (c[0] - 3, c[1]), (c[0] + 3, c[1]), 2
                    )
                    pygame.draw.line(
                        self._map, palette.MARKER, (c[0], c[1] - 3), (c[0], c[1] + 3), 2
                    )
        image = self._map
        max_w, max_h = w // 2 - 40, 320
        scale = min(1.0, max_w / image.get_width(), max_h / image.get_height())
        if scale < 1.0:
            image = pygame.transform.smoothscale(
                image, (round(image.get_width() * scale), round(image.get_height() * scale))
            )
        rect = image.get_rect(topright=(w - 40, y + 22))
        draw_text(
            surface,
            self.context.fonts.get("small"),
            "Your path (circle: start, square: end, +: wounded)",
            (rect.x, y),
            palette.TEXT_DIM,
        )
        surface.blit(image, rect)
        pygame.draw.rect(surface, palette.PANEL_EDGE, rect, 1)
        return rect

    def _wrap_ledger(self, width: int) -> None:
        fonts = self.context.fonts
        font = fonts.get("small")
        lines: list[tuple[str, tuple[int, int, int]]] = []
        drill = [self.data.next_drill] if self.data.next_drill else []
        plan = [
            ("Strengths", self.data.strengths, palette.GOOD),
            ("Areas for improvement", self.data.improvements, palette.WARNING),
            ("Next drill", drill, palette.TEXT),
        ]
        for title, items, colour in plan:
            if not items:
                continue
            lines.append((title, palette.ACCENT))
            for item in items:
                for i, line in enumerate(wrap(font, item, width - 20)):
                    lines.append((("  - " if i == 0 else "    ") + line, colour))
        if lines:
            lines.append(("Ledger: every point, when and why", palette.ACCENT))
        for row in self.data.ledger:
            sign = f"{row.points:+d}"
            colour = (
                palette.GOOD
                if row.points > 0
                else (palette.WARNING if row.points < 0 else palette.TEXT)
            )
            head = f"{row.time}  {sign:>4}  {row.rule}: {row.message}"
            for i, line in enumerate(wrap(font, head, width)):
                lines.append(
                    (line if i == 0 else "             " + line, colour if i == 0 else palette.TEXT)
                )
            if row.sources:
                for line in wrap(font, f"Source: {row.sources}", width - 90):
                    lines.append(("             " + line, palette.TEXT_DIM))
        if not lines:
            lines.append(("(no ledger entries)", palette.TEXT_DIM))
        self._ledger_lines = lines
        self._ledger_width = width

    def _draw_ledger(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        fonts = self.context.fonts
        draw_text(
            surface,
            fonts.get("heading"),
            "Ledger: every point, why, and the source",
            (rect.x, rect.y),
            palette.ACCENT,
        )
        body = rect.inflate(0, -fonts.line_height("heading"))
        body.y = rect.y + fonts.line_height("heading") + 4
        surface.fill(palette.PANEL, body)
        if self._ledger_width != body.w - 24:
            self._wrap_ledger(body.w - 24)
        line_h = fonts.line_height("small")
        rows = max(1, body.h // line_h - 1)
        self.scroll = min(self.scroll, max(0, len(self._ledger_lines) - rows))
        y = body.y + 6
        for text, colour in self._ledger_lines[self.scroll : self.scroll + rows]:
            draw_text(surface, fonts.get("small"), text, (body.x + 12, y), colour)
            y += line_h
        if len(self._ledger_lines) > rows:
            track = pygame.Rect(body.right - 8, body.y + 4, 4, body.h - 8)
            pygame.draw.rect(surface, palette.PANEL_EDGE, track)
            size = max(12, track.h * rows // len(self._ledger_lines))
            top = track.y + (track.h - size) * self.scroll // max(1, len(self._ledger_lines) - rows)
            pygame.draw.rect(surface, palette.ACCENT, (track.x, top, 4, size))


def trainee_path(events: Sequence[object]) -> list[Position]:
    """The tiles the trainee walked, in order, from the event log."""
    path: list[Position] = []
    for event in events:
        if isinstance(event, TraineeArrived | TraineeMoved):
            path.append(event.position)
    return path
