"""Radio traffic: what a structured message means, how it reads on the air, and how dispatch answers it.

A message is a kind plus slots (`commands.RADIO_KINDS`, `commands.RADIO_SLOTS`). Its meaning lives in
enumerated slots: `shots`, the suspect's `status`, the sender's `action` and the `requests`; `location`
takes zone ids. `action` also accepts free words, which `meaning` reads for the same enumerated actions
(negations such as "do not hold back" are respected), so "All units stay 500 feet away" is a hold-back
order whatever kind carries it. Scoring judges `meaning`, never the words themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from game.core.commands import (
    ACTIONS,
    RADIO_KINDS,
    RADIO_SLOTS,
    REQUESTS,
    SHOTS_STATUS,
    SUSPECT_STATUS,
    Radio,
)

KIND_TITLES = {
    "initial_report": "Initial report",
    "update": "Update",
    "making_entry": "Making entry",
    "request": "Request",
    "command": "Command",
    "stand_off": "Hold back",
    "post_stop": "Suspect stopped",
    "zone_warm": "Zone warm",
    "self_description": "Plain-clothes officer on scene",
    "movement": "Moving",
}

SLOT_TITLES = {
    "location": "Location",
    "shots": "Shots",
    "status": "Suspect",
    "description": "Description",
    "weapon": "Weapon",
    "direction": "Direction",
    "casualties": "Casualties",
    "action": "Action",
    "requests": "Requests",
}

_REPORT_SLOTS = RADIO_SLOTS
"""A report's slots: the seven-item checklist in its order (doctrine §2.1), then the suspect's status."""

_KIND_SLOTS = {
    "initial_report": _REPORT_SLOTS,
    "update": _REPORT_SLOTS,
    "making_entry": ("location", "shots", "action", "requests"),
    "request": ("location", "requests", "casualties"),
    "command": ("location", "action", "requests"),
    "stand_off": ("location", "action", "requests"),
    "post_stop": ("location", "shots", "status", "casualties", "action", "requests"),
    "zone_warm": ("location", "casualties", "action", "requests"),
    "self_description": ("location", "description", "weapon", "action"),
    "movement": ("location", "direction", "action"),
}

_CHOICES = {
    "shots": SHOTS_STATUS,
    "status": SUSPECT_STATUS,
    "action": ACTIONS,
    "requests": REQUESTS,
}
"""The enumerated slots: their values carry the meaning scoring judges."""

_SUGGESTIONS = {
    "description": (
        "unknown",
        "as given by dispatch",
        "male, plain clothes",
        "female, plain clothes",
    ),
    "weapon": ("unknown", "handgun", "rifle", "long gun", "shotgun"),
    "direction": (
        "unknown",
        "stationary",
        "north",
        "north-east",
        "east",
        "south-east",
        "south",
        "south-west",
        "west",
        "north-west",
    ),
    "casualties": ("none seen", "unknown", "1", "2", "3 or more", "multiple, not counted"),
}
"""Ready values the panel offers for free-text slots (any other text is still accepted)."""

_LABELS = {
    "shots": {
        "active": "shots still being fired",
        "stopped": "shots have stopped",
        "none": "no shots heard",
        "unknown": "unknown",
    },
    "status": {
        "active": "active",
        "moving": "moving",
        "barricaded": "barricaded",
        "contained": "contained",
        "isolated": "isolated, no one with him",
        "down": "down",
        "in_custody": "in custody",
        "surrendered": "surrendered",
        "unknown": "unknown",
    },
    "action": {
        "making_entry": "making entry",
        "moving_to_gunfire": "moving to the gunfire",
        "searching": "searching",
        "engaging": "engaging",
        "holding": "holding position",
        "treating": "treating casualties",
        "units_to_me": "units to my location",
        "hold_back": "all units hold back",
        "set_perimeter": "set a perimeter",
    },
    "requests": {
        "backup": "backup",
        "ems": "EMS",
        "rtf": "rescue task force",
        "perimeter": "perimeter and rear coverage",
        "command": "next unit or supervisor take command",
        "staging": "staging",
        "ccp": "casualty collection point",
    },
}

WORDS_PER_SECOND = 2.5
"""Radio speech: about 150 words a minute."""
MIN_AIRTIME_SECONDS = 2.0
MAX_AIRTIME_SECONDS = 10.0
"""A transmission takes at least 2 s and, for what doctrine calls a momentary update, at most 10 s."""


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a message says, in enumerated terms: the only form scoring judges."""

    kind: str
    location: str
    shots: str
    status: str
    actions: frozenset[str]
    requests: tuple[str, ...]
    facts: frozenset[tuple[str, str]]
    """The pieces of information it carries (slot, value), to tell new information from a repeat."""

    @property
    def orders_stand_off(self) -> bool:
        """Tells units to hold back or stay away (a hold-back message, or a hold-back action)."""
        return self.kind == "stand_off" or "hold_back" in self.actions

    @property
    def asks_perimeter(self) -> bool:
        """Asks for a perimeter (a request, or a set-perimeter action)."""
        return "perimeter" in self.requests or "set_perimeter" in self.actions

    @property
    def making_entry(self) -> bool:
        """Says the sender is making entry."""
        return self.kind == "making_entry" or "making_entry" in self.actions

    @property
    def says_contained(self) -> bool:
        """Calls the suspect barricaded, contained or isolated."""
        return self.status in ("barricaded", "contained", "isolated")

    @property
    def says_stopped(self) -> bool:
        """Says the shooting is over or the suspect is down, in custody or surrendered."""
        return self.shots in ("stopped", "none") or self.status in (
            "down",
            "in_custody",
            "surrendered",
        )


def message_slots(kind: str) -> tuple[str, ...]:
    """The slots a message of this kind carries, in panel order (empty for an unknown kind)."""
    return _KIND_SLOTS.get(kind, ())


def slot_choices(slot: str) -> tuple[str, ...] | None:
    """The values the panel offers for a slot, or None for free text (`location` takes zone ids).

    `shots`, `status`, `action` and `requests` are enumerated (their values carry meaning; `action` also
    accepts free words, read by `meaning`); `description`, `weapon`, `direction` and `casualties` offer
    ready values but accept any text.
    """
    return _CHOICES.get(slot) or _SUGGESTIONS.get(slot)


def value_label(slot: str, value: str, zone_names: dict[str, str]) -> str:
    """The readable form of a slot's value: a zone's name, an enumerated value's words."""
    if slot in ("location", "direction"):
        return zone_names.get(value, value)
    if slot == "requests":
        return ", ".join(_LABELS["requests"].get(r, r) for r in requests(value))
    return _LABELS.get(slot, {}).get(value, value)


def problem(message: Radio, zone_ids: set[str]) -> str:
    """Why a message cannot be sent as composed, or '' when it can."""
    if message.kind not in RADIO_KINDS:
        return f"unknown radio message kind {message.kind!r}; one of {', '.join(RADIO_KINDS)}"
    for key, value in message.slots:
        if key not in RADIO_SLOTS:
            return f"unknown radio slot {key!r}; one of {', '.join(RADIO_SLOTS)}"
        if key == "shots" and value not in SHOTS_STATUS:
            return f"shots must be one of {', '.join(SHOTS_STATUS)}"
        if key == "status" and value not in SUSPECT_STATUS:
            return f"status must be one of {', '.join(SUSPECT_STATUS)}"
        if key == "location" and value not in zone_ids:
            return f"unknown location {value!r}: name a zone"
        if key == "requests":
            unknown = [r for r in requests(value) if r not in REQUESTS]
            if unknown:
                return f"unknown request {unknown[0]!r}; one of {', '.join(REQUESTS)}"
    return ""


def requests(value: str) -> list[str]:
    """The individual requests in a `requests` slot ("backup, ems")."""
    return [part.strip() for part in value.split(",") if part.strip()]


def meaning(kind: str, slots: tuple[tuple[str, str], ...]) -> Meaning:
    """What a message means: its enumerated slots, and the actions and status its free words state."""
    return _meaning(kind, tuple((key, value) for key, value in slots))


@lru_cache(maxsize=1024)
def _meaning(kind: str, slots: tuple[tuple[str, str], ...]) -> Meaning:
    """`meaning`, read once per wording (a script says the same words on every seed, and a Meaning is
    read-only)."""
    values = dict(slots)
    action = values.get("action", "").strip()
    actions = {action} if action in ACTIONS else set(_read(action, _ACTION_PHRASES))
    status = values.get("status", "")
    if not status:
        said = _read(" ".join(v for k, v in slots if k == "action"), _STATUS_PHRASES)
        status = said[0] if said else ""
    asked = tuple(r for r in requests(values.get("requests", "")) if r in REQUESTS)
    facts: set[tuple[str, str]] = {("action", a) for a in actions} | {("request", r) for r in asked}
    for key, value in slots:
        if key in ("action", "requests") or not value.strip():
            continue
        if key == "description" and kind == "self_description":
            key = "own description"
        facts.add((key, " ".join(value.lower().split())))
    if status:
        facts.add(("status", status))
    if not facts:
        facts.add(("kind", kind))
    return Meaning(
        kind,
        values.get("location", ""),
        values.get("shots", ""),
        status,
        frozenset(actions),
        asked,
        frozenset(facts),
    )


def airtime_seconds(kind: str, slots: tuple[tuple[str, str], ...]) -> float:
    """How long the message takes to say on the air, from 2 s up to 10 s."""
    words = len(KIND_TITLES.get(kind, kind).split())
    for key, value in slots:
        words += len(SLOT_TITLES.get(key, key).split()) + len(value_label(key, value, {}).split())
    return max(MIN_AIRTIME_SECONDS, min(MAX_AIRTIME_SECONDS, words / WORDS_PER_SECOND))


def spoken(message: Radio, zone_names: dict[str, str]) -> str:
    """The message as it sounds on the air."""
    parts = [KIND_TITLES.get(message.kind, message.kind) + "."]
    for key, value in message.slots:
        parts.append(f"{SLOT_TITLES.get(key, key)}: {value_label(key, value, zone_names)}.")
    return " ".join(parts)


def acknowledgement(message: Radio) -> str:
    """What dispatch says back, or '' when it stays silent; it answers what the message means."""
    said = meaning(message.kind, message.slots)
    asked = [_LABELS["requests"].get(r, r) for r in said.requests]
    sending = f" Sending {', '.join(asked)}." if asked else ""
    if said.orders_stand_off:
        return "Copy, units to hold back." + sending
    if message.kind == "initial_report":
        entry = " Officer making entry." if said.making_entry else ""
        return "Copy your initial report, all units advised." + entry + sending
    if said.making_entry:
        return "Copy, officer making entry. Channel is clear." + sending
    if message.kind in ("post_stop", "zone_warm"):
        return "Copy. Rescue task force staging, awaiting your direction."
    if asked:
        return f"Copy, sending {', '.join(asked)}."
    return ""


# -- reading free words --------------------------------------------------------------------------

_NEGATION = re.compile(
    r"\b(?:not|never|no|don't|dont|do not|won't|cannot|can't)\s+(?:\w+\s+){0,1}$"
)

_ACTION_PHRASES: dict[str, tuple[str, ...]] = {
    "hold_back": (
        r"\b(?:stay|stays|keep|hold|holding|remain|wait|waiting|stand|standing)"
        r"\s+(?:back|away|out|clear|off|outside)\b",
        r"\b(?:do not|don't|dont|nobody|no one|no units?|no one is to)\s+"
        r"(?:enter|approach|go in|goes in|come in|go inside|move in)\b",
        r"\b\d+\s*(?:feet|foot|ft|yards?|yds|met(?:er|re)s?|m)\s+(?:away|back|out|from)\b",
        r"\bwait(?:ing)?\s+(?:for|on)\s+(?:swat|sert|srt|tactical|the tactical team|the team)\b",
        r"\bstand(?:ing)?[ -]off\b",
    ),
    "set_perimeter": (r"\bperimeter\b",),
    "making_entry": (
        r"\bmak(?:e|ing) entry\b",
        r"\benter(?:ing)?\b",
        r"\bgo(?:ing)? in(?:side|to)?\b",
        r"\bheading in\b",
        r"\bmoving in\b",
    ),
    "moving_to_gunfire": (r"\b(?:to|toward|towards) the (?:gunfire|shots|shooter|shooting)\b",),
    "units_to_me": (r"\bfollow me\b", r"\bunits to (?:me|my)\b"),
    "searching": (r"\bsearch(?:ing)?\b", r"\bclearing\b"),
    "engaging": (r"\bengag(?:e|ing)\b",),
    "holding": (r"\bholding\b",),
    "treating": (r"\btreat(?:ing)?\b", r"\btourniquet"),
}

_STATUS_PHRASES: dict[str, tuple[str, ...]] = {
    "barricaded": (r"\bbarricad\w*",),
    "contained": (r"\bcontain(?:ed|ment)\b", r"\bholed up\b"),
    "isolated": (r"\bisolated\b",),
    "in_custody": (r"\bin custody\b",),
}


def _read(text: str, phrases: dict[str, tuple[str, ...]]) -> list[str]:
    """The meanings whose phrases occur in the words, un-negated, in table order."""
    words = " ".join(text.lower().replace("’", "'").split())
    found = []
    for value, patterns in phrases.items():
        for pattern in patterns:
            if any(not _NEGATION.search(words[: m.start()]) for m in re.finditer(pattern, words)):
                found.append(value)
                break
    return found
