"""Category A, Stop the Killing (350): speed and persistence toward the threat (doctrine §7.4 A)."""

from __future__ import annotations

from game.core.events import EnteredBuilding, GunfireHeard, TraineeArrived
from game.core.level import TICK_RATE, Position
from game.scoring.evidence import cite_event, where
from game.scoring.facts import CLOSING_COST, NEAR_COST, WINDOW_TICKS, Facts
from game.scoring.ledger import Finding, clock_text, seconds_text
from game.scoring.points import linear, not_applicable, share, tiles

STALL_POINTS_PER_WINDOW = -5
"""A4: points per 10 s of stall."""
REENGAGE_TICKS = 30 * TICK_RATE
"""A5: how soon after taking fire the trainee must push forward again."""
RETREAT_COST = 30
"""A5: 3 tiles more path to the gunfire than the closest the trainee had been is falling back."""
MIN_IDEAL_SECONDS = 5.0
"""A3: the shortest ideal travel time, so that a contact a few steps from the door is not judged in fractions of a second."""


def entry_latency(f: Facts, most: int) -> list[Finding]:
    """A1: enter quickly; full marks within 60 s of arrival with gunfire audible, none after 180 s (silent: 120-300 s)."""
    t = f.ticks
    if not f.suspects:
        return [not_applicable(0, most, "there was no attacker in this scenario.")]
    if t.arrival is None:
        return [
            Finding(f.end_tick, 0, "You never arrived on scene, so there was no entry to time.")
        ]
    arrived = f.of(TraineeArrived)[0]
    limit = t.entry if t.entry is not None else f.end_tick
    gunfire = f.heard_before(limit)
    th = f.level.scoring
    full, zero = (
        (th.entry_full_seconds, th.entry_zero_seconds)
        if gunfire
        else (th.entry_full_seconds_silent, th.entry_zero_seconds_silent)
    )
    heard = f.of(GunfireHeard)
    evidence = [cite_event(arrived)]
    if heard and heard[0].tick <= limit:
        evidence.append(cite_event(heard[0], "first gunfire heard"))
    situation = "with gunfire audible" if gunfire else "with no gunfire heard"
    if t.entry is None:
        stayed = (f.end_tick - t.arrival) / TICK_RATE
        return [
            Finding(
                f.end_tick,
                0,
                f"You did not enter the building in {seconds_text(stayed)} on scene {situation}. "
                f"Full marks need an entry within {full} s of arriving.",
                tuple(evidence),
            )
        ]
    entered = f.of(EnteredBuilding)
    if entered:
        evidence.append(cite_event(entered[0]))
    delay = (t.entry - t.arrival) / TICK_RATE
    points = round(most * linear(delay, full, zero))
    return [
        Finding(
            t.entry,
            points,
            f"You entered {seconds_text(delay)} after arriving, {situation}: full marks within "
            f"{full} s, none after {zero} s.",
            tuple(evidence),
        )
    ]


def gunfire_cues(f: Facts, most: int) -> list[Finding]:
    """A2: answer each gunfire cue by closing distance within 10 s (+ per cue answered, - per cue ignored)."""
    cues = _cues(f)
    if not cues:
        return [not_applicable(0, most, "you heard no gunfire while the attacker was free.")]
    answered, evidence = 0, []
    for cue in cues:
        ok, why = _answered(f, cue)
        answered += ok
        if len(evidence) < 8:
            evidence.append(cite_event(cue, ("answered: " if ok else "ignored: ") + why))
    ignored = len(cues) - answered
    points = share(most, answered - ignored, len(cues))
    last = min(cues[-1].tick + WINDOW_TICKS, f.end_tick)
    return [
        Finding(
            last,
            points,
            f"You answered {answered} of {len(cues)} gunfire cues by closing on the sound within "
            f"10 s. Move directly toward gunfire.",
            tuple(evidence),
        )
    ]


def contact_latency(f: Facts, most: int) -> list[Finding]:
    """A3: reach the threat fast after entry (or the first shot, if later): full marks within 1.5x the ideal path time, none at 4x."""
    t = f.ticks
    if not f.suspects:
        return [not_applicable(0, most, "there was no attacker in this scenario.")]
    if t.contact is None:
        why = "never entered the building" if t.entry is None else "never made contact"
        return [
            Finding(f.end_tick, 0, f"You {why}: the attacker was not found or isolated by you.", ())
        ]
    began = max(t.entry or 0, t.shot0 or 0)
    if t.entry is None or t.contact <= began:
        return [Finding(t.contact, most, "You made contact with the attacker on arrival.", ())]
    start = f.trainee_at(began)
    end = f.trainee_at(t.contact)
    ideal = (
        max(MIN_IDEAL_SECONDS, f.ideal_seconds(start, end)) if start and end else MIN_IDEAL_SECONDS
    )
    took = (t.contact - began) / TICK_RATE
    points = round(most * linear(took, 1.5 * ideal, 4 * ideal))
    return [
        Finding(
            t.contact,
            points,
            f"You made contact {seconds_text(took)} after "
            f"{'entry' if began == t.entry else 'the first shot'}; a fast jog along the shortest "
            f"path takes about {seconds_text(ideal)} (full marks within 1.5x, none at 4x).",
            (
                f"entry at {where(start)}" if start else "entry",
                f"contact at {where(end)}" if end else "contact",
            ),
        )
    ]


def persistence(f: Facts, most: int) -> list[Finding]:
    """A4: -5 per 10 s of stall: not closing on gunfire while the attacker has access to victims (engaging, breaching, radio excused)."""
    findings = []
    for stall in f.stalls:
        windows = (stall.end - stall.start) // WINDOW_TICKS
        heard = [e for e in f.of(GunfireHeard) if stall.start <= e.tick < stall.end]
        where_from = f" behind {stall.cover}" if stall.cover != "open" else ""
        evidence = [
            f"{len(heard)} GunfireHeard between {clock_text(stall.start)} and {clock_text(stall.end)}",
            f"path to the gunfire {tiles(stall.distance_before)} -> {tiles(stall.distance_after)} tiles",
        ]
        if heard:
            evidence.append(cite_event(heard[0]))
        findings.append(
            Finding(
                stall.start,
                STALL_POINTS_PER_WINDOW * windows,
                f"You held{where_from} for {stall.seconds} s ({clock_text(stall.start)}-"
                f"{clock_text(stall.end)}) without closing on the gunfire while the attacker could "
                "reach victims. A pause is only for a reload, a malfunction or a radio report.",
                tuple(evidence),
            )
        )
    return findings


def reengagement(f: Facts, most: int) -> list[Finding]:
    """A5: after taking fire or falling back, push forward again within 30 s ("immediately and continuously")."""
    episodes = _setbacks(f)
    if not episodes:
        return [
            not_applicable(
                0,
                most,
                "you were not fired upon and did not fall back while the attacker was free.",
            )
        ]
    pushed, evidence = 0, []
    for tick, source, what in episodes:
        ok = _pushed_after(f, tick, source)
        pushed += ok
        evidence.append(f"{what}; " + ("re-advanced within 30 s" if ok else "did not re-advance"))
    points = share(most, pushed, len(episodes))
    return [
        Finding(
            episodes[-1][0],
            points,
            f"You pushed forward again within 30 s after {pushed} of {len(episodes)} times you "
            "took fire or fell back.",
            tuple(evidence),
        )
    ]


def no_waiting(f: Facts, most: int) -> list[Finding]:
    """A6: do not wait for backup or equipment while gunfire continues (+30 / -30; a level may allow a short wait)."""
    t = f.ticks
    if not f.suspects or t.arrival is None:
        return [not_applicable(0, most, "there was no attacker to wait on.")]
    limit = t.entry if t.entry is not None else f.end_tick
    if not f.heard_before(limit):
        return [
            not_applicable(
                limit, most, "no gunfire was heard before entry, so holding was not waiting."
            )
        ]
    backup = f.first_backup_tick()
    allowed = f.level.scoring.backup_wait_allowed_seconds
    if t.entry is None:
        return [
            Finding(
                f.end_tick,
                -most,
                "You stayed outside while gunfire continued. Waiting for backup or equipment "
                "lets officers benefit while the innocent suffer.",
                (),
            )
        ]
    if backup is None or t.entry < backup or backup <= t.arrival:
        return [Finding(t.entry, most, "You went in without waiting for backup or equipment.")]
    held = sum(min(s.end, backup) - s.start for s in f.stalls if s.start < backup)
    if (backup - t.arrival) / TICK_RATE <= allowed:
        return [
            Finding(
                t.entry,
                most,
                f"You waited for a partner {seconds_text((backup - t.arrival) / TICK_RATE)} "
                "away, which this level allows.",
            )
        ]
    if held >= WINDOW_TICKS and t.entry - backup <= 60 * TICK_RATE:
        return [
            Finding(
                t.entry,
                -most,
                f"You held outside {seconds_text(held / TICK_RATE)} and went in only after "
                "backup arrived, while gunfire continued.",
                (f"first backup arrived at {clock_text(backup)}",),
            )
        ]
    return [Finding(t.entry, most, "You went in without waiting for backup or equipment.")]


# -- helpers --------------------------------------------------------------------------------------


def _cues(f: Facts) -> list[GunfireHeard]:
    cues: list[GunfireHeard] = []
    for e in f.of(GunfireHeard):
        if not f.threat_active(e.tick):
            continue
        if not cues or e.tick - cues[-1].tick >= WINDOW_TICKS:
            cues.append(e)
    return cues


def _answered(f: Facts, cue: GunfireHeard) -> tuple[bool, str]:
    end = min(cue.tick + WINDOW_TICKS, f.end_tick)
    why = f.excused(cue.tick, end + 1)
    if why:
        return True, why
    source = f.source_at(cue.tick)
    before = f.distance_to_gunfire(cue.tick, source)
    after = f.distance_to_gunfire(end, source)
    if before is None or after is None:
        return False, "no position"
    text = f"{tiles(before)} -> {tiles(after)} tiles"
    return (before - after >= CLOSING_COST or after <= NEAR_COST), text


def _setbacks(f: Facts) -> list[tuple[int, Position, str]]:
    """Times the trainee took fire or fell back from the gunfire while the attacker had access."""
    found: list[tuple[int, Position, str]] = []
    for shot in f.suspect_shots:
        if shot.target == "trainee" or "trainee" in shot.non_threats_on_line:
            found.append((shot.tick, shot.origin, cite_event(shot, "took fire")))
    closest: float | None = None
    closest_to: Position | None = None
    for tick in f.move_ticks:
        source = f.source_at(tick)
        here = f.distance_to_gunfire(tick, source)
        if source is None or here is None or not f.access(tick):
            closest = None
            continue
        if closest is None or source != closest_to or here < closest:
            closest, closest_to = here, source
            continue
        if here - closest >= RETREAT_COST:
            found.append(
                (tick, source, f"fell back {tiles(here - closest)} tiles at {clock_text(tick)}")
            )
            closest = here
    found.sort(key=lambda item: item[0])
    episodes: list[tuple[int, Position, str]] = []
    for item in found:
        if episodes and item[0] - episodes[-1][0] < REENGAGE_TICKS:
            continue
        episodes.append(item)
    return episodes


def _pushed_after(f: Facts, tick: int, source: Position) -> bool:
    end = min(tick + REENGAGE_TICKS, f.end_tick)
    if any(tick <= s.tick <= end for s in f.trainee_shots):
        return True
    if not f.threat_active(end):
        return True
    before = f.distance_to_gunfire(tick, source)
    if before is None:
        return False
    for moved in [t for t in f.move_ticks if tick < t <= end]:
        after = f.distance_to_gunfire(moved, source)
        if after is not None and (before - after >= CLOSING_COST or after <= NEAR_COST):
            return True
    return False
