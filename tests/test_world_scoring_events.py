"""The events scoring reads come from the world: contact as closing to engage, who is on scene, entry."""

from __future__ import annotations

from builders import SUSPECT_LOOK, make_level

from game.core.commands import Challenge, DrawWeapon, Move
from game.core.events import (
    ContactMade,
    EnteredBuilding,
    OfficerArrived,
    PersonSighted,
    ScenarioStarted,
    ShotFired,
    TraineeArrived,
)
from game.core.level import (
    CivilianGroup,
    Dress,
    Officer,
    Place,
    Position,
    Reactions,
    Suspect,
    Trainee,
)
from game.core.world import ENGAGEMENT_RANGE, World


def _standoff_level(x: int, drawn: bool = True):
    """A suspect waiting at the east end of the corridor and the trainee inside at column x."""
    return make_level(
        trainee=Trainee(spawn=Place(at=Position(0, x, 3)), weapon_drawn=drawn),
        suspects=(Suspect("suspect", Place(at=Position(0, 16, 3)), SUSPECT_LOOK, first_shot=9000),),
    )


def _run(world: World, ticks: int, commands: dict | None = None) -> World:
    for tick in range(ticks):
        world.step((commands or {}).get(tick, []))
    return world


def _contacts(world: World) -> list[ContactMade]:
    return [e for e in world.log if isinstance(e, ContactMade)]


def test_seeing_the_suspect_from_beyond_engagement_range_is_not_contact():
    world = _run(World(_standoff_level(5), 1), 20)
    assert any(isinstance(e, PersonSighted) and e.role == "suspect" for e in world.log)
    assert ENGAGEMENT_RANGE < 16 - 5
    assert _contacts(world) == []


def test_closing_to_engagement_range_in_sight_with_the_weapon_drawn_is_contact():
    steps = {t: [Move(1, 0)] for t in range(0, 40, 4)}
    world = _run(World(_standoff_level(5), 1), 60, steps)
    (contact,) = _contacts(world)
    assert contact.how == "engagement range" and contact.distance <= ENGAGEMENT_RANGE


def test_a_holstered_trainee_close_by_has_not_closed_to_engage_until_drawing_or_challenging():
    world = _run(World(_standoff_level(10, drawn=False), 1), 10)
    assert _contacts(world) == []
    _run(world, 5, {0: [Challenge("suspect")]})
    assert [c.how for c in _contacts(world)] == ["challenge"]
    other = _run(World(_standoff_level(10, drawn=False), 1), 10, {2: [DrawWeapon()]})
    assert [c.how for c in _contacts(other)] == ["engagement range"]


def test_the_run_names_who_takes_part_and_officers_there_from_the_start_arrive_at_tick_zero():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3)), dress=Dress.PLAIN),
        suspects=(Suspect("suspect", Place(zone="room_c"), SUSPECT_LOOK, first_shot=9000),),
        civilians=(CivilianGroup("class_b", Place(zone="room_b"), count=3, wounded="critical"),),
        officers=(
            Officer("sro", Place(at=Position(0, 8, 3)), goal=""),
            Officer("unit_2", Place(at=Position(0, 5, 0)), arrives=300),
        ),
    )
    world = _run(World(level, 1), 2)
    started = world.log[0]
    assert isinstance(started, ScenarioStarted)
    assert started.suspects == ("suspect",) and started.civilians == 3
    assert [(e.officer, e.tick) for e in world.log if isinstance(e, OfficerArrived)] == [("sro", 0)]
    arrived = next(e for e in world.log if isinstance(e, TraineeArrived))
    assert arrived.dress == "plain" and not arrived.badge_shown
    (entry,) = [e for e in world.log if isinstance(e, EnteredBuilding)]
    assert entry.tick == 0 and entry.on_arrival


def test_arriving_outside_is_not_an_entry():
    world = _run(World(make_level(), 1), 5)
    assert not any(isinstance(e, EnteredBuilding) for e in world.log)


def test_being_fired_on_by_the_suspect_at_close_range_is_contact_even_with_the_weapon_holstered():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 14, 3))),
        suspects=(
            Suspect(
                "suspect",
                Place(at=Position(0, 16, 3)),
                SUSPECT_LOOK,
                first_shot=0,
                fire_interval=10,
                reactions=Reactions(1, 0, 0),
            ),
        ),
        officers=(Officer("sro", Place(at=Position(0, 10, 4)), weapon_drawn=True, goal=""),),
    )
    world = _run(World(level, 1), 80)
    fired_on = [e for e in world.log if isinstance(e, ShotFired) and e.target == "trainee"]
    assert fired_on
    contact = _contacts(world)[0]
    assert contact.how == "exchange of fire" and contact.tick == fired_on[0].tick
