"""Category C, Communications and command hand-off (150) (doctrine §2.1, §2.2, §7.4 C)."""

from __future__ import annotations

from game.core.events import EnteredBuilding, RadioSent
from game.core.level import TICK_RATE, ZoneKind
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding, seconds_text
from game.scoring.points import not_applicable

CHECKLIST = ("location", "shots", "description", "weapon", "direction", "casualties", "action")
"""The seven slots of the initial report (§2.1); "action" is filled by either action or requests."""
UPDATE_POINTS = 5
MISREPORT_POINTS = -10
UPDATE_SPACING_TICKS = 10 * TICK_RATE
"""C4: updates closer together than this count once."""
REDUNDANT_TICKS = 30 * TICK_RATE
"""C6: the same message again within this time is redundant."""
LONG_SLOTS = 6
"""C6: a transmission other than the initial report with this many slots is long."""
DISCIPLINE_POINTS = -5
DISCIPLINE_CAP = -20


def slot(message: RadioSent, name: str) -> str:
    """A slot's value, or ''."""
    return next((v for k, v in message.slots if k == name), "")


def requests(message: RadioSent) -> list[str]:
    """The requests named in a message."""
    return [r.strip() for r in slot(message, "requests").split(",") if r.strip()]


def misreports(f: Facts) -> list[tuple[RadioSent, str]]:
    """Messages that told others the attacker was contained, or shots had stopped, while the attacker could still reach victims."""
    return [(m, why) for m in f.trainee_radio if (why := f.misreport(m))]


def initial_report(f: Facts, most: int) -> list[Finding]:
    """C1: 10 points a checklist slot sent within 30 s of arrival (half up to 90 s): location, shots, description, weapon, direction, casualties, action/requests."""
    arrival = f.ticks.arrival
    reports = [m for m in f.trainee_radio if m.kind == "initial_report"]
    if arrival is None or not reports:
        return [
            Finding(
                f.end_tick,
                0,
                "You sent no initial report. Give location, shots, description, weapon, "
                "direction, casualties and your action within 30 s of arriving.",
            )
        ]
    th = f.level.scoring
    best: tuple[int, RadioSent, list[str], float] | None = None
    for m in reports:
        filled = [s for s in CHECKLIST if slot(m, s) or (s == "action" and slot(m, "requests"))]
        delay = (m.tick - arrival) / TICK_RATE
        factor = (
            1.0
            if delay <= th.initial_report_full_seconds
            else 0.5
            if delay <= th.initial_report_half_seconds
            else 0.0
        )
        points = round(most * len(filled) / len(CHECKLIST) * factor)
        if best is None or points > best[0]:
            best = (points, m, filled, delay)
    points, m, filled, delay = best
    missing = [s for s in CHECKLIST if s not in filled]
    moving = f.moved_between(m.tick - 20, m.tick + 20)
    text = (
        f"Initial report {seconds_text(delay)} after arrival with {len(filled)} of 7 items"
        + (f" (missing: {', '.join(missing)})" if missing else "")
        + f"; full credit within {th.initial_report_full_seconds} s, half up to "
        f"{th.initial_report_half_seconds} s."
        + (" Sent on the move." if moving else " Send it on the move.")
    )
    return [Finding(m.tick, points, text, (cite_event(m),))]


def entry_announcement(f: Facts, most: int) -> list[Finding]:
    """C2: radio "making entry at ___" before or as you cross the threshold."""
    t = f.ticks
    if t.entry is not None and t.entry == t.arrival and not f.of(EnteredBuilding):
        return [not_applicable(t.entry, most, "you started inside the building.")]
    said = [m for m in f.trainee_radio if m.kind == "making_entry"]
    if t.entry is None:
        return [Finding(f.end_tick, 0, "You never made entry.")]
    if not said:
        return [Finding(t.entry, 0, 'You went in without radioing "making entry" and where.')]
    m = said[0]
    named = bool(slot(m, "location") or slot(m, "action"))
    if m.tick <= t.entry:
        points = most if named else round(most * 2 / 3)
        text = 'You radioed "making entry"' + (
            " with your entry point." if named else "; name the entry point too."
        )
    else:
        points = round(most / 3)
        text = f'You radioed "making entry" {seconds_text((m.tick - t.entry) / TICK_RATE)} after going in; say it before.'
    return [Finding(m.tick, points, text, (cite_event(m),))]


def command_and_staging(f: Facts, most: int) -> list[Finding]:
    """C3: hand off or request command, name a staging area for EMS and units, ask for perimeter or rear coverage."""
    parts = (
        ("command", 0.4, "asked the next unit or a supervisor to take command"),
        ("staging", 0.4, "named a staging area for EMS and arriving units"),
        ("perimeter", 0.2, "asked for perimeter or rear coverage"),
    )
    findings = []
    for key, weight, text in parts:
        for m in f.trainee_radio:
            if _has(f, m, key):
                findings.append(
                    Finding(m.tick, round(most * weight), f"You {text}.", (cite_event(m),))
                )
                break
    if not findings:
        findings.append(
            Finding(
                f.end_tick,
                0,
                "You did not hand off command, name a staging area or ask for perimeter cover.",
            )
        )
    return findings


def status_updates(f: Facts, most: int) -> list[Finding]:
    """C4: +5 per status update on the attacker and "still shooting" (max 25); -10 for calling an attacker with access "barricaded/contained"."""
    if not f.suspects:
        return [not_applicable(0, most, "there was no attacker to report on.")]
    findings: list[Finding] = []
    earned, last = 0, -(10**9)
    wrong = misreports(f)
    misled = {id(m) for m, _ in wrong}
    for m in f.trainee_radio:
        if m.kind != "update" or not f.threat_active(m.tick) or id(m) in misled:
            continue
        if not (slot(m, "shots") or slot(m, "location") or slot(m, "direction")):
            continue
        if m.tick - last < UPDATE_SPACING_TICKS or earned >= most:
            continue
        last = m.tick
        earned += UPDATE_POINTS
        findings.append(
            Finding(m.tick, UPDATE_POINTS, "Status update on the attacker.", (cite_event(m),))
        )
    for m, what in wrong:
        findings.append(
            Finding(
                m.tick,
                MISREPORT_POINTS,
                f"You {what} while the attacker could still reach victims. An active shooter "
                "with access to victims is never a barricaded subject.",
                (cite_event(m),),
            )
        )
    if not findings:
        findings.append(
            Finding(f.end_tick, 0, "You sent no status update while the threat was active.")
        )
    return findings


def post_stop_report(f: Facts, most: int) -> list[Finding]:
    """C5: once the threat is stopped, radio it with casualties and a request for RTF/EMS to the CCP."""
    stop = f.ticks.threat_stopped
    if not f.suspects:
        return [not_applicable(0, most, "there was no attacker to stop.")]
    if stop is None:
        return [
            Finding(f.end_tick, 0, "The threat was not stopped, so there was no post-stop report.")
        ]
    said = [m for m in f.trainee_radio if m.kind == "post_stop" and m.tick >= stop]
    if not said:
        return [Finding(f.end_tick, 0, "You did not radio that the suspect was stopped.")]
    m = said[0]
    casualties = bool(slot(m, "casualties"))
    asked = bool({"rtf", "ems", "ccp"} & set(requests(m)))
    points = round(most * (1 + 2 * casualties + 2 * asked) / 5)
    text = "Post-stop report" + (
        " with casualties and a request for RTF/EMS."
        if casualties and asked
        else "; give casualties and request RTF/EMS to the CCP."
    )
    return [Finding(m.tick, points, text, (cite_event(m),))]


def radio_discipline(f: Facts, most: int) -> list[Finding]:
    """C6: -5 per redundant or long transmission while an entry is in progress (cap -20): keep the channel clear."""
    start = f.ticks.entry
    if start is None:
        return []
    end = f.ticks.threat_stopped if f.ticks.threat_stopped is not None else f.end_tick
    findings: list[Finding] = []
    lost = 0
    sent = f.trainee_radio
    for i, m in enumerate(sent):
        if not start <= m.tick < end or lost <= DISCIPLINE_CAP:
            continue
        repeat = any(
            p.kind == m.kind and p.slots == m.slots and m.tick - p.tick <= REDUNDANT_TICKS
            for p in sent[:i]
        )
        long = m.kind != "initial_report" and len(m.slots) >= LONG_SLOTS
        if repeat or long:
            lost += DISCIPLINE_POINTS
            findings.append(
                Finding(
                    m.tick,
                    DISCIPLINE_POINTS,
                    ("Repeated transmission" if repeat else "Long transmission")
                    + " during the entry: keep the channel clear for the entry team.",
                    (cite_event(m),),
                )
            )
    return findings


def _has(f: Facts, m: RadioSent, key: str) -> bool:
    asked = requests(m)
    if key == "command":
        return m.kind == "command" or "command" in asked
    if key == "staging":
        location_kind = f.zone_kind(slot(m, "location"))
        return "staging" in asked or (m.kind == "request" and location_kind is ZoneKind.STAGING)
    return "perimeter" in asked
