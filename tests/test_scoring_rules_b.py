"""Category B, Protection of innocents and weapon discipline."""

from __future__ import annotations

from scoring_levels import (
    ROUTE_TO_ROOM_C,
    arrive,
    challenge,
    cover,
    directed,
    ended,
    gunfire,
    judge,
    run_in,
    seen,
    stopped,
    surrendered,
    trainee_shot,
)


def test_a_bystander_behind_the_target_makes_an_unsafe_shot_even_when_nothing_is_hit():
    a = judge(arrive(0), trainee_shot(50, line=("class_b.1",)), ended(100))
    penalties = [e for e in a.entries("B1") if e.points < 0]
    assert [e.points for e in penalties] == [-40]
    assert "1 person who was not a threat" in penalties[0].message
    assert "ShotFired" in penalties[0].evidence[0] and "class_b.1" in penalties[0].evidence[0]


def test_a_shot_with_a_clear_line_of_fire_costs_nothing():
    a = judge(arrive(0), trainee_shot(50), ended(100))
    assert a.points("B1") == 100


def test_shots_at_an_armed_attacker_in_sight_are_justified():
    a = judge(arrive(0), trainee_shot(50), trainee_shot(60), ended(100))
    assert a.points("B3") == 40


def test_a_shot_at_someone_who_is_not_the_attacker_is_not_justified():
    a = judge(arrive(0), trainee_shot(50), trainee_shot(60, "off_duty", "officer"), ended(100))
    assert a.points("B3") == 20


def test_a_shot_at_an_attacker_already_down_is_not_justified():
    a = judge(arrive(0), stopped(50), trainee_shot(60, firing=False), ended(100))
    assert a.points("B3") == 0


def test_directing_people_out_while_still_advancing_earns_evacuation_credit():
    events = [arrive(0), gunfire(0, 400), directed(20), run_in(21, ROUTE_TO_ROOM_C), ended(400)]
    assert judge(*events).points("B4") == 20


def test_staying_with_evacuees_while_the_attacker_has_access_costs_evacuation_credit():
    a = judge(arrive(0), gunfire(0, 600), directed(20), ended(600))
    assert a.points("B4") == -20


def test_a_challenge_before_firing_at_an_armed_person_who_is_not_shooting_earns_warning_credit():
    a = judge(arrive(0), challenge(40, "suspect", "suspect"), trainee_shot(60, firing=False))
    assert a.points("B5") == 20


def test_firing_without_a_warning_at_an_armed_person_who_is_not_shooting_earns_no_warning_credit():
    a = judge(arrive(0), trainee_shot(60, firing=False), ended(100))
    assert a.points("B5") == 0


def test_no_warning_is_owed_to_an_attacker_who_is_firing_at_people():
    a = judge(arrive(0), trainee_shot(60, firing=True), ended(100))
    assert a.points("B5") == 20
    assert a.entries("B5")[0].message.startswith("Not applicable")


def test_holding_fire_and_commanding_from_cover_when_the_attacker_surrenders_earns_full_credit():
    look = seen(weapon_drawn=False)
    events = [arrive(0), cover(30), challenge(40, "suspect", "suspect", look=look), surrendered(41)]
    assert judge(*events, stopped(41, "surrendered"), ended(200)).points("B6") == 20


def test_firing_after_the_attacker_surrenders_loses_surrender_credit():
    events = [arrive(0), surrendered(41), stopped(41, "surrendered")]
    a = judge(*events, trainee_shot(50, firing=False, surrendered=True), ended(200))
    assert a.points("B6") == 0
