"""People in the scenario: their changing state, how they are created from a level, and how they look."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import NamedTuple

from game.core.events import Appearance
from game.core.geometry import distance
from game.core.level import (
    TRAINEE_ID,
    CivilianBehaviour,
    CivilianGroup,
    Description,
    Dress,
    Level,
    OffDutyProtocol,
    Officer,
    Position,
    Role,
    Suspect,
    Weapon,
)

ANNOUNCE_MEMORY_TICKS = 60
"""How long a spoken "Police!" keeps a person identifiable to those who heard it."""

WALK_SPEED = 15
RUN_SPEED = 35
STEP_COST = 100
"""Movement: each tick a person gains their speed in budget; a straight step costs 100, diagonal 141."""


@dataclass(slots=True)
class Person:
    """One person's changing state. Behaviour modules read and change it; events report it."""

    id: str
    role: Role
    kind: str
    position: Position
    dress: Dress = Dress.PLAIN
    description: Description = field(default_factory=Description)
    weapon: Weapon = Weapon.NONE
    weapon_drawn: bool = False
    raid_jacket_carried: bool = False
    raid_jacket_worn: bool = False
    badge_shown: bool = False
    off_duty: bool = False
    present: bool = True
    condition: str = "ok"
    state: str = "idle"
    speed: int = WALK_SPEED
    budget: int = 0
    path: list[Position] = field(default_factory=list)
    protection: str = "open"
    announced_tick: int = -(10**9)
    last_fired_tick: int = -(10**9)
    challenged_by: str = ""
    challenged_tick: int = -(10**9)
    wounded_tick: int = -(10**9)
    busy_until: int = 0
    busy_with: str = ""
    zone: str = ""
    hits: int = 0
    next_action_tick: int = 0
    reaction: str = ""
    goal_zone: str = ""
    identified: set[str] = field(default_factory=set)
    suspect: Suspect | None = None
    officer: Officer | None = None
    civilians: CivilianGroup | None = None
    behaviour: str = ""
    protocol: OffDutyProtocol = OffDutyProtocol.FOLLOWS
    route_index: int = 0
    tourniquets: int = 0
    inside: bool = False
    replan_tick: int = 0
    rounds_fired: int = 0
    answered_tick: int = -(10**9)
    """The challenge an armed civilian last answered (its tick)."""
    answer_due: int = 0
    plan_done: bool = False
    """A suspect whose plan has sent them to barricade (it happens once)."""
    unreachable: tuple[Position | None, int] = (None, -1)

    @property
    def active(self) -> bool:
        """Present on scene and able to act (not wounded critically, incapacitated or gone)."""
        return self.present and self.condition in ("ok", "walking")

    @property
    def armed(self) -> bool:
        """Whether the person carries a weapon (drawn or not)."""
        return self.weapon is not Weapon.NONE

    @property
    def is_police(self) -> bool:
        """The trainee or another officer."""
        return self.role in (Role.TRAINEE, Role.OFFICER)


class PersonView(NamedTuple):
    """A read-only picture of a person for drawing: what is on screen, never behaviour internals
    (a named tuple, made several times faster than a frozen dataclass: the eyes and the client
    picture everyone in view whenever someone moves)."""

    id: str
    role: str
    kind: str
    position: Position
    dress: str
    raid_jacket: bool
    badge_shown: bool
    weapon: str
    weapon_drawn: bool
    condition: str
    protection: str
    off_duty: bool
    sex: str = ""
    build: str = ""
    clothing: str = ""


def view(person: Person) -> PersonView:
    """The drawable picture of a person."""
    return PersonView._make(_pictured(person))


def _pictured(person: Person) -> tuple:
    """What a picture of the person shows, field by field of `PersonView` (one home for `view` and
    `Views`, which compares it to know when a picture is out of date)."""
    # `_value_` is the enum's value without the descriptor call `.value` makes (a snapshot a tick).
    description = person.description
    return (
        person.id,
        person.role._value_,
        person.kind,
        person.position,
        person.dress._value_,
        person.raid_jacket_worn,
        person.badge_shown,
        person.weapon._value_,
        person.weapon_drawn,
        person.condition,
        person.protection,
        person.off_duty,
        description.sex,
        description.build,
        description.clothing,
    )


class Views:
    """Pictures of people (`view`), made again only when something pictured has changed: a picture
    is read-only, so the same one may be handed out again (the eyes ask for them every tick)."""

    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: dict[str, PersonView] = {}

    def of(self, person: Person) -> PersonView:
        """The picture of a person now."""
        pictured = _pictured(person)  # comparing it costs a fraction of making a picture
        made = self._made.get(person.id)
        if made is not None and made == pictured:  # a picture is the tuple of what it shows
            return made
        picture = self._made[person.id] = PersonView._make(pictured)
        return picture


def appearance(
    observer: Person, person: Person, tick: int, told: tuple[Description, ...], in_sight: bool
) -> Appearance:
    """What the observer can perceive of the person now (doctrine §3.3: the whole person, then the hands)."""
    return Appearance(
        dress=person.dress.value,
        raid_jacket=person.raid_jacket_worn,
        badge_shown=person.badge_shown,
        announced=tick - person.announced_tick <= ANNOUNCE_MEMORY_TICKS,
        weapon=person.weapon.value,
        weapon_drawn=person.weapon_drawn,
        matches_description=matches_description(person.description, told),
        distance=round(
            distance(
                observer.position.x, observer.position.y, person.position.x, person.position.y
            ),
            2,
        ),
        in_sight=in_sight,
    )


def matches_description(description: Description, told: tuple[Description, ...]) -> bool:
    """Whether a person's look matches any description the trainee was told: every part it gives
    (sex, build, clothing) is theirs; a description giving none of them matches no one."""
    look = (description.sex, description.build, description.clothing)
    for given in told:
        parts = [
            (want.lower(), have.lower())
            for want, have in zip((given.sex, given.build, given.clothing), look, strict=True)
            if want
        ]
        if parts and all(want == have for want, have in parts):
            return True
    return False


def told_at_start(level: Level) -> tuple[Description, ...]:
    """What dispatch has told of the suspects at 0:00: their own looks, unless the level's radio
    messages give descriptions (then nothing until the first of them is heard)."""
    if any(entry.description is not None for entry in level.timeline):
        return ()
    return tuple(suspect.description for suspect in level.suspects)


def create_trainee(level: Level, position: Position) -> Person:
    """The trainee as the level describes them."""
    spec = level.trainee
    return Person(
        id=TRAINEE_ID,
        role=Role.TRAINEE,
        kind="trainee",
        position=position,
        dress=spec.dress,
        description=spec.description,
        weapon=spec.weapon,
        weapon_drawn=spec.weapon_drawn,
        raid_jacket_carried=spec.raid_jacket or spec.raid_jacket_worn,
        raid_jacket_worn=spec.raid_jacket_worn,
        badge_shown=spec.badge_shown or spec.dress is Dress.UNIFORM,
        off_duty=spec.dress is Dress.PLAIN,
        present=spec.arrives == 0,
        state="en route" if spec.arrives else "on scene",
        tourniquets=spec.tourniquets,
    )


def create_suspect(spec: Suspect, position: Position) -> Person:
    """A suspect, waiting for their first shot."""
    return Person(
        id=spec.id,
        role=Role.SUSPECT,
        kind="suspect",
        position=position,
        dress=Dress.PLAIN,
        description=spec.description,
        weapon=spec.weapon,
        weapon_drawn=True,
        state="waiting",
        speed=12,
        suspect=spec,
    )


def create_officer(spec: Officer, position: Position, rng: random.Random) -> Person:
    """Another officer, present from their arrival time; an off-duty one draws a protocol by weight."""
    protocol = pick_weighted(rng, [(p, w) for p, w in spec.protocol])
    return Person(
        id=spec.id,
        role=Role.OFFICER,
        kind="off-duty officer" if spec.off_duty else "officer",
        position=position,
        dress=spec.dress,
        description=spec.description,
        weapon=spec.weapon,
        weapon_drawn=spec.weapon_drawn,
        raid_jacket_worn=spec.raid_jacket_worn,
        badge_shown=spec.badge_shown or spec.dress is Dress.UNIFORM,
        off_duty=spec.off_duty,
        present=spec.arrives == 0,
        state="en route" if spec.arrives else "arrived",
        speed=30 if not spec.off_duty else 18,
        officer=spec,
        protocol=protocol,
    )


def create_civilian(group: CivilianGroup, index: int, position: Position) -> Person:
    """One student or staff member of a group."""
    person = Person(
        id=group.person_ids()[index],
        role=Role.CIVILIAN,
        kind=group.kind,
        position=position,
        dress=Dress.PLAIN,
        weapon=group.weapon,
        weapon_drawn=group.weapon_drawn and group.weapon is not Weapon.NONE,
        speed=20,
        civilians=group,
    )
    if group.wounded:
        person.condition = group.wounded
        person.wounded_tick = 0
    return person


def pick_reaction(rng: random.Random, behaviour: CivilianBehaviour) -> str:
    """A civilian's seeded reaction to gunfire."""
    return pick_weighted(
        rng,
        [
            ("shelter", behaviour.shelter),
            ("flee", behaviour.flee),
            ("freeze", behaviour.freeze),
            ("approach", behaviour.approach),
        ],
    )


def pick_weighted(rng: random.Random, options: list[tuple[object, int]]):
    """One option by integer weight, drawn from the world's generator (first option if all weigh 0)."""
    total = sum(max(0, w) for _, w in options)
    if total <= 0:
        return options[0][0]
    roll = rng.randrange(total)
    for option, weight in options:
        roll -= max(0, weight)
        if roll < 0:
            return option
    return options[-1][0]
