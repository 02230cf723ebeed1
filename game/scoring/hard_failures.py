"""Hard failures HF1-HF5 (doctrine §7.5): screen-outs that cap the overall rating at U.

Each is a ledger entry with 0 points in category "HF": the breakdown still counts every point, and
the overall rating is derived from the presence of these entries.
"""

from __future__ import annotations

from game.core.events import ThreatStopped
from game.core.level import TICK_RATE
from game.scoring.evidence import cite_event
from game.scoring.facts import WINDOW_TICKS, Facts
from game.scoring.ledger import Finding, clock_text, seconds_text
from game.scoring.rules_c import misreports, requests

CAP = " The overall rating is capped at U."
HOLD_AFTER_MISREPORT_TICKS = 30 * TICK_RATE
"""HF3: holding this long after calling the attacker contained is the Uvalde failure."""


def innocent_hit(f: Facts, most: int) -> list[Finding]:
    """HF1: any round from the trainee that hits a bystander, student or staff member."""
    return [
        Finding(
            e.tick,
            0,
            f"Hard failure HF1: your round hit {e.person}, a bystander." + CAP,
            (*tuple(cite_event(s) for s in f.trainee_shots if s.tick == e.tick), cite_event(e)),
        )
        for e in f.wounds_by_trainee
        if e.role == "civilian"
    ]


def blue_on_blue(f: Facts, most: int) -> list[Finding]:
    """HF2: firing on an officer who was identifiable or not an imminent threat, or hitting one."""
    findings, named = [], set()
    for s in f.trainee_shots:
        if s.target_role != "officer" or s.target in named:
            continue
        identifiable = s.seen is not None and s.seen.identifiable_as_police
        if identifiable or not s.target_firing:
            named.add(s.target)
            why = (
                "who could be identified as police"
                if identifiable
                else "who was not firing at anyone"
            )
            findings.append(
                Finding(
                    s.tick,
                    0,
                    f"Hard failure HF2: you fired on {s.target}, an officer {why}." + CAP,
                    (cite_event(s),),
                )
            )
    for e in f.wounds_by_trainee:
        if e.role == "officer" and e.person not in named:
            named.add(e.person)
            findings.append(
                Finding(
                    e.tick,
                    0,
                    f"Hard failure HF2: your round hit {e.person}, an officer." + CAP,
                    (cite_event(e),),
                )
            )
    return findings


def holding(f: Facts, most: int) -> list[Finding]:
    """HF3: cumulative stall over the level's limit (default 120 s) while the attacker has access, or calling them contained and holding."""
    limit = f.level.scoring.stall_hard_failure_seconds * TICK_RATE
    total = 0
    for stall in f.stalls:
        if total + (stall.end - stall.start) > limit:
            crossed = stall.start + (limit - total)
            return [
                Finding(
                    crossed,
                    0,
                    f"Hard failure HF3: you held for more than {seconds_text(limit / TICK_RATE)} in "
                    "all while the attacker could reach victims and gunfire was audible." + CAP,
                    tuple(f"stall {clock_text(s.start)}-{clock_text(s.end)}" for s in f.stalls),
                )
            ]
        total += stall.end - stall.start
    for m, what in misreports(f):
        held = sum(
            min(s.end, m.tick + HOLD_AFTER_MISREPORT_TICKS + WINDOW_TICKS) - max(s.start, m.tick)
            for s in f.stalls
            if s.end > m.tick and s.start < m.tick + HOLD_AFTER_MISREPORT_TICKS + WINDOW_TICKS
        )
        if held >= HOLD_AFTER_MISREPORT_TICKS:
            return [
                Finding(
                    m.tick,
                    0,
                    f"Hard failure HF3: you {what} and then held while the attacker could reach "
                    "victims." + CAP,
                    (cite_event(m),),
                )
            ]
    return []


def unjustified_force(f: Facts, most: int) -> list[Finding]:
    """HF4: firing at an attacker who has surrendered or is already incapacitated."""
    down = {e.suspect: e.tick for e in f.of(ThreatStopped)}
    findings = []
    for s in f.trainee_shots:
        surrendered = s.target_surrendered
        stopped = s.target in down and down[s.target] < s.tick
        if s.target_role == "suspect" and (surrendered or stopped):
            findings.append(
                Finding(
                    s.tick,
                    0,
                    f"Hard failure HF4: you fired at {s.target} after they had "
                    + ("surrendered." if surrendered else "been stopped.")
                    + CAP,
                    (cite_event(s),),
                )
            )
            break
    return findings


def stand_off(f: Facts, most: int) -> list[Finding]:
    """HF5: radioing units to stay away, or setting a perimeter instead of entry, while gunfire continues."""
    entry = f.ticks.entry
    zero = f.level.scoring.entry_zero_seconds * TICK_RATE
    for m in f.trainee_radio:
        ongoing = f.audible(m.tick) or f.access(m.tick)
        if not ongoing:
            continue
        if m.kind == "stand_off":
            return [
                Finding(
                    m.tick,
                    0,
                    "Hard failure HF5: you told other units to hold back while gunfire "
                    "continued." + CAP,
                    (cite_event(m),),
                )
            ]
        if "perimeter" in requests(m) and (entry is None or entry - m.tick > zero):
            return [
                Finding(
                    m.tick,
                    0,
                    "Hard failure HF5: you set a perimeter instead of going in while gunfire "
                    "continued." + CAP,
                    (cite_event(m),),
                )
            ]
    return []
