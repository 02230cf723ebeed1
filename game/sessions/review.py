"""A saved session opened for review: its commands tick by tick, the moments the ledger marks, when
the suspect could see the trainee, the instructor's notes, and branching ("retry from here").

No drawing here: the client's review scene draws what this holds. `open_review` reads any script
(a saved replay, or a level script, which is reviewed as the run it makes).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from game.core.commands import Command
from game.core.events import Event, ScenarioEnded, event_log_sha256
from game.core.level import Level, Role
from game.core.world import World
from game.scoring import assess
from game.sessions.keyframes import KEYFRAME_TICKS, Keyframes
from game.sessions.notes import NotesError, clean_note, save_notes
from game.sessions.script import ReplayNote, ReplayParent, Script, ScriptCommand, load_script
from game.sessions.times import clock

SCREEN_OUT_CATEGORY = "HF"
"""The ledger's category for hard failures: the screen-outs that cap the rating."""


class MarkerKind(Enum):
    """What a timeline marker stands for."""

    FINDING = "finding"
    SCREEN_OUT = "screen_out"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Marker:
    """One moment on the review's timeline: a ledger entry, a screen-out or an instructor's note."""

    tick: int
    kind: MarkerKind
    text: str
    points: int = 0
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Branch:
    """A retry from a moment: the world then, the commands that led there, and where it came from."""

    world: World
    commands: tuple[ScriptCommand, ...]
    parent: ReplayParent
    parent_events: tuple[Event, ...]

    @property
    def tick(self) -> int:
        """The moment the retry starts from."""
        return self.world.tick


@dataclass
class Exposure:
    """When each suspect could see the trainee, gathered tick by tick: (first, last + 1) spans."""

    spans: dict[str, list[list[int]]] = field(default_factory=dict)

    def observe(self, world: World, events: object = None) -> None:
        """Note, after a step, which suspects can see the trainee now."""
        trainee = world.trainee
        tick = world.tick
        for person in world.people:
            if person.role is not Role.SUSPECT:
                continue
            spans = self.spans.setdefault(person.id, [])
            seen = trainee.present and person.active and world.sees(person, trainee)
            if not seen:
                continue
            if spans and spans[-1][1] == tick:
                spans[-1][1] = tick + 1
            else:
                spans.append([tick, tick + 1])

    def seconds(self, suspect: str, until: int, tick_rate: int) -> float:
        """How long, up to a tick, the suspect could see the trainee."""
        total = sum(
            max(0, min(end, until + 1) - start) for start, end in self.spans.get(suspect, [])
        )
        return total / tick_rate

    def exposed_at(self, suspect: str, tick: int) -> bool:
        """Whether the suspect could see the trainee at a tick."""
        return any(start <= tick < end for start, end in self.spans.get(suspect, []))


class Review:
    """A session to review: the script it came from, its commands by tick, notes and lineage."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.path = os.path.abspath(script.path)
        self.level: Level = script.level
        self.seed = script.seed
        self.variant = dict(script.variant)
        by_tick: dict[int, list[Command]] = {}
        for item in script.commands:
            by_tick.setdefault(item.tick, []).append(item.command)
        self.commands: dict[int, tuple[Command, ...]] = {t: tuple(c) for t, c in by_tick.items()}
        replay = script.replay
        self.is_replay = replay is not None
        self.end = replay.recorded if replay else (script.until or self.level.duration + 1)
        """The last tick the session may reach (it stops sooner if the run ends)."""
        self.recorded_sha256 = replay.event_log_sha256 if replay else ""
        self.level_changed = bool(replay) and replay.level_sha256 != self.level.content_hash
        """Whether the level file changed since the session was recorded (it may not play the same)."""
        self.notes: list[ReplayNote] = list(replay.notes) if replay else []
        self.parent: ReplayParent | None = replay.parent if replay else None
        self.exposure = Exposure()

    @property
    def title(self) -> str:
        """What the session is called."""
        return self.script.title or f"Review: {self.level.title}"

    def add_note(self, tick: int, text: str) -> ReplayNote:
        """Keep a note at a tick in the replay file (atomically). Raises NotesError or OSError."""
        note = ReplayNote(tick, clean_note(text))
        if not note.text:
            raise NotesError("an empty note is not kept")
        self._save_notes([*self.notes, note])
        return note

    def remove_notes_at(self, tick: int) -> int:
        """Remove the notes at a tick from the replay file; how many went. Raises NotesError, OSError."""
        kept = [note for note in self.notes if note.tick != tick]
        removed = len(self.notes) - len(kept)
        if removed:
            self._save_notes(kept)
        return removed

    def _save_notes(self, notes: list[ReplayNote]) -> None:
        if not self.is_replay:
            raise NotesError("notes are kept in saved replays, and this file is a level script")
        save_notes(self.path, notes, self.level)
        self.notes = sorted(notes, key=lambda note: note.tick)

    def reproduces(self, events: Sequence[Event]) -> bool:
        """Whether a full run's events are the recorded session's (True when nothing was recorded)."""
        return not self.recorded_sha256 or event_log_sha256(list(events)) == self.recorded_sha256

    def start(self) -> World:
        """The world at tick 0, as the session began."""
        return World(self.level, self.seed, dict(self.variant))

    def step(self, world: World) -> list[Event]:
        """Step a world one tick with the session's commands at that tick."""
        return world.step(self.commands.get(world.tick, ()))

    def keyframes(self, every: int = KEYFRAME_TICKS) -> Keyframes[World]:
        """Keyframes of the world alone (the client adds what the trainee perceived)."""
        return Keyframes(self.start(), self.step, self.end, every, watch=self.exposure.observe)

    def commands_before(self, tick: int) -> tuple[ScriptCommand, ...]:
        """The session's commands given before a tick, in order."""
        return tuple(
            ScriptCommand(t, command)
            for t in sorted(self.commands)
            if t < tick
            for command in self.commands[t]
        )

    def parent_path(self) -> str:
        """The parent session's replay file, resolved from this file's folder ('' if none)."""
        if self.parent is None:
            return ""
        return os.path.normpath(os.path.join(os.path.dirname(self.path), self.parent.file))

    def branch(self, world: World, final_events: Sequence[Event]) -> Branch:
        """A retry from the moment `world` is at (a copy the retry may change)."""
        digest = self.recorded_sha256 or event_log_sha256(list(final_events))
        parent = ReplayParent(self.path, world.tick, digest)
        return Branch(world, self.commands_before(world.tick), parent, tuple(final_events))


def open_review(path: str | Path, level: Level | None = None) -> Review:
    """Read a replay (or any script) for review; `level` when already loaded. Raises LevelError."""
    return Review(load_script(path, level))


def stop_reason(tick: int) -> str:
    """Why a run that reached its recorded length ended (as the runner words it)."""
    return f"stopped at {clock(tick)}"


def final_events(world: World) -> list[Event]:
    """The event log of a session that ended at this world (stopped there, as a replay run is)."""
    events = list(world.log)
    if not world.finished:
        events.append(ScenarioEnded(world.tick, stop_reason(world.tick)))
    return events


def end_world(world: World) -> World:
    """The world stopped where the session ended, if it had not ended by itself (changes it)."""
    if not world.finished:
        world.stop(stop_reason(world.tick))
    return world


def markers(
    level: Level, events: Sequence[Event], notes: Iterable[ReplayNote] = ()
) -> list[Marker]:
    """Every ledger entry, screen-out and note as a timeline marker, in time order."""
    assessment = assess(level, list(events))
    found = [
        Marker(
            entry.tick,
            MarkerKind.SCREEN_OUT if entry.category == SCREEN_OUT_CATEGORY else MarkerKind.FINDING,
            f"{entry.rule}: {entry.message}",
            entry.points,
            entry.rule,
        )
        for entry in assessment.ledger
    ]
    return sorted(found + note_markers(notes), key=lambda marker: marker.tick)


def note_markers(notes: Iterable[ReplayNote]) -> list[Marker]:
    """The instructor's notes as timeline markers."""
    return [Marker(note.tick, MarkerKind.NOTE, note.text) for note in notes]


def next_marker(found: Sequence[Marker], tick: int, forward: bool = True) -> Marker | None:
    """The first marker after (or the last before) a tick."""
    if forward:
        return next((m for m in found if m.tick > tick), None)
    return next((m for m in reversed(found) if m.tick < tick), None)
