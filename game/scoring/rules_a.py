"""Category A, Stop the Killing (350): speed and persistence toward the threat (doctrine §7.4 A, §7.8)."""

from __future__ import annotations

from game.core.clock import tick_clock
from game.core.events import (
    BreachStarted,
    ChallengeIssued,
    ContactMade,
    EnteredBuilding,
    GunfireHeard,
    PersonWounded,
    TraineeArrived,
)
from game.core.level import Position
from game.scoring import names
from game.scoring.encounter import NOT_CREDITED, Encounter, encounter
from game.scoring.evidence import cite_event, where
from game.scoring.exposure import exposed_when_hit
from game.scoring.facts import Facts
from game.scoring.ledger import Finding, seconds_text
from game.scoring.points import linear, not_applicable, share, tiles
from game.scoring.rule import Rule
from game.scoring.stalls import closing, stalls


def entry_latency(f: Facts, r: Rule) -> list[Finding]:
    """A1: enter quickly; full marks within 60 s of arrival with gunfire audible, none after 180 s (silent: 120-300 s)."""
    arrival, entry = f.ticks("arrival"), f.ticks("entry")
    if not f.suspects:
        return [not_applicable(0, r.max_points, "there was no attacker in this scenario.")]
    if arrival is None:
        return [
            Finding(f.end_tick, 0, "You never arrived on scene, so there was no entry to time.")
        ]
    entered = [e for e in f.of(EnteredBuilding) if e.person == "trainee"]
    if entered and entered[0].on_arrival:
        return [not_applicable(arrival, r.max_points, "you were already inside the building.")]
    limit = entry if entry is not None else f.end_tick
    gunfire = f.heard_before(limit)
    th = f.thresholds
    full, zero = (
        (th.entry_full_seconds, th.entry_zero_seconds)
        if gunfire
        else (th.entry_full_seconds_silent, th.entry_zero_seconds_silent)
    )
    heard = f.of(GunfireHeard)
    evidence = [cite_event(f.of(TraineeArrived)[0])]
    if heard and heard[0].tick <= limit:
        evidence.append(cite_event(heard[0], "first gunfire heard"))
    situation = "with gunfire audible" if gunfire else "with no gunfire heard"
    if entry is None:
        stayed = f.seconds(f.end_tick - arrival)
        return [
            Finding(
                f.end_tick,
                0,
                f"You did not enter the building in {seconds_text(stayed)} on scene {situation}. "
                f"Full marks need an entry within {full} s of arriving.",
                tuple(evidence),
            )
        ]
    evidence.append(cite_event(entered[0]))
    delay = f.seconds(entry - arrival)
    points = round(r.max_points * linear(delay, full, zero))
    return [
        Finding(
            entry,
            points,
            f"You entered {seconds_text(delay)} after arriving, {situation}: full marks within "
            f"{full} s, none after {zero} s.",
            tuple(evidence),
        )
    ]


def gunfire_cues(f: Facts, r: Rule) -> list[Finding]:
    """A2: answer each gunfire cue within 10 s by closing on the sound, engaging or breaching (+ per cue answered, - per cue ignored)."""
    cues = _cues(f)
    if not cues:
        return [
            not_applicable(0, r.max_points, "you heard no gunfire while the attacker was free.")
        ]
    answered, evidence = 0, []
    for cue in cues:
        ok, why = _answered(f, cue)
        answered += ok
        if len(evidence) < 8:
            evidence.append(cite_event(cue, ("answered: " if ok else "ignored: ") + why))
    ignored = len(cues) - answered
    points = share(r.max_points, answered - ignored, len(cues))
    last = min(cues[-1].tick + f.s(f.standards.window_seconds), f.end_tick)
    return [
        Finding(
            last,
            points,
            f"You answered {answered} of {len(cues)} gunfire cues within "
            f"{f.standards.window_seconds:g} s by closing on the sound, engaging or breaching. "
            "Move directly toward gunfire.",
            tuple(evidence),
        )
    ]


def contact_latency(f: Facts, r: Rule) -> list[Finding]:
    """A3: close to engage fast: against a fast jog with gunfire audible, a deliberate search without (full marks within 1.5x the ideal time, none at 4x)."""
    state = encounter(f)
    if state is Encounter.NO_ATTACKER:
        return [not_applicable(0, r.max_points, "there was no attacker in this scenario.")]
    if state is Encounter.NOT_FOUND:
        return [
            Finding(
                f.end_tick,
                0,
                "You searched but never found or closed on the attacker, so there is no contact to time.",
            )
        ]
    if state is not Encounter.CONTACT:
        if state.by_scenario:
            return [not_applicable(0, r.max_points, f"the threat was {state.value}.")]
        where_ = "never entered the building and " if f.ticks("entry") is None else ""
        return [
            Finding(
                f.end_tick,
                0,
                f"You {where_}never closed to engage the attacker (within engagement range in "
                "sight with your weapon drawn, a challenge, or an exchange of fire). Sight at a "
                "distance is not contact.",
            )
        ]
    contact, arrival, entry, shot0 = (f.ticks(m) for m in ("contact", "arrival", "entry", "shot0"))
    arrival = arrival if arrival is not None else contact
    start, since = (
        (entry, "entry") if entry is not None and entry <= contact else (arrival, "arrival")
    )
    if shot0 is not None and start < shot0 <= contact:
        start, since = shot0, "the first shot"
    made = f.of(ContactMade)[0]
    took = f.seconds(contact - start)
    evidence = (
        cite_event(
            made, f"trainee at {where(f.trainee_at(contact))}" if f.trainee_at(contact) else ""
        ),
    )
    opening = f"You closed to engage ({made.how or 'contact'}) {seconds_text(took)} after {since}"
    if took <= r.p("min_ideal_seconds"):
        return [Finding(contact, r.max_points, opening + ".", evidence)]
    heard = [t for t in f.heard_ticks if start <= t <= contact]
    if f.audible(start):
        options = [_judged(f, r, start, contact, took, silent=False)]
    else:
        options = [_judged(f, r, start, contact, took, silent=True)]
        if heard:
            later = f.seconds(contact - heard[0])
            options.append(
                _judged(
                    f, r, heard[0], contact, later, silent=False, since="gunfire was first heard"
                )
            )
    points, text = max(options, key=lambda o: o[0])
    return [Finding(contact, points, f"{opening}; {text}", evidence)]


def persistence(f: Facts, r: Rule) -> list[Finding]:
    """A4: -5 per 10 s of unexcused holding while an attacker with access is heard, and -10 for each civilian the attacker wounds meanwhile."""
    findings = []
    harmed_points = 0
    first: dict[str, PersonWounded] = {}
    for w in f.of(PersonWounded):
        first.setdefault(w.person, w)
    wounds = [w for w in first.values() if w.role == "civilian" and w.by in f.suspects]
    for stall in stalls(f):
        heard = [e for e in f.of(GunfireHeard) if stall.start <= e.tick < stall.end]
        where_from = f" behind {stall.cover}" if stall.cover != "open" else ""
        evidence = [
            f"{len(heard)} GunfireHeard between {tick_clock(stall.start)} and {tick_clock(stall.end)}",
            f"path to the gunfire {tiles(stall.distance_before)} -> {tiles(stall.distance_after)} tiles",
        ]
        if heard:
            evidence.append(cite_event(heard[0]))
        findings.append(
            Finding(
                stall.start,
                round(r.p("per_10s_points") * stall.held / f.s(10)),
                f"You held{where_from} for {stall.seconds} s between {tick_clock(stall.start)} and "
                f"{tick_clock(stall.end)} without closing on the gunfire while the attacker could "
                "reach victims. A pause is only for a reload, a malfunction, a new radio report or a "
                "challenge to an armed person who is not firing, and only for the seconds it takes.",
                tuple(evidence),
            )
        )
        for w in wounds:
            if stall.start <= w.tick < stall.end and harmed_points > r.p("harm_cap_points"):
                harmed_points += r.p("harm_points")
                findings.append(
                    Finding(
                        w.tick,
                        round(r.p("harm_points")),
                        f"While you held, {names.attacker(f, w.by)} wounded a civilian "
                        f"({w.condition}). Higher priority lives must not suffer while officers wait.",
                        (cite_event(w),),
                    )
                )
    return findings


def reengagement(f: Facts, r: Rule) -> list[Finding]:
    """A5: after taking fire or falling back, push forward again within 30 s ("immediately and continuously")."""
    episodes = _setbacks(f, r)
    if not episodes:
        if encounter(f).by_scenario:
            return [
                not_applicable(
                    0,
                    r.max_points,
                    "you were not fired upon and did not fall back while the attacker was free.",
                )
            ]
        return [
            Finding(
                f.end_tick,
                0,
                f"{NOT_CREDITED} you never closed on the attacker, so there was no push under fire to credit.",
            )
        ]
    pushed, evidence = 0, []
    for tick, source, what in episodes:
        ok = _pushed_after(f, r, tick, source)
        pushed += ok
        evidence.append(f"{what}; " + ("re-advanced within 30 s" if ok else "did not re-advance"))
    return [
        Finding(
            episodes[-1][0],
            share(r.max_points, pushed, len(episodes)),
            f"You pushed forward again within {r.p('within_seconds'):g} s after {pushed} of "
            f"{len(episodes)} times you took fire or fell back.",
            tuple(evidence),
        )
    ]


def no_waiting(f: Facts, r: Rule) -> list[Finding]:
    """A6: do not wait for backup or equipment while gunfire continues (+30 / -30; a level may allow a short wait)."""
    arrival, entry = f.ticks("arrival"), f.ticks("entry")
    most = r.max_points
    if not f.suspects:
        return [not_applicable(0, most, "there was no attacker to wait on.")]
    if arrival is None:
        return [Finding(f.end_tick, 0, "You never arrived on scene.")]
    limit = entry if entry is not None else f.end_tick
    if not f.heard_before(limit):
        if entry is None:
            return [
                Finding(
                    f.end_tick,
                    0,
                    f"{NOT_CREDITED} you never went in, so there is no going in to credit.",
                )
            ]
        return [
            not_applicable(
                limit, most, "no gunfire was heard before entry, so holding was not waiting."
            )
        ]
    if entry is None:
        return [
            Finding(
                f.end_tick,
                -most,
                "You stayed outside while gunfire continued. Waiting for backup or equipment "
                "lets officers benefit while the innocent suffer.",
            )
        ]
    backup = f.first_backup_tick()
    if backup is None or entry < backup or backup <= arrival:
        return [Finding(entry, most, "You went in without waiting for backup or equipment.")]
    if f.seconds(backup - arrival) <= f.thresholds.backup_wait_allowed_seconds:
        return [
            Finding(
                entry,
                most,
                f"You waited for a partner {seconds_text(f.seconds(backup - arrival))} away, which "
                "this level allows.",
            )
        ]
    held = sum(min(s.end, backup) - s.start for s in stalls(f) if s.start < backup)
    if held >= f.s(f.standards.window_seconds) and entry - backup <= f.s(60):
        return [
            Finding(
                entry,
                -most,
                f"You held outside {seconds_text(f.seconds(held))} and went in only after backup "
                "arrived, while gunfire continued.",
                (f"first backup arrived at {tick_clock(backup)}",),
            )
        ]
    return [Finding(entry, most, "You went in without waiting for backup or equipment.")]


def threat_status(f: Facts, r: Rule) -> list[Finding]:
    """A7: say whether the attacker was stopped, isolated or still free at the end; with the trainee down and the attacker free, Stop the Killing (and the overall rating) cannot be Performed, nor better than M when they went down while holding."""
    if not f.suspects:
        return []
    stops = f.stops
    parts, free = [], []
    for suspect in f.suspects:
        if suspect in stops:
            tick, how, by = stops[suspect]
            who = " by you" if by == "trainee" else (" by another officer" if by else "")
            if how == "surrendered":
                who = " to you" if by == "trainee" else ""
            parts.append(
                f"{names.attacker(f, suspect)} {_HOW.get(how, how)}{who} at {tick_clock(tick)}"
            )
        else:
            free.append(suspect)
            parts.append(f"{names.attacker(f, suspect)} still free")
    findings = [Finding(f.end_tick, 0, "At the end, " + "; ".join(parts) + ".")]
    down = f.trainee_down()
    if down is None or not free:
        return findings
    exposed = exposed_when_hit(f, down)
    held = _held_before(f, down.tick)
    cap = r.p("held_cap") if held else r.p("cap")
    if held:
        why = (
            "You went down while holding, neither closing on nor engaging the attacker as the "
            "gunfire went on: not a sound decision that ended badly (the Helus case) but the hold "
            "doctrine rules out"
        )
        if exposed:
            why += f", {exposed}"
    elif exposed:
        why = f"You went down {exposed}"
    elif encounter(f) is Encounter.CONTACT:
        why = (
            "You went down while pressing the attack from a sound position: a sound decision that "
            "ended badly, as Sgt. Helus's did at Borderline, not a failure of will"
        )
    else:
        why = "You went down before you had closed on the attacker"
    text = (
        f"{why}, and the attacker was still free with access to victims. Stop the Killing cannot be "
        f"rated better than {cap} when the threat outlives the officer"
        + (" who held." if held else ".")
    )
    findings.append(Finding(down.tick, 0, text, (cite_event(down),), cap=cap))
    findings.append(
        Finding(
            down.tick,
            0,
            f"Overall rating capped at {cap}: you were down and the attacker free at the end"
            + (", after holding while the attacker could reach victims." if held else "."),
            cap=cap,
            cap_overall=True,
        )
    )
    return findings


def _held_before(f: Facts, tick: int) -> bool:
    """Whether the trainee was holding in the moments before this tick (doctrine §4 item 4): a stall,
    or standing on one tile without firing at the attacker while gunfire was heard and the attacker
    had access (at the gunfire, where no distance is left to close, only engaging is not holding)."""
    recent = f.s(f.standards.recent_stall_seconds)
    start = max(f.ticks("arrival") or 0, tick - recent)
    if any(s.start <= tick and s.end > start for s in stalls(f)):
        return True
    if tick - start < recent or f.moved_between(start, tick) or not f.heard_between(start, tick):
        return False
    engaged = any(s.target_role == "suspect" and start <= s.tick <= tick for s in f.trainee_shots)
    return not engaged and f.access(start)


# -- helpers --------------------------------------------------------------------------------------

_HOW = {
    "incapacitated": "was incapacitated",
    "surrendered": "surrendered",
    "isolated": "was isolated with no one",
}


def _judged(
    f: Facts, r: Rule, start: int, contact: int, took: float, silent: bool, since: str = ""
) -> tuple[int, str]:
    a, b = f.trainee_at(start), f.trainee_at(contact)
    if silent:
        ideal = r.p("search_factor") * f.walk_seconds(a, b) if a and b else 0.0
        how = "with no gunfire, a deliberate search along the shortest path takes about"
    else:
        ideal = f.jog_seconds(a, b) if a and b else 0.0
        how = "with gunfire audible, a fast jog along the shortest path takes about"
    ideal = max(r.p("min_ideal_seconds"), ideal)
    full, zero = r.p("full_factor"), r.p("zero_factor")
    points = round(r.max_points * linear(took, full * ideal, zero * ideal))
    lead = f"from when {since} it took {seconds_text(took)}; " if since else ""
    return (
        points,
        f"{lead}{how} {seconds_text(ideal)} (full marks within {full:g}x, none at {zero:g}x).",
    )


def _cues(f: Facts) -> list[GunfireHeard]:
    cues: list[GunfireHeard] = []
    window = f.s(f.standards.window_seconds)
    for e in f.of(GunfireHeard):
        if not f.threat_active(e.tick):
            continue
        if not cues or e.tick - cues[-1].tick >= window:
            cues.append(e)
    return cues


def _answered(f: Facts, cue: GunfireHeard) -> tuple[bool, str]:
    end = min(cue.tick + f.s(f.standards.window_seconds), f.end_tick)
    if any(cue.tick <= s.tick <= end and s.target_role == "suspect" for s in f.trainee_shots):
        return True, "engaging"
    if any(e.tick <= end and e.tick + e.ticks >= cue.tick for e in f.of(BreachStarted)):
        return True, "breaching"
    if any(
        cue.tick <= c.tick <= end and c.by == "trainee" and c.target_role == "suspect"
        for c in f.of(ChallengeIssued)
    ):
        return True, "challenging the attacker"
    source = f.source_at(cue.tick)
    before = f.distance_to_gunfire(cue.tick, source)
    after = f.distance_to_gunfire(end, source)
    if before is None or after is None:
        return False, "no position"
    return bool(closing(f, cue.tick, end, source)), f"{tiles(before)} -> {tiles(after)} tiles"


def _setbacks(f: Facts, r: Rule) -> list[tuple[int, Position, str]]:
    """Times the trainee took fire or fell back from the gunfire while the attacker had access."""
    found: list[tuple[int, Position, str]] = []
    for shot in f.suspect_shots:
        if shot.target == "trainee" or "trainee" in shot.non_threats_on_line:
            found.append((shot.tick, shot.origin, cite_event(shot, "took fire")))
    closest: float | None = None
    closest_to: Position | None = None
    retreat = 10 * r.p("retreat_tiles")
    for tick in f.move_ticks:
        source = f.source_at(tick)
        # Without access the distance does not count: the path cost is asked only with access.
        here = (
            f.distance_to_gunfire(tick, source) if source is not None and f.access(tick) else None
        )
        if here is None:
            closest = None
            continue
        if closest is None or source != closest_to or here < closest:
            closest, closest_to = here, source
            continue
        if here - closest >= retreat:
            found.append(
                (tick, source, f"fell back {tiles(here - closest)} tiles at {tick_clock(tick)}")
            )
            closest = here
    found.sort(key=lambda item: item[0])
    episodes: list[tuple[int, Position, str]] = []
    within = f.s(r.p("within_seconds"))
    for item in found:
        if episodes and item[0] - episodes[-1][0] < within:
            continue
        episodes.append(item)
    return episodes


def _pushed_after(f: Facts, r: Rule, tick: int, source: Position) -> bool:
    end = min(tick + f.s(r.p("within_seconds")), f.end_tick)
    if any(tick <= s.tick <= end for s in f.trainee_shots):
        return True
    if not f.threat_active(end):
        return True
    return any(closing(f, tick, moved, source) for moved in f.move_ticks if tick < moved <= end)
