"""Arrival apart from spawn: the level names the zone where the trainee is on scene; radio is heard
from 0:00 wherever they are; both clocks follow the arrival; `check` warns of what would be lost."""

from __future__ import annotations

from tests.scene_text import BASE, load, problems, swap

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
