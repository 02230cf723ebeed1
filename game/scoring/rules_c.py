"""Category C, Communications and command hand-off (150) (doctrine §2.1, §2.2, §7.4 C, §7.8).

Radio is judged by meaning (`radio.meaning`), not by the kind a message was sent as: a report is a
report whatever its kind, "making entry" in an action slot is an entry announcement, and an order to
hold back is a stand-off whatever carried it.
"""

from __future__ import annotations

from game.core.events import EnteredBuilding, RadioSent
from game.core.level import ZoneKind
from game.core.radio import Meaning
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding, seconds_text
from game.scoring.points import not_applicable
from game.scoring.rule import Rule

CHECKLIST = ("location", "shots", "description", "weapon", "direction", "casualties", "action")
"""The seven items of the initial report (§2.1); "action" is filled by an action or a request."""


def slot(message: RadioSent, name: str) -> str:
    """A slot's value, or ''."""
    return next((v for k, v in message.slots if k == name), "")


def misreports(f: Facts) -> list[tuple[RadioSent, str]]:
    """Messages that called an attacker with access contained or stopped."""
    return [(m, why) for m in f.trainee_radio if (why := f.misreport(m))]


def stand_off(f: Facts, m: RadioSent) -> str:
    """Why a message is a stand-off order (doctrine §7.8 HF5 by meaning), or ''.

    It counts while the attacker is active with access to victims: free, and shooting within the
    firing window before or after the order (an order given a moment before the first shot counts).
    """
    window = f.s(f.standards.firing_seconds)
    shooting = any(abs(s.tick - m.tick) < window for s in f.suspect_shots)
    if not f.threat_active(m.tick) or not (shooting or f.audible(m.tick) or f.access(m.tick)):
        return ""
    said = f.meaning(m)
    if said.orders_stand_off:
        return "told other units to hold back or stay away"
    entry = f.ticks("entry")
    zero = f.s(f.thresholds.entry_zero_seconds)
    if said.asks_perimeter and (entry is None or entry - m.tick > zero):
        return "set a perimeter instead of going in"
    return ""


def initial_report(f: Facts, r: Rule) -> list[Finding]:
    """C1: 10 points an item of the initial report sent within 30 s of arrival (half up to 90 s): location, shots, description, weapon, direction, casualties, action/requests."""
    arrival = f.ticks("arrival")
    th = f.thresholds
    full, half = f.s(th.initial_report_full_seconds), f.s(th.initial_report_half_seconds)
    first: dict[str, RadioSent] = {}
    for m in f.trainee_radio:
        if arrival is None or stand_off(f, m):
            continue
        for item in _items(f, m):
            first.setdefault(item, m)
    if arrival is None or not first:
        return [
            Finding(
                f.end_tick,
                0,
                "You sent no initial report. Give location, shots, description, weapon, "
                f"direction, casualties and your action within {th.initial_report_full_seconds} s "
                "of arriving.",
            )
        ]
    on_time = [i for i in CHECKLIST if i in first and first[i].tick - arrival <= full]
    late = [i for i in CHECKLIST if i in first and full < first[i].tick - arrival <= half]
    missing = [i for i in CHECKLIST if i not in on_time and i not in late]
    points = round(r.max_points * (len(on_time) + len(late) / 2) / len(CHECKLIST))
    main = max(first.values(), key=lambda m: sum(1 for v in first.values() if v is m))
    moving = f.moved_between(main.tick - f.s(2), main.tick + f.s(2))
    text = (
        f"Initial report: {len(on_time)} of 7 items within {th.initial_report_full_seconds} s of "
        "arriving"
        + (f" ({', '.join(on_time)})" if on_time else "")
        + (
            f", {len(late)} more within {th.initial_report_half_seconds} s ({', '.join(late)})"
            if late
            else ""
        )
        + (f"; missing or later: {', '.join(missing)}" if missing else "")
        + "."
        + (" Sent on the move." if moving else " Send it on the move.")
    )
    evidence = tuple(cite_event(m) for m in dict.fromkeys(first.values()))
    return [Finding(main.tick, points, text, evidence[:6])]


def entry_announcement(f: Facts, r: Rule) -> list[Finding]:
    """C2: radio "making entry at ___" (as a message or in its action slot) before or as you cross the threshold."""
    entry = f.ticks("entry")
    entered = [e for e in f.of(EnteredBuilding) if e.person == "trainee"]
    if entered and entered[0].on_arrival:
        return [not_applicable(entry or 0, r.max_points, "you were already inside the building.")]
    if entry is None:
        return [Finding(f.end_tick, 0, "You never made entry.")]
    said = [m for m in f.trainee_radio if f.meaning(m).making_entry]
    if not said:
        return [
            Finding(entry, 0, "You went in without radioing that you were making entry, and where.")
        ]
    before = [m for m in said if m.tick <= entry]
    m = before[0] if before else said[0]
    named = bool(slot(m, "location")) or _free_words(f.meaning(m), slot(m, "action"))
    if m.tick <= entry:
        points = r.max_points if named else round(r.max_points * 2 / 3)
        text = "You radioed that you were making entry" + (
            " and where." if named else "; name the entry point too."
        )
    else:
        points = round(r.max_points / 3)
        text = (
            f"You radioed that you were making entry {seconds_text(f.seconds(m.tick - entry))} "
            "after going in; say it before."
        )
    return [Finding(m.tick, points, text, (cite_event(m),))]


def command_and_staging(f: Facts, r: Rule) -> list[Finding]:
    """C3: hand off or request command, name a staging area for EMS and units, ask for perimeter or rear coverage."""
    parts = (
        ("command", r.p("command_share"), ""),
        ("staging", r.p("staging_share"), "named a staging area for EMS and arriving units"),
        ("perimeter", r.p("perimeter_share"), "asked for perimeter or rear coverage"),
    )
    findings = []
    for key, weight, text in parts:
        for m in f.trainee_radio:
            if not stand_off(f, m) and _has(f, m, key):
                if key == "command":
                    text = (
                        "asked the next unit or a supervisor to take command"
                        if "command" in f.meaning(m).requests
                        else "took command and directed arriving units"
                    )
                findings.append(
                    Finding(m.tick, round(r.max_points * weight), f"You {text}.", (cite_event(m),))
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


def status_updates(f: Facts, r: Rule) -> list[Finding]:
    """C4: +5 per status update with new information on the attacker while the threat is active (max 25); -10 for calling an attacker with access contained or stopped."""
    if not f.suspects:
        return [not_applicable(0, r.max_points, "there was no attacker to report on.")]
    findings: list[Finding] = []
    wrong = misreports(f)
    misled = {id(m) for m, _ in wrong}
    earned, last_tick, last_info = 0, -(10**9), frozenset()
    spacing, repeat = f.s(r.p("spacing_seconds")), f.s(r.p("repeat_after_seconds"))
    for m in f.trainee_radio:
        said = f.meaning(m)
        info = frozenset(x for x in said.facts if x[0] in _ATTACKER_INFO)
        if m.kind in ("initial_report", "self_description") or said.orders_stand_off:
            last_info = info or last_info
            continue
        if not info or not f.threat_active(m.tick) or id(m) in misled:
            continue
        if m.tick - last_tick < spacing or earned >= r.max_points:
            continue
        if info == last_info and m.tick - last_tick < repeat:
            continue
        last_tick, last_info = m.tick, info
        earned += r.p("update_points")
        findings.append(
            Finding(
                m.tick,
                r.p("update_points"),
                "Status update on the attacker with new information.",
                (cite_event(m),),
            )
        )
    for m, what in wrong:
        findings.append(
            Finding(
                m.tick,
                r.p("misreport_points"),
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


def post_stop_report(f: Facts, r: Rule) -> list[Finding]:
    """C5: once the threat is stopped, radio it with casualties and a request for RTF/EMS to the CCP."""
    stop = f.ticks("threat_stopped")
    if not f.suspects:
        return [not_applicable(0, r.max_points, "there was no attacker to stop.")]
    if stop is None:
        return [
            Finding(f.end_tick, 0, "The threat was not stopped, so there was no post-stop report.")
        ]
    said = [
        m
        for m in f.trainee_radio
        if m.tick >= stop
        and (m.kind == "post_stop" or f.meaning(m).says_stopped or f.meaning(m).says_contained)
    ]
    if not said:
        return [Finding(f.end_tick, 0, "You did not radio that the suspect was stopped.")]
    m = said[0]
    casualties = bool(slot(m, "casualties"))
    asked = bool({"rtf", "ems", "ccp"} & set(f.meaning(m).requests))
    points = round(r.max_points * (1 + 2 * casualties + 2 * asked) / 5)
    text = "Post-stop report" + (
        " with casualties and a request for RTF/EMS."
        if casualties and asked
        else "; give casualties and request RTF/EMS to the CCP."
    )
    return [Finding(m.tick, points, text, (cite_event(m),))]


def radio_discipline(f: Facts, r: Rule) -> list[Finding]:
    """C6: -5 per redundant or long transmission while an entry is in progress (cap -20): keep the channel clear."""
    start = f.ticks("entry")
    if start is None:
        return []
    stop = f.ticks("threat_stopped")
    end = stop if stop is not None else f.end_tick
    findings: list[Finding] = []
    lost = 0
    sent = f.trainee_radio
    redundant = f.s(r.p("redundant_seconds"))
    for i, m in enumerate(sent):
        if not start <= m.tick < end or lost <= r.p("cap_points"):
            continue
        repeat = any(
            p.kind == m.kind and p.slots == m.slots and m.tick - p.tick <= redundant
            for p in sent[:i]
        )
        long = m.kind != "initial_report" and len(m.slots) >= r.p("long_slots")
        if repeat or long:
            lost += r.p("per_call_points")
            findings.append(
                Finding(
                    m.tick,
                    r.p("per_call_points"),
                    ("Repeated transmission" if repeat else "Long transmission")
                    + " during the entry: keep the channel clear for the entry team.",
                    (cite_event(m),),
                )
            )
    return findings


# -- helpers --------------------------------------------------------------------------------------

_ATTACKER_INFO = ("shots", "status", "direction", "casualties", "location")


def _items(f: Facts, m: RadioSent) -> list[str]:
    """The initial-report items a message carries."""
    own = m.kind == "self_description"
    said = f.meaning(m)
    items = []
    for item in CHECKLIST:
        if item == "action":
            if said.actions or said.requests or slot(m, "action"):
                items.append(item)
        elif item == "shots":
            if (slot(m, "shots") or slot(m, "status")) and not f.misreport(m):
                items.append(item)
        elif item in ("description", "weapon") and own:
            continue
        elif slot(m, item):
            items.append(item)
    return items


def _free_words(said: Meaning, action: str) -> bool:
    """Whether an action slot holds the sender's own words (which may name the place), not just a value."""
    return bool(action) and action not in said.actions


def _has(f: Facts, m: RadioSent, key: str) -> bool:
    said = f.meaning(m)
    if key == "command":
        return "command" in said.requests or (m.kind == "command" and not said.orders_stand_off)
    if key == "staging":
        return "staging" in said.requests or (
            m.kind == "request" and f.zone_kind(said.location) is ZoneKind.STAGING
        )
    return said.asks_perimeter
