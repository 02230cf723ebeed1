"""Category D, Identification and blue-on-blue avoidance."""

from __future__ import annotations

from dataclasses import replace

from scoring_levels import (
    LEVEL,
    announced,
    arrive,
    backup,
    challenge,
    complied,
    contact,
    cover,
    ended,
    holstered,
    judge,
    officer_shot,
    radio,
    seen,
    sighted,
    trainee_shot,
)

from game.core.level import Dress, Trainee


def test_challenging_an_armed_plain_clothes_officer_from_cover_earns_full_challenge_credit():
    a = judge(arrive(0), sighted(10, "off_duty"), cover(12), challenge(15, "off_duty"), ended(100))
    assert a.points("D1") == 40
    assert "no POLICE jacket" in a.entries("D1")[0].evidence[0]


def test_challenging_from_the_open_earns_part_of_the_challenge_credit():
    a = judge(arrive(0), sighted(10, "off_duty"), challenge(15, "off_duty"), ended(100))
    assert a.points("D1") == 27


def test_firing_on_an_armed_plain_clothes_officer_without_a_challenge_earns_no_challenge_credit():
    shot = trainee_shot(15, "off_duty", "officer", firing=False)
    a = judge(arrive(0), sighted(10, "off_duty"), shot, ended(100))
    assert a.points("D1") == 0


def test_an_officer_in_uniform_is_not_an_ambiguous_armed_person():
    uniformed = sighted(10, "unit_2", look=seen(dress="uniform"))
    a = judge(arrive(0), uniformed, contact(20), ended(100))
    assert a.entries("D1")[0].message.startswith("Not applicable")


def test_holding_fire_on_an_unidentified_armed_person_earns_the_cue_check():
    assert judge(arrive(0), sighted(10, "off_duty"), ended(100)).points("D2") == 10


def test_firing_on_an_unidentified_armed_person_fails_the_cue_check():
    shot = trainee_shot(15, "off_duty", "officer", firing=False)
    assert judge(arrive(0), sighted(10, "off_duty"), shot, ended(100)).points("D2") == 0


def test_calling_movement_and_keeping_out_of_partners_lines_earns_deconfliction():
    a = judge(arrive(0), backup(10), radio(20, "movement", action="moving up"), ended(100))
    assert a.points("D3") == 10


def test_standing_in_a_partners_line_of_fire_without_calling_movement_earns_no_deconfliction():
    a = judge(arrive(0), backup(10), officer_shot(30, ("trainee",)), ended(100))
    assert a.points("D3") == 0


def test_having_the_identified_plain_clothes_officer_holster_earns_the_hand_off():
    events = [sighted(10, "off_duty"), challenge(15, "off_duty"), holstered(21, "off_duty")]
    assert judge(arrive(0), *events, complied(21, "off_duty"), ended(100)).points("D4") == 10


def test_leaving_a_plain_clothes_officer_armed_and_unchallenged_earns_no_hand_off():
    assert judge(arrive(0), sighted(10, "off_duty"), ended(100)).points("D4") == 0


def test_a_uniformed_trainee_who_shouts_police_earns_full_self_identification():
    assert judge(arrive(0), announced(20), ended(100)).points("D5") == 10


def test_a_plain_clothes_trainee_without_markings_or_a_shout_earns_no_self_identification():
    level = replace(LEVEL, trainee=replace(LEVEL.trainee, dress=Dress.PLAIN))
    assert isinstance(level.trainee, Trainee)
    plain = replace(arrive(0), dress="plain")
    assert judge(plain, ended(100), level=level).points("D5") == 0
