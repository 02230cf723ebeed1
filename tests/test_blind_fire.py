"""Blind fire, joint-entry places and reaction times: a shooter may fire at a heard position or
through a door (an event the rubric reads); a partner takes a place; every timed reaction is a field."""

from __future__ import annotations

from game.core.level import EntryPlace
from tests.scene_text import BASE, load, problems, swap

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
