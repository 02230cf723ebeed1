"""The validated level: what an instructor wrote, as plain frozen data the simulation runs on.

`game/levels` turns YAML into these values (and reports every authoring error with its place);
`game/core` never reads a file. Times are in ticks (see `TICK_RATE`), positions are `Position` values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

TICK_RATE = 10
"""Simulation ticks per second of game time."""
TRAINEE_ID = "trainee"
"""The trainee's person id in every level and event."""


class TileKind(Enum):
    """What a map tile is made of, which decides movement, sight and whether it stops rounds."""

    FLOOR = "floor"
    GROUND = "ground"
    WALL = "wall"
    PARTITION = "partition"
    DOOR = "door"
    WINDOW = "window"
    COVER = "cover"
    CONCEALMENT = "concealment"
    STAIRS = "stairs"
    VOID = "void"


WALKABLE = frozenset({TileKind.FLOOR, TileKind.GROUND, TileKind.STAIRS, TileKind.DOOR})
"""Tile kinds a person can stand on (doors in any state: a locked door can be breached)."""


class DoorState(Enum):
    """A door's state; a locked door takes a timed breach."""

    OPEN = "open"
    CLOSED = "closed"
    LOCKED = "locked"


class Dress(Enum):
    """What a person wears, as another person would see it."""

    UNIFORM = "uniform"
    PLAIN = "plain"


class Weapon(Enum):
    """What a person carries."""

    NONE = "none"
    HANDGUN = "handgun"
    RIFLE = "rifle"
    LONG_GUN = "long gun"


class Role(Enum):
    """A person's role in the scenario."""

    TRAINEE = "trainee"
    SUSPECT = "suspect"
    CIVILIAN = "civilian"
    OFFICER = "officer"


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """A tile on a floor: floor index, column, row (0-based, row 0 at the top)."""

    floor: int
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """What one map character stands for."""

    symbol: str
    kind: TileKind
    name: str = ""
    door_state: DoorState = DoorState.CLOSED
    breach_ticks: int = 50


@dataclass(frozen=True, slots=True)
class Floor:
    """One storey of the building as rows of legend symbols (all rows padded to one width)."""

    name: str
    rows: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rect:
    """An inclusive rectangle of tiles on one floor."""

    floor: int
    x1: int
    y1: int
    x2: int
    y2: int

    def contains(self, position: Position) -> bool:
        """Whether the tile lies inside this rectangle."""
        return (
            position.floor == self.floor
            and self.x1 <= position.x <= self.x2
            and self.y1 <= position.y <= self.y2
        )

    def tiles(self) -> tuple[Position, ...]:
        """Every tile of the rectangle, row by row."""
        return tuple(
            Position(self.floor, x, y)
            for y in range(self.y1, self.y2 + 1)
            for x in range(self.x1, self.x2 + 1)
        )


class ZoneKind(Enum):
    """What a named zone is for; exits, staging and the casualty collection point drive behaviour."""

    ROOM = "room"
    CORRIDOR = "corridor"
    LOBBY = "lobby"
    STAIRWELL = "stairwell"
    OUTSIDE = "outside"
    EXIT = "exit"
    STAGING = "staging"
    CCP = "ccp"


@dataclass(frozen=True, slots=True)
class Zone:
    """A named place ("Building 12, east stairwell") used on the radio and in scoring."""

    id: str
    name: str
    kind: ZoneKind
    areas: tuple[Rect, ...]

    def contains(self, position: Position) -> bool:
        """Whether the tile lies in this zone."""
        return any(area.contains(position) for area in self.areas)


@dataclass(frozen=True, slots=True)
class Place:
    """Where something is: an exact tile, or anywhere (seeded) in a zone."""

    zone: str = ""
    at: Position | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """Present only when the named variant group picked one of these options."""

    group: str
    options: tuple[str, ...]

    def holds(self, variant: Mapping[str, str]) -> bool:
        """Whether a run with these variant choices has what this condition guards."""
        return variant.get(self.group) in self.options


@dataclass(frozen=True, slots=True)
class Description:
    """How a person looks, as a radio description would give it."""

    sex: str = ""
    build: str = ""
    clothing: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Trainee:
    """The officer the trainee plays."""

    spawn: Place
    dress: Dress = Dress.UNIFORM
    raid_jacket: bool = False
    raid_jacket_worn: bool = False
    badge_shown: bool = False
    weapon: Weapon = Weapon.HANDGUN
    weapon_drawn: bool = False
    radio: bool = True
    description: Description = field(default_factory=Description)
    arrives: int = 0
    tourniquets: int = 2
    on_scene: str = ""
    """The zone where the trainee is on scene (arrival); empty: arrival is the spawn at `arrives`."""


@dataclass(frozen=True, slots=True)
class Reactions:
    """Seeded weights of what a suspect does when an officer confronts them (a weight not given is 0)."""

    engage: int = 0
    retreat: int = 0
    surrender: int = 0


EVEN_REACTIONS = Reactions(engage=1, retreat=1, surrender=1)
"""A suspect whose level gives no reactions at all: each reaction equally likely."""


class RouteEnd(Enum):
    """What a suspect does after the last zone of their route."""

    LOOP = "loop"
    STAY = "stay"
    BARRICADE = "barricade"


@dataclass(frozen=True, slots=True)
class Suspect:
    """A person committing the attack."""

    id: str
    spawn: Place
    description: Description
    weapon: Weapon = Weapon.RIFLE
    route: tuple[str, ...] = ()
    first_shot: int = 0
    fire_interval: int = 40
    stop_after: int = 0
    accuracy: float = 0.35
    reactions: Reactions = EVEN_REACTIONS
    barricade_zone: str = ""
    when: Condition | None = None
    route_end: RouteEnd = RouteEnd.LOOP
    barricade_at: int = 0
    """Goes to barricade at this tick (0: never)."""
    barricade_after_shots: int = 0
    """Goes to barricade after firing this many rounds (0: never)."""
    barricade_when_confronted: bool = False
    """Barricades when an officer confronts them, instead of drawing a reaction."""
    surrender_wait: int = 100
    """Ticks a suspect set to surrender waits for a challenge before turning on police."""
    blind_fire: bool = False
    """Fires at a heard position (through doors and partitions) when no one is in sight."""


@dataclass(frozen=True, slots=True)
class CivilianBehaviour:
    """Seeded weights of what civilians do when they hear gunfire (a weight not given is 0)."""

    shelter: int = 0
    flee: int = 0
    freeze: int = 0
    approach: int = 0


SHELTER_OR_FLEE = CivilianBehaviour(shelter=1, flee=1)
"""Civilians whose level gives no behaviour at all: as likely to shelter as to flee."""


class ChallengeReaction(Enum):
    """How an armed civilian answers an officer's challenge."""

    COMPLIES = "complies"
    SLOW = "slow"
    TURNS = "turns"


DEFAULT_CHALLENGE = (
    (ChallengeReaction.COMPLIES, 2),
    (ChallengeReaction.SLOW, 1),
    (ChallengeReaction.TURNS, 1),
)
"""An armed civilian's challenge weights when the level gives none."""


@dataclass(frozen=True, slots=True)
class CivilianGroup:
    """Students or staff who start together."""

    id: str
    spawn: Place
    count: int = 1
    kind: str = "student"
    behaviour: CivilianBehaviour = SHELTER_OR_FLEE
    shelter_zone: str = ""
    wounded: str = ""
    when: Condition | None = None
    weapon: Weapon = Weapon.NONE
    weapon_drawn: bool = False
    challenge: tuple[tuple[ChallengeReaction, int], ...] = DEFAULT_CHALLENGE
    comply_ticks: int = 10
    slow_comply_ticks: int = 50
    turn_ticks: int = 30

    def person_ids(self) -> tuple[str, ...]:
        """Each member's id: the group's id for one person, "group.1", "group.2"... for more."""
        return _person_ids(self.id, self.count)


@lru_cache(maxsize=256)
def _person_ids(group: str, count: int) -> tuple[str, ...]:
    """`CivilianGroup.person_ids`, made once per group (asked once for each member)."""
    if count == 1:
        return (group,)
    return tuple(f"{group}.{n}" for n in range(1, count + 1))


class OffDutyProtocol(Enum):
    """How an off-duty or plain-clothes officer behaves when challenged (doctrine §3.2)."""

    FOLLOWS = "follows"
    CONFUSED = "confused"


class EntryPlace(Enum):
    """Where an officer with the trainee goes in a joint entry."""

    FOLLOW = "follow"
    LEAD = "lead"
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Officer:
    """Another officer: uniformed backup on the timeline, or a self-dispatched plain-clothes officer."""

    id: str
    spawn: Place
    arrives: int = 0
    dress: Dress = Dress.UNIFORM
    off_duty: bool = False
    raid_jacket_worn: bool = False
    badge_shown: bool = False
    weapon: Weapon = Weapon.HANDGUN
    weapon_drawn: bool = False
    description: Description = field(default_factory=Description)
    protocol: tuple[tuple[OffDutyProtocol, int], ...] = ((OffDutyProtocol.FOLLOWS, 1),)
    goal: str = "gunfire"
    partner: bool = False
    when: Condition | None = None
    entry: EntryPlace = EntryPlace.FOLLOW
    comply_grace: int = 30
    """Ticks this officer waits for a challenged armed person to comply before perceiving a threat."""
    answer_ticks: int = 5
    """Ticks an off-duty officer who follows the protocol takes to answer a challenge."""
    confused_answer_ticks: int = 60
    """Ticks an off-duty officer who reacts confusedly takes to answer a challenge."""
    fire_interval: int = 8
    """Ticks between this officer's shots at a suspect."""


class TimelineKind(Enum):
    """What a timeline entry does."""

    RADIO = "radio"
    RADIO_DEGRADED = "radio_degraded"
    RADIO_RESTORED = "radio_restored"
    PROMPT = "prompt"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """Something that happens at a fixed time: radio traffic, a degraded channel, an on-screen prompt."""

    at: int
    kind: TimelineKind
    sender: str = "Dispatch"
    text: str = ""
    zone: str = ""
    loss: float = 0.0
    when: Condition | None = None
    clip: str = ""
    """A recorded clip of a radio message, a file in the level's folder."""
    description: Description | None = None
    """What a radio message tells of a suspect's look (replacing what was told of them before)."""
    about: str = ""
    """The suspect a radio description is of (empty: every suspect)."""


@dataclass(frozen=True, slots=True)
class VariantOption:
    """One option of a variant group, with its seeded weight."""

    id: str
    weight: int = 1
    label: str = ""


@dataclass(frozen=True, slots=True)
class VariantGroup:
    """One thing the level randomises between seeds; one option is picked per run."""

    id: str
    options: tuple[VariantOption, ...]
    label: str = ""


@dataclass(frozen=True, slots=True)
class ScoringThresholds:
    """The rubric's design parameters (doctrine §7) that an instructor may tune; times in seconds."""

    entry_full_seconds: int = 60
    entry_zero_seconds: int = 180
    entry_full_seconds_silent: int = 120
    entry_zero_seconds_silent: int = 300
    stall_hard_failure_seconds: int = 120
    initial_report_full_seconds: int = 30
    initial_report_half_seconds: int = 90
    care_full_seconds: int = 60
    care_zero_seconds: int = 300
    backup_wait_allowed_seconds: int = 0
    weights: tuple[tuple[str, int], ...] = ()
    """Category weights (category id, points) replacing doctrine §7.2's; categories not named keep theirs."""


@dataclass(frozen=True, slots=True)
class CaseNote:
    """The real case a level draws from, shown in the debrief."""

    case: str
    lesson: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Level:
    """A whole validated level."""

    id: str
    title: str
    briefing: str
    source_path: str
    floors: tuple[Floor, ...]
    legend: tuple[LegendEntry, ...]
    zones: tuple[Zone, ...]
    trainee: Trainee
    suspects: tuple[Suspect, ...] = ()
    civilians: tuple[CivilianGroup, ...] = ()
    officers: tuple[Officer, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    variants: tuple[VariantGroup, ...] = ()
    scoring: ScoringThresholds = field(default_factory=ScoringThresholds)
    duration: int = 6000
    case_note: CaseNote | None = None
    content_hash: str = ""
    briefing_image: str = ""
    """A floor-plan picture for the briefing, a file in the level's folder."""
    rounds_through_concealment: float = 0.75
    """Chance a round passes each concealment tile (drywall, closed door, furniture) it meets."""

    def zone(self, zone_id: str) -> Zone:
        """The zone with this id (the loader has checked that it exists)."""
        for zone in self.zones:
            if zone.id == zone_id:
                return zone
        raise KeyError(zone_id)

    def person_ids(self) -> list[str]:
        """Everyone the level may put on scene, by id: the trainee, suspects, officers, civilians."""
        ids = [TRAINEE_ID] + [s.id for s in self.suspects] + [o.id for o in self.officers]
        return ids + [i for group in self.civilians for i in group.person_ids()]

    def legend_entry(self, symbol: str) -> LegendEntry:
        """The legend entry for a map character."""
        for entry in self.legend:
            if entry.symbol == symbol:
                return entry
        raise KeyError(symbol)


DEFAULT_LEGEND: tuple[LegendEntry, ...] = (
    LegendEntry(".", TileKind.FLOOR, "floor"),
    LegendEntry(",", TileKind.GROUND, "outside ground"),
    LegendEntry("#", TileKind.WALL, "block wall"),
    LegendEntry("=", TileKind.PARTITION, "drywall partition"),
    LegendEntry("D", TileKind.DOOR, "door", DoorState.CLOSED),
    LegendEntry("/", TileKind.DOOR, "open door", DoorState.OPEN),
    LegendEntry("L", TileKind.DOOR, "locked door", DoorState.LOCKED),
    LegendEntry("W", TileKind.WINDOW, "window"),
    LegendEntry("C", TileKind.COVER, "column"),
    LegendEntry("V", TileKind.COVER, "vehicle"),
    LegendEntry("%", TileKind.CONCEALMENT, "desks"),
    LegendEntry("l", TileKind.CONCEALMENT, "lockers"),
    LegendEntry("*", TileKind.CONCEALMENT, "bushes"),
    LegendEntry("S", TileKind.STAIRS, "stairs"),
    LegendEntry(" ", TileKind.VOID, "nothing"),
)
"""The symbols every level may use without declaring them; a level's `legend:` adds or overrides."""
