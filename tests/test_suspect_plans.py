"""Suspect plans: a route ends or loops, and a suspect barricades at a time, after a number of shots,
or when confronted; a plan chains (roam, then barricade)."""

from __future__ import annotations

from game.core.commands import DrawWeapon
from game.core.events import (
    DoorLocked,
    ShotFired,
    SuspectBarricaded,
    SuspectMovedToBarricade,
    SuspectRetreated,
    SuspectSurrendered,
)
from game.core.level import RouteEnd
from tests.scene_text import BASE, load, of, problems, run, swap

ROUTE = "    route: [upper_hall]\n"


def planned(lines: str) -> str:
    return swap(BASE, ROUTE, ROUTE + lines)


def test_a_route_loops_unless_the_level_says_it_ends() -> None:
    assert load(BASE).suspects[0].route_end is RouteEnd.LOOP
    assert load(planned("    route_end: stay\n")).suspects[0].route_end is RouteEnd.STAY


def test_barricade_triggers_are_read_with_their_zone() -> None:
    text = planned(
        "    barricade_zone: room_201\n"
        '    barricade_at: "4:00"\n'
        "    barricade_after_shots: 12\n"
        "    barricade_when_confronted: true\n"
    )
    suspect = load(text).suspects[0]
    assert (suspect.barricade_at, suspect.barricade_after_shots) == (2400, 12)
    assert suspect.barricade_when_confronted and suspect.barricade_zone == "room_201"


def test_a_barricade_trigger_without_a_zone_is_a_warning_naming_the_fix() -> None:
    errors, warnings = problems(planned('    barricade_at: "4:00"\n'))
    assert errors == []
    assert [w.path for w in warnings] == ["suspects[0].barricade_at"]
    assert "barricade_zone" in warnings[0].message


def test_a_barricade_time_after_the_level_ends_is_an_error() -> None:
    errors, _ = problems(planned('    barricade_zone: room_201\n    barricade_at: "9:00"\n'))
    assert [p.path for p in errors] == ["suspects[0].barricade_at"]


def barricades(text: str, ticks: int, seed: int = 1) -> list:
    world = run(load(text), ticks, seed=seed)
    return of(world, SuspectMovedToBarricade), of(world, SuspectBarricaded), world


def test_a_suspect_roams_then_barricades_at_the_time_the_level_gives() -> None:
    text = planned('    barricade_zone: room_201\n    barricade_at: "1:00"\n')
    moved, barricaded, world = barricades(text, 1200)
    assert [(e.tick, e.toward, e.why) for e in moved] == [(600, "room_201", "time")]
    assert [e.zone for e in barricaded] == ["room_201"]
    assert barricaded[0].tick > 600
    assert world.person("suspect").state == "barricaded"
    assert of(world, DoorLocked)


def test_a_suspect_barricades_after_a_number_of_shots() -> None:
    text = planned("    barricade_zone: room_201\n    barricade_after_shots: 5\n")
    moved, _, world = barricades(text, 900)
    fired = [e.tick for e in of(world, ShotFired) if e.shooter == "suspect"]
    assert [e.why for e in moved] == ["shots"] and moved[0].tick >= fired[4]


def test_a_route_that_ends_in_a_barricade_goes_there_after_the_last_zone() -> None:
    text = planned("    barricade_zone: room_201\n    route_end: barricade\n")
    moved, barricaded, _ = barricades(text, 1200)
    assert [e.why for e in moved] == ["route end"] and len(barricaded) == 1


def test_a_route_that_stays_holds_in_the_last_zone() -> None:
    world = run(load(planned("    route_end: stay\n")), 1500)
    assert world.zone_at(world.person("suspect").position) == "upper_hall"
    assert not of(world, SuspectMovedToBarricade)


def test_a_suspect_confronted_barricades_instead_of_drawing_a_reaction() -> None:
    near = swap(
        BASE, "trainee:\n  spawn: {zone: lot}\n", "trainee:\n  spawn: {at: [4, 3], floor: 1}\n"
    )
    text = swap(
        near, ROUTE, ROUTE + "    barricade_zone: room_201\n    barricade_when_confronted: true\n"
    )
    world = run(load(text), 200, {0: [DrawWeapon()]})
    moved = of(world, SuspectMovedToBarricade)
    assert [e.why for e in moved] == ["confronted"]
    assert not of(world, SuspectSurrendered) and not of(world, SuspectRetreated)


def test_a_suspect_set_to_surrender_turns_on_police_after_surrender_wait() -> None:
    near = swap(
        BASE, "trainee:\n  spawn: {zone: lot}\n", "trainee:\n  spawn: {at: [4, 3], floor: 1}\n"
    )
    reactions = "    reactions: {engage: 0, retreat: 0, surrender: 1}\n"
    text = swap(near, ROUTE, ROUTE + reactions + "    surrender_wait: 3\n")
    world = run(load(text), 1, {0: [DrawWeapon()]})
    states = []
    for _ in range(300):
        world.step()
        states.append(world.person("suspect").state)
    hesitated = states.index("hesitating")
    assert states.index("engaging") - hesitated == 30
