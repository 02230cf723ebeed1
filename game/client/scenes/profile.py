"""Who is training: choose a trainee profile, add one (name and badge or employee number), or practise anonymously.

Self-contained: the scene is given the scene to return to (`then`) and hands it back once a choice is
made; it reads and writes only the records database, through `game.client.records`.
"""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.records import LAST_TRAINEE, open_records
from game.client.routes import ToHistory
from game.client.scene import Context, Scene
from game.client.text import draw_text, fit
from game.records.model import Trainee
from game.records.names import MAX_BADGE, MAX_NAME, check_badge, check_name
from game.records.store import RecordsError

ROW_H = 44
FIELDS = ("name", "badge")
FIELD_TITLES = {"name": "Name", "badge": "Badge or employee number (optional)"}


class ProfileScene:
    """Up/Down choose, Enter confirms, N adds a trainee, H shows the highlighted history, Esc goes back."""

    def __init__(self, context: Context, then: Scene) -> None:
        self.context = context
        self.then = then
        self.message = ""
        self.trainees: list[Trainee] = []
        self.counts: dict[int | None, int] = {}
        self.form: dict[str, str] | None = None
        self._swallow = ""
        self.field = 0
        self.rows: list[pygame.Rect] = []
        self._load()
        current = context.records.trainee
        ids = [t.id for t in self.trainees]
        preferred = current.id if current else self._last()
        self.selected = 1 + ids.index(preferred) if preferred in ids else 0

    @property
    def options(self) -> list[Trainee | None]:
        """The choices in order: anonymous practice, then every profile."""
        return [None, *self.trainees]

    def handle(self, event: pygame.event.Event) -> Scene | None:
        """Choose, add, or leave."""
        if self.form is not None:
            return self._handle_form(event)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, rect in enumerate(self.rows):
                if rect.collidepoint(event.pos):
                    if index == self.selected:
                        return self.choose(index)
                    self.selected = index
            return None
        if event.type != pygame.KEYDOWN:
            return None
        count = len(self.options)
        if event.key in (pygame.K_DOWN, pygame.K_s):
            self.selected = (self.selected + 1) % count
        elif event.key in (pygame.K_UP, pygame.K_w):
            self.selected = (self.selected - 1) % count
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.choose(self.selected)
        elif event.key == pygame.K_n:
            self.open_form(event.unicode or "n")
        elif event.key == pygame.K_h:
            return ToHistory(self.options[self.selected], self)
        elif event.key == pygame.K_ESCAPE:
            self.context.records.asked = True
            return self.then
        return None

    def choose(self, index: int) -> Scene:
        """Train as this profile (or anonymously) and go back."""
        trainee = self.options[index]
        self.context.records.trainee = trainee
        self.context.records.asked = True
        try:
            with open_records(self.context) as store:
                store.set_meta(LAST_TRAINEE, str(trainee.id) if trainee else "")
        except RecordsError:
            pass  # remembering the last choice is a convenience, never a reason to stop
        refresh = getattr(self.then, "refresh_records", None)
        if callable(refresh):
            refresh()
        return self.then

    def open_form(self, opened_with: str = "") -> None:
        """Start typing a new profile (the key that opened the form is not typed into it)."""
        self.form = {"name": "", "badge": ""}
        self._swallow = opened_with
        self.field = 0
        self.message = ""
        pygame.key.start_text_input()

    def update(self, dt: float) -> Scene | None:
        """Nothing moves here."""
        return None

    # -- the new-trainee form ----------------------------------------------------------------

    def _handle_form(self, event: pygame.event.Event) -> Scene | None:
        assert self.form is not None
        name = FIELDS[self.field]
        if event.type == pygame.TEXTINPUT and self._swallow and event.text == self._swallow:
            self._swallow = ""
            return None
        if event.type == pygame.TEXTINPUT:
            limit = MAX_NAME if name == "name" else MAX_BADGE
            text = "".join(c for c in event.text if c.isprintable())
            self.form[name] = (self.form[name] + text)[:limit]
            return None
        if event.type != pygame.KEYDOWN:
            return None
        self._swallow = ""
        if event.key == pygame.K_ESCAPE:
            self.form = None
            pygame.key.stop_text_input()
        elif event.key == pygame.K_BACKSPACE:
            self.form[name] = self.form[name][:-1]
        elif event.key in (pygame.K_TAB, pygame.K_DOWN, pygame.K_UP):
            self.field = (self.field + 1) % len(FIELDS)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self._save_form()
        return None

    def _save_form(self) -> Scene | None:
        assert self.form is not None
        try:
            name = check_name(self.form["name"])
            badge = check_badge(self.form["badge"])
        except ValueError as error:
            self.message = str(error)[:1].upper() + str(error)[1:] + "."
            return None
        try:
            with open_records(self.context) as store:
                trainee = store.add_trainee(name, badge)
        except RecordsError as error:
            self.message = f"Could not save the profile: {error}"
            return None
        self.form = None
        pygame.key.stop_text_input()
        self._load()
        return self.choose(1 + [t.id for t in self.trainees].index(trainee.id))

    # -- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """The profiles, or the form for a new one."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        h = surface.get_height()
        draw_text(surface, fonts.get("title"), "Who is training?", (60, 40))
        draw_text(
            surface,
            fonts.get("body"),
            "Sessions are recorded for this trainee. Anonymous practice is kept without a name.",
            (60, 40 + fonts.line_height("title")),
            palette.TEXT_DIM,
        )
        if self.form is not None:
            self._draw_form(surface, 140)
            keys = "Type   Tab: next field   Enter: save and train   Esc: cancel"
        else:
            self._draw_list(surface, 140)
            keys = "Up/Down: choose   Enter or click: train as   N: new trainee   H: history   Esc: back"
        if self.message:
            draw_text(surface, fonts.get("body"), self.message, (60, h - 62), palette.WARNING)
        draw_text(surface, fonts.get("small"), keys, (60, h - 30), palette.TEXT_DIM)

    def _draw_list(self, surface: pygame.Surface, top: int) -> None:
        fonts = self.context.fonts
        w, h = surface.get_size()
        room = max(1, (h - top - 80) // ROW_H)
        first = min(max(0, self.selected - room // 2), max(0, len(self.options) - room))
        self.rows = []
        y = top
        for index, trainee in enumerate(self.options):
            if not first <= index < first + room:
                self.rows.append(pygame.Rect(0, 0, 0, 0))
                continue
            rect = pygame.Rect(50, y, w - 100, ROW_H - 6)
            self.rows.append(rect)
            chosen = index == self.selected
            surface.fill(palette.PANEL, rect)
            pygame.draw.rect(
                surface, palette.ACCENT if chosen else palette.PANEL_EDGE, rect, 2 if chosen else 1
            )
            label = trainee.label if trainee else "Anonymous practice (not recorded to a name)"
            sessions = self.counts.get(trainee.id if trainee else None, 0)
            draw_text(
                surface,
                fonts.get("heading"),
                fit(fonts.get("heading"), label, rect.w - 220),
                (rect.x + 16, rect.y + 6),
                palette.TEXT,
            )
            draw_text(
                surface,
                fonts.get("body"),
                f"{sessions} session{'s' if sessions != 1 else ''}",
                (rect.right - 16, rect.y + 10),
                palette.TEXT_DIM,
                "topright",
            )
            y += ROW_H
        if self.context.records.trainee is not None or self.context.records.asked:
            now = f"Now training: {self.context.records.label}"
            draw_text(surface, fonts.get("small"), now, (w - 60, 120), palette.GOOD, "topright")

    def _draw_form(self, surface: pygame.Surface, top: int) -> None:
        assert self.form is not None
        fonts = self.context.fonts
        w = surface.get_width()
        draw_text(surface, fonts.get("heading"), "New trainee", (60, top), palette.ACCENT)
        y = top + fonts.line_height("heading") + 12
        for index, name in enumerate(FIELDS):
            draw_text(surface, fonts.get("body"), FIELD_TITLES[name], (60, y), palette.TEXT_DIM)
            y += fonts.line_height("body") + 2
            box = pygame.Rect(60, y, min(640, w - 120), fonts.line_height("heading") + 12)
            surface.fill(palette.PANEL, box)
            active = index == self.field
            pygame.draw.rect(surface, palette.ACCENT if active else palette.PANEL_EDGE, box, 2)
            shown = self.form[name] + ("_" if active else "")
            draw_text(
                surface,
                fonts.get("heading"),
                fit(fonts.get("heading"), shown, box.w - 20),
                (box.x + 10, box.y + 6),
            )
            y = box.bottom + 18

    # -- data ----------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            with open_records(self.context) as store:
                self.trainees = store.trainees()
                self.counts = store.session_counts()
        except RecordsError as error:
            self.trainees, self.counts = [], {}
            self.message = f"The training records cannot be opened: {error}"

    def _last(self) -> int | None:
        try:
            with open_records(self.context) as store:
                value = store.meta(LAST_TRAINEE)
        except RecordsError:
            return None
        return int(value) if value and value.isdigit() else None
