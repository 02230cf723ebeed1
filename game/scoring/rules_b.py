"""Category B, Protection of innocents and weapon discipline (200) (doctrine §7.4 B).

B2 (muzzling) is not scored: no event says where the trainee points the weapon between shots.
"""

from __future__ import annotations

from game.core.events import ChallengeIssued, CiviliansDirected, SuspectSurrendered, ThreatStopped
from game.core.level import TICK_RATE
from game.scoring.evidence import cite_event
from game.scoring.facts import WINDOW_TICKS, Facts
from game.scoring.ledger import Finding
from game.scoring.points import not_applicable, share

UNSAFE_SHOT_POINTS = -40
"""B1: points per shot with a non-threat on its line of fire."""
ESCORT_TICKS = 30 * TICK_RATE
"""B4: how long after directing civilians a stall or retreat counts as escorting them."""
RETREAT_COST = 30
"""B4: moving 3 tiles of path away from the gunfire after directing civilians is escorting them."""


def unsafe_shots(f: Facts, most: int) -> list[Finding]:
    """B1: a shot whose line, continued past the target to the first wall that stops rounds, crosses a non-threat (-40 each)."""
    findings = [
        Finding(
            f.ticks.arrival or 0,
            most,
            "Weapon discipline starts at full marks: each shot with a bystander or officer on its "
            "line of fire, up to the first wall that stops rounds, deducts 40.",
        )
    ]
    for shot in f.trainee_shots:
        if not shot.non_threats_on_line:
            continue
        hit = f" and hit {shot.hit}" if shot.hit and shot.hit != shot.target else ""
        findings.append(
            Finding(
                shot.tick,
                UNSAFE_SHOT_POINTS,
                f"Unsafe shot at {shot.target or 'a spot'}: "
                f"{', '.join(shot.non_threats_on_line)} stood on the line of fire{hit}. "
                "Check what is behind the target before you press.",
                (cite_event(shot),),
            )
        )
    return findings


def justified_engagement(f: Facts, most: int) -> list[Finding]:
    """B3: fire only at a positively identified attacker who is an imminent threat (weapon in hand, in sight)."""
    shots = f.trainee_shots
    if not shots:
        return [not_applicable(0, most, "you fired no shots.")]
    bad = [s for s in shots if not _justified(f, s)]
    points = share(most, len(shots) - len(bad), len(shots))
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
    return [Finding(shots[0].tick, points, message, evidence)]


def evacuation_discipline(f: Facts, most: int) -> list[Finding]:
    """B4: direct fleeing people behind you toward exits without stopping the advance (+20; -20 for escorting them while the attacker has access)."""
    directed = f.of(CiviliansDirected)
    if not directed:
        if not any(f.present(c.when) for c in f.level.civilians):
            return [not_applicable(0, most, "there were no civilians in this scenario.")]
        return [Finding(f.end_tick, 0, "You did not direct anyone toward an exit.")]
    for event in directed:
        if not f.access(event.tick):
            continue
        escorted = _escorted(f, event)
        if escorted:
            return [
                Finding(
                    event.tick,
                    -most,
                    f"After directing {event.count} people you {escorted} while the attacker "
                    "could still reach victims. Point them to the exit and keep moving.",
                    (cite_event(event),),
                )
            ]
    first = directed[0]
    return [
        Finding(
            first.tick,
            most,
            f"You directed {first.count} people toward an exit without stopping your advance.",
            (cite_event(first),),
        )
    ]


def warning_when_feasible(f: Facts, most: int) -> list[Finding]:
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
        return [
            not_applicable(
                0,
                most,
                "every shot was at someone firing at people, so no warning was feasible."
                if f.trainee_shots
                else "you fired no shots and challenged no one.",
            )
        ]
    warned = sum(1 for ok, _ in targets.values() if ok)
    tick = min(
        [c.tick for c in challenges] + [s.tick for s in f.trainee_shots if s.target in targets]
    )
    return [
        Finding(
            tick,
            share(most, warned, len(targets)),
            f"You gave a warning to {warned} of {len(targets)} armed people who were not firing "
            'when you faced them ("Police! Drop it!").',
            tuple(e for _, e in targets.values()),
        )
    ]


def surrender_handling(f: Facts, most: int) -> list[Finding]:
    """B6: when the attacker gives up, stop firing, give commands and cover from cover."""
    surrenders = f.of(SuspectSurrendered)
    if not surrenders:
        return [not_applicable(0, most, "no attacker surrendered.")]
    total = 0.0
    notes = []
    for event in surrenders:
        held = not any(s.target == event.suspect and s.tick >= event.tick for s in f.trainee_shots)
        commands = any(
            c.by == "trainee" and c.target == event.suspect and event.tick - 50 <= c.tick
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
    points = round(most * total / len(surrenders))
    return [
        Finding(
            surrenders[0].tick,
            points,
            "When the attacker surrendered you should hold fire, give clear commands and cover "
            "from cover.",
            tuple(notes),
        )
    ]


# -- helpers ----------------------------------------------------------------------------------------


def _justified(f: Facts, shot) -> bool:
    if shot.target_role != "suspect" or shot.target_surrendered:
        return False
    if any(
        isinstance(e, ThreatStopped) and e.suspect == shot.target and e.tick < shot.tick
        for e in f.events
    ):
        return False
    seen = shot.seen
    return seen is not None and seen.in_sight and (seen.weapon_drawn or shot.target_firing)


def _escorted(f: Facts, event: CiviliansDirected) -> str:
    end = min(event.tick + ESCORT_TICKS, f.end_tick)
    if any(s.start < end and s.end > event.tick + WINDOW_TICKS for s in f.stalls):
        return "stayed with them"
    source = f.source_at(event.tick)
    before = f.distance_to_gunfire(event.tick, source)
    after = f.distance_to_gunfire(end, source)
    if before is not None and after is not None and after - before >= RETREAT_COST:
        return "walked them out, away from the gunfire"
    return ""
