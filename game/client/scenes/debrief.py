"""The debrief: ratings overall and per category, the clocks, the improvement plan, the ledger with
sources, and the path taken. One scrolling column of whole lines, so any amount of it fits any window."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import pygame

from game.client import palette
from game.client.captions import end_words
from game.client.debrief_compare import comparison_rows, notes_rows, original_rows
from game.client.debrief_data import DebriefData, build_debrief
from game.client.layout import Row, draw_document, lay_out
from game.client.perceived import describe, redact_ids
from game.client.records import is_better, load_records, record_session
from game.client.routes import ToBriefing, ToHistory, ToMenu, ToReview
from game.client.scene import Context, Next
from game.client.text import draw_text, fit, wrap
from game.client.tiles import floor_surface
from game.core.clock import clock_text, tick_clock
from game.core.events import PersonWounded, TraineeArrived, TraineeMoved, event_log_sha256
from game.core.level import TICK_RATE, Level, Position
from game.core.world import World

MAP_TILE = 8
CREDIT_COLOURS = {"not credited": palette.WARNING, "not applicable": palette.TEXT_DIM}
CREDIT_TAGS = {"not credited": "NOT CREDITED", "not applicable": "not applicable"}
"""A rule your own inaction kept from applying reads apart from one the scenario made moot."""


class DebriefScene:
    """Read the result; Up/Down scroll, V reviews, D starts the next drill, S saves the replay, R
    retries, N new seed, M menu."""

    def __init__(
        self,
        context: Context,
        level: Level,
        seed: int,
        world: World,
        recorder,
        branch: object = None,
        replay_path: str = "",
        back: object = None,
        notes: object = (),
    ) -> None:
        self.context = context
        self.level = level
        self.seed = seed
        self.world = world
        self.recorder = recorder
        self.branch = branch
        self.back = back
        self.data: DebriefData = build_debrief(level, world.log)
        self.names = {p.id: describe(p) for p in world.snapshot() if p.id != "trainee"}
        self.scroll = 0
        self.max_scroll = 0
        self.message = ""
        self.saved_path = replay_path
        self.replay_path = replay_path
        self.new_best = False
        self.notes: list = []
        self.review_button = pygame.Rect(0, 0, 0, 0)
        self.drill_button = pygame.Rect(0, 0, 0, 0)
        self._drill: tuple[Level | None] | None = None
        self.parent_data: DebriefData | None = None
        if branch is not None:
            self.parent_data = build_debrief(level, branch.parent_events)
        if not replay_path and self.data.available and isinstance(self.data.score, int | float):
            self.record()
        if branch is not None and not replay_path:
            # a retry is its own session, saved with its parent noted
            recorded = self.message
            if self.save():
                self.message = f"{recorded}. Retry saved: {self.saved_path}".lstrip(". ")
        self.refresh_notes(notes)
        self.path = trainee_path(world.log)
        self._map: pygame.Surface | None = None
        self._scaled: dict[tuple[int, int], pygame.Surface] = {}
        self._lines: tuple[int, list] | None = None

    def record(self) -> None:
        """Store the session in the training records, for the trainee chosen in the menu."""
        from game.records.store import RecordsError

        best = load_records(self.context).get(self.level.id)
        by_tick: dict[int, list] = {}
        for item in self.recorder.commands:
            by_tick.setdefault(item.tick, []).append(item.command)
        try:
            session_id, new = record_session(
                self.context,
                self.level,
                self.seed,
                self.world.variant,
                list(self.world.log),
                by_tick,
                self.world.tick,
                self.world.end_reason,
            )
        except RecordsError as error:
            self.message = f"Could not record the session: {error}"
            return
        self.new_best = new and is_better(float(self.data.score), self.data.rating, best)
        self.message = f"Recorded for {self.context.records.label} as session {session_id}"

    def handle(self, event: pygame.event.Event) -> Next:
        """Scroll, review, save, retry, or leave."""
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y * 3)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.drill_button.collidepoint(event.pos):
                return self.next_drill()
            return self.review() if self.review_button.collidepoint(event.pos) else None
        if event.type != pygame.KEYDOWN:
            return None
        steps = {pygame.K_DOWN: 1, pygame.K_j: 1, pygame.K_UP: -1, pygame.K_k: -1}
        steps.update({pygame.K_PAGEDOWN: 10, pygame.K_PAGEUP: -10})
        if event.key in steps:
            self.scroll = max(0, min(self.max_scroll, self.scroll + steps[event.key]))
        elif event.key == pygame.K_s:
            self.save()
        elif event.key == pygame.K_v:
            return self.review()
        elif event.key == pygame.K_d:
            return self.next_drill()
        elif event.key == pygame.K_r:
            return ToBriefing(self.level, self.seed)
        elif event.key == pygame.K_n:
            return ToBriefing(self.level, None)
        elif event.key == pygame.K_h:
            return ToHistory(self.context.records.trainee, self)
        elif event.key == pygame.K_ESCAPE and self.back is not None:
            return self.back
        elif event.key in (pygame.K_m, pygame.K_ESCAPE):
            return ToMenu()
        return None

    def review(self) -> Next:
        """The after-action review of this session (saved first, so notes have a home)."""
        if self.replay_path and self.back is not None:
            return self.back  # the debrief of a session under review: back to that review
        if not self.saved_path and not self.save():
            return None
        from game.levels.errors import LevelError
        from game.sessions.review import open_review

        try:
            session = open_review(self.saved_path, self.level)
        except LevelError as error:
            self.message = (
                f"Could not open the review: {error.problems[0] if error.problems else error}"
            )
            return None
        return ToReview(session, self)

    def drill_level(self) -> Level | None:
        """The level the next drill names, found among the levels the menu offers (None if absent)."""
        if self._drill is None:
            wanted = self.data.next_drill_level
            folders = [Path(self.context.levels_dir)]
            if self.level.source_path:
                folders.append(Path(self.level.source_path).resolve().parent)
            self._drill = (_find_level(wanted, folders) if wanted else None,)
        return self._drill[0]

    def next_drill(self) -> Next:
        """The briefing of the level the rubric recommends next, on a new seed."""
        level = self.drill_level()
        if level is None:
            if self.data.next_drill_level:
                self.message = f"The next drill's level ({self.data.next_drill_level}) is not in the levels folder"
            return None
        return ToBriefing(level, None)

    def refresh_notes(self, notes: object = ()) -> None:
        """Show the instructor's notes (a review hands them back after adding some)."""
        self.notes = sorted(notes, key=lambda note: note.tick)
        self._lines = None

    def save(self) -> str:
        """Save the session as a replay script in the user's folder; returns the path ('' on failure)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        title = f"{self.level.title}, seed {self.seed}"
        name = f"{self.level.id}-seed{self.seed}-{stamp}"
        if self.branch is not None:
            title += f", retry from {clock_text(self.branch.tick / TICK_RATE)}"
            name += "-retry"
        folder = self.context.config / "replays"
        path = folder / f"{name}.yaml"
        count = 1
        while path.exists():
            count += 1
            path = folder / f"{name}-{count}.yaml"
        try:
            self.recorder.save(
                path,
                self.world.tick,
                event_log_sha256=event_log_sha256(self.world.log),
                title=title,
            )
        except (OSError, ValueError, TypeError) as error:
            self.message = f"Could not save: {error}"
            return ""
        self.saved_path = str(path)
        self.message = f"Saved: {path}"
        return self.saved_path

    def update(self, dt: float) -> Next:
        """Nothing moves in the debrief."""
        return None

    # -- content -------------------------------------------------------------------------------

    def words(self, text: str) -> str:
        """A sentence as shown: people by how they looked, never by id."""
        return redact_ids(text, self.names)

    def document(self) -> list[Row]:
        """Everything in the main column, top to bottom."""
        data = self.data
        rows: list[Row] = []
        if not data.available:
            rows.append(Row(data.problem, "body", palette.WARNING))
            rows += notes_rows(self.notes)
        else:
            rows.append(Row(f"{data.rating_words} ({data.rating})", "title", palette.ACCENT))
            score = f"{data.score:.0f}" if isinstance(data.score, int | float) else "?"
            out_of = f" of {data.max_score}" if data.max_score else ""
            best = "   (your best on this level)" if self.new_best else ""
            rows.append(Row(f"Score {score}{out_of}{best}"))
            for failure in data.hard_failures:
                rows.append(Row(self.words(f"Critical: {failure}"), "body", palette.WARNING))
            rows += notes_rows(self.notes)
            rows.append(Row(gap=6))
            for title, points, max_points, rating in data.categories:
                share = points / max_points if max_points > 0 else 0.0
                rows.append(Row(title, right=f"{points}/{max_points}  {rating}", bar=share))
            if data.caps:
                rows += [Row(gap=6), Row("Limits on the rating", "heading", palette.ACCENT)]
                rows += [
                    Row("- " + self.words(cap), "small", palette.WARNING, indent=8)
                    for cap in data.caps
                ]
            if data.outcomes:
                rows += [Row(gap=6), Row("Outcomes", "heading", palette.ACCENT)]
                rows += [Row("- " + self.words(line), "small", indent=8) for line in data.outcomes]
        if self.parent_data is not None:
            rows += comparison_rows(data, self.parent_data, self.branch.tick)
        rows += [Row(gap=8), Row("Clocks", "heading", palette.ACCENT)]
        for title, value, _ in data.clocks:
            rows.append(Row(f"{title}: {value}", "small"))
        if data.benchmarks:
            rows += [Row(gap=6), Row("Against the benchmarks", "heading", palette.ACCENT)]
            for label, value, verdict in data.benchmarks:
                colour = {"met": palette.GOOD, "missed": palette.WARNING}.get(
                    verdict, palette.TEXT_DIM
                )
                rows.append(Row(f"{label}: {value}", "small", colour, right=verdict))
        drill = [data.next_drill] if data.next_drill else []
        level = self.drill_level() if drill else None
        if level is not None:
            drill.append(f"Press D (or the Next drill button) to brief: {level.title}")
        plan = (
            ("Strengths", data.strengths, palette.GOOD),
            ("Areas for improvement", data.improvements, palette.WARNING),
            ("Next drill", drill, palette.TEXT),
        )
        for title, items, colour in plan:
            if items:
                rows += [Row(gap=6), Row(title, "heading", palette.ACCENT)]
                rows += [Row("- " + self.words(item), "small", colour, indent=8) for item in items]
        rows += [Row(gap=8), Row("Ledger: every point, when and why", "heading", palette.ACCENT)]
        for entry in data.ledger:
            colour = (
                palette.GOOD
                if entry.points > 0
                else (palette.WARNING if entry.points < 0 else palette.TEXT)
            )
            colour = CREDIT_COLOURS.get(entry.credit, colour)
            head = f"{entry.time}  {entry.points:+d}  {entry.rule}: {self.words(entry.message)}"
            rows.append(Row(head, "small", colour, right=CREDIT_TAGS.get(entry.credit, "")))
            if entry.sources:
                rows.append(Row(f"Source: {entry.sources}", "small", palette.TEXT_DIM, indent=24))
        if not data.ledger:
            rows.append(Row("(no ledger entries)", "small", palette.TEXT_DIM))
        return rows

    def side_document(self, width: int, height: int) -> list[Row]:
        """The right column: the original run (for a retry), the path map, the real case behind the level."""
        rows = []
        if self.parent_data is not None:
            rows += original_rows(self.parent_data, self.branch.tick, self.words)
        rows += [
            Row(
                "Your path (circle: start, square: end, disc: someone hurt)",
                "small",
                palette.TEXT_DIM,
            )
        ]
        rows.append(Row(image=self._scaled_map(width, height)))
        note = self.level.case_note
        if note is not None:
            rows += [Row(gap=8), Row("The case behind this level", "heading", palette.ACCENT)]
            rows += [
                Row(note.case, "small"),
                Row(gap=4),
                Row(note.lesson, "small", palette.TEXT_DIM),
            ]
        return rows

    # -- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Header, the scrolling result on the left, the path map on the right, keys below."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        w, h = surface.get_size()
        margin = max(20, w // 40)
        title = fonts.get("title")
        y = 14
        button_w = self._draw_review_button(surface, w - margin, y)
        button_w += self._draw_drill_button(surface, w - margin - button_w - 10, y)
        room = w - 2 * margin - button_w - 16
        draw_text(surface, title, fit(title, f"Debrief: {self.level.title}", room), (margin, y))
        y += fonts.line_height("title")
        small = fonts.get("small")
        reason = end_words(self.world.end_reason)
        sub = f"Seed {self.seed}   ended: {reason}   time {tick_clock(self.world.tick)}"
        draw_text(surface, small, fit(small, sub, w - 2 * margin), (margin, y), palette.TEXT_DIM)
        y += fonts.line_height("small") + 8
        keys = (
            "Up/Down/wheel: scroll   V: review the run   D: next drill   S: save replay   "
            "R: retry same seed   N: new seed   H: history   M: menu"
        )
        footer = wrap(small, keys, w - 2 * margin)
        if self.message:
            footer = wrap(small, self.message, w - 2 * margin)[:2] + footer
        footer_top = h - 8 - fonts.line_height("small") * len(footer)
        side_w = max(220, min(int(w * 0.36), 520))
        main = pygame.Rect(margin, y, w - 2 * margin - side_w - margin, footer_top - y - 8)
        if self._lines is None or self._lines[0] != main.w:
            self._lines = (main.w, lay_out(fonts, self.document(), main.w - 12))
        self.max_scroll = draw_document(surface, fonts, self._lines[1], main, self.scroll)
        self.scroll = min(self.scroll, self.max_scroll)
        side = pygame.Rect(main.right + margin, y, side_w, main.h)
        map_h = side.h // (3 if self.parent_data is not None else 2)
        side_lines = lay_out(fonts, self.side_document(side.w, map_h), side.w)
        draw_document(surface, fonts, side_lines, side, 0)
        yy = footer_top
        for index, line in enumerate(footer):
            colour = palette.GOOD if self.message and index < len(footer) - 1 else palette.TEXT_DIM
            draw_text(surface, small, line, (margin, yy), colour)
            yy += fonts.line_height("small")

    def _draw_review_button(self, surface: pygame.Surface, right: int, top: int) -> int:
        """The "Review" button at the header's right end; returns its width."""
        self.review_button = self._draw_button(surface, "Review the run (V)", right, top, 3)
        return self.review_button.width

    def _draw_drill_button(self, surface: pygame.Surface, right: int, top: int) -> int:
        """The "Next drill" button left of the review button; returns its width (and gap), 0 if none."""
        if self.drill_level() is None:
            self.drill_button = pygame.Rect(0, 0, 0, 0)
            return 0
        self.drill_button = self._draw_button(surface, "Next drill (D)", right, top, 5)
        return self.drill_button.width + 10

    def _draw_button(
        self, surface: pygame.Surface, words: str, right: int, top: int, share: int
    ) -> pygame.Rect:
        """A header button ending at `right`, at most 1/`share` of the screen wide; returns its box."""
        fonts = self.context.fonts
        body = fonts.get("body")
        width = min(body.size(words)[0] + 24, max(80, surface.get_width() // share))
        box = pygame.Rect(right - width, top, width, fonts.line_height("body") + 10)
        surface.fill(palette.PANEL, box)
        pygame.draw.rect(surface, palette.ACCENT, box, 2)
        draw_text(surface, body, fit(body, words, width - 24), box.center, palette.TEXT, "center")
        return box

    def _scaled_map(self, max_w: int, max_h: int) -> pygame.Surface:
        if (max_w, max_h) in self._scaled:
            return self._scaled[(max_w, max_h)]
        image = self._path_map()
        scale = min(1.0, max_w / image.get_width(), max(40, max_h) / image.get_height())
        if scale < 1.0:
            size = (
                max(1, round(image.get_width() * scale)),
                max(1, round(image.get_height() * scale)),
            )
            image = pygame.transform.smoothscale(image, size)
        self._scaled[(max_w, max_h)] = image
        return image

    def _path_map(self) -> pygame.Surface:
        if self._map is not None:
            return self._map
        building = self.world.building
        floor = self.path[0].floor if self.path else 0
        image = floor_surface(building, floor, MAP_TILE)
        half = MAP_TILE // 2
        points = [
            (p.x * MAP_TILE + half, p.y * MAP_TILE + half) for p in self.path if p.floor == floor
        ]
        if len(points) >= 2:
            pygame.draw.lines(image, palette.TRAINEE_RING, False, points, 3)
        if points:
            pygame.draw.circle(image, palette.GOOD, points[0], 5)
            pygame.draw.circle(image, palette.OUTLINE, points[0], 5, 1)
            end = pygame.Rect(0, 0, 9, 9)
            end.center = points[-1]
            pygame.draw.rect(image, palette.TRAINEE_RING, end)
            pygame.draw.rect(image, palette.OUTLINE, end, 1)
        for event in self.world.log:
            if isinstance(event, PersonWounded) and event.position.floor == floor:
                c = (event.position.x * MAP_TILE + half, event.position.y * MAP_TILE + half)
                pygame.draw.circle(image, palette.CASUALTY, c, 4)
                pygame.draw.circle(image, palette.OUTLINE, c, 4, 1)
        self._map = image
        return image


def _find_level(level_id: str, folders: Sequence[Path]) -> Level | None:
    """A level by id: its own file (`<id>.yaml`) first, else any level file in the folders."""
    from game.client.level_list import list_levels
    from game.levels.errors import LevelError
    from game.levels.loader import load_level

    for folder in folders:
        try:
            level = load_level(folder / f"{level_id}.yaml")
        except (LevelError, OSError, ValueError):
            continue
        if level.id == level_id:
            return level
    for folder in folders:
        found = [e.level for e in list_levels(folder) if e.level and e.level.id == level_id]
        if found:
            return found[0]
    return None


def trainee_path(events: Sequence[object]) -> list[Position]:
    """The tiles the trainee walked, in order, from the event log."""
    path: list[Position] = []
    for event in events:
        if isinstance(event, TraineeArrived | TraineeMoved):
            path.append(event.position)
    return path
