"""Category E, Tactics: cover, movement, approach (100) (doctrine §4, §7.4 E)."""

from __future__ import annotations

from itertools import pairwise

from game.core.events import (
    ContactMade,
    EnteredZone,
    PersonSighted,
    PersonWounded,
    ShotFired,
    SuspectSurrendered,
    ThreatStopped,
    TraineeMoved,
)
from game.core.geometry import distance
from game.core.level import TICK_RATE, Position, TileKind, ZoneKind
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding
from game.scoring.points import not_applicable, share

NEAR_PROTECTION_TILES = 2
"""E1: within this many tiles of cover or concealment counts as a covered approach."""
COVER_REACH_TILES = 3
"""E2: cover this close when engaging from the open or from concealment costs points."""
ENGAGEMENT_GAP_TICKS = 3 * TICK_RATE
"""E2: shots closer together than this are one engagement."""
AVOIDABLE_POINTS = -10
RUN_MEMORY_TICKS = 5
"""E1: the trainee counts as moving fast for this long after a running step."""
PROTECTING = frozenset({TileKind.WALL, TileKind.COVER, TileKind.CONCEALMENT, TileKind.PARTITION})


def covered_approach(f: Facts, most: int) -> list[Finding]:
    """E1: outside, stay within 2 tiles of cover or concealment, or move fast; do not stand in the open."""
    t = f.ticks
    if t.arrival is None:
        return [Finding(f.end_tick, 0, "You never arrived on scene.")]
    end = t.entry if t.entry is not None else f.end_tick
    if end <= t.arrival:
        return [not_applicable(t.arrival, most, "you started inside the building.")]
    runs = [e.tick for e in f.of(TraineeMoved) if e.pace == "run"]
    good = 0
    for tick in range(t.arrival, end):
        here = f.trainee_at(tick)
        fast = any(0 <= tick - r < RUN_MEMORY_TICKS for r in runs)
        if fast or (here is not None and _near_protection(f, here)):
            good += 1
    total = end - t.arrival
    points = share(most, good, total)
    return [
        Finding(
            end,
            points,
            f"On the approach you were near cover or moving fast {100 * good // total} % of the "
            "time; outside is the more dangerous phase.",
        )
    ]


def cover_when_engaging(f: Facts, most: int) -> list[Finding]:
    """E2: engage from cover, not concealment (+20 scaled; -10 per engagement from concealment or the open with cover within 3 tiles)."""
    engagements = _engagements(f.trainee_shots)
    if not engagements:
        return [not_applicable(0, most, "you did not engage.")]
    covered = [s for s in engagements if s.shooter_protection == "cover"]
    findings = [
        Finding(
            engagements[0].tick,
            share(most, len(covered), len(engagements)),
            f"You engaged from cover {len(covered)} of {len(engagements)} times.",
            tuple(cite_event(s) for s in engagements[:4]),
        )
    ]
    for shot in engagements:
        if shot.shooter_protection != "cover" and _cover_within(f, shot.origin):
            findings.append(
                Finding(
                    shot.tick,
                    AVOIDABLE_POINTS,
                    f"You engaged from {_from(shot.shooter_protection)} with cover within "
                    f"{COVER_REACH_TILES} tiles. Concealment hides you; only cover stops rounds.",
                    (cite_event(shot),),
                )
            )
    return findings


def speed_matched(f: Facts, most: int) -> list[Finding]:
    """E3: move fast when gunfire is audible, deliberately when it is silent."""
    moves = [e for e in f.of(TraineeMoved) if f.threat_active(e.tick)]
    if not f.suspects:
        return [not_applicable(0, most, "there was no attacker.")]
    if not moves:
        return [Finding(f.end_tick, 0, "You did not move while the threat was active.")]
    matched = sum(1 for e in moves if (e.pace == "run") == f.audible(e.tick))
    return [
        Finding(
            moves[-1].tick,
            share(most, matched, len(moves)),
            f"Your pace matched the situation on {100 * matched // len(moves)} % of your steps: "
            "a fast jog toward gunfire, a deliberate walk when silent.",
        )
    ]


def threshold_evaluation(f: Facts, most: int) -> list[Finding]:
    """E4 (approximation): before entering the room the gunfire comes from, see into it from the doorway or pause 1-5 s at the threshold, without stalling."""
    entered = _gunfire_room_entry(f)
    if entered is None:
        return [
            not_applicable(0, most, "you did not have to enter the room the gunfire came from.")
        ]
    saw = any(
        (isinstance(e, ContactMade) or (isinstance(e, PersonSighted) and e.role == "suspect"))
        and e.tick < entered.tick
        for e in f.events
    )
    gaps = _gaps_before(f, entered.tick, 3)
    if saw:
        return [
            Finding(
                entered.tick,
                most,
                "You saw into the room before you went in.",
                (cite_event(entered),),
            )
        ]
    if any(g > 5 * TICK_RATE for g in gaps):
        return [
            Finding(
                entered.tick,
                0,
                "You stalled at the threshold for more than 5 s.",
                (cite_event(entered),),
            )
        ]
    if any(g >= TICK_RATE for g in gaps):
        return [
            Finding(
                entered.tick,
                most,
                "You checked the doorway before entering.",
                (cite_event(entered),),
            )
        ]
    return [
        Finding(
            entered.tick,
            0,
            "You went into the room without checking the doorway; slice the angle first.",
            (cite_event(entered),),
        )
    ]


def downed_attacker(f: Facts, most: int) -> list[Finding]:
    """E5 (approximation): do not walk up to a downed or surrendered attacker alone; cover from a distance until a partner comes."""
    spots: dict[str, tuple[int, Position]] = {}
    for e in f.events:
        if isinstance(e, PersonWounded) and e.role == "suspect":
            spots.setdefault(e.person, (e.tick, e.position))
        elif isinstance(e, SuspectSurrendered):
            spots.setdefault(e.suspect, (e.tick, e.position))
    stopped = {e.suspect for e in f.of(ThreatStopped)}
    spots = {k: v for k, v in spots.items() if k in stopped}
    if not spots:
        return [not_applicable(0, most, "no attacker was downed or surrendered.")]
    for suspect, (tick, at) in spots.items():
        for move in f.of(TraineeMoved):
            if move.tick < tick or move.position.floor != at.floor:
                continue
            if distance(move.position.x, move.position.y, at.x, at.y) <= 1.5:
                if not f.backup_on_scene(move.tick):
                    return [
                        Finding(
                            move.tick,
                            0,
                            f"You walked up to {suspect} alone. Cover from a distance and wait "
                            "for a partner before you secure the weapon.",
                            (cite_event(move),),
                        )
                    ]
                break
    first = min(tick for tick, _ in spots.values())
    return [Finding(first, most, "You covered the stopped attacker from a distance.")]


# -- helpers ---------------------------------------------------------------------------------------


def _near_protection(f: Facts, here: Position) -> bool:
    cache = f.memo.setdefault("near_protection", {})
    if here not in cache:
        r = NEAR_PROTECTION_TILES
        cache[here] = any(
            f.building.kind(Position(here.floor, here.x + dx, here.y + dy)) in PROTECTING
            for dx in range(-r, r + 1)
            for dy in range(-r, r + 1)
        )
    return cache[here]


def _cover_within(f: Facts, origin: Position) -> bool:
    r = COVER_REACH_TILES
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            tile = Position(origin.floor, origin.x + dx, origin.y + dy)
            if f.building.walkable(tile) and f.building.protection(tile)[0] == "cover":
                return True
    return False


def _engagements(shots: list[ShotFired]) -> list[ShotFired]:
    first: list[ShotFired] = []
    last = -(10**9)
    for s in shots:
        if s.tick - last > ENGAGEMENT_GAP_TICKS:
            first.append(s)
        last = s.tick
    return first


def _gunfire_room_entry(f: Facts) -> EnteredZone | None:
    for e in f.of(EnteredZone):
        if e.person != "trainee" or f.zone_kind(e.zone) is not ZoneKind.ROOM:
            continue
        if not f.threat_active(e.tick):
            continue
        recent = [
            s
            for s in f.suspect_shots
            if 0 <= e.tick - s.tick < 30 * TICK_RATE and f.zone_of(s.origin) == e.zone
        ]
        if recent:
            return e
    return None


def _gaps_before(f: Facts, tick: int, count: int) -> list[int]:
    before = [t for t in f.move_ticks if t <= tick][-(count + 1) :]
    return [b - a for a, b in pairwise(before)]


def _from(protection: str) -> str:
    return "the open" if protection == "open" else protection
