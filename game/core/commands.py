"""Commands: every decision the trainee can make, as small frozen values.

A key press, a line of a level script and a frame of a replay all become these same values, fed to
`World.step`. A command that cannot be carried out produces a `CommandRefused` event, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from game.core.level import Position

PACES = ("walk", "run")

RADIO_KINDS = (
    "initial_report",
    "update",
    "making_entry",
    "request",
    "command",
    "stand_off",
    "post_stop",
    "zone_warm",
    "self_description",
    "movement",
)
"""What a radio message is: the trainee composes one of these, slot by slot."""

RADIO_SLOTS = (
    "location",
    "shots",
    "description",
    "weapon",
    "direction",
    "casualties",
    "action",
    "requests",
    "status",
)
"""The slots of a structured radio message (doctrine §2.1, the seven-slot initial report), then the
suspect's status; `radio.message_slots` gives each kind's slots in panel order."""

SHOTS_STATUS = ("active", "stopped", "none", "unknown")
"""Values of the `shots` slot."""

SUSPECT_STATUS = (
    "active",
    "moving",
    "barricaded",
    "contained",
    "isolated",
    "down",
    "in_custody",
    "surrendered",
    "unknown",
)
"""Values of the `status` slot: what the sender says the suspect is doing or has become."""

ACTIONS = (
    "making_entry",
    "moving_to_gunfire",
    "searching",
    "engaging",
    "holding",
    "treating",
    "units_to_me",
    "hold_back",
    "set_perimeter",
)
"""Values of the `action` slot: the sender's action, or what they tell other units to do. Free words
are also accepted there and read for the same meanings (`radio.meaning`)."""

STAND_OFF_ACTIONS = ("hold_back", "set_perimeter")
"""Actions that tell units to stay out (doctrine §7.5 HF5) whatever kind of message carries them."""

REQUESTS = ("backup", "ems", "rtf", "perimeter", "command", "staging", "ccp")
"""Resources a trainee may request in the `requests` slot (comma-separated)."""


@dataclass(frozen=True, slots=True)
class Move:
    """Step one tile in a direction (dx, dy each -1, 0 or 1)."""

    dx: int
    dy: int


@dataclass(frozen=True, slots=True)
class MoveTo:
    """Walk or run along a path to a tile or into a named zone."""

    target: Position | None = None
    zone: str = ""


@dataclass(frozen=True, slots=True)
class AdvanceToGunfire:
    """Move toward where the last gunfire you heard came from (ALERRT: move directly to the gunfire)."""


@dataclass(frozen=True, slots=True)
class Stop:
    """Stop moving."""


@dataclass(frozen=True, slots=True)
class SetPace:
    """Walk (deliberate) or run (fast jog)."""

    pace: str


@dataclass(frozen=True, slots=True)
class TakeCover:
    """Get behind the best protection next to you: cover if any, else concealment."""


@dataclass(frozen=True, slots=True)
class LeaveCover:
    """Come out from behind cover or concealment."""


@dataclass(frozen=True, slots=True)
class DrawWeapon:
    """Draw the duty weapon."""


@dataclass(frozen=True, slots=True)
class Holster:
    """Holster the weapon."""


@dataclass(frozen=True, slots=True)
class Radio:
    """Send a structured radio message: a kind plus slots (see `RADIO_KINDS`, `RADIO_SLOTS`)."""

    kind: str
    slots: tuple[tuple[str, str], ...] = ()

    @staticmethod
    def of(kind: str, **slots: str) -> Radio:
        """Build a message from keyword slots, in the canonical slot order."""
        ordered = tuple((name, str(slots[name])) for name in RADIO_SLOTS if name in slots)
        extra = tuple(sorted((k, str(v)) for k, v in slots.items() if k not in RADIO_SLOTS))
        return Radio(kind, ordered + extra)

    def slot(self, name: str) -> str:
        """The value of a slot, or '' when it was left empty."""
        for key, value in self.slots:
            if key == name:
                return value
        return ""


@dataclass(frozen=True, slots=True)
class AnnouncePolice:
    """Shout "Police!" so that everyone in earshot knows who you are."""


@dataclass(frozen=True, slots=True)
class DonRaidJacket:
    """Put on the raid jacket marked POLICE."""


@dataclass(frozen=True, slots=True)
class ShowBadge:
    """Display the badge where it can be seen."""


@dataclass(frozen=True, slots=True)
class Challenge:
    """Challenge a person: "Police! Drop it! Show me your hands!"."""

    target: str


@dataclass(frozen=True, slots=True)
class Fire:
    """Fire at a person."""

    target: str


@dataclass(frozen=True, slots=True)
class FireAt:
    """Fire a round at a place (a tile on your floor) rather than at a person."""

    at: Position


@dataclass(frozen=True, slots=True)
class Comply:
    """Obey a challenge from another officer: stop, weapon down, hands visible."""


@dataclass(frozen=True, slots=True)
class OpenDoor:
    """Open an adjacent closed door (the given one, or the nearest)."""

    at: Position | None = None


@dataclass(frozen=True, slots=True)
class CloseDoor:
    """Close an adjacent open door."""

    at: Position | None = None


@dataclass(frozen=True, slots=True)
class Breach:
    """Force an adjacent locked door; it takes the door's breach time."""

    at: Position | None = None


@dataclass(frozen=True, slots=True)
class DirectCivilians:
    """Direct the civilians near you toward an exit (the nearest, or the named exit zone)."""

    exit_zone: str = ""


@dataclass(frozen=True, slots=True)
class ApplyTourniquet:
    """Apply a tourniquet to an adjacent casualty with critical bleeding (the given one, or nearest)."""

    target: str = ""


@dataclass(frozen=True, slots=True)
class Wait:
    """Do nothing this tick."""


@dataclass(frozen=True, slots=True)
class EndScenario:
    """End the run and go to the debrief."""


Command = (
    Move
    | MoveTo
    | AdvanceToGunfire
    | Stop
    | SetPace
    | TakeCover
    | LeaveCover
    | DrawWeapon
    | Holster
    | Radio
    | AnnouncePolice
    | DonRaidJacket
    | ShowBadge
    | Challenge
    | Fire
    | FireAt
    | Comply
    | OpenDoor
    | CloseDoor
    | Breach
    | DirectCivilians
    | ApplyTourniquet
    | Wait
    | EndScenario
)

COMMAND_TYPES: tuple[type, ...] = Command.__args__
"""Every command class, for scripts and replays that name commands."""


def command_name(command: object) -> str:
    """The snake_case name scripts use for a command (`TakeCover` -> `take_cover`)."""
    name = type(command).__name__
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def command_fields(command_type: type) -> tuple[str, ...]:
    """The field names of a command class, in order."""
    return tuple(f.name for f in fields(command_type))


def describe(command: object) -> str:
    """A short human text of a command for logs and refusals."""
    values = [f"{f.name}={getattr(command, f.name)!r}" for f in fields(command)]
    return f"{command_name(command)}({', '.join(values)})"
