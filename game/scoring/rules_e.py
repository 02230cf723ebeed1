"""Category E, Tactics: cover, movement, approach (100) (doctrine §4, §7.4 E, §7.8 E6-E7)."""

from __future__ import annotations

import bisect
from itertools import pairwise

from game.core.events import (
    ContactMade,
    EnteredZone,
    PersonSighted,
    PersonWounded,
    ShotFired,
    SuspectSurrendered,
    TraineeMoved,
)
from game.core.geometry import distance
from game.core.level import Position, ZoneKind
from game.scoring import names
from game.scoring.encounter import NOT_CREDITED, Encounter, encounter, scenario_or_inaction
from game.scoring.evidence import cite_event
from game.scoring.exposure import exposed_when_hit
from game.scoring.facts import Facts
from game.scoring.ledger import Finding, seconds_text
from game.scoring.points import not_applicable, share
from game.scoring.rule import Rule


def covered_approach(f: Facts, r: Rule) -> list[Finding]:
    """E1: outside, move fast, move along cover or concealment, or stand behind it; never stand in the open."""
    arrival, entry = f.ticks("arrival"), f.ticks("entry")
    if arrival is None:
        return [Finding(f.end_tick, 0, "You never arrived on scene.")]
    end = entry if entry is not None else f.end_tick
    if end <= arrival:
        return [not_applicable(arrival, r.max_points, "you were already inside the building.")]
    if entry is None and not encounter(f).by_scenario:
        return [_never_went_in(f, "approach to the building")]
    runs = [e.tick for e in f.of(TraineeMoved) if e.pace == "run"]
    fast = f.s(r.p("fast_memory_seconds"))
    reach = int(r.p("near_tiles"))
    good = exposed = 0
    for tick in range(arrival, end):
        here = f.trainee_at(tick)
        running = _recent(runs, tick, fast)
        moving = not f.stationary(tick)
        behind = f.protection_at(tick) != "open"
        if running or behind or (moving and here is not None and f.near_protection(here, reach)):
            good += 1
        elif not moving:
            exposed += 1
    total = end - arrival
    percent = 100 * good // total
    return [
        Finding(
            end,
            share(r.max_points, good, total),
            f"Outside, you moved fast, moved along cover or stood behind it {percent} % of the "
            f"time, and stood in the open for {seconds_text(f.seconds(exposed))}; outside is the "
            "more dangerous phase.",
        )
    ]


def cover_when_engaging(f: Facts, r: Rule) -> list[Finding]:
    """E2: engage from cover, not concealment (+20 scaled; -10 per engagement from concealment or the open with cover within 3 tiles)."""
    engagements = _engagements(f.trainee_shots, f.s(r.p("engagement_gap_seconds")))
    if not engagements:
        return [
            scenario_or_inaction(
                f,
                0,
                r.max_points,
                "you did not have to fire.",
                "you never closed on the attacker, so you never engaged from cover or from the open.",
            )
        ]
    covered = [s for s in engagements if s.shooter_protection == "cover"]
    findings = [
        Finding(
            engagements[0].tick,
            share(r.max_points, len(covered), len(engagements)),
            f"You engaged from cover {len(covered)} of {len(engagements)} times.",
            tuple(cite_event(s) for s in engagements[:4]),
        )
    ]
    reach = int(r.p("cover_reach_tiles"))
    for shot in engagements:
        if shot.shooter_protection != "cover" and f.cover_within(shot.origin, reach):
            findings.append(
                Finding(
                    shot.tick,
                    r.p("avoidable_points"),
                    f"You engaged from {_from(shot.shooter_protection)} with cover within "
                    f"{reach} tiles. Concealment hides you; only cover stops rounds.",
                    (cite_event(shot),),
                )
            )
    return findings


def speed_matched(f: Facts, r: Rule) -> list[Finding]:
    """E3: move fast when gunfire is audible, deliberately when it is silent."""
    if not f.suspects:
        return [not_applicable(0, r.max_points, "there was no attacker.")]
    moves = [e for e in f.of(TraineeMoved) if f.threat_active(e.tick)]
    if f.ticks("entry") is None and not encounter(f).by_scenario:
        return [_never_went_in(f, "movement toward the threat")]
    if not moves:
        return [Finding(f.end_tick, 0, "You did not move while the threat was active.")]
    matched = sum(1 for e in moves if (e.pace == "run") == f.audible(e.tick))
    return [
        Finding(
            moves[-1].tick,
            share(r.max_points, matched, len(moves)),
            f"Your pace matched the situation on {100 * matched // len(moves)} % of your steps: "
            "a fast jog toward gunfire, a deliberate walk when silent.",
        )
    ]


def threshold_evaluation(f: Facts, r: Rule) -> list[Finding]:
    """E4 (approximation): before entering the room the gunfire comes from, see into it from the doorway or pause 1-5 s at the threshold, without stalling."""
    entered = _gunfire_room_entry(f, r)
    if entered is None:
        return [
            scenario_or_inaction(
                f,
                0,
                r.max_points,
                "you did not have to enter the room the gunfire came from.",
                "you never reached the room the gunfire came from.",
            )
        ]
    saw = any(
        e.tick < entered.tick and (isinstance(e, ContactMade) or e.role == "suspect")
        for e in f.of(ContactMade, PersonSighted)
    )
    gaps = _gaps_before(f, entered.tick, 3)
    evidence = (cite_event(entered),)
    if saw:
        return [
            Finding(
                entered.tick, r.max_points, "You saw into the room before you went in.", evidence
            )
        ]
    if any(g > f.s(r.p("stall_seconds")) for g in gaps):
        return [
            Finding(
                entered.tick,
                0,
                f"You stalled at the threshold for more than {r.p('stall_seconds'):g} s.",
                evidence,
            )
        ]
    if any(g >= f.s(r.p("pause_seconds")) for g in gaps):
        return [
            Finding(
                entered.tick, r.max_points, "You checked the doorway before entering.", evidence
            )
        ]
    return [
        Finding(
            entered.tick,
            0,
            "You went into the room without checking the doorway; slice the angle first.",
            evidence,
        )
    ]


def downed_attacker(f: Facts, r: Rule) -> list[Finding]:
    """E5 (approximation): do not walk up to a downed or surrendered attacker alone; cover from a distance until a partner comes."""
    spots: dict[str, tuple[int, Position]] = {}
    for e in f.of(PersonWounded, SuspectSurrendered):
        if isinstance(e, PersonWounded) and e.role == "suspect":
            spots.setdefault(e.person, (e.tick, e.position))
        elif isinstance(e, SuspectSurrendered):
            spots.setdefault(e.suspect, (e.tick, e.position))
    spots = {k: v for k, v in spots.items() if k in f.stops and f.stops[k][1] != "isolated"}
    if not spots:
        return [
            scenario_or_inaction(
                f,
                0,
                r.max_points,
                "no attacker was downed or surrendered.",
                "you never closed on the attacker, so there was no downed attacker to cover.",
            )
        ]
    reach = r.p("too_close_tiles")
    for suspect, (tick, at) in spots.items():
        for move in f.of(TraineeMoved):
            if move.tick < tick or move.position.floor != at.floor:
                continue
            if distance(move.position.x, move.position.y, at.x, at.y) <= reach:
                if not f.backup_on_scene(move.tick):
                    return [
                        Finding(
                            move.tick,
                            0,
                            f"You walked up to {names.attacker(f, suspect)}, down, alone. Cover from a distance and wait "
                            "for a partner before you secure the weapon.",
                            (cite_event(move),),
                        )
                    ]
                break
    first = min(tick for tick, _ in spots.values())
    yours = any(f.stops[s][2] == "trainee" for s in spots)
    if not yours and encounter(f) is not Encounter.CONTACT:
        return [
            scenario_or_inaction(
                f,
                first,
                r.max_points,
                "others stopped the attacker before you reached him.",
                "you were not there to cover the stopped attacker.",
            )
        ]
    return [
        Finding(
            first,
            r.max_points,
            "You covered the stopped attacker from a distance without walking up alone.",
        )
    ]


def exposure_when_hit(f: Facts, r: Rule) -> list[Finding]:
    """E6: -20 for each hit taken standing in the open (or behind concealment only) with cover within 3 tiles, or standing in a doorway."""
    findings = []
    for wound in f.of(PersonWounded):
        if wound.person != "trainee" or wound.by == "":
            continue
        exposed = exposed_when_hit(f, wound)
        if exposed:
            findings.append(
                Finding(
                    wound.tick,
                    r.p("per_hit_points"),
                    f"You were hit {exposed}. Use the cover at hand; do not stop in a doorway.",
                    (cite_event(wound),),
                )
            )
    return findings


def officers_harmed(f: Facts, r: Rule) -> list[Finding]:
    """E7: officers harmed are shown (the third priority group); -30 when the trainee is down."""
    findings = []
    seen: set[str] = set()
    for wound in f.of(PersonWounded):
        if wound.role not in ("officer", "trainee") or wound.person in seen:
            continue
        seen.add(wound.person)
        who = "You were" if wound.person == "trainee" else "An officer was"
        by = names.shooter(f, wound.by, "suspect" if wound.by in f.suspects else "officer")
        findings.append(
            Finding(
                wound.tick,
                0,
                f"{who} wounded ({wound.condition}) by {by}.",
                (cite_event(wound),),
            )
        )
    down = f.trainee_down()
    if down is not None:
        findings.append(
            Finding(
                down.tick,
                r.p("down_points"),
                "You were down: an officer is a protected life too, though never ahead of the "
                "victims the push is for.",
                (cite_event(down),),
            )
        )
    return findings


# -- helpers ---------------------------------------------------------------------------------------


def _never_went_in(f: Facts, what: str) -> Finding:
    return Finding(
        f.end_tick, 0, f"{NOT_CREDITED} you never went in, so there was no {what} to judge."
    )


def _recent(ticks: list[int], tick: int, memory: int) -> bool:
    i = bisect.bisect_right(ticks, tick) - 1
    return i >= 0 and tick - ticks[i] < memory


def _engagements(shots: list[ShotFired], gap: int) -> list[ShotFired]:
    first: list[ShotFired] = []
    last = -(10**9)
    for s in shots:
        if s.tick - last > gap:
            first.append(s)
        last = s.tick
    return first


def _gunfire_room_entry(f: Facts, r: Rule) -> EnteredZone | None:
    recent = f.s(r.p("gunfire_recent_seconds"))
    for e in f.of(EnteredZone):
        if e.person != "trainee" or f.zone_kind(e.zone) is not ZoneKind.ROOM:
            continue
        if not f.threat_active(e.tick):
            continue
        if any(
            0 <= e.tick - s.tick < recent and f.zone_of(s.origin) == e.zone for s in f.suspect_shots
        ):
            return e
    return None


def _gaps_before(f: Facts, tick: int, count: int) -> list[int]:
    before = [t for t in f.move_ticks if t <= tick][-(count + 1) :]
    return [b - a for a, b in pairwise(before)]


def _from(protection: str) -> str:
    return "the open" if protection == "open" else protection
