"""Category C, Communications and command hand-off."""

from __future__ import annotations

from scoring_levels import (
    arrive,
    ended,
    entered,
    gunfire,
    judge,
    radio,
    stopped,
)

FULL_REPORT = dict(
    location="parking",
    shots="active",
    description="male, black hoodie",
    weapon="rifle",
    direction="room_c",
    casualties="unknown",
    action="making entry at the front door",
)


def test_a_complete_initial_report_within_thirty_seconds_earns_full_report_credit():
    a = judge(arrive(0), radio(100, "initial_report", **FULL_REPORT), ended(200))
    assert a.points("C1") == 70


def test_a_late_partial_initial_report_earns_half_credit_per_item():
    report = radio(600, "initial_report", location="parking", shots="active", weapon="rifle")
    assert judge(arrive(0), report, ended(700)).points("C1") == 15


def test_no_initial_report_earns_no_report_credit():
    assert judge(arrive(0), ended(700)).points("C1") == 0


def test_radioing_making_entry_with_the_entry_point_before_going_in_earns_the_announcement():
    events = [arrive(0), radio(90, "making_entry", location="corridor"), entered(100)]
    assert judge(*events, ended(200)).points("C2") == 15


def test_going_in_without_announcing_entry_earns_no_announcement_credit():
    assert judge(arrive(0), entered(100), ended(200)).points("C2") == 0


def test_asking_for_command_staging_and_perimeter_earns_full_command_credit():
    ask = radio(50, "request", requests="command, staging, perimeter")
    assert judge(arrive(0), ask, entered(60), ended(200)).points("C3") == 25


def test_no_command_hand_off_or_staging_earns_no_command_credit():
    assert judge(arrive(0), radio(50, "request", requests="backup"), ended(200)).points("C3") == 0


def test_status_updates_on_a_shooting_attacker_earn_five_points_each():
    updates = [radio(200, "update", shots="active"), radio(400, "update", location="room_c")]
    a = judge(arrive(0), gunfire(0, 600), *updates, ended(600))
    assert a.points("C4") == 10


def test_calling_the_shooting_stopped_while_the_attacker_still_fires_costs_ten_points():
    a = judge(arrive(0), gunfire(0, 600), radio(200, "update", shots="stopped"), ended(600))
    assert a.points("C4") == -10


def test_calling_a_shooting_attacker_barricaded_costs_ten_points():
    call = radio(200, "update", action="suspect barricaded in room C")
    assert judge(arrive(0), gunfire(0, 600), call, ended(600)).points("C4") == -10


def test_a_post_stop_report_with_casualties_and_rtf_earns_full_post_stop_credit():
    report = radio(310, "post_stop", casualties="two down room C", requests="rtf, ems")
    assert judge(arrive(0), stopped(300), report, ended(400)).points("C5") == 15


def test_a_post_stop_report_before_the_stop_earns_nothing():
    report = radio(200, "post_stop", casualties="two", requests="rtf")
    assert judge(arrive(0), report, stopped(300), ended(400)).points("C5") == 0


def test_repeating_the_same_transmission_during_the_entry_costs_five_points_each():
    same = [radio(t, "update", shots="active") for t in (120, 140, 160)]
    a = judge(arrive(0), entered(100), gunfire(0, 300), *same, ended(300))
    assert a.points("C6") == -10


def test_distinct_transmissions_during_the_entry_cost_nothing():
    calls = [radio(120, "update", shots="active"), radio(140, "update", location="room_c")]
    assert judge(arrive(0), entered(100), *calls, ended(300)).entries("C6") == ()
