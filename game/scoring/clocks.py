"""The two clocks of doctrine §7.3: key moments of a run, from dispatch and from arrival, in seconds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from game.core.building import Building
from game.core.events import (
    ContactMade,
    EnteredBuilding,
    Event,
    RadioHeard,
    ScenarioStarted,
    ShotFired,
    SuspectBarricaded,
    ThreatStopped,
    TourniquetApplied,
    TraineeArrived,
)
from game.core.level import TICK_RATE, Level

MOMENTS = ("shot0", "dispatch", "arrival", "entry", "contact", "threat_stopped", "first_care")
"""The clock's moments in the order of a run."""


@dataclass(frozen=True, slots=True)
class Clocks:
    """Seconds from the scenario start of each key moment, None when it never happened."""

    shot0: float | None = None
    dispatch: float | None = None
    arrival: float | None = None
    entry: float | None = None
    contact: float | None = None
    threat_stopped: float | None = None
    first_care: float | None = None

    def since(self, origin: float | None) -> dict[str, float | None]:
        """Each moment counted from another moment (None when either is missing)."""
        return {
            f.name: None
            if origin is None or getattr(self, f.name) is None
            else round(getattr(self, f.name) - origin, 1)
            for f in fields(self)
        }

    def from_dispatch(self) -> dict[str, float | None]:
        """Each moment counted from dispatch, the trainee's first call."""
        return self.since(self.dispatch)

    def from_arrival(self) -> dict[str, float | None]:
        """Each moment counted from the trainee's arrival on scene."""
        return self.since(self.arrival)

    def as_dict(self) -> dict[str, float | None]:
        """Each moment from the scenario start."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Ticks:
    """The same moments as ticks, for rules that compare them with events."""

    shot0: int | None = None
    dispatch: int | None = None
    arrival: int | None = None
    entry: int | None = None
    contact: int | None = None
    threat_stopped: int | None = None
    first_care: int | None = None

    def seconds(self) -> Clocks:
        """The moments in seconds."""
        return Clocks(
            *(None if getattr(self, m) is None else getattr(self, m) / TICK_RATE for m in MOMENTS)
        )


def clocks(events: Sequence[Event], level: Level | None = None) -> Clocks:
    """The key moments of a run in seconds from its start (with the level, an inside spawn is an entry)."""
    return clock_ticks(events, level).seconds()


def clock_ticks(events: Sequence[Event], level: Level | None = None) -> Ticks:
    """The key moments of a run as ticks."""
    shot0 = _first(
        e.tick for e in events if isinstance(e, ShotFired) and e.shooter_role == "suspect"
    )
    dispatch = _first(
        e.tick
        for e in events
        if isinstance(e, RadioHeard) and e.sender == "Dispatch" and not e.reply
    )
    arrived = next((e for e in events if isinstance(e, TraineeArrived)), None)
    arrival = arrived.tick if arrived else None
    entry = _first(
        e.tick for e in events if isinstance(e, EnteredBuilding) and e.person == "trainee"
    )
    if (
        entry is None
        and arrived is not None
        and level is not None
        and Building(level).is_inside(arrived.position)
    ):
        entry = arrived.tick
    stopped = threat_stopped_tick(events, suspect_ids(events, level))
    contact = _first(
        e.tick
        for e in events
        if isinstance(e, ContactMade)
        or (isinstance(e, ShotFired) and e.shooter == "trainee" and e.target_role == "suspect")
    )
    isolated = _first(
        e.tick for e in events if isinstance(e, SuspectBarricaded) and e.victims_inside == 0
    )
    if isolated is not None and (contact is None or isolated < contact):
        contact = isolated
    care = _first(e.tick for e in events if isinstance(e, TourniquetApplied) and e.by == "trainee")
    return Ticks(shot0, dispatch, arrival, entry, contact, stopped, care)


def suspect_ids(events: Sequence[Event], level: Level | None = None) -> tuple[str, ...]:
    """The suspects of this run: those of the level present in its variant, else those the log names."""
    if level is not None:
        started = next((e for e in events if isinstance(e, ScenarioStarted)), None)
        variant = dict(started.variant) if started else {}
        return tuple(
            s.id
            for s in level.suspects
            if s.when is None or variant.get(s.when.group) in s.when.options
        )
    seen: dict[str, None] = {}
    for e in events:
        if isinstance(e, ShotFired) and e.shooter_role == "suspect":
            seen[e.shooter] = None
        elif isinstance(e, ThreatStopped | SuspectBarricaded | ContactMade):
            seen[e.suspect] = None
    return tuple(seen)


def threat_stopped_tick(events: Sequence[Event], suspects: Sequence[str]) -> int | None:
    """When the last suspect was stopped (neutralized, surrendered, or isolated with no victims)."""
    if not suspects:
        return None
    when: dict[str, int] = {}
    for e in events:
        if isinstance(e, ThreatStopped) or (
            isinstance(e, SuspectBarricaded) and e.victims_inside == 0
        ):
            when.setdefault(e.suspect, e.tick)
    if any(s not in when for s in suspects):
        return None
    return max(when[s] for s in suspects)


def _first(ticks) -> int | None:
    return next(iter(ticks), None)
