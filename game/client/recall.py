"""What the trainee had perceived up to a moment of a saved session, for the review's trainee view.

The same rules as the play scene, from the same code: the fog (`Fog`, updated from the trainee's
tile and the doors), the people in sight (`Senses`), every caption (`caption_for`), the gunfire cues,
the rounds that came at them and their own shots' marks. It is plain data (the fog drops its drawn
overlays when copied), so the review's keyframes carry it beside the world.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.client.captions import YOU, caption_for, incoming
from game.client.cues import GunfireCue
from game.client.fire_feedback import HitMark, IncomingMark, ShotMark
from game.client.fog import Fog
from game.client.perceived import Senses
from game.core.clock import tick_clock
from game.core.events import (
    DoorBreached,
    DoorClosed,
    DoorLocked,
    DoorOpened,
    Event,
    GunfireHeard,
    LeftCover,
    PersonWounded,
    RadioHeard,
    RadioLost,
    RadioSent,
    ScenarioEnded,
    ShotFired,
)
from game.core.geometry import bearing
from game.core.level import TICK_RATE
from game.core.people import view
from game.core.world import World

CAPTION_SECONDS = 8.0
"""As long as the play scene keeps a caption on screen."""
KEEP = 30


class TraineeRecall:
    """The trainee's fog, captions, cues and marks, kept up to date one step at a time."""

    def __init__(self, world: World) -> None:
        self.fog = Fog(world.building)
        self.captions: list[tuple[float, str, str]] = []
        self.radio_log: list[str] = []
        self.cues: list[GunfireCue] = []
        self.shot_marks: list[ShotMark] = []
        self.incoming: list[IncomingMark] = []
        self.hit_mark: HitMark | None = None
        self.stopped = False
        """The run's end was heard; nothing after it is shown."""
        self.doors_version = 0
        """Counts the doors that changed, as the play scene does, so sight is recomputed then."""
        self.update(world, world.log)

    def update(self, world: World, events: Iterable[Event]) -> None:
        """After a step: sight from where the trainee stands now, then what the step's events said."""
        trainee = world.trainee
        self.fog.update(trainee.position if trainee.present else None, self.doors_version)
        events = list(events)
        # as in the play scene, a door's change is seen from the next tick's sight on
        self.doors_version += sum(
            1 for e in events if isinstance(e, DoorOpened | DoorClosed | DoorBreached | DoorLocked)
        )
        if not events:
            return
        senses = self.senses(world)
        for event in events:
            if self.stopped:
                break  # as in the play scene: what follows the end in its tick is not shown
            self.stopped = isinstance(event, ScenarioEnded)
            self._on_event(world, event, senses)

    def senses(self, world: World) -> Senses:
        """What the trainee perceives now (as the play scene builds it)."""
        trainee = world.trainee
        visible = self.fog.visible
        present = [p for p in world.people if p.present]
        return Senses(
            trainee.position if trainee.present else None,
            {p.id: view(p) for p in present if p.id != YOU and p.position in visible},
            {p.id: p.position for p in present},
        )

    def live_captions(self, now: float) -> list[tuple[str, str]]:
        """The captions on the trainee's screen at `now` (seconds of game time), newest last."""
        return [(k, t) for born, k, t in self.captions if 0 <= now - born <= CAPTION_SECONDS][-4:]

    def _on_event(self, world: World, event: Event, senses: Senses) -> None:
        now = event.tick / TICK_RATE
        caption = caption_for(event, world.zone_name, senses)
        if caption is not None:
            self._caption(now, *caption)
        if isinstance(event, RadioHeard | RadioSent | RadioLost):
            stamp = tick_clock(event.tick)
            self.radio_log.append(f"{stamp} {caption[1] if caption else ''}")
        elif isinstance(event, GunfireHeard):
            self.cues.append(GunfireCue(event.bearing, event.loudness, event.distance, now))
            del self.cues[:-12]
        elif isinstance(event, ShotFired):
            self._on_shot(world, event, senses, now)
        elif isinstance(event, PersonWounded) and event.person == YOU:
            self.hit_mark = HitMark(event.condition, now)
        elif isinstance(event, LeftCover) and event.person == YOU:
            self.captions = [c for c in self.captions if not c[2].startswith("You are in ")]

    def _caption(self, now: float, kind: str, text: str) -> None:
        self.captions = [
            c for c in self.captions if not (c[2] == text and now - c[0] <= CAPTION_SECONDS)
        ]
        self.captions.append((now, kind, text))
        del self.captions[:-KEEP]

    def _on_shot(self, world: World, event: ShotFired, senses: Senses, now: float) -> None:
        if event.shooter == YOU:
            hit = world.person(event.hit) if event.hit else None
            landed = hit.position if hit is not None else event.aim
            self.shot_marks.append(ShotMark(landed, bool(event.hit), now))
            del self.shot_marks[:-6]
        elif incoming(event, senses) and senses.here is not None:
            here = senses.here
            self.incoming.append(
                IncomingMark(bearing(here.x, here.y, event.origin.x, event.origin.y), now)
            )
            del self.incoming[:-4]


class ReviewState:
    """One moment of the session for the review: the world and what the trainee had perceived."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.recall = TraineeRecall(world)

    @property
    def tick(self) -> int:
        """The world's tick."""
        return self.world.tick

    @property
    def finished(self) -> bool:
        """Whether the run had ended."""
        return self.world.finished
