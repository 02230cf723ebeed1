"""Category F, Stop the Dying."""

from __future__ import annotations

from scoring_levels import (
    arrive,
    directed,
    ended,
    gunfire,
    judge,
    moved,
    radio,
    stopped,
    tourniquet,
    wounded,
)


def test_treating_only_after_the_threat_is_stopped_earns_the_sequencing_credit():
    a = judge(arrive(0), wounded(50, "class_b.1"), stopped(300), tourniquet(350, "class_b.1"))
    assert a.points("F1") == 20


def test_stopping_to_treat_while_the_attacker_has_access_costs_twenty_points():
    events = [arrive(0), gunfire(0, 900), wounded(50, "class_b.1"), tourniquet(100, "class_b.1")]
    assert judge(*events, ended(900)).points("F1") == -20


def test_a_tourniquet_in_the_path_in_seconds_is_not_a_sequencing_error():
    events = [arrive(0), gunfire(0, 900), wounded(50, "class_b.1"), tourniquet(100, "class_b.1")]
    assert judge(*events, moved(135, 9, 4), ended(900)).entries("F1")[0].points == 20


def test_with_no_one_hurt_the_stop_the_dying_rules_give_full_credit_as_not_applicable():
    a = judge(arrive(0), stopped(100), ended(200))
    assert a.category("F").points == 100
    assert all(e.message.startswith("Not applicable") for e in a.ledger if e.category == "F")


def test_a_tourniquet_within_a_minute_of_the_stop_earns_full_hemorrhage_credit():
    a = judge(arrive(0), wounded(50, "class_b.1"), stopped(300), tourniquet(600, "class_b.1"))
    assert a.points("F2") == 40


def test_a_tourniquet_five_minutes_after_the_stop_earns_no_hemorrhage_credit():
    a = judge(arrive(0), wounded(50, "class_b.1"), stopped(300), tourniquet(3400, "class_b.1"))
    assert a.points("F2") == 0


def test_reporting_casualties_and_naming_a_ccp_earns_full_triage_credit():
    report = radio(320, "post_stop", casualties="one critical in corridor", requests="rtf, ccp")
    a = judge(arrive(0), wounded(50, "class_b.1"), stopped(300), report, ended(400))
    assert a.points("F3") == 20


def test_no_triage_after_the_stop_earns_no_triage_credit():
    a = judge(arrive(0), wounded(50, "class_b.1"), stopped(300), directed(320), ended(400))
    assert a.points("F3") == 0


def test_declaring_the_zone_warm_after_the_stop_earns_the_zone_credit():
    a = judge(arrive(0), wounded(50, "class_b.1"), stopped(300), radio(310, "zone_warm"))
    assert a.points("F4") == 20


def test_declaring_the_zone_warm_while_the_attacker_is_free_earns_nothing():
    a = judge(arrive(0), wounded(50, "class_b.1"), radio(100, "zone_warm"), stopped(300))
    assert a.points("F4") == 0
