"""Facts: what the rules share, derived once from the event log and the level (the trainee's track, gunfire, access).

Everything here is a plain function of `(level, events)`. Where a fact is the truth rather than the
trainee's perception (the true source of gunfire is the suspect's `ShotFired.origin`) the rule that uses
it says so; scoring may judge against the truth, the trainee only ever saw `GunfireHeard`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from game.core.building import Building
from game.core.events import (
    BreachStarted,
    ChallengeIssued,
    Complied,
    Event,
    GunfireHeard,
    LeftCover,
    OfficerArrived,
    PersonWounded,
    RadioSent,
    ScenarioEnded,
    ScenarioStarted,
    ShotFired,
    SuspectBarricaded,
    ThreatStopped,
    TookCover,
    TraineeArrived,
    TraineeMoved,
)
from game.core.geometry import distance
from game.core.level import TICK_RATE, Condition, DoorState, Level, Position, ZoneKind
from game.core.pathfinding import cell_distance_field
from game.core.people import RUN_SPEED, STEP_COST
from game.scoring.clocks import Ticks, clock_ticks, suspect_ids

AUDIBLE_TICKS = 10 * TICK_RATE
"""Gunfire counts as audible for 10 s after the trainee last heard a shot."""
FIRING_TICKS = 30 * TICK_RATE
"""A suspect counts as firing (so with access to victims) for 30 s after their last shot."""
WINDOW_TICKS = 10 * TICK_RATE
"""Stalls are judged in 10 s windows (doctrine §7.4 A4: -5 per 10 s)."""
CLOSING_COST = 20
"""Closing distance means at least 2 tiles less path to the gunfire (path cost 10 per tile)."""
NEAR_COST = 30
"""Within 3 tiles of path of the gunfire the trainee is there: nothing left to close."""
MISLEADING_WORDS = ("barricad", "contain")
"""Words that tell receivers an attacker is a barricaded subject (Uvalde CIR)."""
RUN_TILES_PER_SECOND = RUN_SPEED * TICK_RATE / STEP_COST


@dataclass(frozen=True, slots=True)
class Stall:
    """A run of 10 s windows in which the trainee did not close on gunfire while the attacker had access."""

    start: int
    end: int
    distance_before: float
    distance_after: float
    cover: str

    @property
    def seconds(self) -> int:
        """Length of the stall in whole seconds."""
        return (self.end - self.start) // TICK_RATE


class Facts:
    """The event log and level with the derived timeline every rule reads."""

    def __init__(self, level: Level, events: Sequence[Event]) -> None:
        self.level = level
        self.events = tuple(events)
        self.ticks: Ticks = clock_ticks(self.events, level)
        self.suspects: tuple[str, ...] = suspect_ids(self.events, level)
        ended = [e.tick for e in self.events if isinstance(e, ScenarioEnded)]
        self.end_tick = ended[0] if ended else max((e.tick for e in self.events), default=0)
        self.memo: dict[str, dict] = {}

    @property
    def stop_tick(self) -> int | None:
        """When the killing stopped: the threat-stopped clock, or the start when there was no attacker."""
        return self.ticks.threat_stopped if self.suspects else 0

    # -- the log -------------------------------------------------------------------------------

    def of(self, *types: type) -> list:
        """The events of these types, in log order."""
        return [e for e in self.events if isinstance(e, types)]

    @cached_property
    def variant(self) -> dict[str, str]:
        """The variant options this run picked."""
        started = next((e for e in self.events if isinstance(e, ScenarioStarted)), None)
        return dict(started.variant) if started else {}

    def present(self, when: Condition | None) -> bool:
        """Whether a level actor with this variant condition took part in this run."""
        return when is None or self.variant.get(when.group) in when.options

    @cached_property
    def trainee_shots(self) -> list[ShotFired]:
        """Every round the trainee fired."""
        return [e for e in self.events if isinstance(e, ShotFired) and e.shooter == "trainee"]

    @cached_property
    def suspect_shots(self) -> list[ShotFired]:
        """Every round a suspect fired (their origin is the true source of the gunfire)."""
        return [e for e in self.events if isinstance(e, ShotFired) and e.shooter_role == "suspect"]

    @cached_property
    def trainee_radio(self) -> list[RadioSent]:
        """Every message the trainee got on the air (lost ones are not here)."""
        return [e for e in self.events if isinstance(e, RadioSent) and e.sender == "trainee"]

    @cached_property
    def wounds_by_trainee(self) -> list[PersonWounded]:
        """Everyone a round from the trainee hit."""
        return [e for e in self.events if isinstance(e, PersonWounded) and e.by == "trainee"]

    def in_window(self, types: tuple[type, ...], start: int, end: int) -> list:
        """Events of these types with start <= tick < end."""
        return [e for e in self.events if isinstance(e, types) and start <= e.tick < end]

    # -- the trainee's track ---------------------------------------------------------------------

    @cached_property
    def _track(self) -> tuple[list[int], list[Position]]:
        ticks: list[int] = []
        spots: list[Position] = []
        for e in self.events:
            if isinstance(e, TraineeArrived | TraineeMoved):
                ticks.append(e.tick)
                spots.append(e.position)
        return ticks, spots

    def trainee_at(self, tick: int) -> Position | None:
        """Where the trainee stood at the end of a tick (None before arrival)."""
        ticks, spots = self._track
        i = bisect.bisect_right(ticks, tick) - 1
        return spots[i] if i >= 0 else None

    @cached_property
    def move_ticks(self) -> list[int]:
        """Ticks on which the trainee changed tile."""
        return [e.tick for e in self.events if isinstance(e, TraineeMoved)]

    def moved_between(self, start: int, end: int) -> bool:
        """Whether the trainee changed tile with start <= tick < end."""
        i = bisect.bisect_left(self.move_ticks, start)
        return i < len(self.move_ticks) and self.move_ticks[i] < end

    def protection_at(self, tick: int) -> str:
        """The trainee's protection at a tick: "cover", "concealment" or "open"."""
        state = "open"
        for e in self.events:
            if e.tick > tick:
                break
            if isinstance(e, TookCover) and e.person == "trainee":
                state = e.protection
            elif isinstance(e, LeftCover) and e.person == "trainee":
                state = "open"
        return state

    # -- gunfire and access to victims ---------------------------------------------------------

    @cached_property
    def heard_ticks(self) -> list[int]:
        """Ticks on which the trainee heard gunfire."""
        return [e.tick for e in self.events if isinstance(e, GunfireHeard)]

    def audible(self, tick: int) -> bool:
        """Whether gunfire was audible: heard within the last 10 s."""
        i = bisect.bisect_right(self.heard_ticks, tick) - 1
        return i >= 0 and tick - self.heard_ticks[i] < AUDIBLE_TICKS

    def heard_before(self, tick: int) -> bool:
        """Whether the trainee had heard any gunfire by this tick."""
        return bool(self.heard_ticks) and self.heard_ticks[0] <= tick

    def source_at(self, tick: int) -> Position | None:
        """The true position of the latest suspect shot at or before a tick (nearest the trainee on ties)."""
        shots = [s for s in self.suspect_shots if s.tick <= tick]
        if not shots:
            return None
        last = shots[-1].tick
        same = [s.origin for s in shots if s.tick == last]
        here = self.trainee_at(tick)
        if here is None or len(same) == 1:
            return same[0]
        return min(same, key=lambda p: (self.path_cost(here, p), p))

    @cached_property
    def _stops(self) -> dict[str, int]:
        stops: dict[str, int] = {}
        for e in self.events:
            if isinstance(e, ThreatStopped) or (
                isinstance(e, SuspectBarricaded) and e.victims_inside == 0
            ):
                stops.setdefault(e.suspect, e.tick)
        return stops

    def stopped(self, suspect: str, tick: int) -> bool:
        """Whether this suspect was neutralized, had surrendered, or was isolated by this tick."""
        return suspect in self._stops and self._stops[suspect] <= tick

    def threat_active(self, tick: int) -> bool:
        """Whether any suspect was still free (not stopped, surrendered or isolated)."""
        return any(not self.stopped(s, tick) for s in self.suspects)

    def access(self, tick: int) -> bool:
        """Whether an attacker had access to victims: free and firing (30 s) or barricaded with victims."""
        for suspect in self.suspects:
            if self.stopped(suspect, tick):
                continue
            if any(
                s.shooter == suspect and 0 <= tick - s.tick < FIRING_TICKS
                for s in self.suspect_shots
            ):
                return True
            if any(
                isinstance(e, SuspectBarricaded)
                and e.suspect == suspect
                and e.victims_inside > 0
                and e.tick <= tick
                for e in self.events
            ):
                return True
        return False

    def misreport(self, message: RadioSent) -> str:
        """What a message got wrong if it called an attacker with access contained or quiet, else ''."""
        if message.kind == "stand_off" or not self.access(message.tick):
            return ""
        shots = next((v for k, v in message.slots if k == "shots"), "")
        words = " ".join(v.lower() for _, v in message.slots)
        if shots in ("stopped", "none"):
            return f'said shots "{shots}"'
        if any(w in words for w in MISLEADING_WORDS):
            return "called the attacker barricaded or contained"
        return ""

    # -- distances through the building ------------------------------------------------------------

    @cached_property
    def building(self) -> Building:
        """The level's building with every door open (distances as if any door could be breached)."""
        building = Building(self.level)
        for door in building.doors.values():
            building.set_door_state(door, DoorState.OPEN)
        return building

    @cached_property
    def _fields(self) -> dict[Position, dict[int, int]]:
        return {}

    def path_cost(self, a: Position, b: Position) -> float:
        """Path cost between two tiles (10 a tile), through any door; straight line when no path."""
        field = self._fields.get(b)
        if field is None:
            field = cell_distance_field(self.building, [b])
            self._fields[b] = field
        cost = field.get(self.building.cell(a)) if self.building.inside_map(a) else None
        if cost is not None:
            return float(cost)
        return 10 * distance(a.x, a.y, b.x, b.y) + 200 * abs(a.floor - b.floor)

    def distance_to_gunfire(self, tick: int, source: Position | None = None) -> float | None:
        """The trainee's path cost to the gunfire source (the latest, or the one given)."""
        here = self.trainee_at(tick)
        source = source or self.source_at(tick)
        if here is None or source is None:
            return None
        return self.path_cost(here, source)

    def zone_of(self, position: Position) -> str:
        """The id of the first zone holding a tile, or ''."""
        for zone in self.level.zones:
            if zone.contains(position):
                return zone.id
        return ""

    def zone_kind(self, zone_id: str) -> ZoneKind | None:
        """A zone's kind, or None for an unknown id."""
        return next((z.kind for z in self.level.zones if z.id == zone_id), None)

    # -- officers on scene -----------------------------------------------------------------------------

    def backup_on_scene(self, tick: int) -> list[str]:
        """Uniformed (not off-duty) officers on scene by this tick."""
        ids = [
            o.id
            for o in self.level.officers
            if self.present(o.when) and o.arrives == 0 and not o.off_duty
        ]
        ids += [
            e.officer
            for e in self.events
            if isinstance(e, OfficerArrived) and not e.off_duty and e.tick <= tick
        ]
        return ids

    def first_backup_tick(self) -> int | None:
        """When the first uniformed backup officer arrived (0 when one was there from the start)."""
        if any(
            self.present(o.when) and o.arrives == 0 and not o.off_duty for o in self.level.officers
        ):
            return 0
        ticks = [e.tick for e in self.events if isinstance(e, OfficerArrived) and not e.off_duty]
        return min(ticks) if ticks else None

    # -- stalls (A4, HF3, B4) -------------------------------------------------------------------------

    def excused(self, start: int, end: int) -> str:
        """Why the trainee may hold still in a window: engaging, breaching, a (truthful) radio report, obeying a challenge."""
        if any(s.tick in range(start, end) for s in self.trainee_shots):
            return "engaging"
        for e in self.events:
            if isinstance(e, BreachStarted) and e.tick < end and e.tick + e.ticks >= start:
                return "breaching a door"
            if start <= e.tick < end:
                if isinstance(e, ChallengeIssued) and e.by == "trainee":
                    return "challenging"
                if (
                    isinstance(e, RadioSent)
                    and e.sender == "trainee"
                    and e.kind != "stand_off"
                    and not self.misreport(e)
                ):
                    return "sending a radio report"
                if isinstance(e, Complied) and e.person == "trainee":
                    return "obeying a challenge"
        return ""

    @cached_property
    def stalls(self) -> list[Stall]:
        """Every stall, merged from stalled 10 s windows (doctrine §4 item 4, §7.4 A4)."""
        if self.ticks.arrival is None:
            return []
        stop = self.ticks.threat_stopped
        last = self.end_tick if stop is None else min(self.end_tick, stop)
        windows: list[tuple[int, int, float, float]] = []
        start = self.ticks.arrival
        while start + WINDOW_TICKS <= last + 1:
            end = start + WINDOW_TICKS
            if self._stalled(start, end):
                source = self.source_at(end - 1)
                before = self.distance_to_gunfire(start, source)
                after = self.distance_to_gunfire(end - 1, source)
                windows.append((start, end, before or 0.0, after or 0.0))
            start = end
        stalls: list[Stall] = []
        for start, end, before, after in windows:
            if stalls and stalls[-1].end == start:
                prev = stalls[-1]
                stalls[-1] = Stall(prev.start, end, prev.distance_before, after, prev.cover)
            else:
                stalls.append(Stall(start, end, before, after, self.protection_at(start)))
        return stalls

    def _stalled(self, start: int, end: int) -> bool:
        eligible = sum(1 for t in range(start, end) if self.audible(t) and self.access(t))
        if eligible * 2 < end - start:
            return False
        if self.excused(start, end):
            return False
        source = self.source_at(end - 1)
        if source is None:
            return False
        before = self.distance_to_gunfire(start, source)
        after = self.distance_to_gunfire(end - 1, source)
        if before is None or after is None:
            return False
        if after <= NEAR_COST:
            return False
        return before - after < CLOSING_COST

    @cached_property
    def stall_ticks(self) -> int:
        """Total ticks of stall."""
        return sum(s.end - s.start for s in self.stalls)

    def ideal_seconds(self, a: Position, b: Position) -> float:
        """Seconds a fast jog takes along the shortest path between two tiles."""
        return self.path_cost(a, b) / 10 / RUN_TILES_PER_SECOND
