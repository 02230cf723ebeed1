"""Captions: every sound and radio message the trainee hears, as a line of text (nothing else).

A voice is named by what the trainee perceives of the speaker ("the man in the black t-shirt") and
where it came from ("close, to the east"); someone out of sight is "a voice". Never an id or a role.
"""

from __future__ import annotations

from collections.abc import Callable

from game.client.perceived import Senses
from game.core.events import (
    BreachStarted,
    ChallengeIssued,
    CiviliansDirected,
    CommandRefused,
    Complied,
    DoorBreached,
    Event,
    GunfireHeard,
    LeftCover,
    PersonWounded,
    PoliceAnnounced,
    PromptShown,
    RadioHeard,
    RadioLost,
    RadioSent,
    ShotFired,
    SuspectSurrendered,
    TookCover,
    TourniquetApplied,
)

CAPTION_KINDS = ("sound", "radio", "prompt", "info", "refused", "danger", "shot")
CHALLENGE_WORDS = '"Police! Drop the weapon! Show me your hands!"'
YOU = "trainee"
"""The trainee's id in the event log (never shown)."""


def caption_for(
    event: Event, zone_name: Callable[[str], str] = str, senses: Senses | None = None
) -> tuple[str, str] | None:
    """(kind, text) for an event the trainee hears or should read, or None."""
    senses = senses or Senses()
    if isinstance(event, GunfireHeard):
        where = "" if event.floor == "same floor" else f", {event.floor}"
        return "sound", f"[Gunshot: {event.distance}, to the {event.direction}{where}]"
    if isinstance(event, RadioHeard):
        return "radio", f"{event.sender}: {event.text}"
    if isinstance(event, RadioSent):
        return "radio", f"You: {event.text}"
    if isinstance(event, RadioLost):
        return "radio", f"[Radio: {event.reason}]"
    if isinstance(event, PromptShown):
        return "prompt", event.text
    if isinstance(event, PoliceAnnounced):
        if event.person == YOU:
            return "sound", '[You shout: "Police!"]'
        return "sound", f'[{_voice(senses, event.person, event.position)} shouts: "Police!"]'
    if isinstance(event, ChallengeIssued):
        return "sound", _challenge(event, senses)
    if isinstance(event, Complied):
        if event.person == YOU:
            return "info", "You comply: weapon down, hands where they can be seen"
        who = _capital(senses.who(event.person, "someone out of sight"))
        return "sound", f"[{who} lowers the weapon and shows their hands]"
    if isinstance(event, SuspectSurrendered):
        who = _capital(senses.who(event.suspect, "someone out of sight"))
        return "sound", f"[{who} drops the weapon and shows their hands]"
    if isinstance(event, ShotFired):
        return _shot(event, senses)
    if isinstance(event, PersonWounded) and event.person == YOU:
        return "danger", you_are_hit(event.condition)
    if isinstance(event, BreachStarted):
        return "sound", f"[You start forcing the door: {event.ticks // 10} seconds]"
    if isinstance(event, DoorBreached):
        return "sound", "[The door gives way]"
    if isinstance(event, TookCover) and event.person == YOU:
        return "info", f"You are in {event.protection} ({event.object})"
    if isinstance(event, LeftCover) and event.person == YOU:
        return "info", "You leave cover: in the open"
    if isinstance(event, TourniquetApplied):
        return "info", f"Tourniquet applied to {senses.who(event.person, 'the casualty')}"
    if isinstance(event, CiviliansDirected):
        people = "person moves" if event.count == 1 else "people move"
        return "info", f'[You: "Get out, that way!" {event.count} {people}]'
    if isinstance(event, CommandRefused):
        return "refused", f"Cannot: {event.reason}"
    return None


END_WORDS = {
    "trainee down": "you went down",
    "time limit": "time ran out",
    "ended by trainee": "you ended it",
}


def end_words(reason: str) -> str:
    """Why a run ended, in the trainee's words (the engine's reason names the trainee's id)."""
    if reason in END_WORDS:
        return END_WORDS[reason]
    return reason.replace("trainee", "you") if reason else "it ended"


def you_are_hit(condition: str) -> str:
    """What being hit means for the trainee, in words."""
    if condition == "walking":
        return "YOU ARE HIT: wounded, still able to move and act. Get to cover."
    if condition in ("incapacitated", "critical", "deceased"):
        return "YOU ARE DOWN: hit and unable to go on."
    return f"YOU ARE HIT: {condition}"


def incoming(event: ShotFired, senses: Senses) -> bool:
    """Whether a round fired by someone else came at or past the trainee."""
    if event.shooter == YOU:
        return False
    if event.target == YOU or YOU in event.between or YOU in event.behind or event.hit == YOU:
        return True
    here = senses.here
    return (
        here is not None
        and event.aim.floor == here.floor
        and max(abs(event.aim.x - here.x), abs(event.aim.y - here.y)) <= 1
    )


def _shot(event: ShotFired, senses: Senses) -> tuple[str, str] | None:
    if event.shooter == YOU:
        if not event.hit:
            return "shot", "Your shot: MISS"
        who = senses.who(event.hit, "someone")
        if event.hit == event.target:
            return "shot", f"Your shot: HIT {who}"
        return "danger", f"Your shot: MISSED your target and HIT {who}"
    if incoming(event, senses):
        side = senses.where(event.shooter, event.origin) or "somewhere near"
        return "danger", f"[UNDER FIRE: rounds incoming, {side}]"
    return None


def _challenge(event: ChallengeIssued, senses: Senses) -> str:
    if event.by == YOU:
        return f"[You, to {senses.who(event.target, 'someone')}: {CHALLENGE_WORDS}]"
    voice = _voice(senses, event.by, None)
    if event.target == YOU:
        return f"[{voice} shouts at you: {CHALLENGE_WORDS}]"
    return f"[{voice} shouts: {CHALLENGE_WORDS}]"


def _voice(senses: Senses, person: str, at: object) -> str:
    """A speaker as heard: "The man in the black t-shirt, close, to the east" or "A voice, to the east"."""
    who = senses.who(person, "a voice")
    where = senses.where(person, at)  # type: ignore[arg-type]
    return _capital(f"{who} ({where})" if where else who)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
