"""The play view: the school top-down, what the trainee can see, and input turned into Commands.

Drawing lives in `play_view.py`; this file holds the run: input, the fixed-step simulation, the
recorder every session uses, and what the trainee has perceived so far (captions, radio log, marks).
"""

from __future__ import annotations

import math

import pygame

from game.client.camera import Camera
from game.client.captions import YOU, caption_for, end_words, incoming
from game.client.cues import GunfireCue
from game.client.fire_feedback import HitMark, IncomingMark, ShotMark
from game.client.fog import Fog
from game.client.hud import HudState, panel_width
from game.client.hud_panel import HudPanel
from game.client.input_map import (
    MOVE_ACTIONS,
    NEEDS_TARGET,
    AtHand,
    action_commands,
    click_command,
    key_label,
    key_map,
    keys_at_hand,
    move_vector,
    pace_command,
    step_command,
)
from game.client.loop import FixedStepLoop
from game.client.perceived import Senses, describe, sighting_words
from game.client.radio_panel import RadioPanel
from game.client.routes import ToDebrief, ToPause
from game.client.scene import Context, Next
from game.client.scenes import play_view
from game.client.sound import pan_for_bearing
from game.client.tiles import redraw_tile
from game.client.tutorial import TUTORIALS, Clock, Did, TutorialRun, happened, words
from game.core.clock import tick_clock
from game.core.commands import Command, EndScenario
from game.core.events import (
    BreachStarted,
    ChallengeIssued,
    Complied,
    DoorBreached,
    DoorClosed,
    DoorLocked,
    DoorOpened,
    Event,
    GunfireHeard,
    LeftCover,
    PaceChanged,
    PersonSighted,
    PersonWounded,
    PromptShown,
    RadioHeard,
    RadioLost,
    RadioSent,
    ScenarioEnded,
    ShotFired,
    TourniquetApplied,
    TraineeMoved,
)
from game.core.geometry import bearing
from game.core.level import TICK_RATE, Level, Position, TimelineKind
from game.core.people import PersonView
from game.core.world import World
from game.sessions.replay import SessionRecorder

TILE = 24
"""Pixels per tile at the default zoom."""
ZOOM_TILES = (14, 18, 24, 30, 38, 48)
CAPTION_SECONDS = 8.0
PLAN_TRIGGERS = (GunfireHeard, PersonSighted, PromptShown, RadioHeard)
PLAN_QUIET_TICKS = 3 * TICK_RATE
"""After going on from a plan pause, the clock runs at least this long before pausing again."""
GUNFIRE_FRESH_TICKS = 10 * TICK_RATE
CHALLENGE_HINT_SECONDS = 10.0
ENDING_HOLD_SECONDS = 3.5
"""How long the scene holds, with the reason on screen, when the run ends (going down, time up)."""
ACTING_TICKS = 2 * TICK_RATE
"""In a walk-through, the clock runs this long after the trainee's last command or step."""
SKIP_TICKS_PER_FRAME = 120
"""Going live after a walk-through: the quiet minutes before it pass this many ticks a frame."""


class PlayScene:
    """One run of a level, played live."""

    def __init__(
        self,
        context: Context,
        level: Level,
        seed: int,
        world: World | None = None,
        branch: object = None,
        seen: set | frozenset = frozenset(),
    ) -> None:
        self.context = context
        self.level = level
        self.seed = seed
        self.world = world or World(level, seed)
        self.world.prepare()
        self.building = self.world.building
        self.branch = branch
        """A retry from a review's moment (`game.sessions.review.Branch`), or None."""
        self.recorder = SessionRecorder(level, seed, dict(self.world.variant))
        if branch is not None:
            self.recorder.commands = list(branch.commands)
            self.recorder.parent = branch.parent
        self.loop = FixedStepLoop()
        self.fog = Fog(self.building)
        self.hud_panel = HudPanel()
        self._tourniquets = (0, 0)
        """How many events of the log were counted for `_tourniquets_used`, and the count."""
        self.fog.seen |= set(seen)
        self.layers: dict[tuple[int, int], pygame.Surface] = {}
        self.keys = key_map(context.settings.bindings)
        self.held: set[str] = set()
        self.tap: tuple[int, int] | None = None
        self.pending: list[Command] = []
        self.captions: list[tuple[float, str, str]] = []
        self.radio_log: list[str] = []
        self.log_scroll = 0
        self.log_rect = pygame.Rect(0, 0, 0, 0)
        self.cues: list[GunfireCue] = []
        self.shot_marks: list[ShotMark] = []
        self.incoming: list[IncomingMark] = []
        self.hit_mark: HitMark | None = None
        self.sightings: list[str] = []
        self.radio: RadioPanel | None = None
        self.plan_paused = False
        self.resumed_tick = -(10**9)
        self.last_gunfire_tick = -(10**9)
        self.now = 0.0
        self.mouse = (0, 0)
        self.last_step: tuple[tuple[int, int], Position] | None = None
        self.move_target: Position | None = None
        self.pace = "walk"
        self.doors_version = 0
        self.facing: dict[str, float] = {}
        self.gunfire_heard = False
        self.challenged_at = -1e9
        self.selected = ""
        self.tile = TILE
        self.show_legend = False
        self.ending: float | None = None
        self.end_words = ""
        self.down_by = ""
        self.cam: Camera | None = None
        self.tutorial = (
            TutorialRun(TUTORIALS[level.id]) if level.id in TUTORIALS and branch is None else None
        )
        self.acted_tick = -(10**9)
        self.skip_to = 0
        """Going live: the world runs on unattended to this tick."""
        self.stopped = False
        """The run's end was heard: nothing after it reaches the screen."""
        self._visible_key: tuple[int, int, int] | None = None
        self._visible: list[PersonView] = []
        self.prev = self._snapshot()
        self.curr = dict(self.prev)
        self._see()
        play_view.prepare(self)
        self.senses = self._senses()
        if branch is None:
            for event in self.world.log:
                self._on_event(event)
        else:
            self._catch_up()

    def _catch_up(self) -> None:
        """A retry starts mid-run: what was heard so far, on the clock it was heard, in silence."""
        volume, self.context.sound.volume = self.context.sound.volume, 0.0
        try:
            for event in self.world.log:
                self.now = event.tick / TICK_RATE
                self._on_event(event)
        finally:
            self.context.sound.volume = volume
        self.now = self.world.tick / TICK_RATE
        # the trainee takes over paused, to look around before the clock runs on
        self.plan_paused = True
        self.resumed_tick = self.world.tick

    # -- the scene protocol ------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Next:
        """Keys and mouse become Commands (queued for the next tick) or open panels."""
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            return None
        if self.ending is not None:
            if event.type == pygame.KEYDOWN and event.key in (
                pygame.K_RETURN,
                pygame.K_KP_ENTER,
                pygame.K_SPACE,
                pygame.K_ESCAPE,
            ):
                return self.debrief()
            return None
        if self.going_live():
            return None
        if (
            self.tutorial is not None
            and event.type == pygame.KEYDOWN
            and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
            and self.radio is None
        ):
            self.tutorial.acknowledge()
            return None
        if self.radio is not None and event.type == pygame.KEYDOWN:
            state, message = self.radio.handle(event)
            if state != "open":
                self.radio = None
            if message is not None:
                self.pending.append(message)
            return None
        if event.type == pygame.KEYDOWN:
            return self._key_down(event)
        if event.type == pygame.KEYUP:
            action = self.keys.get(event.key)
            self.held.discard(action or "")
            if action == "run":
                self._pace("walk")
            return None
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.mouse = event.pos
            return self._click(event)
        if event.type == pygame.MOUSEWHEEL:
            if self.log_rect.collidepoint(self.mouse):
                self.log_scroll = max(0, min(len(self.radio_log) - 1, self.log_scroll + event.y))
            else:
                self.zoom(1 if event.y > 0 else -1)
        return None

    def update(self, dt: float) -> Next:
        """Run as many simulation ticks as the frame time allows (none while paused)."""
        self.now += dt
        if self.world.finished:
            if self.ending is None:
                self.ending = self.now
                self.end_words = self._end_words()
            if self.now - self.ending >= ENDING_HOLD_SECONDS:
                return self.debrief()
            return None
        if self.plan_paused:
            self.loop.reset()
            return None
        if self.going_live():
            self._run_to_live()
            return None
        if self.tutorial is not None and not self.tutorial.live:
            self._walk_through()
            if self.going_live() or (self.tutorial.holds_clock() and self._idle()):
                self.loop.reset()
                return None
        ticks = self.loop.advance(dt)
        for _ in range(ticks):
            self.tick()
            if self.world.finished:
                break
        if not ticks:
            self._foresee()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """The map view, the people, cues, captions and the HUD panel."""
        play_view.draw(self, surface)

    # -- the walk-through ----------------------------------------------------------------------

    def _walk_through(self) -> None:
        """Note what the client shows the trainee doing; go live once the steps are done."""
        tutorial = self.tutorial
        if (
            self.selected in self.senses.in_sight
            and self.senses.in_sight[self.selected].weapon_drawn
        ):
            self._notice({Did.SELECTED_ARMED})
        if tutorial.walk_through_done() or self.world.tick >= tutorial.tutorial.live_at:
            self.go_live()

    def go_live(self, skipped: bool = False) -> None:
        """End the walk-through: the quiet time before the live part passes at once."""
        tutorial = self.tutorial
        if tutorial is None or tutorial.live:
            return
        tutorial.live = True
        tutorial.skipped = skipped
        self.held.clear()
        self.tap = None
        self.skip_to = tutorial.tutorial.live_at
        if skipped:
            words_ = "Walk-through skipped: the exercise is live."
        elif tutorial.walk_through_done():
            words_ = "Walk-through done: the exercise is live. Listen."
        else:
            words_ = "The walk-through's time is up: the exercise is live. Listen."
        self.add_caption("prompt", words_)
        self.context.sound.play("prompt")

    def going_live(self) -> bool:
        """Whether the quiet time before the live part is passing now."""
        return self.world.tick < self.skip_to and not self.world.finished

    def _run_to_live(self) -> None:
        for _ in range(SKIP_TICKS_PER_FRAME):
            if not self.going_live():
                break
            self.tick()
        self.loop.reset()

    def _idle(self) -> bool:
        """Whether the trainee is doing nothing (no command, no key held, not walking)."""
        return (
            not self.pending
            and self.tap is None
            and move_vector(self.held) == (0, 0)
            and self.world.tick - self.acted_tick > ACTING_TICKS
        )

    def _notice(self, did: set[Did]) -> None:
        if self.tutorial is None or not did:
            return
        before = self.tutorial.step()
        for hint in self.tutorial.notice(did):
            self.add_caption("prompt", words(hint, self.context.settings.bindings))
        after = self.tutorial.step()
        if after is not None and after != before:
            self.context.sound.play("prompt")

    def tutorial_banner(self) -> str:
        """The step on screen, in the trainee's keys ('' when there is none)."""
        if self.tutorial is None:
            return ""
        current = self.tutorial.step()
        if current is None:
            return ""
        index, step = current
        bindings = self.context.settings.bindings
        number = self.tutorial.number(index)
        head = f"{number}. {step.title}" if number else step.title
        text = f"{head}: {words(step.text, bindings)}"
        if step.clock is not Clock.LIVE:
            text += f"  ({key_label(bindings, 'skip_tutorial')}: skip the walk-through)"
        return text

    # -- simulation ----------------------------------------------------------------------------

    def tick(self) -> list[Event]:
        """One simulation tick: the queued commands plus held movement, then the world steps."""
        commands = list(self.pending)
        self.pending.clear()
        trainee = self.trainee()
        direction = move_vector(self.held)
        if direction == (0, 0) and self.tap is not None:
            direction = self.tap
            self.last_step = None
        self.tap = None
        if trainee is not None and direction != (0, 0):
            key = (direction, trainee.position)
            if key != self.last_step:
                step = step_command(direction, trainee.position, self.building)
                if step is not None:
                    commands.append(step)
                    self.move_target = None
                self.last_step = key
        elif direction == (0, 0):
            self.last_step = None
        if commands:
            self.recorder.record(self.world.tick, commands)
            self.acted_tick = self.world.tick
        events = self.world.step(commands)
        self.prev = self.curr
        self.curr = self._snapshot()
        self._see()
        self.senses = self._senses()
        if self.tutorial is not None and any(
            p.condition == "critical" for p in self.senses.in_sight.values()
        ):
            self._notice({Did.CASUALTY_IN_SIGHT})
        for event in events:
            self._on_event(event)
        if self.selected and self.selected not in self.senses.in_sight:
            self.selected = ""
        return events

    def end_now(self) -> None:
        """End the run at once (from the pause menu)."""
        self.recorder.record(self.world.tick, [EndScenario()])
        self.world.step([EndScenario()])

    def debrief(self) -> ToDebrief:
        """The debrief of this run."""
        return ToDebrief(self.level, self.seed, self.world, self.recorder, branch=self.branch)

    def trainee(self) -> PersonView | None:
        """The trainee's picture now, or None before they arrive."""
        return self.curr.get(YOU)

    def zoom(self, step: int) -> None:
        """Zoom the map in (+1) or out (-1)."""
        index = min(range(len(ZOOM_TILES)), key=lambda i: abs(ZOOM_TILES[i] - self.tile))
        self.tile = ZOOM_TILES[max(0, min(len(ZOOM_TILES) - 1, index + step))]

    def _snapshot(self) -> dict[str, PersonView]:
        return {p.id: p for p in self.world.snapshot()}

    def _foresee(self) -> None:
        """In a frame without a tick, the sight from the trainee's next step (see `Fog.foresee`)."""
        trainee = self.world.trainee
        if trainee.present and trainee.path:
            self.fog.foresee(trainee.path[0])

    def _see(self) -> None:
        trainee = self.trainee()
        self.fog.update(trainee.position if trainee else None, self.doors_version)

    def _senses(self) -> Senses:
        trainee = self.trainee()
        sees = self.fog.sees
        return Senses(
            trainee.position if trainee else None,
            {p.id: p for p in self.curr.values() if p.id != YOU and sees(p.position)},
            {p.id: p.position for p in self.curr.values()},
        )

    def _on_event(self, event: Event) -> None:
        if self.stopped:
            return  # the same tick's events after the end happened after the run stopped
        if isinstance(event, ScenarioEnded):
            self.stopped = True
        if isinstance(event, TraineeMoved):
            self.acted_tick = event.tick
        self._notice(happened(event))
        caption = caption_for(event, self.world.zone_name, self.senses)
        if caption is not None:
            self.add_caption(*caption)
        if isinstance(event, RadioHeard | RadioSent | RadioLost):
            stamp = tick_clock(event.tick)
            self.radio_log.append(f"{stamp} {caption[1] if caption else ''}")
            self.log_scroll = 0
            if not (isinstance(event, RadioHeard) and self._play_clip(event)):
                self.context.sound.play("radio", 0.0, 0.8)
        elif isinstance(event, GunfireHeard):
            self.gunfire_heard = True
            self.cues.append(GunfireCue(event.bearing, event.loudness, event.distance, self.now))
            del self.cues[:-12]
            self.context.sound.play("gunshot", pan_for_bearing(event.bearing), event.loudness)
        elif isinstance(event, ShotFired):
            self._on_shot(event)
        elif isinstance(event, PersonWounded) and event.person == YOU:
            self.hit_mark = HitMark(event.condition, self.now)
            self.down_by = self.senses.who(event.by, "") if event.by else ""
            self.context.sound.play("hit")
        elif isinstance(event, PromptShown):
            self.context.sound.play("prompt")
        elif isinstance(event, DoorOpened | DoorClosed | DoorBreached | DoorLocked):
            at = event.at
            for (floor, tile), layer in self.layers.items():
                if floor == at.floor:
                    redraw_tile(layer, self.building, floor, at.x, at.y, tile)
            self.fog.redraw_tile(at)
            self.doors_version += 1
        elif isinstance(event, PaceChanged):
            self.pace = event.pace
        elif isinstance(event, LeftCover) and event.person == YOU:
            self.captions = [c for c in self.captions if not c[2].startswith("You are in ")]
        elif isinstance(event, ChallengeIssued) and event.target == YOU:
            self.challenged_at = self.now
        elif isinstance(event, Complied) and event.person == YOU:
            self.challenged_at = -1e9
        elif isinstance(event, PersonSighted):
            seen = self.curr.get(event.person)
            words = sighting_words(seen) if seen is not None else ""
            if words and words not in self.sightings:
                self.sightings.append(words)
        elif isinstance(event, BreachStarted | TourniquetApplied):
            self.move_target = None
        self._plan_pause(event)

    def add_caption(self, kind: str, text: str) -> None:
        """Show a caption; the same words still on screen are refreshed, not repeated."""
        self.captions = [
            c for c in self.captions if not (c[2] == text and self.now - c[0] <= CAPTION_SECONDS)
        ]
        self.captions.append((self.now, kind, text))
        del self.captions[:-30]

    def _on_shot(self, event: ShotFired) -> None:
        if event.shooter == YOU:
            landed = self.curr.get(event.hit).position if event.hit in self.curr else event.aim
            self.shot_marks.append(ShotMark(landed, bool(event.hit), self.now))
            del self.shot_marks[:-6]
        elif incoming(event, self.senses) and self.senses.here is not None:
            here = self.senses.here
            self.incoming.append(
                IncomingMark(bearing(here.x, here.y, event.origin.x, event.origin.y), self.now)
            )
            del self.incoming[:-4]
            self.context.sound.play("incoming")

    def _play_clip(self, event: RadioHeard) -> bool:
        """Play the level's recorded clip for this radio entry, if it names one."""
        for entry in self.level.timeline:
            clip = getattr(entry, "clip", "")
            if (
                clip
                and entry.kind is TimelineKind.RADIO
                and entry.at == event.tick
                and entry.text == event.text
            ):
                from game.levels.assets import resolve_asset

                try:
                    path = resolve_asset(_level_folder(self.level), clip)
                except ValueError:
                    return False
                return self.context.sound.play_file(path)
        return False

    def _plan_pause(self, event: Event) -> None:
        if not self.context.settings.plan_mode or not isinstance(event, PLAN_TRIGGERS):
            return
        if isinstance(event, GunfireHeard):
            fresh = event.tick - self.last_gunfire_tick > GUNFIRE_FRESH_TICKS
            self.last_gunfire_tick = event.tick
            if not fresh:
                return
        if event.tick - self.resumed_tick < PLAN_QUIET_TICKS:
            return
        self.plan_paused = True

    def _end_words(self) -> str:
        reason = self.world.end_reason
        if reason == "trainee down":
            by = f" by {self.down_by}" if self.down_by else ""
            return f"YOU ARE DOWN: hit{by}. The scenario ends here."
        if reason == "time limit":
            return "Time is up: the scenario ends here."
        return f"The scenario is over: {end_words(reason)}."

    # -- input ---------------------------------------------------------------------------------

    def _key_down(self, event: pygame.event.Event) -> Next:
        action = self.keys.get(event.key)
        if action is None:
            return None
        if action.startswith("move_"):
            self.held.add(action)
            self.tap = MOVE_ACTIONS[action]
        elif action == "run":
            self.held.add(action)
            self._pace("run")
        elif action == "radio":
            self.open_radio()
        elif action == "plan_pause":
            self.plan_paused = not self.plan_paused
            if not self.plan_paused:
                self.resumed_tick = self.world.tick
        elif action == "pause":
            self.held.clear()
            return ToPause(self)
        elif action == "select_next":
            self.select_next()
        elif action == "skip_tutorial":
            self.go_live(skipped=True)
        elif action == "legend":
            self.show_legend = not self.show_legend
        elif action in ("zoom_in", "zoom_out"):
            self.zoom(1 if action == "zoom_in" else -1)
        elif action in ("log_older", "log_newer"):
            older = 1 if action == "log_older" else -1
            self.log_scroll = max(0, min(len(self.radio_log) - 1, self.log_scroll + older))
        else:
            commands = action_commands(action, self.at_hand())
            if not commands and action in NEEDS_TARGET:
                self.add_caption("refused", "Select a person first: click them, or press Tab")
            self.pending += commands
        return None

    def _click(self, event: pygame.event.Event) -> Next:
        surface = pygame.display.get_surface()
        view = self.view_rect(surface) if surface else pygame.Rect(0, 0, 10**6, 10**6)
        if not view.collidepoint(event.pos) or self.trainee() is None:
            return None
        person = self.person_under(event.pos)
        if event.button == 1:
            if person is not None:
                self.selected = person.id
                return None
            tile = self.tile_at(event.pos)
            if tile is not None and tile != self.trainee().position:
                self.pending.append(click_command(tile))
                self.move_target = tile
        elif event.button == 3:
            if person is not None:
                self.selected = person.id
            self.pending += action_commands("challenge", self.at_hand())
        return None

    def _pace(self, pace: str) -> None:
        if pace != self.pace:
            self.pending.append(pace_command(pace == "run"))
            self.pace = pace

    def select_next(self) -> None:
        """Tab: select the next person in view, nearest first."""
        trainee = self.trainee()
        if trainee is None:
            return
        here = trainee.position
        people = sorted(
            self.senses.in_sight.values(),
            key=lambda p: (math.hypot(p.position.x - here.x, p.position.y - here.y), p.position),
        )
        if not people:
            self.selected = ""
            return
        order = [p.id for p in people]
        index = order.index(self.selected) + 1 if self.selected in order else 0
        self.selected = order[index % len(order)]

    def open_radio(self) -> None:
        """Open the radio panel with the places the trainee knows."""
        trainee = self.trainee()
        known = self.fog.known_zones(self.world.zone_at)
        zones = [(z, self.world.zone_name(z)) for z in known]
        here = self.world.zone_at(trainee.position) if trainee else ""
        spec = self.level.trainee.description
        own = ", ".join(p for p in (spec.sex, spec.clothing) if p) or (
            "uniform" if self.level.trainee.dress.value == "uniform" else "plain clothes"
        )
        self.radio = RadioPanel(zones, here, tuple(self.sightings), own)

    # -- what is where -------------------------------------------------------------------------

    def view_rect(self, surface: pygame.Surface) -> pygame.Rect:
        """The map area of the screen."""
        width = panel_width(self.context.fonts, surface.get_width())
        return pygame.Rect(0, 0, surface.get_width() - width, surface.get_height())

    def hud_rect(self, surface: pygame.Surface) -> pygame.Rect:
        """The side panel area."""
        width = panel_width(self.context.fonts, surface.get_width())
        return pygame.Rect(surface.get_width() - width, 0, width, surface.get_height())

    def cue_rect(self, view: pygame.Rect) -> pygame.Rect:
        """Where gunfire cues sit: the view's edge, above the caption band."""
        area = view.copy()
        area.h -= self.context.fonts.line_height("body") * 4 + 12
        return area

    def current_floor(self) -> int:
        """The floor shown: the trainee's."""
        trainee = self.trainee()
        if trainee is not None:
            return trainee.position.floor
        return self.world.trainee.position.floor

    def camera(self, view: pygame.Rect) -> Camera:
        """The camera for a view: centred on the trainee at first, then following with a dead zone."""
        map_size = (self.building.width * self.tile, self.building.height * self.tile)
        if self.cam is None:
            self.cam = Camera(view.size, map_size)
            self.cam.centre_on(*self.pixel_of(YOU))
        else:
            self.cam.resize(view.size, map_size)
        return self.cam

    def follow_camera(self, view: pygame.Rect) -> Camera:
        """Move the camera with the trainee (once per frame, before drawing)."""
        camera = self.camera(view)
        camera.follow(*self.pixel_of(YOU))
        return camera

    def pixel_of(self, person_id: str) -> tuple[float, float]:
        """A person's drawn centre in map pixels, interpolated between the last two ticks."""
        tile = self.tile
        now = self.curr.get(person_id)
        if now is None:
            pos = self.world.trainee.position
            return (pos.x + 0.5) * tile, (pos.y + 0.5) * tile
        before = self.prev.get(person_id, now)
        a, b = before.position, now.position
        alpha = self.loop.alpha
        if a.floor != b.floor or abs(a.x - b.x) > 2 or abs(a.y - b.y) > 2:
            alpha = 1.0
        x = a.x + (b.x - a.x) * alpha
        y = a.y + (b.y - a.y) * alpha
        return (x + 0.5) * tile, (y + 0.5) * tile

    def _screen_view(self) -> pygame.Rect:
        surface = pygame.display.get_surface()
        return self.view_rect(surface) if surface else pygame.Rect(0, 0, 1280, 720)

    def tile_at(self, screen_pos: tuple[int, int]) -> Position | None:
        """The map tile under a screen pixel, or None off the map."""
        view = self._screen_view()
        wx, wy = self.camera(view).to_world(screen_pos[0] - view.x, screen_pos[1] - view.y)
        tile = Position(self.current_floor(), int(wx // self.tile), int(wy // self.tile))
        return tile if self.building.inside_map(tile) else None

    def visible_people(self) -> list[PersonView]:
        """Everyone the trainee can see now (the trainee first)."""
        key = (self.world.tick, self.fog.version, id(self.curr))
        if self._visible_key != key:
            self._visible_key = key
            sees = self.fog.sees
            self._visible = [p for p in self.curr.values() if p.id == YOU or sees(p.position)]
        return self._visible

    def person_under(self, screen_pos: tuple[int, int]) -> PersonView | None:
        """The visible person nearest the cursor, within about a tile."""
        view = self._screen_view()
        camera = self.camera(view)
        wx, wy = camera.to_world(screen_pos[0] - view.x, screen_pos[1] - view.y)
        best, best_d = None, self.tile * 0.9
        for person in self.visible_people():
            if person.id == YOU or person.position.floor != self.current_floor():
                continue
            px, py = self.pixel_of(person.id)
            d = math.hypot(px - wx, py - wy)
            if d < best_d:
                best, best_d = person, d
        return best

    def target(self) -> PersonView | None:
        """Who C and F act on: the selected person while in sight, else the one under the cursor."""
        if self.selected in self.senses.in_sight:
            return self.senses.in_sight[self.selected]
        return self.person_under(self.mouse)

    def at_hand(self) -> AtHand:
        """What the trainee could act on now."""
        trainee = self.trainee()
        if trainee is None:
            return AtHand(None)
        target = self.target()
        protection, thing = self.building.protection(trainee.position)
        doors = self.building.adjacent_doors(trainee.position)
        states = {d.state.value for d in doors}
        near = [p for p in self.visible_people() if p.id != YOU]
        here = trainee.position
        casualty = next(
            (
                p.id
                for p in near
                if p.condition == "critical"
                and p.position.floor == here.floor
                and max(abs(p.position.x - here.x), abs(p.position.y - here.y)) <= 1
            ),
            "",
        )
        civilians = any(
            p.dress != "uniform"
            and not p.weapon_drawn
            and p.condition in ("ok", "walking")
            and abs(p.position.x - here.x) + abs(p.position.y - here.y) <= 10
            for p in near
        )
        spec = self.level.trainee
        return AtHand(
            trainee,
            target.id if target else "",
            protection,
            thing,
            "closed" in states,
            "open" in states,
            "locked" in states,
            spec.raid_jacket or spec.raid_jacket_worn,
            casualty,
            civilians,
            self.gunfire_heard,
            self.now - self.challenged_at <= CHALLENGE_HINT_SECONDS,
            describe(target) if target else "",
            self.tutorial is not None and not self.tutorial.live,
        )

    def live_captions(self) -> list[tuple[str, str]]:
        """The captions still on screen, newest last."""
        return [(k, t) for born, k, t in self.captions if self.now - born <= CAPTION_SECONDS][-4:]

    def hud_state(self) -> HudState:
        """The HUD's content from the snapshot and the events seen so far."""
        trainee = self.trainee()
        bindings = self.context.settings.bindings
        keys = [("WASD", "Move"), ("Click", "Walk there, or select a person")]
        keys += [(key_label(bindings, a), w) for a, w in keys_at_hand(self.at_hand())]
        zone = self.world.zone_at(trainee.position) if trainee else ""
        place = (
            self.world.zone_name(zone) if zone else ("Between places" if trainee else "En route")
        )
        floor = self.level.floors[self.current_floor()].name
        return HudState(
            self.level.title,
            self.world.tick / TICK_RATE,
            place,
            floor,
            self._status(trainee),
            list(self.radio_log),
            keys,
            self.log_scroll,
        )

    def _tourniquets_used(self) -> int:
        """Tourniquets the trainee has applied so far, counted on from the events not yet counted
        (the panel asks every frame; the log grows by thousands of events in a long run)."""
        log = self.world.log
        counted, used = self._tourniquets
        for event in log[counted:]:
            if isinstance(event, TourniquetApplied) and event.by == YOU:
                used += 1
        self._tourniquets = (len(log), used)
        return used

    def _status(self, trainee: PersonView | None) -> list[tuple[str, str]]:
        if trainee is None:
            return [("State", "en route")]
        spec = self.level.trainee
        dress = "uniform" if trainee.dress == "uniform" else "plain clothes"
        marks = []
        if trainee.raid_jacket:
            marks.append("POLICE jacket")
        elif spec.raid_jacket:
            marks.append("jacket carried")
        if trainee.badge_shown and trainee.dress != "uniform":
            marks.append("badge shown")
        elif trainee.dress != "uniform":
            marks.append("no badge shown")
        weapon = (
            "none"
            if trainee.weapon == "none"
            else (f"{trainee.weapon}, {'DRAWN' if trainee.weapon_drawn else 'holstered'}")
        )
        used = self._tourniquets_used()
        position = {"cover": "IN COVER", "concealment": "in concealment"}.get(
            trainee.protection, "in the open"
        )
        status = [
            ("Dress", ", ".join([dress, *marks])),
            ("Weapon", weapon),
            ("Position", f"{position}, {'running' if self.pace == 'run' else 'walking'}"),
            ("Tourniquets", str(max(0, spec.tourniquets - used))),
        ]
        if trainee.condition != "ok":
            words = {"walking": "HIT: wounded, still able"}.get(trainee.condition, "DOWN")
            status.insert(0, ("Condition", words))
        return status


def _level_folder(level: Level):
    from pathlib import Path

    return Path(level.source_path).resolve().parent
