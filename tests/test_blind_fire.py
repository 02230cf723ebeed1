"""Blind fire, joint-entry places and reaction times: a shooter may fire at a heard position or
through a door (an event the rubric reads); a partner takes a place; every timed reaction is a field."""

from __future__ import annotations

from game.core.commands import AnnouncePolice
from game.core.events import BlindFire, ShotFired, event_to_dict
from game.core.level import EntryPlace, Position
from tests.scene_text import BASE, load, of, problems, run, swap

UNIT = '  - {id: unit_2, spawn: {zone: lot}, arrives: "2:00", goal: gunfire}'
ROUTE = "    route: [upper_hall]\n"


def test_a_suspect_may_fire_blind_and_wait_a_set_time_to_surrender() -> None:
    suspect = load(
        swap(BASE, ROUTE, ROUTE + "    blind_fire: true\n    surrender_wait: 4\n")
    ).suspects[0]
    assert suspect.blind_fire and suspect.surrender_wait == 40
    assert load(BASE).suspects[0].surrender_wait == 100


def test_a_partner_takes_a_place_in_the_entry_and_officers_reaction_times_are_fields() -> None:
    text = swap(
        BASE,
        UNIT,
        "  - {id: unit_2, spawn: {zone: lot}, partner: true, entry: left, comply_grace: 2}",
    )
    officer = load(text).officers[0]
    assert (officer.entry, officer.comply_grace) == (EntryPlace.LEFT, 20)
    default = load(BASE).officers[0]
    assert (default.entry, default.answer_ticks, default.confused_answer_ticks) == (
        EntryPlace.FOLLOW,
        5,
        60,
    )


def test_an_entry_place_for_an_officer_who_is_not_with_the_trainee_is_a_warning() -> None:
    errors, warnings = problems(swap(BASE, "goal: gunfire}", "goal: gunfire, entry: lead}"))
    assert errors == []
    assert [w.path for w in warnings] == ["officers[0].entry"]


# The suspect waits in room 201 behind its closed door; the trainee stands in the upper hall.
DOOR = swap(BASE, "trainee:\n  spawn: {zone: lot}\n", "trainee:\n  spawn: {at: [7, 3], floor: 1}\n")
DOOR = swap(DOOR, "    route: [upper_hall]\n", "    route: []\n")
DOOR = swap(DOOR, '    first_shot: "0:10"\n', '    first_shot: "0:01"\n    accuracy: 0.9\n')
DOOR = swap(
    DOOR,
    "class_201, spawn: {zone: room_201}, count: 4, behaviour: {shelter: 3, flee: 1}",
    "class_201, spawn: {zone: hall}, count: 4, behaviour: {shelter: 1, flee: 0}",
)
DOOR = swap(
    DOOR,
    "    spawn: {zone: room_201}\n    description",
    "    spawn: {at: [12, 3], floor: 1}\n    description",
)


def shouted(text: str, ticks: int = 120):
    """The trainee (weapon holstered, so the suspect is not confronted) shouts "Police!" thrice."""
    return run(load(text), ticks, {t: [AnnouncePolice()] for t in (15, 45, 75)})


def test_a_blind_firing_suspect_fires_through_the_door_at_the_heard_voice() -> None:
    world = shouted(swap(DOOR, "    route: []\n", "    route: []\n    blind_fire: true\n"))
    blind = of(world, BlindFire)
    assert blind and blind[0].heard == "voice" and blind[0].through_door
    assert blind[0].at == Position(1, 7, 3) and blind[0].tick >= 15
    shots = {e.tick: e for e in of(world, ShotFired) if e.shooter == "suspect"}
    assert all(e.tick in shots for e in blind)


def test_without_blind_fire_the_suspect_does_not_fire_at_the_voice() -> None:
    world = shouted(DOOR)
    assert not of(world, BlindFire)
    aimed = [e.aim for e in of(world, ShotFired) if e.shooter == "suspect"]
    assert Position(1, 7, 3) not in aimed


def test_the_rubric_can_read_blind_fire_events() -> None:
    world = shouted(swap(DOOR, "    route: []\n", "    route: []\n    blind_fire: true\n"))
    assert any(event_to_dict(e)["type"] == "BlindFire" for e in world.log)


def partner_place(entry: str) -> Position:
    text = swap(
        BASE, UNIT, f"  - {{id: unit_2, spawn: {{zone: lot}}, partner: true, entry: {entry}}}"
    )
    text = swap(text, "trainee:\n  spawn: {zone: lot}\n", "trainee:\n  spawn: {at: [5, 3]}\n")
    world = run(load(text), 100)
    officer, trainee = world.person("unit_2"), world.trainee
    return Position(
        0, officer.position.x - trainee.position.x, officer.position.y - trainee.position.y
    )


def test_a_partner_takes_the_place_given_beside_the_trainee() -> None:
    # No gunfire yet and no path: the trainee faces down (+y), so left is +x and right is -x.
    assert partner_place("left") == Position(0, 1, 0)
    assert partner_place("right") == Position(0, -1, 0)
    assert partner_place("lead") == Position(0, 0, 1)
