"""Category F, Stop the Dying (100) (doctrine §5, §7.4 F).

Casualties are everyone `PersonWounded` reports who is not a suspect, the civilians a level starts
wounded included (the world reports them at tick 0).
"""

from __future__ import annotations

from game.core.events import CiviliansDirected, TourniquetApplied
from game.core.level import ZoneKind
from game.core.orders import TOURNIQUET_TICKS
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding, seconds_text
from game.scoring.points import linear, not_applicable
from game.scoring.rule import Rule
from game.scoring.rules_c import slot


def critical_since(f: Facts) -> int | None:
    """When the first casualty with critical bleeding occurred, or None."""
    ticks = [t for t, c in f.casualties().values() if c == "critical"]
    return min(ticks) if ticks else None


def stop_tick(f: Facts) -> int | None:
    """When the killing stopped: the threat-stopped clock, or the start when there was no attacker."""
    return f.ticks("threat_stopped") if f.suspects else 0


def sequencing(f: Facts, r: Rule) -> list[Finding]:
    """F1: stop the killing, then stop the dying; -20 per stop to treat while the attacker has access (a tourniquet in the path, in seconds, excepted)."""
    treated = [e for e in f.of(TourniquetApplied) if e.by == "trainee"]
    if critical_since(f) is None and not treated:
        return [not_applicable(0, r.max_points, "no one had critical bleeding.")]
    if not treated:
        return [Finding(f.end_tick, 0, "You gave no care, so there was no sequence to credit.")]
    findings = []
    resume = f.s(r.p("resume_within_seconds"))
    busy = TOURNIQUET_TICKS
    for e in treated:
        if not f.access(e.tick) or e.person == "trainee":
            continue
        done = e.tick + busy
        if any(done <= t <= done + resume for t in f.move_ticks):
            continue
        findings.append(
            Finding(
                e.tick,
                r.p("early_care_points"),
                "You stopped to treat a casualty while the attacker could still reach victims. "
                "Stop the killing first; only a tourniquet in your path, in seconds, is allowed.",
                (cite_event(e),),
            )
        )
    if not findings:
        findings.append(
            Finding(
                treated[0].tick,
                r.max_points,
                "You treated casualties only when no attacker could reach victims, or in seconds on your way.",
                (cite_event(treated[0]),),
            )
        )
    return findings


def first_hemorrhage_control(f: Facts, r: Rule) -> list[Finding]:
    """F2: first tourniquet on a critical casualty: full marks within 60 s of the stop (or of the wound), none at 300 s."""
    wounded = critical_since(f)
    if wounded is None:
        return [not_applicable(0, r.max_points, "no one had critical bleeding.")]
    stop = stop_tick(f)
    if stop is None:
        return [
            Finding(
                f.end_tick,
                0,
                "The threat was never stopped, so the stop-the-dying clock never started.",
            )
        ]
    start = max(stop, wounded)
    care = f.ticks("first_care")
    if care is None:
        return [Finding(f.end_tick, 0, "No casualty with critical bleeding got a tourniquet.")]
    th = f.thresholds
    delay = f.seconds(max(0, care - start))
    points = round(r.max_points * linear(delay, th.care_full_seconds, th.care_zero_seconds))
    first = next(e for e in f.of(TourniquetApplied) if e.by == "trainee")
    after = "the threat was stopped" if start == stop else "the wound"
    return [
        Finding(
            care,
            points,
            f"First tourniquet {seconds_text(delay)} after {after}: full marks "
            f"within {th.care_full_seconds} s, none at {th.care_zero_seconds} s.",
            (cite_event(first),),
        )
    ]


def triage_and_ccp(f: Facts, r: Rule) -> list[Finding]:
    """F3: after the stop, report where the casualties are and name a CCP or guide the RTF."""
    if not f.casualties():
        return [not_applicable(0, r.max_points, "no one was hurt.")]
    stop = stop_tick(f)
    if stop is None:
        return [Finding(f.end_tick, 0, "The threat was never stopped, so there was no triage.")]
    findings = []
    after = [m for m in f.trainee_radio if m.tick >= stop]
    told = next((m for m in after if slot(m, "casualties")), None)
    if told is not None:
        findings.append(
            Finding(
                told.tick, r.max_points // 2, "You reported the casualties.", (cite_event(told),)
            )
        )
    ccp = next((m for m in after if {"ccp", "rtf"} & set(f.meaning(m).requests)), None) or next(
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
                r.max_points - r.max_points // 2,
                "You named a CCP or guided the rescue task force.",
                (cite_event(ccp),),
            )
        )
    if not findings:
        findings.append(
            Finding(f.end_tick, 0, "Report the casualties and name a casualty collection point.")
        )
    return findings


def zone_declaration(f: Facts, r: Rule) -> list[Finding]:
    """F4: radio that the area is warm once the threat is stopped or isolated, which lets the RTF in."""
    if not f.casualties():
        return [not_applicable(0, r.max_points, "no one was hurt.")]
    stop = stop_tick(f)
    said = [m for m in f.trainee_radio if m.kind == "zone_warm"]
    early = [m for m in said if stop is None or m.tick < stop]
    good = [m for m in said if stop is not None and m.tick >= stop]
    if good:
        return [
            Finding(
                good[0].tick, r.max_points, "You declared the zone warm.", (cite_event(good[0]),)
            )
        ]
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
