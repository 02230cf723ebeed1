"""Hard failures HF1-HF5 (doctrine §7.5, §7.8): screen-outs that cap the overall rating at U.

Each is a ledger entry with 0 points in category "HF": the breakdown still counts every point, and
the overall rating is derived from the presence of these entries.

HF1 and HF2 judge the decision to fire as well as where the round went (§7.1.6 and the §7.5 note:
decisions, not luck; mission: "never fire without a clear, safe shot"). The line is the one geometry
of §4 and §7.8: from the muzzle past the target to the first wall that stops rounds. Firing with an
innocent the trainee could see on that line is HF1, with an officer in sight on it HF2 (the Helus
crossfire, §1.6), whether or not the round hit them; firing at an innocent who was not shooting is
HF1 as firing at such an officer is HF2 ("look beyond the gun", §7.8). Someone the trainee could not
see on the line (behind a partition, round a corner) makes the shot unsafe, B1, but not a screen-out.
"""

from __future__ import annotations

from game.core.clock import tick_clock
from game.core.events import OfficerArrived, PersonWounded, ShotFired
from game.scoring import names
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding, seconds_text
from game.scoring.rule import Rule
from game.scoring.rules_b import INNOCENT_ROLES
from game.scoring.rules_c import misreports, stand_off
from game.scoring.stalls import stalls

CAP = " The overall rating is capped at U."


def innocent_hit(f: Facts, r: Rule) -> list[Finding]:
    """HF1: a round from the trainee that hits an innocent (a bystander, student, staff member or armed civilian not attacking), a shot fired at one who was not shooting, or a shot fired with one in the trainee's sight on the line of fire (to the first wall that stops rounds), hit or not."""
    findings = [
        Finding(
            e.tick,
            0,
            f"Hard failure HF1: your round hit {names.person(e.role)}, an innocent." + CAP,
            (*(cite_event(s) for s in f.trainee_shots if s.tick == e.tick), cite_event(e)),
        )
        for e in f.of(PersonWounded)
        if e.by == "trainee" and e.role in INNOCENT_ROLES
    ]
    if findings:
        return findings
    officers = _officers(f)
    for s in f.trainee_shots:
        if s.target_role in INNOCENT_ROLES and not s.target_firing:
            return [
                Finding(
                    s.tick,
                    0,
                    f"Hard failure HF1: you fired at {names.person(s.target_role, s.seen)}, who was "
                    "not attacking anyone: look beyond the gun to the whole person." + CAP,
                    (cite_event(s),),
                )
            ]
        innocents = [p for p in seen_on_line(s) if p not in officers]
        if innocents:
            return [
                Finding(
                    s.tick,
                    0,
                    f"Hard failure HF1: you fired with {names.people(len(innocents))} who "
                    f"{'was' if len(innocents) == 1 else 'were'} not a threat in your sight on the "
                    "line of fire, in front of or behind the target. Whether the round hit them was "
                    "luck; the decision to fire was not: wait or move for a clear, safe shot."
                    + CAP,
                    (cite_event(s),),
                )
            ]
    return []


def blue_on_blue(f: Facts, r: Rule) -> list[Finding]:
    """HF2: firing on an officer who was identifiable or not an imminent threat, hitting one, or firing with one in the trainee's sight on the line of fire (hit or not)."""
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
                    f"Hard failure HF2: you fired on {names.person('officer', s.seen)}, {why}."
                    + CAP,
                    (cite_event(s),),
                )
            )
    for e in f.of(PersonWounded):
        if e.by == "trainee" and e.role == "officer" and e.person not in named:
            named.add(e.person)
            findings.append(
                Finding(
                    e.tick,
                    0,
                    "Hard failure HF2: your round hit an officer." + CAP,
                    (cite_event(e),),
                )
            )
    if findings:
        return findings
    officers = _officers(f)
    for s in f.trainee_shots:
        if any(p in officers for p in seen_on_line(s)):
            return [
                Finding(
                    s.tick,
                    0,
                    "Hard failure HF2: you fired with an officer in your sight on the line of fire "
                    "(the crossfire that killed Sgt. Helus), whether or not the round hit them."
                    + CAP,
                    (cite_event(s),),
                )
            ]
    return findings


def holding(f: Facts, r: Rule) -> list[Finding]:
    """HF3: cumulative unexcused holding over the level's limit (default 120 s) while an attacker with access is heard, or calling them contained and holding."""
    limit = f.s(f.thresholds.stall_hard_failure_seconds)
    total = 0
    found = stalls(f)
    for stall in found:
        if total + stall.held > limit:
            span = stall.end - stall.start
            crossed = stall.start + round(span * (limit - total) / stall.held)
            return [
                Finding(
                    crossed,
                    0,
                    f"Hard failure HF3: you held for more than {seconds_text(f.seconds(limit))} in all "
                    "while the attacker could reach victims and gunfire was audible." + CAP,
                    tuple(
                        f"held {s.seconds} s between {tick_clock(s.start)} and {tick_clock(s.end)}"
                        for s in found[:8]
                    ),
                )
            ]
        total += stall.held
    after = f.s(r.p("hold_after_misreport_seconds"))
    for m, what in misreports(f):
        held = sum(
            min(s.end, m.tick + after) - max(s.start, m.tick)
            for s in found
            if s.end > m.tick and s.start < m.tick + after
        )
        if held >= after - f.s(f.standards.window_seconds):
            return [
                Finding(
                    m.tick,
                    0,
                    f"Hard failure HF3: you {what} and then held while the attacker could reach victims."
                    + CAP,
                    (cite_event(m),),
                )
            ]
    return []


def unjustified_force(f: Facts, r: Rule) -> list[Finding]:
    """HF4: firing at an attacker who has surrendered or is already incapacitated."""
    for s in f.trainee_shots:
        stop = f.stops.get(s.target)
        stopped = stop is not None and stop[1] != "isolated" and stop[0] < s.tick
        if s.target_role == "suspect" and (s.target_surrendered or stopped):
            return [
                Finding(
                    s.tick,
                    0,
                    f"Hard failure HF4: you fired at {names.attacker(f, s.target)} after they had "
                    + ("surrendered." if s.target_surrendered else "been stopped.")
                    + CAP,
                    (cite_event(s),),
                )
            ]
    return []


def stand_off_order(f: Facts, r: Rule) -> list[Finding]:
    """HF5: any transmission telling units to hold back or stay away, or setting a perimeter instead of entering, while the attacker is active with access to victims, whatever kind carried it."""
    for m in f.trainee_radio:
        why = stand_off(f, m)
        if why:
            return [
                Finding(
                    m.tick,
                    0,
                    f"Hard failure HF5: you {why} while the attacker was still active." + CAP,
                    (cite_event(m),),
                )
            ]
    return []


def seen_on_line(shot: ShotFired) -> tuple[str, ...]:
    """The people not a threat on a shot's line, to the first wall that stops rounds, whom the shooter
    could see as they fired (the target left out): the ones the decision to fire knowingly risked."""
    return tuple(p for p in shot.non_threats_in_sight if p != shot.target)


def _officers(f: Facts) -> set[str]:
    """Every officer on scene at some point (each is announced by an OfficerArrived)."""
    return {e.officer for e in f.of(OfficerArrived)}
