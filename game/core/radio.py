"""Radio traffic: how a structured message reads on the air, and how dispatch answers it."""

from __future__ import annotations

from game.core.commands import RADIO_KINDS, RADIO_SLOTS, REQUESTS, SHOTS_STATUS, Radio

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
    "description": "Suspect",
    "weapon": "Weapon",
    "direction": "Direction",
    "casualties": "Casualties",
    "action": "Action",
    "requests": "Requests",
}


def problem(message: Radio, zone_ids: set[str]) -> str:
    """Why a message cannot be sent as composed, or '' when it can."""
    if message.kind not in RADIO_KINDS:
        return f"unknown radio message kind {message.kind!r}; one of {', '.join(RADIO_KINDS)}"
    for key, value in message.slots:
        if key not in RADIO_SLOTS:
            return f"unknown radio slot {key!r}; one of {', '.join(RADIO_SLOTS)}"
        if key == "shots" and value not in SHOTS_STATUS:
            return f"shots must be one of {', '.join(SHOTS_STATUS)}"
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


def spoken(message: Radio, zone_names: dict[str, str]) -> str:
    """The message as it sounds on the air."""
    parts = [KIND_TITLES.get(message.kind, message.kind) + "."]
    for key, value in message.slots:
        if key == "location":
            value = zone_names.get(value, value)
        parts.append(f"{SLOT_TITLES.get(key, key)}: {value}.")
    return " ".join(parts)


def acknowledgement(message: Radio) -> str:
    """What dispatch says back, or '' when it stays silent."""
    asked = requests(message.slot("requests"))
    if message.kind == "initial_report":
        extra = f" Sending {', '.join(asked)}." if asked else ""
        return "Copy your initial report, all units advised." + extra
    if message.kind == "stand_off":
        return "Copy, units to hold back."
    if message.kind == "making_entry":
        return "Copy, officer making entry. Channel is clear."
    if message.kind in ("post_stop", "zone_warm"):
        return "Copy. Rescue task force staging, awaiting your direction."
    if asked:
        return f"Copy, sending {', '.join(asked)}."
    return ""


# -- the message model the radio panel composes with (agreement 1; the scoring developer's versions win) --

_KIND_SLOTS: dict[str, tuple[str, ...]] = {
    "initial_report": RADIO_SLOTS,
    "update": RADIO_SLOTS,
    "making_entry": ("location", "shots", "action", "requests"),
    "request": ("location", "requests", "casualties"),
    "command": ("location", "action", "requests"),
    "stand_off": ("location", "action"),
    "post_stop": ("location", "shots", "casualties", "action", "requests"),
    "zone_warm": ("location", "casualties", "action", "requests"),
    "self_description": ("location", "description", "weapon", "action"),
    "movement": ("location", "direction", "action"),
}

_SLOT_CHOICES: dict[str, tuple[str, ...]] = {
    "shots": SHOTS_STATUS,
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
    "action": (
        "moving to the gunfire",
        "making entry",
        "holding at cover",
        "in contact with the suspect",
        "evacuating civilians",
        "treating casualties",
        "suspect stopped",
        "awaiting backup",
    ),
    "requests": REQUESTS,
}

_VALUE_LABELS: dict[str, dict[str, str]] = {
    "shots": {
        "active": "shots still being fired",
        "stopped": "shots have stopped",
        "none": "no shots heard",
        "unknown": "unknown",
    },
    "requests": {
        "backup": "backup",
        "ems": "EMS",
        "rtf": "rescue task force",
        "perimeter": "perimeter",
        "command": "command post",
        "staging": "staging area",
        "ccp": "casualty collection point",
    },
}


def message_slots(kind: str) -> tuple[str, ...]:
    """The slots a message of this kind carries, in panel order."""
    return _KIND_SLOTS.get(kind, RADIO_SLOTS)


def slot_choices(slot: str) -> tuple[str, ...] | None:
    """The enumerated values of a slot, or None for free text (`location` takes zone ids)."""
    return _SLOT_CHOICES.get(slot)


def value_label(slot: str, value: str, zone_names: dict[str, str]) -> str:
    """The readable form of a slot's value: a zone's name, a request in words."""
    if slot == "location":
        return zone_names.get(value, value)
    if slot == "requests":
        words = _VALUE_LABELS["requests"]
        return ", ".join(words.get(r, r) for r in requests(value))
    return _VALUE_LABELS.get(slot, {}).get(value, value)
