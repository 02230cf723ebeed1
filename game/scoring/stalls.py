"""Stalls (doctrine §4 item 4, §7.4 A4, §7.8 A4 clarified): holding while an attacker with access is heard.

The run from arrival to the stop is cut into windows. A window is a stall when gunfire was audible and
an attacker had access to victims, the trainee neither closed on the gunfire nor stood next to it, and
enough of it was unexcused. Only what doctrine excuses is excused, each for the seconds it takes:
engaging, breaching, obeying a challenge, a tourniquet (judged by F1), a radio call that carries new
information (its airtime, capped per minute; repeats excuse nothing), and a challenge to a visible armed
person who has not yet complied and is not firing (capped per person). A warning to someone firing at
people is not feasible (§3.3: Garner, DOJ 2022) and being fired on calls for engaging at once (§4 item
4), so shouting at an attacker who is shooting excuses nothing: a hidden trainee who keeps talking or
shouting still stalls (§7.8 A4 clarified).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.events import (
    BreachStarted,
    ChallengeIssued,
    Complied,
    SuspectSurrendered,
    TourniquetApplied,
)
from game.core.level import TICK_RATE, Position
from game.core.orders import TOURNIQUET_TICKS
from game.core.radio import airtime_seconds
from game.scoring.facts import ACCESS, COVER, HEARD, RADIO, TRACK, Facts

STALL_READS = (
    *TRACK,
    *COVER,
    *HEARD,
    *ACCESS,
    *RADIO,
    "ChallengeIssued",
    "Complied",
    "SuspectSurrendered",
    "BreachStarted",
    "TourniquetApplied",
)
"""Every event type the stall judgement reads; a rule that uses stalls declares them all."""


@dataclass(frozen=True, slots=True)
class Stall:
    """A run of stalled windows: from start to end the trainee held for `held` ticks without excuse."""

    start: int
    end: int
    held: int
    distance_before: float
    distance_after: float
    cover: str

    @property
    def seconds(self) -> int:
        """Unexcused holding in whole seconds."""
        return self.held // TICK_RATE


def stalls(f: Facts) -> list[Stall]:
    """Every stall of the run, merged from consecutive stalled windows."""
    return f.derived("stalls", STALL_READS, _stalls)


def stalled_ticks(f: Facts) -> int:
    """Total unexcused holding, in ticks."""
    return sum(s.held for s in stalls(f))


def closing(f: Facts, start: int, end: int, source: Position | None) -> bool | None:
    """Whether the trainee closed on the gunfire between two ticks, or was at it; None without positions.

    At it means within a few tiles and in the same zone: outside a shut classroom door the attacker
    inside has not been reached, however close the wall (the Uvalde hallway).
    """
    before = f.distance_to_gunfire(start, source)
    after = f.distance_to_gunfire(end, source)
    here = f.trainee_at(end)
    if before is None or after is None or here is None or source is None:
        return None
    st = f.standards
    at_it = after <= 10 * st.near_tiles and f.zone_of(here) == f.zone_of(source)
    return at_it or before - after >= 10 * st.closing_tiles


def excused(f: Facts) -> bytearray:
    """For each tick from arrival to the end, 1 where the trainee's holding was excused."""
    return f.derived("excused", STALL_READS, _excused)


# -- internals ---------------------------------------------------------------------------------------


def _stalls(f: Facts) -> list[Stall]:
    arrival = f.ticks("arrival")
    if arrival is None:
        return []
    stop = f.ticks("threat_stopped")
    last = f.end_tick if stop is None else min(f.end_tick, stop)
    st = f.standards
    window, least = f.s(st.window_seconds), f.s(st.min_stall_seconds)
    free = excused(f)
    found: list[Stall] = []
    # The windows are cut one after the other: each tick's hold is asked once, all at once.
    covered = arrival + (last + 1 - arrival) // window * window if window > 0 else arrival
    audible, access = f.audible_over(arrival, covered), f.access_over(arrival, covered)
    holding = [not free[i] and audible[i] and access[i] for i in range(covered - arrival)]
    start = arrival
    while start + window <= last + 1:
        end = start + window
        held = sum(holding[start - arrival : end - arrival])
        source = f.source_at(end - 1)
        if held >= least and source is not None and closing(f, start, end - 1, source) is False:
            before = f.distance_to_gunfire(start, source) or 0.0
            after = f.distance_to_gunfire(end - 1, source) or 0.0
            if found and found[-1].end == start:
                prev = found[-1]
                found[-1] = Stall(
                    prev.start, end, prev.held + held, prev.distance_before, after, prev.cover
                )
            else:
                found.append(Stall(start, end, held, before, after, f.protection_at(start)))
        start = end
    return found


def _excused(f: Facts) -> bytearray:
    arrival = f.ticks("arrival")
    if arrival is None:
        return bytearray()
    size = f.end_tick - arrival + 2
    free = bytearray(size)
    st = f.standards

    def mark(start: int, ticks: int) -> None:
        for t in range(max(start, arrival), min(start + ticks, arrival + size)):
            free[t - arrival] = 1

    for shot in f.trainee_shots:
        if shot.target_role == "suspect":
            mark(shot.tick, f.s(st.engaging_excuse_seconds))
    for e in f.of(BreachStarted):
        mark(e.tick, e.ticks + 1)
    for e in f.of(Complied):
        if e.person == "trainee":
            mark(e.tick, f.s(st.complied_excuse_seconds))
    for e in f.of(TourniquetApplied):
        if e.by == "trainee":
            mark(e.tick, TOURNIQUET_TICKS)
    _excuse_radio(f, arrival, mark)
    _excuse_challenges(f, mark)
    return free


def _excuse_radio(f: Facts, arrival: int, mark) -> None:
    """Each call with new information excuses its airtime; repeats and misreports excuse nothing."""
    cap = f.s(f.standards.radio_excuse_cap_seconds)
    minute = f.s(60)
    used: dict[int, int] = {}
    said: set[tuple[str, str]] = set()
    for m in f.trainee_radio:
        meaning = f.meaning(m)
        new = meaning.facts - said
        said |= meaning.facts
        if not new or meaning.orders_stand_off or f.misreport(m):
            continue
        block = (m.tick - arrival) // minute
        air = min(f.s(airtime_seconds(m.kind, m.slots)), cap - used.get(block, 0))
        if air > 0:
            used[block] = used.get(block, 0) + air
            mark(m.tick, air)


def _excuse_challenges(f: Facts, mark) -> None:
    """A challenge excuses only when its target is in sight, armed, not firing and has not yet complied."""
    gave_up: dict[str, int] = {}
    for e in f.of(Complied, SuspectSurrendered):
        person = e.person if isinstance(e, Complied) else e.suspect
        if isinstance(e, SuspectSurrendered) or e.by == "trainee":
            gave_up.setdefault(person, e.tick)
    st = f.standards
    each, cap = f.s(st.challenge_excuse_seconds), f.s(st.challenge_excuse_cap_seconds)
    used: dict[str, int] = {}
    for c in f.of(ChallengeIssued):
        if c.by != "trainee" or not c.seen.in_sight or c.seen.weapon == "none" or c.target_firing:
            continue
        if c.target in gave_up and gave_up[c.target] <= c.tick:
            continue
        ticks = min(each, cap - used.get(c.target, 0))
        if ticks > 0:
            used[c.target] = used.get(c.target, 0) + ticks
            mark(c.tick, ticks)
