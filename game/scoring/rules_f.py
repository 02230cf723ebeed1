"""Category F, Stop the Dying (100) (doctrine §5, §7.4 F).

Casualties are the people wounded in the run (`PersonWounded`, suspects excluded) and the civilians a
level starts wounded (`CivilianGroup.wounded`, read from the level because no event reports them yet).
"""

from __future__ import annotations

from game.core.events import CiviliansDirected, PersonWounded, TourniquetApplied
from game.core.level import TICK_RATE, ZoneKind
from game.core.orders import TOURNIQUET_TICKS
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding, seconds_text
from game.scoring.points import linear, not_applicable
from game.scoring.rules_c import requests, slot

EARLY_CARE_POINTS = -20
"""F1: points per stop to treat while the attacker is active."""
IN_PATH_RESUME_TICKS = 2 * TICK_RATE
"""F1: a tourniquet counts as applied in the path when the trainee moves on this soon after it."""


def casualties(f: Facts) -> dict[str, tuple[int, str]]:
    """Everyone hurt in the run (not suspects): id -> (tick wounded, condition)."""
    found: dict[str, tuple[int, str]] = {}
    for group in f.level.civilians:
        if group.wounded and f.present(group.when):
            for i in range(group.count):
                pid = f"{group.id}.{i + 1}" if group.count > 1 else group.id
                found[pid] = (0, group.wounded)
    for e in f.of(PersonWounded):
        if e.role != "suspect":
            found.setdefault(e.person, (e.tick, e.condition))
    return found


def critical_since(f: Facts) -> int | None:
    """When the first casualty with critical bleeding occurred, or None."""
    ticks = [t for t, c in casualties(f).values() if c == "critical"]
    return min(ticks) if ticks else None


def sequencing(f: Facts, most: int) -> list[Finding]:
    """F1: stop the killing, then stop the dying; -20 per stop to treat while the attacker is active (a tourniquet in the path, in seconds, excepted)."""
    treated = [e for e in f.of(TourniquetApplied) if e.by == "trainee"]
    if critical_since(f) is None and not treated:
        return [not_applicable(0, most, "no one had critical bleeding.")]
    if not treated:
        return [Finding(f.end_tick, 0, "You gave no care, so there was no sequence to credit.")]
    findings = []
    for e in treated:
        if not f.access(e.tick) or e.person == "trainee":
            continue
        done = e.tick + TOURNIQUET_TICKS
        resumed = any(done <= t <= done + IN_PATH_RESUME_TICKS for t in f.move_ticks)
        if resumed:
            continue
        findings.append(
            Finding(
                e.tick,
                EARLY_CARE_POINTS,
                f"You stopped to treat {e.person} while the attacker could still reach victims. "
                "Stop the killing first; only a tourniquet in your path, in seconds, is allowed.",
                (cite_event(e),),
            )
        )
    if not findings:
        findings.append(
            Finding(
                treated[0].tick,
                most,
                "You treated casualties only once the killing had stopped.",
                (cite_event(treated[0]),),
            )
        )
    return findings


def first_hemorrhage_control(f: Facts, most: int) -> list[Finding]:
    """F2: first tourniquet on a critical casualty: full marks within 60 s of the stop (or of the wound), none at 300 s."""
    wounded = critical_since(f)
    if wounded is None:
        return [not_applicable(0, most, "no one had critical bleeding.")]
    stop = f.stop_tick
    if stop is None:
        return [
            Finding(
                f.end_tick,
                0,
                "The threat was never stopped, so the stop-the-dying clock never started.",
            )
        ]
    start = max(stop, wounded)
    care = f.ticks.first_care
    if care is None:
        return [Finding(f.end_tick, 0, "No casualty with critical bleeding got a tourniquet.")]
    th = f.level.scoring
    delay = max(0, care - start) / TICK_RATE
    points = round(most * linear(delay, th.care_full_seconds, th.care_zero_seconds))
    first = next(e for e in f.of(TourniquetApplied) if e.by == "trainee")
    return [
        Finding(
            care,
            points,
            f"First tourniquet {seconds_text(delay)} after the threat was stopped: full marks "
            f"within {th.care_full_seconds} s, none at {th.care_zero_seconds} s.",
            (cite_event(first),),
        )
    ]


def triage_and_ccp(f: Facts, most: int) -> list[Finding]:
    """F3: after the stop, report where the casualties are and name a CCP or guide the RTF."""
    if not casualties(f):
        return [not_applicable(0, most, "no one was hurt.")]
    stop = f.stop_tick
    if stop is None:
        return [Finding(f.end_tick, 0, "The threat was never stopped, so there was no triage.")]
    findings = []
    told = next((m for m in f.trainee_radio if m.tick >= stop and slot(m, "casualties")), None)
    if told is not None:
        findings.append(
            Finding(told.tick, most // 2, "You reported the casualties.", (cite_event(told),))
        )
    ccp = next(
        (m for m in f.trainee_radio if m.tick >= stop and {"ccp", "rtf"} & set(requests(m))),
        None,
    ) or next(
        (
            e
            for e in f.of(CiviliansDirected)
            if e.tick >= stop and f.zone_kind(e.exit_zone) is ZoneKind.CCP
        ),
        None,
    )
    if ccp is not None:
        findings.append(
            Finding(
                ccp.tick,
                most - most // 2,
                "You named a CCP or guided the rescue task force.",
                (cite_event(ccp),),
            )
        )
    if not findings:
        findings.append(
            Finding(f.end_tick, 0, "Report the casualties and name a casualty collection point.")
        )
    return findings


def zone_declaration(f: Facts, most: int) -> list[Finding]:
    """F4: radio that the area is warm once the threat is stopped or isolated, which lets the RTF in."""
    if not casualties(f):
        return [not_applicable(0, most, "no one was hurt.")]
    stop = f.stop_tick
    said = [m for m in f.trainee_radio if m.kind == "zone_warm"]
    early = [m for m in said if stop is None or m.tick < stop]
    good = [m for m in said if stop is not None and m.tick >= stop]
    if good:
        return [Finding(good[0].tick, most, "You declared the zone warm.", (cite_event(good[0]),))]
    if early:
        return [
            Finding(
                early[0].tick,
                0,
                "You declared the zone warm while the attacker was still free.",
                (cite_event(early[0]),),
            )
        ]
    return [Finding(f.end_tick, 0, "You did not declare the zone warm for the rescue task force.")]
