"""Captions: every sound and radio message the trainee hears, as a line of text (nothing else)."""

from __future__ import annotations

from collections.abc import Callable

from game.core.events import (
    BreachStarted,
    ChallengeIssued,
    CiviliansDirected,
    CommandRefused,
    DoorBreached,
    Event,
    GunfireHeard,
    PoliceAnnounced,
    PromptShown,
    RadioHeard,
    RadioLost,
    RadioSent,
    SuspectSurrendered,
    TookCover,
    TourniquetApplied,
)

CAPTION_KINDS = ("sound", "radio", "prompt", "info", "refused")


def caption_for(event: Event, zone_name: Callable[[str], str] = str) -> tuple[str, str] | None:
    """(kind, text) for an event the trainee hears or should read, or None."""
    if isinstance(event, GunfireHeard):
        where = "" if event.floor == "same floor" else f", {event.floor}"
        return "sound", f"[Gunshot, {event.distance}, {event.direction}{where}]"
    if isinstance(event, RadioHeard):
        return "radio", f"{event.sender}: {event.text}"
    if isinstance(event, RadioSent):
        return "radio", f"You: {event.text}"
    if isinstance(event, RadioLost):
        return "radio", f"[Radio: {event.reason}]"
    if isinstance(event, PromptShown):
        return "prompt", event.text
    if isinstance(event, PoliceAnnounced):
        return "sound", '[You shout: "Police!"]'
    if isinstance(event, ChallengeIssued):
        return "sound", '[You: "Police! Drop the weapon! Show me your hands!"]'
    if isinstance(event, SuspectSurrendered):
        return "sound", "[The person drops the weapon and shows their hands]"
    if isinstance(event, BreachStarted):
        return "sound", f"[You start forcing the door: {event.ticks // 10} seconds]"
    if isinstance(event, DoorBreached):
        return "sound", "[The door gives way]"
    if isinstance(event, TookCover):
        return "info", f"You are in {event.protection} ({event.object})"
    if isinstance(event, TourniquetApplied):
        return "info", "Tourniquet applied"
    if isinstance(event, CiviliansDirected):
        return "info", f'[You: "Get out, that way!" {event.count} people move]'
    if isinstance(event, CommandRefused):
        return "refused", f"Cannot: {event.reason}"
    return None
