"""Suspect plans: a route ends or loops, and a suspect barricades at a time, after a number of shots,
or when confronted; a plan chains (roam, then barricade)."""

from __future__ import annotations

from game.core.level import RouteEnd
from tests.scene_text import BASE, load, problems, swap

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
