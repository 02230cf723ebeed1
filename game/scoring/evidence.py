"""Evidence strings: each names one event of the log as the debrief shows it ("ShotFired@1:23 ...")."""

from __future__ import annotations

from game.core.clock import tick_clock
from game.core.events import (
    Appearance,
    ChallengeIssued,
    Event,
    GunfireHeard,
    PersonSighted,
    RadioSent,
    ShotFired,
    event_type,
)
from game.core.level import Position


def cite_event(event: Event, note: str = "") -> str:
    """One event as evidence: its type, its time, what it says (and a note)."""
    head = f"{event_type(event)}@{tick_clock(event.tick)} (tick {event.tick})"
    body = _body(event)
    text = f"{head}: {body}" if body else head
    return f"{text}; {note}" if note else text


def perceived(seen: Appearance | None) -> str:
    """What the trainee could perceive of a person at that moment (doctrine §3.3)."""
    if seen is None:
        return "no one was aimed at"
    parts = [
        "uniform" if seen.dress == "uniform" else "plain clothes",
        "POLICE jacket" if seen.raid_jacket else "no POLICE jacket",
        "badge shown" if seen.badge_shown else "no badge visible",
        'had just shouted "Police!"' if seen.announced else 'no "Police!" heard',
        f"{seen.weapon} {'in hand' if seen.weapon_drawn else 'holstered'}"
        if seen.weapon != "none"
        else "unarmed",
        "matches the suspect description"
        if seen.matches_description
        else "does not match the description",
        f"{seen.distance:.1f} tiles away",
        "in sight" if seen.in_sight else "not in sight",
    ]
    return ", ".join(parts)


def where(position: Position) -> str:
    """A tile as text."""
    return f"floor {position.floor} ({position.x},{position.y})"


def _body(event: Event) -> str:
    if isinstance(event, ShotFired):
        line = ", ".join(event.non_threats_on_line) or "no one"
        hit = event.hit or "no one"
        return (
            f"{event.shooter} fired at {event.target or 'a spot'} ({event.target_role or '-'}) "
            f"from {event.shooter_protection}; hit {hit}; non-threats on the line of fire: {line}; "
            f"target firing: {'yes' if event.target_firing else 'no'}"
            + ("; target had surrendered" if event.target_surrendered else "")
            + (f"; seen: {perceived(event.seen)}" if event.seen else "")
        )
    if isinstance(event, ChallengeIssued):
        return (
            f"{event.by} challenged {event.target} ({event.target_role}); "
            f"target firing: {'yes' if event.target_firing else 'no'}; seen: {perceived(event.seen)}"
        )
    if isinstance(event, PersonSighted):
        return f"{event.by} saw {event.person} ({event.role}); seen: {perceived(event.seen)}"
    if isinstance(event, GunfireHeard):
        return f"gunfire {event.distance}, {event.direction} ({event.bearing} deg), {event.floor}"
    if isinstance(event, RadioSent):
        slots = "; ".join(f"{k}={v}" for k, v in event.slots) or "no slots"
        return f'{event.sender} radioed "{event.kind}" ({slots})'
    fields = getattr(event, "__slots__", ())
    return ", ".join(f"{name}={getattr(event, name)!r}" for name in fields if name != "tick")
