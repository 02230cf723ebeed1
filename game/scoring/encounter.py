"""Whether the trainee closed on the attacker, and if not, whether the scenario or the trainee is why.

Doctrine §7.8 ("N/A credit"): a rule made inapplicable by the scenario earns full credit; a rule made
inapplicable by the trainee's own inaction (never entered, never approached) earns nothing. Rules about
the encounter with the attacker (line-of-fire discipline, warnings, cover when engaging, threshold
checks, covering a downed attacker, identification of the people met on the way) ask `encounter(f)`.
"""

from __future__ import annotations

from enum import Enum

from game.scoring.facts import Facts
from game.scoring.ledger import Finding
from game.scoring.points import not_applicable
from game.scoring.stalls import STALL_READS, stalls

ENCOUNTER_READS = (*STALL_READS, "ContactMade", "EnteredBuilding")
"""The event types `encounter` reads; a rule that asks it declares them."""


class Encounter(Enum):
    """How the run's encounter with the attacker went, for the trainee."""

    NO_ATTACKER = "no attacker"
    CONTACT = "contact"
    STOPPED_BEFORE = "stopped before you arrived"
    PRE_EMPTED = "stopped by others while you were on your way"
    NOT_FOUND = "never found, though you searched"
    NOT_CLOSED = "you never closed on the attacker"

    @property
    def by_scenario(self) -> bool:
        """Whether the scenario, not the trainee, decided what the trainee met."""
        return self is not Encounter.NOT_CLOSED


def encounter(f: Facts) -> Encounter:
    """The encounter: contact, a scenario that took the attacker away, or the trainee's not closing."""
    f.need(ENCOUNTER_READS)
    if not f.suspects:
        return Encounter.NO_ATTACKER
    if f.ticks("contact") is not None:
        return Encounter.CONTACT
    stop, arrival = f.ticks("threat_stopped"), f.ticks("arrival")
    if stop is None:
        return Encounter.NOT_FOUND if _searched(f) else Encounter.NOT_CLOSED
    if arrival is None or stop <= arrival:
        return Encounter.STOPPED_BEFORE
    entry = f.ticks("entry")
    window = f.thresholds.entry_full_seconds
    if not f.heard_before(stop):
        window = f.thresholds.entry_full_seconds_silent
    recent = f.s(f.standards.recent_stall_seconds)
    early = stop - arrival <= f.s(window)
    moving = f.moved_between(stop - recent, stop + 1)
    on_way = early or (entry is not None and entry <= stop and moving)
    holding = any(s.start < stop and s.end > stop - recent for s in stalls(f))
    return Encounter.PRE_EMPTED if on_way and not holding else Encounter.NOT_CLOSED


def _searched(f: Facts) -> bool:
    """Whether the trainee went in and kept searching: moving in most windows, never holding for long."""
    entry = f.ticks("entry")
    if entry is None:
        return False
    st = f.standards
    if sum(s.held for s in stalls(f)) > f.s(st.recent_stall_seconds):
        return False
    window = f.s(st.window_seconds)
    starts = range(entry, f.end_tick - window + 1, window)
    moving = sum(1 for t in starts if f.moved_between(t, t + window))
    return bool(starts) and moving >= st.search_moving_share * len(starts)


def scenario_or_inaction(f: Facts, tick: int, most: int, why: str, untested: str) -> Finding:
    """Full credit when the scenario made the rule inapplicable; nothing when the trainee's not closing did."""
    if encounter(f).by_scenario:
        return not_applicable(tick, most, why)
    return Finding(f.end_tick, 0, f"{NOT_CREDITED} {untested}")


NOT_CREDITED = "Not credited:"
"""How a finding begins for a rule the trainee's own inaction kept from applying."""
