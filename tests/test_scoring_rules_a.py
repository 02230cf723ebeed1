"""Category A, Stop the Killing: each rule fires when doctrine says it should, and stays quiet when not."""

from __future__ import annotations

from scoring_levels import (
    ROUTE_TO_ROOM_C,
    arrive,
    backup,
    challenge,
    contact,
    ended,
    entered,
    gunfire,
    heard,
    judge,
    radio,
    run_in,
    suspect_shot,
    trainee_shot,
)

from game.core.radio import airtime_seconds


def test_entering_within_a_minute_of_arrival_with_gunfire_earns_full_entry_marks():
    a = judge(arrive(0), gunfire(10, 400), entered(300), ended(400))
    assert a.points("A1") == 120


def test_entering_two_minutes_after_arrival_with_gunfire_earns_half_the_entry_marks():
    a = judge(arrive(0), gunfire(10, 2000), entered(1200), ended(2000))
    assert a.points("A1") == 60


def test_a_silent_building_allows_two_minutes_before_entry_marks_fall():
    a = judge(arrive(0), entered(1200), ended(2000))
    assert a.points("A1") == 120
    assert "no gunfire heard" in a.entries("A1")[0].message


def test_never_entering_earns_no_entry_marks():
    a = judge(arrive(0), gunfire(10, 900), ended(900))
    assert a.points("A1") == 0


def test_closing_on_every_gunfire_cue_earns_the_cue_credit():
    a = judge(arrive(0), gunfire(10, 60), run_in(12, ROUTE_TO_ROOM_C), ended(200))
    assert a.points("A2") == 10


def test_standing_still_through_gunfire_cues_costs_the_cue_credit():
    a = judge(arrive(0), gunfire(10, 400), ended(400))
    assert a.points("A2") == -10


def test_challenging_the_attacker_within_the_window_answers_the_gunfire_cue():
    # Standing still, the trainee challenges the attacker who just fired: that is engaging him.
    a = judge(arrive(0), gunfire(10, 11), challenge(40, "suspect", "suspect"), ended(200))
    assert a.points("A2") == 10
    assert "challenging the attacker" in a.entries("A2")[0].evidence[0]


def test_with_no_gunfire_heard_the_cue_rule_gives_full_credit_as_not_applicable():
    a = judge(arrive(0), ended(100))
    assert a.points("A2") == 10
    assert a.entries("A2")[0].message.startswith("Not applicable")


def test_reaching_the_attacker_at_the_pace_of_a_fast_jog_earns_full_contact_marks():
    a = judge(arrive(0), entered(10), run_in(10, ROUTE_TO_ROOM_C[2:]), contact(50), ended(100))
    assert a.points("A3") == 150


def test_never_making_contact_earns_no_contact_marks():
    a = judge(arrive(0), entered(10), gunfire(10, 300), ended(300))
    assert a.points("A3") == 0


def test_holding_still_while_gunfire_continues_costs_five_points_per_ten_seconds():
    a = judge(arrive(0), gunfire(0, 400), ended(400))
    assert a.points("A4") == -20
    assert all(e.points < 0 for e in a.entries("A4"))
    assert any("GunfireHeard" in ev for ev in a.entries("A4")[0].evidence)


def test_closing_on_the_gunfire_is_not_a_stall():
    a = judge(arrive(0), gunfire(0, 300), run_in(5, ROUTE_TO_ROOM_C, every=15), ended(300))
    assert a.entries("A4") == ()


def test_a_radio_report_excuses_only_the_seconds_it_takes():
    a = judge(arrive(0), gunfire(0, 100), radio(50, "update", shots="active"), ended(100))
    held = int(10 - airtime_seconds("update", (("shots", "active"),)))
    assert 0 < held < 10
    assert f"held for {held} s" in a.entries("A4")[0].message
    assert a.points("A4") == round(
        -5 * (10 - airtime_seconds("update", (("shots", "active"),))) / 10
    )


def test_holding_once_the_attacker_is_silent_and_free_of_victims_is_not_a_stall():
    a = judge(arrive(0), ended(900))
    assert a.entries("A4") == ()


def test_pushing_forward_after_taking_fire_earns_the_reengagement_credit():
    fired_on = suspect_shot(20, target="trainee", role="trainee")
    a = judge(arrive(0), heard(20), fired_on, run_in(40, ROUTE_TO_ROOM_C), ended(400))
    assert a.points("A5") == 40


def test_staying_put_after_taking_fire_earns_no_reengagement_credit():
    fired_on = suspect_shot(20, target="trainee", role="trainee")
    a = judge(arrive(0), fired_on, gunfire(30, 400), ended(400))
    assert a.points("A5") == 0


def test_returning_fire_counts_as_reengaging():
    fired_on = suspect_shot(20, target="trainee", role="trainee")
    a = judge(arrive(0), fired_on, trainee_shot(40), ended(400))
    assert a.points("A5") == 40


def test_going_in_before_backup_arrives_earns_the_no_waiting_credit():
    a = judge(arrive(0), gunfire(10, 600), entered(100), backup(500), ended(600))
    assert a.points("A6") == 30


def test_waiting_outside_for_backup_while_gunfire_continues_costs_the_no_waiting_credit():
    a = judge(arrive(0), gunfire(0, 900), backup(500), entered(550), ended(900))
    assert a.points("A6") == -30


def test_falling_back_from_the_gunfire_without_pushing_in_again_earns_no_reengagement_credit():
    forward = run_in(5, ROUTE_TO_ROOM_C[:12])
    back = run_in(60, list(reversed(ROUTE_TO_ROOM_C[3:11])))
    a = judge(arrive(0), gunfire(0, 900), *forward, *back, ended(900))
    assert a.points("A5") == 0
    assert "fell back" in a.entries("A5")[0].evidence[0]


def test_contact_latency_counts_from_the_first_shot_when_the_trainee_was_inside_before_it():
    events = [arrive(0), entered(10), gunfire(1800, 1900), run_in(1800, ROUTE_TO_ROOM_C[2:])]
    a = judge(*events, contact(1850), ended(2000))
    assert a.points("A3") == 150
