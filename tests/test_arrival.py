"""Arrival apart from spawn: the level names the zone where the trainee is on scene; radio is heard
from 0:00 wherever they are; both clocks follow the arrival; `check` warns of what would be lost."""

from __future__ import annotations

from pathlib import Path

from game.core.commands import MoveTo, SetPace
from game.core.events import RadioHeard, TraineeArrived, TraineeMoved
from game.levels import parse_level
from game.scoring.clocks import clocks
from tests.scene_text import BASE, load, of, problems, run, swap

LEVELS = Path(__file__).resolve().parent.parent / "levels"

TRAINEE = "trainee:\n  spawn: {zone: lot}\n"


def test_the_trainee_may_name_the_zone_where_they_are_on_scene() -> None:
    assert load(swap(BASE, TRAINEE, TRAINEE + "  on_scene: hall\n")).trainee.on_scene == "hall"
    assert load(BASE).trainee.on_scene == ""


def test_an_unknown_scene_zone_is_an_error_with_a_hint() -> None:
    errors, _ = problems(swap(BASE, TRAINEE, TRAINEE + "  on_scene: hal\n"))
    assert [p.path for p in errors] == ["trainee.on_scene"]
    assert "did you mean 'hall'" in errors[0].message


def test_radio_before_arrival_for_a_trainee_without_a_radio_is_a_warning() -> None:
    text = swap(BASE, TRAINEE, TRAINEE + '  radio: false\n  arrives: "0:50"\n')
    text = swap(
        text, "officers:\n", 'timeline:\n  - {at: "0:20", radio: {text: Shots.}}\nofficers:\n'
    )
    errors, warnings = problems(text)
    assert errors == []
    assert [w.path for w in warnings] == ["timeline[0].at"]
    assert "never heard" in warnings[0].message


SCENE = swap(BASE, TRAINEE, "trainee:\n  spawn: {at: [1, 6]}\n  on_scene: hall\n")
RADIO = 'timeline:\n  - {at: "0:01", radio: {text: "Shots fired, ground floor."}}\nofficers:\n'


def test_arrival_is_reaching_the_scene_zone_not_the_spawn() -> None:
    world = run(load(SCENE), 200, {0: [MoveTo(zone="hall")]})
    arrived = of(world, TraineeArrived)
    moved = of(world, TraineeMoved)
    assert len(arrived) == 1 and arrived[0].tick > moved[0].tick > 0
    assert arrived[0].zone in ("hall", "")
    assert world.level.zone("hall").contains(arrived[0].position) or world.building.is_inside(
        arrived[0].position
    )


def test_a_level_that_names_no_scene_arrives_at_the_spawn() -> None:
    world = run(load(BASE), 5)
    assert [e.tick for e in of(world, TraineeArrived)] == [0]


def test_radio_before_arrival_is_heard_in_the_car() -> None:
    late = swap(BASE, TRAINEE, TRAINEE + '  arrives: "0:30"\n')
    world = run(load(swap(late, "officers:\n", RADIO)), 320)
    assert [e.tick for e in of(world, RadioHeard) if not e.reply][:1] == [10]
    assert [e.tick for e in of(world, TraineeArrived)] == [300]


def test_both_clocks_follow_the_new_arrival() -> None:
    world = run(load(swap(SCENE, "officers:\n", RADIO)), 200, {0: [MoveTo(zone="hall")]})
    found = clocks(world.log, world.level)
    arrival = of(world, TraineeArrived)[0].tick / 10
    assert found.arrival == arrival and found.dispatch == 1.0
    assert found.from_arrival()["arrival"] == 0.0
    assert found.from_dispatch()["arrival"] == round(arrival - 1.0, 1)


def test_a_trainee_who_starts_inside_another_building_is_not_on_scene_until_they_reach_it() -> None:
    level = parse_level((LEVELS / "armed_guard.yaml").read_bytes(), "armed_guard.yaml")
    world = run(level, 330, {0: [SetPace("run")], 1: [MoveTo(zone="b1000_west_doors")]})
    arrived = of(world, TraineeArrived)
    assert len(arrived) == 1 and arrived[0].zone == "b1000_west_doors"
    assert 200 < arrived[0].tick < 300
    assert [e.tick for e in of(world, RadioHeard)][:1] == [30]
