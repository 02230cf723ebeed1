"""Hand-built event logs and small levels for the scoring tests: an event in one short call."""

from __future__ import annotations

from dataclasses import replace

from builders import SUSPECT_LOOK, make_level

from game.core.events import (
    Appearance,
    ChallengeIssued,
    CiviliansDirected,
    Complied,
    ContactMade,
    EnteredBuilding,
    EnteredZone,
    Event,
    GunfireHeard,
    OfficerArrived,
    PersonSighted,
    PersonWounded,
    PoliceAnnounced,
    RadioSent,
    ScenarioEnded,
    ScenarioStarted,
    ShotFired,
    SuspectSurrendered,
    ThreatStopped,
    TookCover,
    TourniquetApplied,
    TraineeArrived,
    TraineeMoved,
    WeaponHolstered,
)
from game.core.level import (
    CivilianBehaviour,
    CivilianGroup,
    Dress,
    Level,
    OffDutyProtocol,
    Officer,
    Place,
    Position,
    Reactions,
    Suspect,
    TimelineEntry,
    TimelineKind,
    Trainee,
)
from game.scoring import Assessment, assess

SOURCE = (15, 6)
"""Where the suspect fires from in hand-built logs: room C."""


def suspect_spec(**changes) -> Suspect:
    """The hallway level's suspect in room C."""
    spec = Suspect(
        "suspect",
        Place(zone="room_c"),
        SUSPECT_LOOK,
        route=("room_c",),
        first_shot=20,
        fire_interval=30,
    )
    return replace(spec, **changes)


LEVEL = make_level(
    suspects=(suspect_spec(),),
    civilians=(CivilianGroup("class_b", Place(zone="room_b"), count=2),),
)
"""The level hand-built logs are judged against: one suspect, two students."""


def at(x: int, y: int) -> Position:
    """A tile on the ground floor."""
    return Position(0, x, y)


def seen(**changes) -> Appearance:
    """An armed person in plain clothes matching the description, 6 tiles away, in sight."""
    look = Appearance("plain", False, False, False, "handgun", True, True, 6.0, True)
    return replace(look, **changes)


def start(level: Level | None = None) -> ScenarioStarted:
    """The run's first event, naming who takes part as the world would (the level's suspects and civilians)."""
    level = level or LEVEL
    suspects = tuple(dict.fromkeys(s.id for s in level.suspects))
    civilians = sum(g.count for g in level.civilians)
    return ScenarioStarted(0, level.id, 1, (), suspects, civilians)


def arrive(tick: int = 0, x: int = 4, y: int = 0) -> TraineeArrived:
    return TraineeArrived(tick, at(x, y), "parking")


def moved(tick: int, x: int, y: int, pace: str = "run") -> TraineeMoved:
    return TraineeMoved(tick, at(x, y), pace)


def entered(tick: int, x: int = 4, y: int = 3) -> EnteredBuilding:
    return EnteredBuilding(tick, "trainee", at(x, y), "corridor")


def entered_zone(tick: int, zone: str) -> EnteredZone:
    return EnteredZone(tick, "trainee", zone, zone)


def heard(tick: int) -> GunfireHeard:
    return GunfireHeard(tick, 120, "south-east", 0.5, "near", "same floor")


def suspect_shot(
    tick: int, target: str = "", role: str = "", line: tuple[str, ...] = (), origin=SOURCE
) -> ShotFired:
    return ShotFired(
        tick, "suspect", "suspect", target, role, at(*origin), at(*origin), "", (), line, line,
        None, False, False, "open",
    )  # fmt: skip


def gunfire(start_tick: int, end_tick: int, every: int = 30, origin=SOURCE) -> list[Event]:
    """A suspect firing from a spot, each shot heard by the trainee."""
    out: list[Event] = []
    for tick in range(start_tick, end_tick, every):
        out += [suspect_shot(tick, origin=origin), heard(tick)]
    return out


def trainee_shot(
    tick: int,
    target: str = "suspect",
    role: str = "suspect",
    look: Appearance | None = None,
    firing: bool = True,
    surrendered: bool = False,
    protection: str = "open",
    line: tuple[str, ...] = (),
    hit: str = "",
    origin=(10, 3),
    in_sight: tuple[str, ...] | None = None,
) -> ShotFired:
    """The trainee's shot; `line` are the non-threats behind the target (up to the first cover),
    `in_sight` those of them the trainee could see (all of them unless told)."""
    return ShotFired(
        tick, "trainee", "trainee", target, role, at(*origin), at(*SOURCE), hit, (), line, line,
        look or seen(), firing, surrendered, protection, None, line,
        line if in_sight is None else in_sight,
    )  # fmt: skip


def officer_shot(tick: int, line: tuple[str, ...]) -> ShotFired:
    return ShotFired(
        tick, "unit_2", "officer", "suspect", "suspect", at(4, 3), at(*SOURCE), "", (), line, line,
        seen(), True, False, "open",
    )  # fmt: skip


def radio(tick: int, kind: str, **slots: str) -> RadioSent:
    return RadioSent(tick, "trainee", kind, tuple(slots.items()), "parking", "")


def challenge(tick: int, target: str, role: str = "officer", firing: bool = False, look=None):
    return ChallengeIssued(tick, "trainee", target, role, look or seen(), firing)


def sighted(tick: int, person: str, role: str = "officer", look=None) -> PersonSighted:
    return PersonSighted(tick, "trainee", person, role, True, at(10, 3), look or seen())


def contact(tick: int, how: str = "engagement range") -> ContactMade:
    return ContactMade(tick, "suspect", at(*SOURCE), 5.0, how)


def stopped(tick: int, how: str = "incapacitated") -> ThreatStopped:
    return ThreatStopped(tick, "suspect", how, "trainee")


def wounded(
    tick: int, person: str, role: str = "civilian", by: str = "suspect", condition="critical"
):
    return PersonWounded(tick, person, role, by, condition, at(12, 3))


def tourniquet(tick: int, person: str) -> TourniquetApplied:
    return TourniquetApplied(tick, "trainee", person, at(12, 3))


def cover(tick: int, protection: str = "cover") -> TookCover:
    return TookCover(tick, "trainee", protection, at(4, 3), "block wall")


def surrendered(tick: int) -> SuspectSurrendered:
    return SuspectSurrendered(tick, "suspect", at(*SOURCE))


def backup(tick: int, off_duty: bool = False) -> OfficerArrived:
    return OfficerArrived(tick, "unit_2", at(5, 0), "uniform", off_duty)


def directed(tick: int, exit_zone: str = "") -> CiviliansDirected:
    return CiviliansDirected(tick, 3, exit_zone, at(8, 3))


def holstered(tick: int, person: str) -> WeaponHolstered:
    return WeaponHolstered(tick, person)


def complied(tick: int, person: str) -> Complied:
    return Complied(tick, person, "trainee")


def announced(tick: int) -> PoliceAnnounced:
    return PoliceAnnounced(tick, "trainee", at(4, 3), False)


def ended(tick: int, reason: str = "time limit") -> ScenarioEnded:
    return ScenarioEnded(tick, reason)


def trainee_hit(
    tick: int, condition: str = "walking", x: int = 10, y: int = 3, by: str = "suspect"
):
    """A round hits the trainee where they stand ("incapacitated" puts them down)."""
    return PersonWounded(tick, "trainee", "trainee", by, condition, at(x, y))


def officer_challenges_trainee(tick: int) -> ChallengeIssued:
    """A uniformed officer challenges the trainee, who is in plain clothes."""
    look = Appearance("plain", False, False, False, "handgun", True, False, 7.0, True)
    return ChallengeIssued(tick, "unit_2", "trainee", "trainee", look, False)


def officer_fires_at_trainee(tick: int) -> ShotFired:
    return ShotFired(
        tick, "unit_2", "officer", "trainee", "trainee", at(4, 3), at(10, 3), "", (), (), (),
        seen(), False, False, "open",
    )  # fmt: skip


def run_in(start_tick: int, path: list[tuple[int, int]], every: int = 3, pace="run") -> list[Event]:
    """The trainee stepping along tiles, one every few ticks."""
    return [moved(start_tick + i * every, x, y, pace) for i, (x, y) in enumerate(path)]


ROUTE_TO_ROOM_C = [(4, 1), (4, 2), (5, 3), (6, 4), (7, 4), (8, 4), (9, 4), (10, 4), (11, 4),
                   (12, 4), (13, 4), (14, 4), (15, 4), (16, 5), (16, 6)]  # fmt: skip
"""The hallway level's way from the parking lot in through the front door to room C's door."""


def judge(*parts: Event | list[Event], level: Level = LEVEL) -> Assessment:
    """Assess a hand-built log: events and lists of events in any order, sorted by tick."""
    events: list[Event] = [start(level)]
    for part in parts:
        events += part if isinstance(part, list) else [part]
    events.sort(key=lambda e: e.tick)
    return assess(level, events, strict=True)


# -- pattern levels (run as real Worlds) ------------------------------------------------------------


def parkland_level() -> Level:
    """Shooting inside a classroom wing; the trainee arrives by a patrol car in the lot."""
    return make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 2, 1))),
        suspects=(suspect_spec(route=("room_c", "room_b", "room_a")),),
        civilians=(
            CivilianGroup(
                "class_b", Place(zone="room_b"), count=4, behaviour=CivilianBehaviour(1, 0)
            ),
        ),
        timeline=(TimelineEntry(0, TimelineKind.RADIO, "Dispatch", "Shots fired at the school."),),
        duration=2000,
    )


def thousand_oaks_level() -> Level:
    """Shooting in room C; the suspect fights when confronted."""
    return make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 2, 1))),
        suspects=(suspect_spec(reactions=Reactions(engage=1, retreat=0, surrender=0)),),
        civilians=(
            CivilianGroup(
                "class_c", Place(zone="room_c"), count=3, behaviour=CivilianBehaviour(1, 0)
            ),
        ),
        timeline=(TimelineEntry(0, TimelineKind.RADIO, "Dispatch", "Shots fired at the school."),),
        duration=1500,
    )


def self_dispatch_level(protocol: OffDutyProtocol = OffDutyProtocol.FOLLOWS) -> Level:
    """An off-duty officer in plain clothes, gun in hand, who matches the suspect's description."""
    return make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3)), weapon_drawn=True),
        officers=(
            Officer(
                "off_duty",
                Place(at=Position(0, 10, 3)),
                dress=Dress.PLAIN,
                off_duty=True,
                weapon_drawn=True,
                description=SUSPECT_LOOK,
                goal="",
                protocol=((protocol, 1),),
            ),
        ),
        duration=300,
    )
