"""Hard failures HF1-HF5: screen-outs that cap the overall rating at U while the breakdown still counts."""

from __future__ import annotations

from scoring_levels import (
    ROUTE_TO_ROOM_C,
    arrive,
    backup,
    contact,
    ended,
    entered,
    gunfire,
    judge,
    radio,
    run_in,
    seen,
    stopped,
    surrendered,
    trainee_shot,
    wounded,
)


def test_hitting_a_bystander_is_a_hard_failure():
    shot = trainee_shot(50, line=("class_b.1",), hit="class_b.1")
    a = judge(arrive(0), shot, wounded(50, "class_b.1", by="trainee"), ended(100))
    assert a.hard_failures == ("HF1",)
    assert a.rating == "U"


def test_hitting_the_attacker_is_not_a_hard_failure():
    shot = trainee_shot(50, hit="suspect")
    a = judge(arrive(0), shot, wounded(50, "suspect", role="suspect", by="trainee"), ended(100))
    assert a.hard_failures == ()


def test_firing_past_a_visible_bystander_is_a_screen_out_even_when_the_round_misses():
    """§7.5 note, §7.1.6: screen-outs judge the decision to fire, not where the round happened to go."""
    a = judge(arrive(0), trainee_shot(50, line=("class_b.1",)), ended(100))
    assert a.hard_failures == ("HF1",) and a.rating == "U"
    assert "in your sight on the line of fire" in a.entries("HF1")[0].message
    assert a.points("B1") == 60


def test_a_bystander_behind_the_attacker_in_sight_is_on_the_line_of_fire():
    """§4 backstop: the line is traced past the target to the first wall that stops rounds."""
    shot = trainee_shot(50, line=("class_b.1",))
    assert shot.between == () and shot.behind == ("class_b.1",)
    assert judge(arrive(0), shot, ended(100)).hard_failures == ("HF1",)


def test_a_bystander_hidden_from_the_trainee_on_the_line_is_b1_not_hf1():
    """§4: rounds pass a partition and can hit people hiding behind it (B1, -40); a screen-out judges
    the decision, and the trainee could not see them."""
    a = judge(arrive(0), trainee_shot(50, line=("class_b.1",), in_sight=()), ended(100))
    assert a.hard_failures == ()
    assert a.points("B1") == 60
    assert "out of your sight" in a.entries("B1")[-1].message


def test_a_shot_with_a_clear_backstop_is_justified():
    a = judge(arrive(0), trainee_shot(50), ended(100))
    assert a.hard_failures == ()
    assert a.points("B1") == 100 and a.points("B3") == 40


def test_firing_with_an_officer_in_sight_on_the_line_is_blue_on_blue_even_when_the_round_misses():
    """§1.6, §7.8: the crossfire that killed Sgt. Helus; an officer is protected, not an innocent."""
    a = judge(arrive(0), backup(10), trainee_shot(50, line=("unit_2",)), ended(100))
    assert a.hard_failures == ("HF2",)
    assert "officer in your sight on the line of fire" in a.entries("HF2")[0].message


def test_firing_at_an_armed_civilian_who_is_not_attacking_is_a_screen_out_even_when_it_misses():
    """§7.8 HF1 clarified: look beyond the gun; as firing on an officer not firing is HF2."""
    guard = seen(weapon="handgun", matches_description=False)
    shot = trainee_shot(50, "guard", "civilian", look=guard, firing=False)
    a = judge(arrive(0), shot, ended(100))
    assert a.hard_failures == ("HF1",)
    assert "not attacking" in a.entries("HF1")[0].message


def test_firing_on_an_officer_who_is_identifiable_is_blue_on_blue():
    shot = trainee_shot(50, "unit_2", "officer", look=seen(dress="uniform"), firing=True)
    assert judge(arrive(0), shot, ended(100)).hard_failures == ("HF2",)


def test_firing_on_a_plain_clothes_officer_who_was_not_firing_is_blue_on_blue():
    shot = trainee_shot(50, "off_duty", "officer", firing=False)
    assert judge(arrive(0), shot, ended(100)).hard_failures == ("HF2",)


def test_firing_on_an_unidentifiable_armed_person_who_is_shooting_is_not_a_screen_out():
    shot = trainee_shot(50, "off_duty", "officer", firing=True)
    assert judge(arrive(0), shot, ended(100)).hard_failures == ()


def test_holding_over_two_minutes_while_gunfire_continues_is_a_hard_failure():
    a = judge(arrive(0), gunfire(0, 1600), ended(1600))
    assert "HF3" in a.hard_failures
    assert a.entries("HF3")[0].points == 0


def test_a_short_hold_under_gunfire_is_not_a_hard_failure():
    a = judge(arrive(0), gunfire(0, 500), run_in(500, ROUTE_TO_ROOM_C), ended(600))
    assert "HF3" not in a.hard_failures


def test_calling_the_attacker_barricaded_and_holding_is_a_hard_failure():
    call = radio(100, "update", action="suspect contained in room C")
    a = judge(arrive(0), gunfire(0, 500), call, ended(500))
    assert "HF3" in a.hard_failures
    assert 'called the attacker "contained"' in a.entries("HF3")[0].message


def test_firing_at_a_surrendered_attacker_is_a_hard_failure():
    shot = trainee_shot(60, firing=False, surrendered=True)
    a = judge(arrive(0), surrendered(50), stopped(50, "surrendered"), shot, ended(100))
    assert a.hard_failures == ("HF4",)


def test_firing_before_the_attacker_surrenders_is_not_a_hard_failure():
    events = [arrive(0), trainee_shot(40), surrendered(50), stopped(50, "surrendered")]
    assert judge(*events, ended(100)).hard_failures == ()


def test_radioing_units_to_hold_back_while_gunfire_continues_is_a_hard_failure():
    a = judge(arrive(0), gunfire(0, 300), radio(50, "stand_off"), entered(60), ended(300))
    assert a.hard_failures == ("HF5",)


def test_asking_for_a_perimeter_and_going_in_is_not_a_stand_off():
    ask = radio(50, "initial_report", requests="perimeter, ems")
    a = judge(arrive(0), gunfire(0, 300), ask, entered(100), ended(300))
    assert "HF5" not in a.hard_failures


def test_setting_a_perimeter_instead_of_going_in_while_gunfire_continues_is_a_hard_failure():
    ask = radio(50, "request", requests="perimeter")
    assert "HF5" in judge(arrive(0), gunfire(0, 2500), ask, ended(2500)).hard_failures


def test_a_hard_failure_caps_the_rating_but_the_breakdown_still_counts():
    good_run = [
        arrive(0),
        gunfire(10, 60),
        radio(5, "making_entry", location="corridor"),
        entered(7),
        run_in(8, ROUTE_TO_ROOM_C[2:]),
        contact(50),
        trainee_shot(60, protection="cover"),
        stopped(60),
    ]
    blue_on_blue = trainee_shot(90, "off_duty", "officer", firing=False, protection="cover")
    a = judge(*good_run, blue_on_blue, ended(200))
    assert a.rating == "U" and a.rating_words == "Unable to perform"
    assert a.score == sum(c.points for c in a.categories) >= 700
