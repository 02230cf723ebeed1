"""Facts: what the rules share, derived once from the event log (the trainee's track, gunfire, access, clocks).

Everything that happened is read from events; the level supplies only the map (distances, cover, zone
kinds) and the rubric's tuning (`scoring:`). Each rule sees the log through `Facts.view(rule)`, which
knows the event types the rule declares: in strict mode (the tests) reading any other type raises
`UndeclaredRead`, and so does using a derived fact (stalls, access, a clock) whose own reads the rule did
not declare. Derived facts are computed once, under their own declared reads, and shared by all views.

Where a fact is the truth rather than the trainee's perception (the true source of gunfire is the
suspect's `ShotFired.origin`), the rule that uses it says so; the trainee only ever saw `GunfireHeard`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from game.core.events import (
    ContactMade,
    EnteredBuilding,
    Event,
    GunfireHeard,
    LeftCover,
    OfficerArrived,
    PersonWounded,
    RadioHeard,
    RadioSent,
    ScenarioStarted,
    ShotFired,
    SuspectBarricaded,
    ThreatStopped,
    TookCover,
    TourniquetApplied,
    TraineeArrived,
    TraineeMoved,
    event_type,
)
from game.core.level import (
    TICK_RATE,
    Level,
    Position,
    ScoringThresholds,
)
from game.core.radio import Meaning, meaning
from game.scoring.rule import Standards
from game.scoring.terrain import Terrain

T = TypeVar("T")

ALWAYS = frozenset({"ScenarioStarted", "ScenarioEnded"})
"""Who takes part and when the run ended: every rule may read these."""

TRACK = ("TraineeArrived", "TraineeMoved")
COVER = ("TookCover", "LeftCover")
HEARD = ("GunfireHeard",)
SHOTS = ("ShotFired",)
STOPS = ("ThreatStopped", "SuspectBarricaded")
ACCESS = (*SHOTS, *STOPS)
RADIO = ("RadioSent",)
BACKUP = ("OfficerArrived",)
WOUNDS = ("PersonWounded",)
MOMENT_READS: dict[str, tuple[str, ...]] = {
    "shot0": SHOTS,
    "dispatch": ("RadioHeard",),
    "arrival": ("TraineeArrived",),
    "entry": ("EnteredBuilding",),
    "contact": ("ContactMade",),
    "threat_stopped": STOPS,
    "first_care": ("TourniquetApplied",),
}
"""The events each clock moment (doctrine §7.3) is read from."""
MOMENTS = tuple(MOMENT_READS)


class UndeclaredRead(Exception):
    """A rule read an event type (or used a derived fact) its `reads` does not declare."""


class Facts(Terrain):
    """The event log and the level's map, with the derived timeline every rule reads."""

    def __init__(
        self,
        level: Level,
        events: Sequence[Event],
        standards: Standards | None = None,
        strict: bool = False,
    ) -> None:
        self.level = level
        self.standards = standards or Standards()
        self.strict = strict
        self._allowed: frozenset[str] | None = None
        self._who = "assessment"
        self._shared = _Shared(events)

    # -- views and declared reads -------------------------------------------------------------

    def view(self, who: str, reads: Iterable[str]) -> Facts:
        """The same facts as seen by one rule that declares these event types."""
        facts = object.__new__(Facts)
        facts.level, facts.standards, facts.strict = self.level, self.standards, self.strict
        facts._shared, facts._who = self._shared, who
        facts._allowed = ALWAYS | frozenset(reads)
        return facts

    def need(self, reads: Iterable[str]) -> None:
        """Check that this view may read these event types (strict mode raises when not)."""
        if self._allowed is None or not self.strict:
            return
        missing = [r for r in reads if r not in self._allowed]
        if missing:
            raise UndeclaredRead(f"{self._who} reads {', '.join(missing)} without declaring it")

    def derived(self, key: str, reads: tuple[str, ...], compute: Callable[[Facts], T]) -> T:
        """A fact computed once from these event types (the caller must declare them too)."""
        self.need(reads)
        cache = self._shared.cache
        if key not in cache:
            cache[key] = compute(self.view(f"derived fact {key!r}", reads))
        return cache[key]

    def of(self, *types: type) -> list:
        """The events of these types, in log order."""
        names = [t.__name__ for t in types]
        self.need(names)
        return self._shared.of(names)

    # -- the run ---------------------------------------------------------------------------------

    @property
    def thresholds(self) -> ScoringThresholds:
        """The level's tuning of the rubric's time thresholds."""
        return self.level.scoring

    @property
    def end_tick(self) -> int:
        """When the run ended."""
        return self._shared.end_tick

    @property
    def started(self) -> ScenarioStarted | None:
        """The run's first event: level, seed, variant and who takes part."""
        return self._shared.started

    @property
    def suspects(self) -> tuple[str, ...]:
        """The suspects in this run."""
        return self.started.suspects if self.started else ()

    @property
    def civilians(self) -> int:
        """How many civilians take part in this run."""
        return self.started.civilians if self.started else 0

    def ticks(self, moment: str) -> int | None:
        """A clock moment (doctrine §7.3) as a tick, or None when it never happened."""
        return self.derived(f"moment:{moment}", MOMENT_READS[moment], _MOMENTS[moment])

    def seconds(self, ticks: float) -> float:
        """Ticks as seconds."""
        return ticks / TICK_RATE

    def s(self, seconds: float) -> int:
        """Seconds as ticks."""
        return round(seconds * TICK_RATE)

    # -- the trainee -----------------------------------------------------------------------------

    @property
    def trainee_shots(self) -> list[ShotFired]:
        """Every round the trainee fired."""
        return [s for s in self.shots if s.shooter == "trainee"]

    @property
    def suspect_shots(self) -> list[ShotFired]:
        """Every round a suspect fired (their origin is the true source of the gunfire)."""
        return self.derived(
            "suspect_shots",
            SHOTS,
            lambda f: [s for s in f.of(ShotFired) if s.shooter_role == "suspect"],
        )

    @property
    def shots(self) -> list[ShotFired]:
        """Every round fired."""
        return self.of(ShotFired)

    @property
    def trainee_radio(self) -> list[RadioSent]:
        """Every message the trainee got on the air (lost ones are not here)."""
        return [m for m in self.of(RadioSent) if m.sender == "trainee"]

    def meaning(self, message: RadioSent) -> Meaning:
        """What a message means (the radio message model's reading of its enumerated slots)."""
        return meaning(message.kind, message.slots)

    def _track(self) -> tuple[list[int], list[Position]]:
        def compute(f: Facts) -> tuple[list[int], list[Position]]:
            ticks, spots = [], []
            for e in f.of(TraineeArrived, TraineeMoved):
                ticks.append(e.tick)
                spots.append(e.position)
            return ticks, spots

        return self.derived("track", TRACK, compute)

    def trainee_at(self, tick: int) -> Position | None:
        """Where the trainee stood at the end of a tick (None before arrival)."""
        ticks, spots = self._track()
        i = bisect.bisect_right(ticks, tick) - 1
        return spots[i] if i >= 0 else None

    @property
    def move_ticks(self) -> list[int]:
        """Ticks on which the trainee changed tile."""
        return self.derived(
            "move_ticks", ("TraineeMoved",), lambda f: [e.tick for e in f.of(TraineeMoved)]
        )

    def moved_between(self, start: int, end: int) -> bool:
        """Whether the trainee changed tile with start <= tick < end."""
        moves = self.move_ticks
        i = bisect.bisect_left(moves, start)
        return i < len(moves) and moves[i] < end

    def stationary(self, tick: int) -> bool:
        """Whether the trainee had stood on one tile for a while at this tick (not just arrived, not moving)."""
        arrival = self.ticks("arrival")
        still = self.s(self.standards.stationary_seconds)
        if arrival is None or tick - arrival < still:
            return False
        return not self.moved_between(tick - still + 1, tick + 1)

    def protection_at(self, tick: int) -> str:
        """The trainee's protection at a tick: "cover", "concealment" or "open" (as the HUD shows it)."""

        def compute(f: Facts) -> tuple[list[int], list[str]]:
            ticks, states = [], []
            for e in f.of(TookCover, LeftCover):
                if e.person == "trainee":
                    ticks.append(e.tick)
                    states.append(e.protection if isinstance(e, TookCover) else "open")
            return ticks, states

        ticks, states = self.derived("protection", COVER, compute)
        i = bisect.bisect_right(ticks, tick) - 1
        return states[i] if i >= 0 else "open"

    # -- gunfire and access to victims -----------------------------------------------------------

    @property
    def heard_ticks(self) -> list[int]:
        """Ticks on which the trainee heard gunfire."""
        return self.derived("heard", HEARD, lambda f: [e.tick for e in f.of(GunfireHeard)])

    def audible(self, tick: int) -> bool:
        """Whether gunfire was audible: heard within the last few seconds."""
        return self.audible_over(tick, tick + 1)[0]

    def audible_over(self, start: int, end: int) -> list[bool]:
        """`audible(tick)` for each tick from start to end (end excluded), in one pass."""
        heard = self.heard_ticks
        window = self.s(self.standards.audible_seconds)
        last = bisect.bisect_right(heard, start - 1) - 1  # the latest heard before `start`
        found = []
        for tick in range(start, end):
            while last + 1 < len(heard) and heard[last + 1] <= tick:
                last += 1
            found.append(last >= 0 and tick - heard[last] < window)
        return found

    def heard_between(self, start: int, end: int) -> bool:
        """Whether the trainee heard gunfire with start <= tick <= end."""
        heard = self.heard_ticks
        i = bisect.bisect_left(heard, start)
        return i < len(heard) and heard[i] <= end

    def heard_before(self, tick: int) -> bool:
        """Whether the trainee had heard any gunfire by this tick."""
        return bool(self.heard_ticks) and self.heard_ticks[0] <= tick

    def source_at(self, tick: int) -> Position | None:
        """The true position of the latest suspect shot at or before a tick (nearest the trainee on ties)."""
        shots = self.suspect_shots
        ticks = self.derived(
            "suspect_shot_ticks", SHOTS, lambda f: [s.tick for s in f.suspect_shots]
        )
        i = bisect.bisect_right(ticks, tick)
        if i == 0:
            return None
        last = ticks[i - 1]
        same = [s.origin for s in shots[bisect.bisect_left(ticks, last) : i]]
        here = self.trainee_at(tick)
        if here is None or len(same) == 1:
            return same[0]
        return min(same, key=lambda p: (self.path_cost(here, p), p))

    @property
    def stops(self) -> dict[str, tuple[int, str, str]]:
        """Each suspect stopped: suspect -> (tick, how, by); isolation (barricaded alone) counts."""

        def compute(f: Facts) -> dict[str, tuple[int, str, str]]:
            found: dict[str, tuple[int, str, str]] = {}
            for e in f.of(ThreatStopped, SuspectBarricaded):
                if isinstance(e, ThreatStopped):
                    found.setdefault(e.suspect, (e.tick, e.how, e.by))
                elif e.victims_inside == 0:
                    found.setdefault(e.suspect, (e.tick, "isolated", ""))
            return found

        return self.derived("stops", STOPS, compute)

    def stopped(self, suspect: str, tick: int) -> bool:
        """Whether this suspect was neutralized, had surrendered, or was isolated by this tick."""
        stop = self.stops.get(suspect)
        return stop is not None and stop[0] <= tick

    def threat_active(self, tick: int) -> bool:
        """Whether any suspect was still free (not stopped, surrendered or isolated)."""
        self.need(STOPS)
        return any(not self.stopped(s, tick) for s in self.suspects)

    def access(self, tick: int) -> bool:
        """Whether an attacker had access to victims: free and firing lately, or barricaded with victims."""
        window, suspects = self.derived("access", ACCESS, _access_facts)
        return _access_at(window, suspects, tick)

    def access_over(self, start: int, end: int) -> list[bool]:
        """`access(tick)` for each tick from start to end (end excluded)."""
        window, suspects = self.derived("access", ACCESS, _access_facts)
        return [_access_at(window, suspects, tick) for tick in range(start, end)]

    def misreport(self, message: RadioSent) -> str:
        """What a message got wrong if it called an attacker with access contained or stopped, else ''."""
        said = self.meaning(message)
        if said.orders_stand_off or not self.access(message.tick):
            return ""
        if said.shots in ("stopped", "none"):
            return f'said shots "{said.shots}"'
        if said.says_contained:
            return f'called the attacker "{said.status}"'
        if said.says_stopped:
            return f'called the attacker "{said.status.replace("_", " ")}"'
        return ""

    # -- people on scene -------------------------------------------------------------------------

    def backup_on_scene(self, tick: int) -> list[str]:
        """Uniformed (not off-duty) officers on scene by this tick (those there from the start included)."""
        return [e.officer for e in self.of(OfficerArrived) if not e.off_duty and e.tick <= tick]

    def first_backup_tick(self) -> int | None:
        """When the first uniformed officer other than the trainee was on scene."""
        ticks = [e.tick for e in self.of(OfficerArrived) if not e.off_duty]
        return min(ticks) if ticks else None

    def casualties(self) -> dict[str, tuple[int, str]]:
        """Everyone hurt in the run who is not a suspect (pre-wounded included): id -> (tick, condition)."""
        found: dict[str, tuple[int, str]] = {}
        for e in self.of(PersonWounded):
            if e.role != "suspect":
                found.setdefault(e.person, (e.tick, e.condition))
        return found

    def trainee_down(self) -> PersonWounded | None:
        """The wound that put the trainee down, or None."""
        return next(
            (
                e
                for e in self.of(PersonWounded)
                if e.person == "trainee" and e.condition == "incapacitated"
            ),
            None,
        )

    def distance_to_gunfire(self, tick: int, source: Position | None = None) -> float | None:
        """The trainee's path cost to the gunfire source (the latest, or the one given)."""
        here = self.trainee_at(tick)
        source = source or self.source_at(tick)
        if here is None or source is None:
            return None
        return self.path_cost(here, source)


class _Shared:
    """The log indexed by event type, and every derived fact, shared by all views of one assessment."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.by_type: dict[str, list[tuple[int, Event]]] = {}
        for i, e in enumerate(events):
            self.by_type.setdefault(event_type(e), []).append((i, e))
        ended = self.by_type.get("ScenarioEnded")
        self.end_tick = ended[0][1].tick if ended else max((e.tick for e in events), default=0)
        started = self.by_type.get("ScenarioStarted")
        self.started: ScenarioStarted | None = started[0][1] if started else None
        self.cache: dict[str, object] = {}

    def of(self, names: list[str]) -> list:
        if len(names) == 1:
            return [e for _, e in self.by_type.get(names[0], ())]
        merged = sorted(pair for n in names for pair in self.by_type.get(n, ()))
        return [e for _, e in merged]


def _first(events: list) -> int | None:
    return events[0].tick if events else None


def _entry(f: Facts) -> int | None:
    return _first([e for e in f.of(EnteredBuilding) if e.person == "trainee"])


def _contact(f: Facts) -> int | None:
    return _first(f.of(ContactMade))


def _threat_stopped(f: Facts) -> int | None:
    if not f.suspects or any(s not in f.stops for s in f.suspects):
        return None
    return max(f.stops[s][0] for s in f.suspects)


_MOMENTS: dict[str, Callable[[Facts], int | None]] = {
    "shot0": lambda f: _first(f.suspect_shots),
    "dispatch": lambda f: _first(
        [e for e in f.of(RadioHeard) if e.sender == "Dispatch" and not e.reply]
    ),
    "arrival": lambda f: _first(f.of(TraineeArrived)),
    "entry": _entry,
    "contact": _contact,
    "threat_stopped": _threat_stopped,
    "first_care": lambda f: _first([e for e in f.of(TourniquetApplied) if e.by == "trainee"]),
}


def _access_at(
    window: int, suspects: tuple[tuple[int | None, list[int], int | None], ...], tick: int
) -> bool:
    """`Facts.access` from the facts it is worked out from (`_access_facts`)."""
    for stop, shots, with_victims in suspects:
        if stop is not None and stop <= tick:
            continue  # stopped by then (`stopped`)
        i = bisect.bisect_right(shots, tick) - 1
        if i >= 0 and tick - shots[i] < window:
            return True
        if with_victims is not None and with_victims <= tick:
            return True
    return False


def _access_facts(f: Facts) -> tuple[int, tuple[tuple[int | None, list[int], int | None], ...]]:
    """What `Facts.access` asks at every tick, worked out once: the firing window, and for each
    suspect in order the tick they were stopped, their shots' ticks and when they barricaded with
    victims (None for never)."""
    fired: dict[str, list[int]] = {}
    for shot in f.suspect_shots:
        fired.setdefault(shot.shooter, []).append(shot.tick)
    with_victims: dict[str, int] = {}
    for e in f.of(SuspectBarricaded):
        if e.victims_inside > 0:
            with_victims.setdefault(e.suspect, e.tick)
    stops = f.stops
    return f.s(f.standards.firing_seconds), tuple(
        (
            stops[suspect][0] if suspect in stops else None,
            fired.get(suspect, []),
            with_victims.get(suspect),
        )
        for suspect in f.suspects
    )
