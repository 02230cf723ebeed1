"""Events: the truth of a run. Small typed records, past tense, each with its tick.

Scoring, the HUD, sound cues, the debrief and replays read only these (and the public snapshot of
positions for drawing). `event_to_dict` gives the canonical JSON form that `event_log_sha256` hashes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from enum import Enum
from functools import cache

from game.core.level import Position


@dataclass(frozen=True, slots=True)
class Appearance:
    """What an observer could perceive of a person at one moment."""

    dress: str
    raid_jacket: bool
    badge_shown: bool
    announced: bool
    weapon: str
    weapon_drawn: bool
    matches_description: bool
    distance: float
    in_sight: bool

    @property
    def identifiable_as_police(self) -> bool:
        """Uniform, POLICE jacket, or badge with a spoken "Police!"."""
        return self.dress == "uniform" or self.raid_jacket or (self.badge_shown and self.announced)


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every event."""

    tick: int


@dataclass(frozen=True, slots=True)
class ScenarioStarted(Event):
    """The run begins: its level, seed and variant, and who takes part (suspects by id, civilians by count)."""

    level: str
    seed: int
    variant: tuple[tuple[str, str], ...]
    suspects: tuple[str, ...] = ()
    civilians: int = 0


@dataclass(frozen=True, slots=True)
class ScenarioEnded(Event):
    """The run is over: `reason` says why (time limit, trainee down, ended by trainee)."""

    reason: str


@dataclass(frozen=True, slots=True)
class TraineeArrived(Event):
    """The trainee is on scene, dressed and marked as the level says (what others can see of them)."""

    position: Position
    zone: str
    dress: str = "uniform"
    raid_jacket: bool = False
    badge_shown: bool = False


@dataclass(frozen=True, slots=True)
class TraineeMoved(Event):
    """The trainee stepped onto a tile, at a walk or a run."""

    position: Position
    pace: str


@dataclass(frozen=True, slots=True)
class EnteredZone(Event):
    """A person walked into a named zone (`name` is the zone's display name)."""

    person: str
    zone: str
    name: str


@dataclass(frozen=True, slots=True)
class EnteredBuilding(Event):
    """A person crossed into the building; `on_arrival` when the trainee was already inside on arrival."""

    person: str
    position: Position
    zone: str
    on_arrival: bool = False


@dataclass(frozen=True, slots=True)
class LeftBuilding(Event):
    """A person stepped out of the building."""

    person: str
    position: Position


@dataclass(frozen=True, slots=True)
class PaceChanged(Event):
    """The trainee switched between walking and running."""

    pace: str


@dataclass(frozen=True, slots=True)
class TookCover(Event):
    """A person took cover or concealment (`protection`) at a tile, behind `object` when it has a name."""

    person: str
    protection: str
    position: Position
    object: str


@dataclass(frozen=True, slots=True)
class LeftCover(Event):
    """A person left their cover or concealment."""

    person: str


@dataclass(frozen=True, slots=True)
class WeaponDrawn(Event):
    """A person drew their weapon."""

    person: str


@dataclass(frozen=True, slots=True)
class WeaponHolstered(Event):
    """A person holstered their weapon."""

    person: str


@dataclass(frozen=True, slots=True)
class RadioSent(Event):
    """A transmission: its kind, its checklist slots, the sender's zone and the words as spoken."""

    sender: str
    kind: str
    slots: tuple[tuple[str, str], ...]
    zone: str
    text: str


@dataclass(frozen=True, slots=True)
class RadioLost(Event):
    """A transmission that did not get through from the sender's zone, with the reason (no signal there)."""

    sender: str
    kind: str
    zone: str
    reason: str


@dataclass(frozen=True, slots=True)
class RadioHeard(Event):
    """Radio traffic the trainee hears; `reply` marks dispatch answering the trainee's own message."""

    sender: str
    text: str
    reply: bool = False


@dataclass(frozen=True, slots=True)
class RadioDegraded(Event):
    """Radio coverage in a zone got worse: transmissions from it are lost with chance `loss`."""

    zone: str
    loss: float


@dataclass(frozen=True, slots=True)
class RadioRestored(Event):
    """Radio coverage in a zone is back to normal."""

    zone: str


@dataclass(frozen=True, slots=True)
class PromptShown(Event):
    """A level prompt shown to the trainee on screen."""

    text: str


@dataclass(frozen=True, slots=True)
class PoliceAnnounced(Event):
    """A person shouted "Police!" (`off_duty` when they added "off duty")."""

    person: str
    position: Position
    off_duty: bool


@dataclass(frozen=True, slots=True)
class RaidJacketDonned(Event):
    """A person put on their raid jacket."""

    person: str


@dataclass(frozen=True, slots=True)
class BadgeShown(Event):
    """A person held up their badge."""

    person: str


@dataclass(frozen=True, slots=True)
class ChallengeIssued(Event):
    """A verbal challenge ("Police! Drop it!"): who challenged whom, whether the target was in sight and firing at that moment."""

    by: str
    target: str
    target_role: str
    seen: Appearance
    target_firing: bool


@dataclass(frozen=True, slots=True)
class Complied(Event):
    """A challenged person complied: weapon down, hands visible."""

    person: str
    by: str


@dataclass(frozen=True, slots=True)
class TurnedTowardVoice(Event):
    """An armed person who was challenged turned toward the voice with the weapon in hand."""

    person: str
    toward: str
    position: Position


@dataclass(frozen=True, slots=True)
class PersonIdentified(Event):
    """An officer recognised a person as police (`how`: uniform, raid jacket, badge and verbal identification)."""

    by: str
    person: str
    how: str


@dataclass(frozen=True, slots=True)
class PersonMisidentified(Event):
    """Someone took a person for what they are not (`seen` is how they looked)."""

    by: str
    person: str
    seen: Appearance


@dataclass(frozen=True, slots=True)
class PersonSighted(Event):
    """A person came into someone's view: whether armed, where, and how they looked (`seen`)."""

    by: str
    person: str
    role: str
    armed: bool
    position: Position
    seen: Appearance


@dataclass(frozen=True, slots=True)
class ContactMade(Event):
    """The trainee closed to engage a suspect (doctrine §7.8 A3): `how` is "engagement range"
    (in range, in sight, weapon drawn), "challenge" or "exchange of fire"; sight at a distance is not contact."""

    suspect: str
    position: Position
    distance: float
    how: str = ""


@dataclass(frozen=True, slots=True)
class ShotFired(Event):
    """A round fired: the line of fire continued past the target until cover or concealment stopped it; who stood on it up to the first cover, and who of them the shooter could see, judge the decision to fire."""

    shooter: str
    shooter_role: str
    target: str
    target_role: str
    origin: Position
    aim: Position
    hit: str
    between: tuple[str, ...]
    behind: tuple[str, ...]
    non_threats_on_line: tuple[str, ...]
    seen: Appearance | None
    target_firing: bool
    target_surrendered: bool
    shooter_protection: str
    stopped_at: Position | None = None
    """The last tile the round reached (cover or concealment stopped it there, or its range ran out)."""
    non_threats_to_cover: tuple[str, ...] = ()
    """Everyone not a threat on the line from the muzzle to the first wall that stops rounds (the
    target left out), whether or not concealment stopped this round: whom firing put at risk."""
    non_threats_in_sight: tuple[str, ...] = ()
    """Those of `non_threats_to_cover` the shooter could see as they fired (whom they knew they risked)."""


@dataclass(frozen=True, slots=True)
class GunfireHeard(Event):
    """What the trainee hears of a shot: direction and rough distance, never the exact tile."""

    bearing: int
    direction: str
    loudness: float
    distance: str
    floor: str


@dataclass(frozen=True, slots=True)
class PersonWounded(Event):
    """A person was hit: by whom, how badly (`condition`) and where."""

    person: str
    role: str
    by: str
    condition: str
    position: Position


@dataclass(frozen=True, slots=True)
class CasualtyWorsened(Event):
    """A wounded person's condition got worse without care."""

    person: str
    condition: str


@dataclass(frozen=True, slots=True)
class TourniquetApplied(Event):
    """A tourniquet was put on a casualty."""

    by: str
    person: str
    position: Position


@dataclass(frozen=True, slots=True)
class SuspectSurrendered(Event):
    """A suspect dropped the weapon and gave up."""

    suspect: str
    position: Position


@dataclass(frozen=True, slots=True)
class SuspectRetreated(Event):
    """A suspect fell back, away from the police, toward a zone."""

    suspect: str
    toward: str


@dataclass(frozen=True, slots=True)
class SuspectBarricaded(Event):
    """A suspect shut themselves in a zone; `victims_inside` counts who is in there with them."""

    suspect: str
    zone: str
    victims_inside: int


@dataclass(frozen=True, slots=True)
class SuspectStoppedFiring(Event):
    """A suspect stopped shooting (not the same as stopped: they may start again)."""

    suspect: str


@dataclass(frozen=True, slots=True)
class SuspectMovedToBarricade(Event):
    """A suspect's plan sends them to barricade: `why` is "time", "shots", "route end" or "confronted"."""

    suspect: str
    toward: str
    why: str


@dataclass(frozen=True, slots=True)
class BlindFire(Event):
    """A shooter fired at where someone was heard, not seen (through a door or a partition, or round
    a corner); the round itself is the `ShotFired` of the same tick."""

    shooter: str
    at: Position
    heard: str
    """What was heard there: "gunfire", "voice" or "breach"."""
    through_door: bool


@dataclass(frozen=True, slots=True)
class ThreatStopped(Event):
    """A suspect no longer threatens anyone: `how` (incapacitated, surrendered) and by whom."""

    suspect: str
    how: str
    by: str


@dataclass(frozen=True, slots=True)
class OfficerArrived(Event):
    """Another officer reached the scene, dressed as they are (`off_duty` when self-dispatched)."""

    officer: str
    position: Position
    dress: str
    off_duty: bool


@dataclass(frozen=True, slots=True)
class FriendlyFire(Event):
    """A police officer's round was aimed at or struck another officer (`hit` when it struck)."""

    shooter: str
    target: str
    hit: bool


@dataclass(frozen=True, slots=True)
class CiviliansDirected(Event):
    """The trainee directed the civilians near them toward an exit zone."""

    count: int
    exit_zone: str
    position: Position


@dataclass(frozen=True, slots=True)
class CivilianSheltered(Event):
    """A civilian sheltered in place in a zone."""

    person: str
    zone: str


@dataclass(frozen=True, slots=True)
class CivilianEscaped(Event):
    """A civilian left the scene through an exit zone."""

    person: str
    zone: str


@dataclass(frozen=True, slots=True)
class DoorOpened(Event):
    """A door was opened at a tile."""

    by: str
    at: Position


@dataclass(frozen=True, slots=True)
class DoorClosed(Event):
    """A door was closed at a tile."""

    by: str
    at: Position


@dataclass(frozen=True, slots=True)
class DoorLocked(Event):
    """A door was locked at a tile."""

    by: str
    at: Position


@dataclass(frozen=True, slots=True)
class BreachStarted(Event):
    """Someone began breaching a locked door; it takes `ticks` tenths of a second."""

    at: Position
    ticks: int


@dataclass(frozen=True, slots=True)
class DoorBreached(Event):
    """A locked door was breached and now stands open."""

    at: Position


@dataclass(frozen=True, slots=True)
class CommandRefused(Event):
    """A command the world could not carry out, with the reason (a wall in the way, no target in sight)."""

    command: str
    reason: str


def event_type(event: Event) -> str:
    """The event's type name as logs and JSON show it."""
    return type(event).__name__


def event_to_dict(event: Event) -> dict[str, object]:
    """The canonical JSON-ready form of an event: type, tick, then its fields."""
    out: dict[str, object] = {"type": event_type(event)}
    for name in _field_names(type(event)):
        out[name] = _plain(getattr(event, name))
    return out


def event_log_sha256(events: list[Event]) -> str:
    """A fingerprint of a whole event log; identical logs give identical hashes on any machine."""
    digest = hashlib.sha256()
    encode = _CANONICAL.encode  # what json.dumps(sort_keys=True, separators=(",", ":")) writes
    for event in events:
        digest.update(encode(event_to_dict(event)).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"))
_AS_THEY_ARE = frozenset({str, int, bool, type(None)})
"""Field types written as they are (exactly these types: an enum of str or int is not one)."""


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """An event type's field names, in order (looked up once per type, not once per event)."""
    return tuple(f.name for f in fields(kind))


def _plain(value: object) -> object:
    if type(value) in _AS_THEY_ARE:  # most fields: asked first, in one look-up
        return value
    if isinstance(value, Position):
        return [value.floor, value.x, value.y]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Appearance):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
