"""The after-action review: a saved session drawn as it happened, with the ledger on a timeline.

Three perspectives: the bird's-eye truth (the instructor's review: everyone, roles shown, every line
of fire), the trainee's view at that moment (only what they could see and hear, their fog, built by
the play view's own fog and perception code) and the suspect's view (what he could see of the
trainee). Seeking is instant: keyframes of the world and of what the trainee had perceived, every five
seconds (`game.sessions.keyframes`). "Retry from here" hands the world at this moment to a new run.
Drawing lives in `review_view.py`, the timeline and buttons in `review_timeline.py`.
"""

from __future__ import annotations

from enum import Enum

import pygame

from game.client import review_view
from game.client.captions import YOU
from game.client.perceived import describe, redact_ids
from game.client.recall import ReviewState
from game.client.review_timeline import SPEEDS, markers_at, tick_at, track_rect
from game.client.routes import ToDebrief, ToPlay, ToProfile, ToQuit
from game.client.scene import Context, Next
from game.core.clock import tick_clock
from game.core.events import Event
from game.core.level import TICK_RATE, Role
from game.core.people import view
from game.core.world import World
from game.sessions.keyframes import Keyframes
from game.sessions.notes import NotesError
from game.sessions.replay import SessionRecorder
from game.sessions.review import (
    Marker,
    Review,
    end_world,
    final_events,
    next_marker,
    note_markers,
)
from game.sessions.review import markers as timeline_markers

BUILD_BUDGET = 0.012
"""Seconds per frame spent preparing keyframes while the review is already open."""
MAX_STEPS_PER_FRAME = 40
"""Playback faster than this many ticks a frame seeks instead of stepping."""
ZOOM_TILES = (10, 14, 18, 24, 30, 38)


class Perspective(Enum):
    """Whose eyes the map is drawn through."""

    TRUTH = "truth"
    TRAINEE = "trainee"
    SUSPECT = "suspect"


class ReviewScene:
    """Play, pause, seek and step through a session; switch perspective; note; retry from here."""

    def __init__(
        self,
        context: Context,
        review: Review,
        back: object = None,
        start: int = 0,
        perspective: str = "truth",
    ) -> None:
        self.context = context
        self.review = review
        self.back = back
        self.level = review.level
        first = ReviewState(review.start())
        self.names = {p.id: describe(view(p)) for p in first.world.people if p.id != YOU}
        self.suspects = [p.id for p in first.world.people if p.role is Role.SUSPECT]
        self.keys: Keyframes[ReviewState] = Keyframes(
            first, self._advance, review.end, watch=self._watch
        )
        self.state = self.keys.at(0)
        self.perspective = Perspective(perspective)
        self.playing = False
        self.speed = SPEEDS.index(1.0)
        self.accumulator = 0.0
        self.follow = YOU
        self.suspect = self.suspects[0] if self.suspects else ""
        self.tile = 18
        self.cam = None
        self.layers: dict[tuple[int, int], object] = {}
        self.note: str | None = None
        self._swallow = ""
        self.message = ""
        self.mouse = (-1, -1)
        self.dragging = False
        self.rects: dict[str, pygame.Rect] = {}
        self.buttons: list = []
        self.ledger_markers: list[Marker] = []
        self.end_events: list[Event] = []
        if review.level_changed:
            self.message = (
                "The level has changed since this session was recorded: it may not play the same"
            )
        if start:
            self.seek(start)

    # -- the scene protocol ------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Next:
        """Keys, clicks on the timeline, the buttons and the map, and the note being typed."""
        if self.note is not None:
            return self._handle_note(event)
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            if self.dragging:
                self._seek_to_pointer(event.pos)
            return None
        if event.type == pygame.MOUSEBUTTONUP:
            self.dragging = False
            return None
        if event.type == pygame.MOUSEWHEEL:
            self.zoom(1 if event.y > 0 else -1)
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click(event.pos)
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        return None

    def update(self, dt: float) -> Next:
        """Prepare more keyframes, and move the clock when playing."""
        if not self.keys.complete and self.keys.build(BUILD_BUDGET):
            self._finished_building()
        if not self.playing:
            return None
        self.accumulator += max(0.0, dt) * SPEEDS[self.speed] * TICK_RATE
        steps = int(self.accumulator)
        self.accumulator -= steps
        if steps > MAX_STEPS_PER_FRAME:
            self.seek(self.tick + steps)
        else:
            for _ in range(steps):
                if not self._can_step():
                    break
                self._advance(self.state)
        if not self._can_step():
            self.playing = False
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """The map in the chosen perspective, the side panel, the timeline and the buttons."""
        review_view.draw(self, surface)

    # -- the clock ---------------------------------------------------------------------------------

    @property
    def tick(self) -> int:
        """The moment shown."""
        return self.state.tick

    @property
    def world(self) -> World:
        """The world at the moment shown."""
        return self.state.world

    @property
    def last_tick(self) -> int:
        """The session's last tick (the planned end until the keyframes are complete)."""
        return self.keys.last_tick

    def seek(self, tick: int) -> None:
        """Show another moment (restored from the keyframe before it)."""
        self.state = self.keys.at(tick)
        self.accumulator = 0.0
        if self.keys.complete and not self.end_events:
            self._finished_building()

    def step(self, ticks: int) -> None:
        """Step forward or back by whole ticks (pauses playback)."""
        self.playing = False
        if ticks > 0 and ticks <= MAX_STEPS_PER_FRAME:
            for _ in range(ticks):
                if not self._can_step():
                    break
                self._advance(self.state)
        else:
            self.seek(self.tick + ticks)

    def jump(self, forward: bool) -> None:
        """To the next (or previous) marker."""
        marker = next_marker(self.markers, self.tick, forward)
        if marker is None:
            self.message = "No later marker" if forward else "No earlier marker"
            return
        self.seek(marker.tick)

    def set_speed(self, faster: bool) -> None:
        """One speed up or down, from 1/4x to 16x."""
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + (1 if faster else -1)))

    def toggle_play(self) -> None:
        """Play or pause; playing at the end starts again from the beginning."""
        if not self.playing and not self._can_step():
            self.seek(0)
        self.playing = not self.playing
        self.accumulator = 0.0

    def _can_step(self) -> bool:
        return self.tick < self.last_tick and not self.state.finished

    def _advance(self, state: ReviewState) -> list[Event]:
        events = self.review.step(state.world)
        state.recall.update(state.world, events)
        return events

    def _watch(self, state: ReviewState, events: object) -> None:
        self.review.exposure.observe(state.world, events)

    def prepare(self) -> None:
        """Finish the keyframes now (before a retry, a debrief, or in tests)."""
        if not self.keys.complete:
            self.keys.build()
        if not self.end_events:
            self._finished_building()

    def _finished_building(self) -> None:
        world = self.keys.at(self.keys.last_tick).world
        self.end_events = final_events(world)
        self.ledger_markers = timeline_markers(self.level, self.end_events)
        if not self.review.reproduces(self.end_events):
            self.message = (
                "This replay did not reproduce the recorded session (its event log differs)"
            )

    # -- markers and notes -------------------------------------------------------------------------

    @property
    def markers(self) -> list[Marker]:
        """Every marker on the timeline: the ledger's (once ready) and the notes."""
        found = self.ledger_markers + note_markers(self.review.notes)
        return sorted(found, key=lambda m: m.tick)

    def words(self, text: str) -> str:
        """A sentence as shown: people by how they looked, never by id."""
        return redact_ids(text, self.names)

    def start_note(self, opened_with: str = "") -> None:
        """Start typing a note at this moment (the key that opened it is not typed into it)."""
        self.note = ""
        self._swallow = opened_with
        self.playing = False
        pygame.key.start_text_input()

    def add_note(self, text: str) -> bool:
        """Keep a note at this moment in the replay file (atomically); False if it could not be kept."""
        try:
            self.review.add_note(self.tick, text)
        except (NotesError, OSError) as error:
            self.message = f"Could not keep the note: {error}"
            return False
        self.message = f"Note kept at {tick_clock(self.tick)} in {self.review.path}"
        return True

    def delete_notes_here(self) -> bool:
        """Remove the notes at this moment."""
        try:
            removed = self.review.remove_notes_at(self.tick)
        except (NotesError, OSError) as error:
            self.message = f"Could not remove the note: {error}"
            return False
        self.message = (
            f"Note at {tick_clock(self.tick)} removed" if removed else "No note at this moment"
        )
        return bool(removed)

    def _handle_note(self, event: pygame.event.Event) -> Next:
        swallow, self._swallow = self._swallow, ""
        if event.type == pygame.TEXTINPUT and swallow and event.text == swallow:
            return None
        if event.type == pygame.TEXTINPUT:
            self.note = (self.note or "") + "".join(c for c in event.text if c.isprintable())
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                text, self.note = self.note or "", None
                pygame.key.stop_text_input()
                self.add_note(text)
            elif event.key == pygame.K_ESCAPE:
                self.note = None
                pygame.key.stop_text_input()
            elif event.key == pygame.K_BACKSPACE:
                self.note = (self.note or "")[:-1]
        return None

    # -- leaving -----------------------------------------------------------------------------------

    def retry(self) -> Next:
        """Branch here: the run so far as it happened, then the trainee takes over."""
        self.prepare()
        state = self.keys.at(self.tick)
        if state.finished:
            self.message = "The run had ended by this moment: choose an earlier one to retry"
            return None
        branch = self.review.branch(state.world, self.end_events)
        play = ToPlay(self.level, self.review.seed, state.world, branch, set(state.recall.fog.seen))
        return play if self.context.records.asked else ToProfile(play)

    def debrief(self) -> Next:
        """The debrief of this session (the one this review came from, if any)."""
        if type(self.back).__name__ == "DebriefScene":
            return self.leave()
        self.prepare()
        world = end_world(self.keys.at(self.keys.last_tick).world)
        recorder = SessionRecorder(self.level, self.review.seed, dict(world.variant))
        for tick in sorted(self.review.commands):
            recorder.record(tick, self.review.commands[tick])
        return ToDebrief(
            self.level,
            self.review.seed,
            world,
            recorder,
            replay_path=self.review.path,
            back=self,
            notes=tuple(self.review.notes),
        )

    def leave(self) -> Next:
        """Back where the review was opened from (the program ends if from the command line)."""
        if self.back is None:
            return ToQuit()
        refresh = getattr(self.back, "refresh_notes", None)
        if callable(refresh):
            refresh(self.review.notes)
        return self.back

    # -- input -------------------------------------------------------------------------------------

    def _key(self, event: pygame.event.Event) -> Next:
        key, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        if key == pygame.K_SPACE:
            self.toggle_play()
        elif key in (pygame.K_RIGHT, pygame.K_PERIOD):
            self.step(5 * TICK_RATE if shift else 1)
        elif key in (pygame.K_LEFT, pygame.K_COMMA):
            self.step(-5 * TICK_RATE if shift else -1)
        elif key == pygame.K_RIGHTBRACKET:
            self.jump(True)
        elif key == pygame.K_LEFTBRACKET:
            self.jump(False)
        elif key == pygame.K_HOME:
            self.seek(0)
        elif key == pygame.K_END:
            self.seek(self.last_tick)
        elif key in (pygame.K_UP, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.set_speed(True)
        elif key in (pygame.K_DOWN, pygame.K_MINUS, pygame.K_KP_MINUS):
            self.set_speed(False)
        elif key in (pygame.K_1, pygame.K_2, pygame.K_3):
            return self.act(("truth", "trainee", "suspect")[key - pygame.K_1])
        elif key == pygame.K_TAB:
            self.follow_next()
        else:
            if key == pygame.K_n:
                self.start_note(event.unicode or "n")
                return None
            action = {
                pygame.K_DELETE: "unnote",
                pygame.K_r: "retry",
                pygame.K_d: "debrief",
                pygame.K_ESCAPE: "back",
            }.get(key)
            return self.act(action) if action else None
        return None

    def act(self, action: str) -> Next:
        """Carry out a button's action."""
        simple = {
            "prev": lambda: self.jump(False),
            "next": lambda: self.jump(True),
            "back1": lambda: self.step(-1),
            "fwd1": lambda: self.step(1),
            "play": self.toggle_play,
            "slower": lambda: self.set_speed(False),
            "faster": lambda: self.set_speed(True),
            "note": self.start_note,
            "unnote": self.delete_notes_here,
            "follow": self.follow_next,
        }
        if action in simple:
            simple[action]()
            return None
        if action in ("truth", "trainee", "suspect"):
            self._perspective(Perspective(action))
            return None
        return {"retry": self.retry, "debrief": self.debrief, "back": self.leave}[action]()

    def _perspective(self, chosen: Perspective) -> None:
        if chosen is Perspective.SUSPECT and self.perspective is Perspective.SUSPECT:
            present = [s for s in self.suspects if self.world.person(s).present]
            if len(present) > 1:
                self.suspect = present[(present.index(self.suspect) + 1) % len(present)]
        self.perspective = chosen
        self.cam = None

    def follow_next(self) -> None:
        """Follow the next person on scene (the bird's-eye view; others follow their own eyes)."""
        if self.perspective is not Perspective.TRUTH:
            self.perspective = Perspective.TRUTH
        people = review_view.follow_order(self.world)
        ids = [p.id for p in people]
        if not ids:
            return
        self.follow = ids[(ids.index(self.follow) + 1) % len(ids)] if self.follow in ids else ids[0]
        self.cam = None

    def zoom(self, step: int) -> None:
        """Zoom the map in (+1) or out (-1)."""
        index = min(range(len(ZOOM_TILES)), key=lambda i: abs(ZOOM_TILES[i] - self.tile))
        self.tile = ZOOM_TILES[max(0, min(len(ZOOM_TILES) - 1, index + step))]

    def _click(self, pos: tuple[int, int]) -> Next:
        for button in self.buttons:
            if button.rect.collidepoint(pos):
                return self.act(button.action)
        timeline = self.rects.get("timeline")
        if timeline is not None and timeline.collidepoint(pos):
            under = markers_at(timeline, self.context.fonts, pos, self.markers, self.last_tick)
            if under:
                self.seek(under[0].tick)
            else:
                self.dragging = True
                self._seek_to_pointer(pos)
            return None
        view_rect = self.rects.get("view")
        if view_rect is not None and view_rect.collidepoint(pos):
            person = review_view.person_at(self, pos)
            if person is not None:
                self.perspective = Perspective.TRUTH if person != YOU else self.perspective
                self.follow = person
                self.cam = None
        return None

    def _seek_to_pointer(self, pos: tuple[int, int]) -> None:
        timeline = self.rects.get("timeline")
        if timeline is None:
            return
        track = track_rect(timeline, self.context.fonts)
        self.seek(tick_at(track, pos[0], self.last_tick))
