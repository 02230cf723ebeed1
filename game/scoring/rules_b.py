"""Category B, Protection of innocents and weapon discipline (200) (doctrine §7.4 B, §7.8).

The line of fire is traced by the engine the same way for every shooter and in both directions, from
the muzzle past the target to the first wall that stops rounds (`ShotFired.non_threats_to_cover`;
concealment may stop one round, but the decision put everyone up to cover at risk). Someone on it the
trainee could see is a screen-out (HF1, HF2); someone out of sight is B1's unsafe shot. A civilian, armed or not,
is an innocent. B2 (muzzling) is not scored: no event says where the trainee points between shots.
"""

from __future__ import annotations

from game.core.events import ChallengeIssued, CiviliansDirected, ShotFired, SuspectSurrendered
from game.scoring import names
from game.scoring.encounter import scenario_or_inaction
from game.scoring.evidence import cite_event
from game.scoring.facts import Facts
from game.scoring.ledger import Finding
from game.scoring.points import not_applicable, share
from game.scoring.rule import Rule
from game.scoring.stalls import stalls

INNOCENT_ROLES = ("civilian",)
"""Roles that are innocents whatever they carry (doctrine §7.8 HF1 clarified)."""


def unsafe_shots(f: Facts, r: Rule) -> list[Finding]:
    """B1: a shot whose line, from the muzzle past the target to the first wall that stops rounds, crosses a non-threat, seen or hidden (one in sight is also a screen-out, HF1 or HF2), or that is aimed at an innocent (-40 each)."""
    shots = f.trainee_shots
    if not shots:
        return [
            scenario_or_inaction(
                f,
                f.ticks("arrival") or 0,
                r.max_points,
                "you fired no shots, so no one was put on your line of fire.",
                "you never closed on the attacker, so your line-of-fire discipline was never tested.",
            )
        ]
    findings = [
        Finding(
            shots[0].tick,
            r.max_points,
            "Weapon discipline starts at full marks once you fire: each shot with a bystander or "
            f"officer on its line, up to the first wall that stops rounds, deducts {-r.p('unsafe_points')}.",
        )
    ]
    for shot in shots:
        text = _unsafe(shot)
        if text:
            findings.append(
                Finding(
                    shot.tick,
                    r.p("unsafe_points"),
                    f"Unsafe shot: {text}. Check what is in front of and behind the target before "
                    "you press.",
                    (cite_event(shot),),
                )
            )
    return findings


def justified_engagement(f: Facts, r: Rule) -> list[Finding]:
    """B3: fire only at a positively identified attacker who is an imminent threat (weapon in hand, in sight)."""
    shots = f.trainee_shots
    if not shots:
        return [
            scenario_or_inaction(
                f,
                0,
                r.max_points,
                "you fired no shots.",
                "you never closed on the attacker, so there was no decision to fire to judge.",
            )
        ]
    bad = [s for s in shots if not _justified(f, s)]
    evidence = tuple(cite_event(s, "not justified") for s in bad[:6])
    if not bad:
        message = (
            "Your shot was at an armed attacker in sight."
            if len(shots) == 1
            else f"All {len(shots)} of your shots were at an armed attacker in sight."
        )
    else:
        message = (
            f"{len(bad)} of your {len(shots)} shots {'was' if len(bad) == 1 else 'were'} not at "
            "an identified attacker with a weapon in hand."
        )
    return [
        Finding(
            shots[0].tick, share(r.max_points, len(shots) - len(bad), len(shots)), message, evidence
        )
    ]


def evacuation_discipline(f: Facts, r: Rule) -> list[Finding]:
    """B4: direct fleeing people behind you toward exits without stopping the advance (+20; -20 for escorting them while the attacker has access)."""
    directed = f.of(CiviliansDirected)
    if not directed:
        if not f.civilians:
            return [not_applicable(0, r.max_points, "there were no civilians in this scenario.")]
        return [Finding(f.end_tick, 0, "You did not direct anyone toward an exit.")]
    for event in directed:
        if not f.access(event.tick):
            continue
        escorted = _escorted(f, r, event)
        if escorted:
            return [
                Finding(
                    event.tick,
                    -r.max_points,
                    f"After directing {event.count} people you {escorted} while the attacker "
                    "could still reach victims. Point them to the exit and keep moving.",
                    (cite_event(event),),
                )
            ]
    first = directed[0]
    return [
        Finding(
            first.tick,
            r.max_points,
            f"You directed {first.count} people toward an exit without stopping your advance.",
            (cite_event(first),),
        )
    ]


def warning_when_feasible(f: Facts, r: Rule) -> list[Finding]:
    """B5: challenge an armed person who is not firing before you fire; a warning is never owed to someone firing at people."""
    targets: dict[str, tuple[bool, str]] = {}
    challenges = [c for c in f.of(ChallengeIssued) if c.by == "trainee"]
    for c in challenges:
        if not c.target_firing and c.seen.weapon != "none" and c.target not in targets:
            targets[c.target] = (True, cite_event(c, "warning given"))
    for s in f.trainee_shots:
        if (
            s.target
            and not s.target_firing
            and not s.target_surrendered
            and s.target not in targets
        ):
            targets[s.target] = (False, cite_event(s, "fired with no warning while not firing"))
    if not targets:
        if f.trainee_shots:
            return [
                not_applicable(
                    0,
                    r.max_points,
                    "every shot was at someone firing at people, so no warning was feasible.",
                )
            ]
        return [
            scenario_or_inaction(
                f,
                0,
                r.max_points,
                "you fired no shots and faced no armed person who was holding fire.",
                "you never closed on the attacker, so there was no one to warn.",
            )
        ]
    warned = sum(1 for ok, _ in targets.values() if ok)
    tick = min(
        [c.tick for c in challenges] + [s.tick for s in f.trainee_shots if s.target in targets]
    )
    return [
        Finding(
            tick,
            share(r.max_points, warned, len(targets)),
            f"You gave a warning to {warned} of {len(targets)} armed people who were not firing "
            'when you faced them ("Police! Drop it!").',
            tuple(e for _, e in targets.values()),
        )
    ]


def surrender_handling(f: Facts, r: Rule) -> list[Finding]:
    """B6: when the attacker gives up, stop firing, give commands and cover from cover."""
    surrenders = f.of(SuspectSurrendered)
    if not surrenders:
        return [
            scenario_or_inaction(
                f,
                0,
                r.max_points,
                "no attacker surrendered.",
                "you never closed on the attacker, so there was no surrender to handle.",
            )
        ]
    total = 0.0
    notes = []
    window = f.s(r.p("commands_before_seconds"))
    for event in surrenders:
        held = not any(s.target == event.suspect and s.tick >= event.tick for s in f.trainee_shots)
        commands = any(
            c.by == "trainee" and c.target == event.suspect and event.tick - window <= c.tick
            for c in f.of(ChallengeIssued)
        )
        covered = f.protection_at(event.tick) != "open"
        total += (10 * held + 5 * commands + 5 * covered) / 20
        notes.append(
            cite_event(
                event,
                f"held fire: {'yes' if held else 'no'}; commands: {'yes' if commands else 'no'}; "
                f"from cover: {'yes' if covered else 'no'}",
            )
        )
    return [
        Finding(
            surrenders[0].tick,
            round(r.max_points * total / len(surrenders)),
            "When the attacker surrendered you should hold fire, give clear commands and cover "
            "from cover.",
            tuple(notes),
        )
    ]


# -- helpers ----------------------------------------------------------------------------------------


def _unsafe(shot: ShotFired) -> str:
    """What made a shot unsafe, or ''."""
    hit = " and was hit" if shot.hit and shot.hit != shot.target else ""
    exposed = on_line(shot)
    if exposed:
        who = names.people(len(exposed))
        were = "was" if len(exposed) == 1 else "were"
        hidden = len([p for p in exposed if p not in shot.non_threats_in_sight])
        unseen = (
            ""
            if not hidden
            else f"; {hidden} of them out of your sight, where rounds still go"
            if hidden < len(exposed)
            else "; out of your sight, where rounds still go"
        )
        return (
            f"{who} who {were} not a threat stood on the line of fire"
            f"{' (one' + hit[4:] + ')' if hit else ''}{unseen}"
        )
    if shot.target and shot.target_role in INNOCENT_ROLES:
        return f"you fired at {names.person(shot.target_role, shot.seen)}, who was not an attacker"
    return ""


def on_line(shot: ShotFired) -> tuple[str, ...]:
    """Everyone not a threat on a shot's line, from the muzzle past the target to the first wall that
    stops rounds, whether or not concealment stopped this round (doctrine §4, §7.4 B1, §7.8)."""
    return tuple(dict.fromkeys((*shot.non_threats_on_line, *shot.non_threats_to_cover)))


def _justified(f: Facts, shot: ShotFired) -> bool:
    if shot.target_role != "suspect" or shot.target_surrendered:
        return False
    stop = f.stops.get(shot.target)
    if stop is not None and stop[1] != "isolated" and stop[0] < shot.tick:
        return False
    seen = shot.seen
    return seen is not None and seen.in_sight and (seen.weapon_drawn or shot.target_firing)


def _escorted(f: Facts, r: Rule, event: CiviliansDirected) -> str:
    end = min(event.tick + f.s(r.p("escort_seconds")), f.end_tick)
    window = f.s(f.standards.window_seconds)
    if any(s.start < end and s.end > event.tick + window for s in stalls(f)):
        return "stayed with them"
    source = f.source_at(event.tick)
    before = f.distance_to_gunfire(event.tick, source)
    after = f.distance_to_gunfire(end, source)
    if before is not None and after is not None and after - before >= 10 * r.p("retreat_tiles"):
        return "walked them out, away from the gunfire"
    return ""
