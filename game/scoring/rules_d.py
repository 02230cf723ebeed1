"""Category D, Identification and blue-on-blue avoidance (100) (doctrine §3, §7.4 D, §7.8 D6).

An "ambiguous armed person" is someone other than the attacker whom the trainee saw armed and could not
identify as police at that moment (no uniform, no POLICE jacket, no badge with a spoken "Police!"): an
off-duty or plain-clothes officer, or an armed civilian (`PersonSighted.seen`). Challenges go both ways:
D6 judges the trainee out of uniform who is challenged by a uniformed officer.
"""

from __future__ import annotations

from dataclasses import replace

from game.core.events import (
    BadgeShown,
    ChallengeIssued,
    Complied,
    Event,
    PersonIdentified,
    PersonSighted,
    PoliceAnnounced,
    RaidJacketDonned,
    ShotFired,
    TraineeArrived,
    WeaponHolstered,
)
from game.scoring import names
from game.scoring.encounter import scenario_or_inaction
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding, seconds_text
from game.scoring.points import not_applicable
from game.scoring.rule import Rule

OTHERS = ("officer", "civilian")
"""Roles of armed people who are not the attacker."""


def ambiguous_people(f: Facts) -> dict[str, Event]:
    """Armed people (not the attacker) the trainee faced unidentifiable, each with the first event that shows it."""
    found: dict[str, Event] = {}
    for e in f.of(PersonSighted, ChallengeIssued, ShotFired):
        if isinstance(e, PersonSighted):
            armed = e.seen.weapon != "none" and not e.seen.identifiable_as_police
            if e.by == "trainee" and e.role in OTHERS and armed:
                found.setdefault(e.person, e)
        elif (
            getattr(e, "by", getattr(e, "shooter", "")) == "trainee"
            and e.target_role in OTHERS
            and e.seen is not None
            and e.seen.weapon != "none"
            and not e.seen.identifiable_as_police
        ):
            found.setdefault(e.target, e)
    return found


def challenge_ambiguous(f: Facts, r: Rule) -> list[Finding]:
    """D1: an armed person in plain clothes: take cover and challenge ("Police! Drop it!") instead of firing."""
    people = ambiguous_people(f)
    if not people:
        return [_none_met(f, r)]
    each = r.max_points / len(people)
    findings = []
    for person, first in people.items():
        who = _who(first)
        challenge = _first_challenge(f, person)
        shot = next((s for s in f.trainee_shots if s.target == person), None)
        if challenge is not None and (shot is None or challenge.tick < shot.tick):
            covered = f.protection_at(challenge.tick) != "open"
            points = round(each * (1.0 if covered else r.p("open_share")))
            text = (
                f"From cover, you challenged {who} instead of firing."
                if covered
                else f"You challenged {who} instead of firing; take cover first: cover buys you time."
            )
            findings.append(Finding(challenge.tick, points, text, (cite_event(challenge),)))
        elif shot is not None:
            findings.append(
                Finding(
                    shot.tick,
                    0,
                    f"You fired on {who} without a challenge.",
                    (cite_event(first), cite_event(shot)),
                )
            )
        else:
            findings.append(
                Finding(
                    first.tick,
                    0,
                    f"You did not challenge {who}, an armed person you could not identify.",
                    (cite_event(first),),
                )
            )
    return findings


def checks_cues(f: Facts, r: Rule) -> list[Finding]:
    """D2 (approximation): hold fire on an unidentified armed person until their identity is settled; no event reports where the trainee looks."""
    people = ambiguous_people(f)
    if not people:
        return [_none_met(f, r)]
    held = [p for p in people if not any(s.target == p for s in f.trainee_shots)]
    first = min(e.tick for e in people.values())
    return [
        Finding(
            first,
            round(r.max_points * len(held) / len(people)),
            f"You held fire on {len(held)} of {len(people)} armed people until you could see "
            'who they were (badge, jacket, "Police!").',
            tuple(cite_event(e) for e in people.values()),
        )
    ]


def deconfliction(f: Facts, r: Rule) -> list[Finding]:
    """D3: with partners on scene, call out your movement and keep out of their lines of fire (judged only when a partner fired)."""
    backup = f.first_backup_tick()
    if backup is None:
        return [not_applicable(0, r.max_points, "no other officer worked beside you.")]
    partner_shots = [s for s in f.shots if s.shooter_role == "officer" and s.target != "trainee"]
    crossed = [s for s in partner_shots if "trainee" in s.non_threats_on_line]
    called = next((m for m in f.trainee_radio if m.kind == "movement" and m.tick >= backup), None)
    call_share = r.max_points // 2 if partner_shots else r.max_points
    findings = []
    if called is not None:
        findings.append(
            Finding(
                called.tick,
                call_share,
                "You called out your movement to partners.",
                (cite_event(called),),
            )
        )
    else:
        findings.append(
            Finding(
                f.end_tick,
                0,
                'You never called out your movement ("moving", "coming out") to partners.',
            )
        )
    if not partner_shots:
        return findings
    if crossed:
        findings.append(
            Finding(
                crossed[0].tick,
                0,
                f"You stood in a partner's line of fire {len(crossed)} times.",
                tuple(cite_event(s) for s in crossed[:4]),
            )
        )
    else:
        findings.append(
            Finding(
                partner_shots[0].tick,
                r.max_points - call_share,
                f"Your partners fired {len(partner_shots)} rounds and you were never on their line of fire.",
                (cite_event(partner_shots[0]),),
            )
        )
    return findings


def hands_off(f: Facts, r: Rule) -> list[Finding]:
    """D4 (approximation): once an armed person in plain clothes is identified, have them holster (they comply to your challenge) rather than leave them armed."""
    people = ambiguous_people(f)
    if not people:
        return [_none_met(f, r)]
    done = []
    for person in people:
        challenge = _first_challenge(f, person)
        if challenge is None:
            continue
        settled = next(
            (
                e
                for e in f.of(WeaponHolstered, Complied)
                if e.tick >= challenge.tick
                and e.person == person
                and (isinstance(e, WeaponHolstered) or e.by == "trainee")
            ),
            None,
        )
        if settled is not None:
            done.append(settled)
    return [
        Finding(
            done[0].tick if done else f.end_tick,
            round(r.max_points * len(done) / len(people)),
            f"{len(done)} of {len(people)} armed people in plain clothes holstered or complied "
            "after your challenge.",
            tuple(cite_event(e) for e in done),
        )
    ]


def self_identification(f: Facts, r: Rule) -> list[Finding]:
    """D5: shout "Police!" and keep your markings (uniform, POLICE jacket, badge) visible."""
    half = r.max_points // 2
    arrived = next(iter(f.of(TraineeArrived)), None)
    if arrived is None:
        return [Finding(f.end_tick, 0, "You never arrived on scene.")]
    findings = []
    if arrived.dress == "uniform" or arrived.raid_jacket:
        findings.append(
            Finding(arrived.tick, half, "Your uniform or POLICE jacket marked you as police.")
        )
    else:
        shown = next((e for e in f.of(RaidJacketDonned, BadgeShown) if e.person == "trainee"), None)
        backup = f.first_backup_tick()
        if shown is not None and (backup is None or shown.tick <= backup):
            findings.append(
                Finding(
                    shown.tick,
                    half,
                    "You put your markings on before other officers arrived.",
                    (cite_event(shown),),
                )
            )
        elif arrived.badge_shown:
            findings.append(Finding(arrived.tick, half, "Your badge was on display."))
        else:
            findings.append(
                Finding(
                    f.end_tick, 0, "In plain clothes, show the badge or put on the POLICE jacket."
                )
            )
    candidates = [e for e in f.of(PoliceAnnounced) if e.person == "trainee"][:1]
    candidates += [c for c in f.of(ChallengeIssued) if c.by == "trainee"][:1]
    candidates += [m for m in f.trainee_radio if m.kind == "self_description"][:1]
    said = min(candidates, key=lambda e: e.tick, default=None)
    if said is not None:
        findings.append(
            Finding(
                said.tick,
                r.max_points - half,
                'You identified yourself ("Police!").',
                (cite_event(said),),
            )
        )
    else:
        findings.append(Finding(f.end_tick, 0, 'You never shouted "Police!".'))
    return findings


def comply_when_challenged(f: Facts, r: Rule) -> list[Finding]:
    """D6: out of uniform and challenged by a uniformed officer: freeze, hands visible, identify ("Police! Off duty!"), obey; not complying -40, and being fired on after not complying caps the overall rating at M."""
    arrived = next(iter(f.of(TraineeArrived)), None)
    challenges = _challenges_of_trainee(f)
    if not challenges:
        if arrived is None or arrived.dress == "uniform":
            return [
                not_applicable(
                    0, r.max_points, "you were in uniform, so no officer had to challenge you."
                )
            ]
        known = [e for e in f.of(PersonIdentified) if e.person == "trainee"]
        if known:
            return [
                Finding(
                    known[0].tick,
                    r.max_points,
                    f"Arriving officers identified you without a challenge ({known[0].how}).",
                    (cite_event(known[0]),),
                )
            ]
        marked = (
            arrived.raid_jacket
            or arrived.badge_shown
            or any(e.person == "trainee" for e in f.of(RaidJacketDonned, BadgeShown))
        )
        called = any(m.kind == "self_description" for m in f.trainee_radio)
        if not (marked or called):
            return [
                Finding(
                    f.end_tick,
                    0,
                    "No officer happened to challenge you, but nothing told arriving officers you were "
                    "police: no jacket, no badge, no call with your description.",
                )
            ]
        return [
            scenario_or_inaction(
                f,
                0,
                r.max_points,
                "no officer had to challenge you: you had made yourself known as police.",
                "you never went where arriving officers would have had to identify you.",
            )
        ]
    window = f.s(r.p("comply_within_seconds"))
    findings: list[Finding] = []
    scores: list[int] = []
    defied: list[ChallengeIssued] = []
    for c in challenges:
        complied = next(
            (
                e
                for e in f.of(Complied)
                if e.person == "trainee" and c.tick <= e.tick <= c.tick + window
            ),
            None,
        )
        moved = [
            t
            for t in f.move_ticks
            if c.tick + f.s(1) <= t <= (complied.tick if complied else c.tick + window)
        ]
        spoke = any(
            e.person == "trainee" and c.tick - f.s(6) <= e.tick <= c.tick + window
            for e in f.of(PoliceAnnounced)
        )
        if complied is not None and not moved:
            points = r.max_points if spoke else r.p("partial_points")
            text = (
                f"Challenged by a uniformed officer, you complied within {seconds_text(f.seconds(complied.tick - c.tick))}"
                + (
                    ' and identified yourself ("Police! Off duty!").'
                    if spoke
                    else '; also shout "Police! Off duty!".'
                )
            )
            findings.append(Finding(complied.tick, 0, text, (cite_event(c), cite_event(complied))))
        else:
            points = r.p("defy_points")
            why = "kept moving" if moved else "did not freeze and obey"
            findings.append(
                Finding(
                    c.tick,
                    0,
                    f"Challenged by a uniformed officer, you {why}. Out of uniform, assume the command is for "
                    "you: freeze, keep your hands visible, identify yourself and obey.",
                    (cite_event(c),),
                )
            )
            defied.append(c)
        scores.append(points)
    worst = scores.index(min(scores))
    findings[worst] = replace(findings[worst], points=scores[worst])
    fired = _fired_on_after(f, defied)
    if fired is not None:
        findings.append(
            Finding(
                fired.tick,
                0,
                f"The officer fired on you after you did not comply with the challenge. The "
                f"overall rating is capped at {r.p('cap')}.",
                (cite_event(fired),),
                cap=r.p("cap"),
                cap_overall=True,
            )
        )
    return findings


# -- helpers -------------------------------------------------------------------------------------


def _who(first: Event) -> str:
    """The person an ambiguous-person event is about, as the debrief names them."""
    role = first.role if isinstance(first, PersonSighted) else first.target_role
    return names.person(role, first.seen)


def _none_met(f: Facts, r: Rule) -> Finding:
    return scenario_or_inaction(
        f,
        0,
        r.max_points,
        "you met no armed person of unclear identity.",
        "you never went where you could have met the people inside.",
    )


def _first_challenge(f: Facts, person: str) -> ChallengeIssued | None:
    return next(
        (c for c in f.of(ChallengeIssued) if c.by == "trainee" and c.target == person), None
    )


def _challenges_of_trainee(f: Facts) -> list[ChallengeIssued]:
    """Officers' challenges of the trainee, one per officer per episode (repeats within a minute are one)."""
    found: list[ChallengeIssued] = []
    for c in f.of(ChallengeIssued):
        if c.target != "trainee" or c.by == "trainee":
            continue
        if any(p.by == c.by and c.tick - p.tick < f.s(60) for p in found):
            continue
        found.append(c)
    return found


def _fired_on_after(f: Facts, defied: list[ChallengeIssued]) -> ShotFired | None:
    for c in defied:
        for s in f.shots:
            if s.shooter == c.by and s.target == "trainee" and s.tick >= c.tick:
                return s
    return None
