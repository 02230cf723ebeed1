"""Category D, Identification and blue-on-blue avoidance (100) (doctrine §3, §7.4 D).

An "ambiguous armed person" is an officer the trainee saw armed who was not identifiable as police at
that moment (no uniform, no POLICE jacket, no badge with a spoken "Police!"): `PersonSighted.seen`.
"""

from __future__ import annotations

from game.core.events import (
    BadgeShown,
    ChallengeIssued,
    Complied,
    Event,
    PersonSighted,
    PoliceAnnounced,
    RaidJacketDonned,
    ShotFired,
    WeaponHolstered,
)
from game.core.level import Dress
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding
from game.scoring.points import not_applicable


def ambiguous_people(f: Facts) -> dict[str, Event]:
    """Officers the trainee faced armed and unidentifiable, each with the first event that shows it."""
    found: dict[str, Event] = {}
    for e in f.events:
        if isinstance(e, PersonSighted) and e.by == "trainee" and e.role == "officer":
            if not e.seen.identifiable_as_police and e.seen.weapon != "none":
                found.setdefault(e.person, e)
        elif (
            isinstance(e, ChallengeIssued | ShotFired)
            and getattr(e, "by", getattr(e, "shooter", "")) == "trainee"
            and e.target_role == "officer"
            and e.seen is not None
            and not e.seen.identifiable_as_police
        ):
            found.setdefault(e.target, e)
    return found


def challenge_ambiguous(f: Facts, most: int) -> list[Finding]:
    """D1: an armed person in plain clothes: take cover and challenge ("Police! Drop it!") instead of firing."""
    people = ambiguous_people(f)
    if not people:
        return [not_applicable(0, most, "you met no armed person of unclear identity.")]
    each = most / len(people)
    findings = []
    for person, first in people.items():
        challenge = _first_challenge(f, person)
        shot = next((s for s in f.trainee_shots if s.target == person), None)
        if challenge is not None and (shot is None or challenge.tick < shot.tick):
            covered = f.protection_at(challenge.tick) != "open"
            points = round(each * (1.0 if covered else 2 / 3))
            text = (
                f"From cover, you challenged {person} instead of firing."
                if covered
                else f"You challenged {person} instead of firing; take cover first: cover buys you time."
            )
            findings.append(Finding(challenge.tick, points, text, (cite_event(challenge),)))
        elif shot is not None:
            findings.append(
                Finding(
                    shot.tick,
                    0,
                    f"You fired on {person} without a challenge.",
                    (cite_event(first), cite_event(shot)),
                )
            )
        else:
            findings.append(
                Finding(
                    first.tick,
                    0,
                    f"You did not challenge {person}, an armed person you could not identify.",
                    (cite_event(first),),
                )
            )
    return findings


def checks_cues(f: Facts, most: int) -> list[Finding]:
    """D2 (approximation): hold fire on an unidentified armed person until their identity is settled; no event reports where the trainee looks."""
    people = ambiguous_people(f)
    if not people:
        return [not_applicable(0, most, "you met no armed person of unclear identity.")]
    held = [p for p in people if not any(s.target == p for s in f.trainee_shots)]
    first = min(e.tick for e in people.values())
    return [
        Finding(
            first,
            round(most * len(held) / len(people)),
            f"You held fire on {len(held)} of {len(people)} armed people until you could see "
            'who they were (badge, jacket, "Police!").',
            tuple(cite_event(e) for e in people.values()),
        )
    ]


def deconfliction(f: Facts, most: int) -> list[Finding]:
    """D3: with partners on scene, keep out of their lines of fire and call out your movement."""
    backup = f.first_backup_tick()
    if backup is None:
        return [not_applicable(0, most, "no other officer worked beside you.")]
    findings = []
    called = next((m for m in f.trainee_radio if m.kind == "movement" and m.tick >= backup), None)
    if called is not None:
        findings.append(
            Finding(
                called.tick,
                most // 2,
                "You called out your movement to partners.",
                (cite_event(called),),
            )
        )
    crossed = [
        s
        for s in f.of(ShotFired)
        if s.shooter_role == "officer" and "trainee" in s.non_threats_on_line
    ]
    if not crossed:
        findings.append(
            Finding(f.end_tick, most - most // 2, "You kept out of your partners' lines of fire.")
        )
    else:
        findings.append(
            Finding(
                crossed[0].tick,
                0,
                f"You stood in a partner's line of fire {len(crossed)} times.",
                tuple(cite_event(s) for s in crossed[:4]),
            )
        )
    return findings


def hands_off(f: Facts, most: int) -> list[Finding]:
    """D4 (approximation): once a plain-clothes officer is identified, have them holster (they comply to your challenge) rather than leave them armed."""
    people = ambiguous_people(f)
    if not people:
        return [not_applicable(0, most, "you met no armed person of unclear identity.")]
    done = []
    for person in people:
        challenge = _first_challenge(f, person)
        if challenge is None:
            continue
        settled = next(
            (
                e
                for e in f.events
                if e.tick >= challenge.tick
                and (
                    (isinstance(e, WeaponHolstered) and e.person == person)
                    or (isinstance(e, Complied) and e.person == person and e.by == "trainee")
                )
            ),
            None,
        )
        if settled is not None:
            done.append(settled)
    points = round(most * len(done) / len(people))
    return [
        Finding(
            done[0].tick if done else f.end_tick,
            points,
            f"{len(done)} of {len(people)} plain-clothes officers were made to holster before "
            "others arrived.",
            tuple(cite_event(e) for e in done),
        )
    ]


def self_identification(f: Facts, most: int) -> list[Finding]:
    """D5: shout "Police!" and keep your markings (uniform, POLICE jacket, badge) visible."""
    half = most // 2
    spec = f.level.trainee
    arrival = f.ticks.arrival or 0
    findings = []
    if spec.dress is Dress.UNIFORM or spec.raid_jacket_worn:
        findings.append(
            Finding(arrival, half, "Your uniform or POLICE jacket marked you as police.")
        )
    else:
        shown = next(
            (
                e
                for e in f.events
                if isinstance(e, RaidJacketDonned | BadgeShown) and e.person == "trainee"
            ),
            None,
        )
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
        elif spec.badge_shown:
            findings.append(Finding(arrival, half, "Your badge was on display."))
        else:
            findings.append(
                Finding(
                    f.end_tick, 0, "In plain clothes, show the badge or put on the POLICE jacket."
                )
            )
    said = next(
        (
            e
            for e in f.events
            if (isinstance(e, PoliceAnnounced) and e.person == "trainee")
            or (isinstance(e, ChallengeIssued) and e.by == "trainee")
            or (e in f.trainee_radio and e.kind == "self_description")
        ),
        None,
    )
    if said is not None:
        findings.append(
            Finding(
                said.tick, most - half, 'You identified yourself ("Police!").', (cite_event(said),)
            )
        )
    else:
        findings.append(Finding(f.end_tick, 0, 'You never shouted "Police!".'))
    return findings


def _first_challenge(f: Facts, person: str) -> ChallengeIssued | None:
    return next(
        (c for c in f.of(ChallengeIssued) if c.by == "trainee" and c.target == person), None
    )
