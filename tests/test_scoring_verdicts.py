"""Verdicts an instructor can trust (issue 11): each loophole and wrong verdict named there, closed.

Hand-built logs pin each rule down; whole runs in real worlds check that the loophole is closed in play.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import make_level
from scoring_levels import (
    LEVEL,
    ROUTE_TO_ROOM_C,
    arrive,
    backup,
    challenge,
    contact,
    cover,
    ended,
    entered,
    gunfire,
    heard,
    judge,
    moved,
    officer_challenges_trainee,
    officer_fires_at_trainee,
    radio,
    run_in,
    seen,
    sighted,
    stopped,
    suspect_shot,
    suspect_spec,
    trainee_hit,
    trainee_shot,
    wounded,
)

from game.core.commands import RADIO_KINDS, Challenge, MoveTo, Radio, SetPace
from game.core.events import (
    Complied,
    PoliceAnnounced,
    SuspectBarricaded,
    ThreatStopped,
    TraineeArrived,
)
from game.core.level import Dress, OffDutyProtocol, Officer, Place, Position, Reactions, Trainee
from game.core.world import World
from game.scoring import assess

STAND_OFF = "All units stay 500 feet away from the building"
ENCOUNTER_RULES = ("A5", "B1", "B3", "B5", "B6", "D1", "D2", "D4", "E2", "E4", "E5")


def _play(level, seed: int, commands: dict[int, list]) -> World:
    world = World(level, seed)
    while not world.finished:
        world.step(commands.get(world.tick, []))
    return world


# -- 1. outcomes count ------------------------------------------------------------------------------


def _shot_down(moving: bool):
    """Hit twice at 0:10 and 0:11.7: still closing on the attacker, or standing in the corridor."""
    run = run_in(21, ROUTE_TO_ROOM_C[2:], every=8) if moving else []
    last = ROUTE_TO_ROOM_C[-1] if moving else (10, 3)
    return [
        arrive(0),
        gunfire(10, 117),
        radio(5, "initial_report", location="parking", shots="active", action="making_entry"),
        entered(20),
        run,
        contact(60),
        suspect_shot(100, target="trainee", role="trainee"),
        trainee_hit(101, "walking", *(ROUTE_TO_ROOM_C[12] if moving else last)),
        trainee_hit(117, "incapacitated", *last),
        ended(117, "trainee down"),
    ]


@pytest.mark.parametrize("moving", [True, False])
def test_a_trainee_shot_down_with_the_attacker_free_is_never_performed_nor_full_on_stop_the_killing(
    moving,
):
    a = judge(*_shot_down(moving))
    assert a.rating != "P"
    assert a.category("A").rating != "P" and a.category("A").points < 350
    assert a.outcome.attacker_status == "free" and a.outcome.trainee == "down"
    assert a.points("E7") < 0
    assert any(e.cap for e in a.entries("A7"))


def test_a_trainee_shot_down_while_pressing_the_attack_is_told_it_was_a_sound_decision():
    a = judge(*_shot_down(moving=True))
    capped = next(e for e in a.entries("A7") if e.cap and not e.cap_overall)
    assert "sound decision" in capped.message
    assert a.entries("E6") == ()


def _held_and_shot_down(challenges: bool = True):
    """In at 0:02, then behind cover 8 tiles from the attacker, who shoots at people every 3 s, until
    the trainee is shot down at 0:50; with challenges every 2 s ("Police! Drop it!")."""
    shouts = [challenge(t, "suspect", "suspect", firing=True) for t in range(40, 500, 20)]
    return [
        arrive(0),
        entered(20),
        run_in(21, ROUTE_TO_ROOM_C[2:8], every=3),
        cover(40),
        gunfire(30, 500),
        contact(40, "challenge"),
        *(shouts if challenges else []),
        suspect_shot(495, target="trainee", role="trainee"),
        trainee_hit(500, "incapacitated", *ROUTE_TO_ROOM_C[7]),
        ended(500, "trainee down"),
    ]


def test_shouting_at_an_attacker_who_keeps_shooting_excuses_no_holding():
    """§3.3: a warning to someone firing at people is not feasible; §4 item 4: engage at once."""
    shouting = judge(*_held_and_shot_down(challenges=True))
    silent = judge(*_held_and_shot_down(challenges=False))
    assert shouting.points("A4") == silent.points("A4") < -15


def test_challenging_an_armed_person_who_is_not_shooting_still_excuses_the_seconds_it_takes():
    """§7.8 A4 clarified: a challenge to a visible armed person who has not complied excuses."""
    a = judge(arrive(0), gunfire(0, 100), challenge(50, "off_duty"), ended(100))
    assert a.points("A4") > judge(arrive(0), gunfire(0, 100), ended(100)).points("A4")


def test_going_down_while_holding_with_the_attacker_free_is_not_called_a_sound_decision():
    """§7.1.6, §7.8 A7: the Helus explanation is for a sound decision; holding is the one ruled out."""
    a = judge(*_held_and_shot_down())
    capped = next(e for e in a.entries("A7") if e.cap and not e.cap_overall)
    assert "sound decision that ended badly, as" not in capped.message
    assert "holding" in capped.message and capped.cap == "M"
    assert a.rating in ("M", "U") and a.category("A").rating in ("M", "U")


def test_going_down_at_the_attackers_side_without_firing_is_holding_too():
    """§4 item 4: at the gunfire no distance is left to close, so only engaging is not holding."""
    near = ROUTE_TO_ROOM_C[-2]
    a = judge(
        arrive(0),
        entered(20),
        run_in(21, ROUTE_TO_ROOM_C[2:-1], every=3),
        gunfire(30, 500),
        contact(70, "engagement range"),
        trainee_hit(500, "incapacitated", *near),
        ended(500, "trainee down"),
    )
    capped = next(e for e in a.entries("A7") if e.cap and not e.cap_overall)
    assert capped.cap == "M" and "holding" in capped.message


def test_being_hit_standing_in_the_open_beside_cover_is_a_tactics_finding():
    standing = [arrive(0, 2, 1), gunfire(0, 200), trainee_hit(150, "walking", 2, 1), ended(200)]
    a = judge(*standing)
    assert a.points("E6") == -20
    assert "open" in a.entries("E6")[0].message
    behind = judge(*standing, cover(5))
    assert behind.entries("E6") == ()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_in_play_a_run_that_ends_with_the_trainee_down_and_the_attacker_free_is_never_performed(
    seed,
):
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3)), weapon_drawn=True),
        suspects=(suspect_spec(accuracy=0.95, fire_interval=10, reactions=Reactions(1, 0, 0)),),
        duration=900,
    )
    world = _play(level, seed, {1: [SetPace("run"), MoveTo(target=Position(0, 16, 6))]})
    a = assess(level, world.log)
    assert world.end_reason == "trainee down" and a.outcome.attacker_status == "free"
    assert a.rating != "P" and a.category("A").rating != "P"


# -- 2. a stall is excused only by what doctrine excuses --------------------------------------------


def _long_shooting_level():
    return make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 0)), weapon_drawn=True),
        suspects=(suspect_spec(route=("room_c",), fire_interval=30),),
        duration=4200,
    )


@pytest.mark.parametrize("varied", [False, True])
def test_a_hidden_trainee_who_keeps_talking_still_stalls_to_the_screen_out(varied):
    commands: dict[int, list] = {1: [SetPace("run"), MoveTo(zone="room_a")]}
    for i, tick in enumerate(range(100, 4200, 90)):
        words = f"holding in room A, call {i}" if varied else "holding in room A"
        count = f"{i} reported" if varied else "unknown"
        update = Radio.of(
            "update", location="room_a", shots="active", action=words, casualties=count
        )
        commands[tick] = [update]
    level = _long_shooting_level()
    a = assess(level, _play(level, 1, commands).log, strict=True)
    assert "HF3" in a.hard_failures and a.rating == "U"
    assert a.points("A4") <= -50


def test_re_challenging_a_person_who_has_complied_excuses_nothing():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3)), weapon_drawn=True),
        suspects=(suspect_spec(route=("room_c",), fire_interval=30),),
        officers=(
            Officer(
                "off_duty",
                Place(at=Position(0, 7, 3)),
                dress=Dress.PLAIN,
                off_duty=True,
                weapon_drawn=True,
                goal="",
                protocol=((OffDutyProtocol.FOLLOWS, 1),),
            ),
        ),
        duration=2400,
    )
    commands = {tick: [Challenge("off_duty")] for tick in range(1, 2400, 50)}
    world = _play(level, 1, commands)
    assert any(isinstance(e, Complied) and e.person == "off_duty" for e in world.log)
    a = assess(level, world.log, strict=True)
    assert "HF3" in a.hard_failures
    assert a.points("A2") < 0


def test_a_radio_call_repeated_word_for_word_excuses_nothing():
    same = [radio(t, "update", location="corridor", shots="active") for t in range(0, 600, 50)]
    a = judge(arrive(0), gunfire(0, 600), *same, ended(600))
    assert a.points("A4") <= -25


def test_standing_still_while_talking_answers_no_gunfire_cue():
    calls = [
        radio(t + 2, "update", location="corridor", shots="active", casualties=f"{t}")
        for t in range(0, 300, 100)
    ]
    a = judge(arrive(0), gunfire(0, 300, every=100), *calls, ended(400))
    assert a.points("A2") == -10
    assert "answered 0 of 3" in a.entries("A2")[0].message


# -- 3. contact means closing to engage -------------------------------------------------------------


def test_seeing_the_attacker_at_a_distance_and_never_entering_earns_no_contact_credit():
    far = sighted(30, "suspect", "suspect", look=seen(distance=11.0))
    a = judge(arrive(0), gunfire(10, 900), far, ended(900))
    assert a.points("A3") == 0
    assert "on arrival" not in a.entries("A3")[0].message
    assert a.clocks.contact is None


def test_a_deliberate_search_of_a_silent_building_is_not_timed_against_a_sprint():
    walk = run_in(10, ROUTE_TO_ROOM_C[2:], every=12, pace="walk")
    silent = judge(arrive(0), entered(10), *walk, contact(170), ended(400))
    assert silent.points("A3") == 150
    assert "deliberate search" in silent.entries("A3")[0].message
    loud = judge(arrive(0), gunfire(0, 400), entered(10), *walk, contact(170), ended(400))
    assert loud.points("A3") < silent.points("A3")


# -- 4. not applicable because of your own inaction is not credit ----------------------------------


def test_a_trainee_who_never_enters_collects_no_not_applicable_padding():
    a = judge(arrive(0), cover(5), gunfire(10, 1500), ended(1500))
    for rule in ENCOUNTER_RULES:
        entries = a.entries(rule)
        assert sum(e.points for e in entries) == 0, rule
        assert entries[0].message.startswith("Not credited"), rule
    assert a.points("E1") == 0 and a.rating == "U"


def test_rules_the_scenario_made_inapplicable_still_give_full_credit():
    before = judge(stopped(0), arrive(300), entered(320), ended(900))
    for rule in ("A3", "B1", "B3", "E2", "E5"):
        assert before.entries(rule)[0].message.startswith("Not applicable"), rule
        assert before.points(rule) > 0, rule


def test_a_partner_who_never_fires_earns_no_line_of_fire_credit():
    quiet = judge(arrive(0), backup(10), ended(100))
    assert quiet.points("D3") == 0
    assert not any("line of fire" in e.message for e in quiet.entries("D3"))
    called = judge(arrive(0), backup(10), radio(20, "movement", action="moving up"), ended(100))
    assert called.points("D3") == 10


# -- 5. radio is judged by meaning ------------------------------------------------------------------


@pytest.mark.parametrize("kind", RADIO_KINDS)
def test_a_stand_off_order_sent_as_any_kind_is_the_stand_off_screen_out(kind):
    a = judge(arrive(0), gunfire(0, 300), radio(50, kind, action=STAND_OFF), ended(300))
    assert "HF5" in a.hard_failures
    assert not any("command" in e.message for e in a.entries("C3") if e.points > 0)


def test_a_stand_off_order_a_moment_before_the_first_shot_still_counts_but_not_with_the_attacker_isolated():
    early = judge(arrive(0), radio(20, "command", action=STAND_OFF), gunfire(40, 300), ended(300))
    assert "HF5" in early.hard_failures
    isolated = SuspectBarricaded(10, "suspect", "room_c", 0)
    contained = judge(arrive(0), isolated, radio(900, "command", action=STAND_OFF), ended(1000))
    assert "HF5" not in contained.hard_failures


def test_the_enumerated_hold_back_action_is_a_stand_off_and_calling_units_in_is_not():
    held = judge(arrive(0), gunfire(0, 300), radio(50, "command", action="hold_back"), ended(300))
    assert "HF5" in held.hard_failures
    follow = radio(50, "command", action="do not hold back, follow me in")
    called = judge(arrive(0), gunfire(0, 300), follow, entered(60), ended(300))
    assert "HF5" not in called.hard_failures and called.points("C3") > 0


def test_making_entry_in_the_initial_reports_action_slot_announces_the_entry():
    report = radio(10, "initial_report", location="parking", shots="active", action="making_entry")
    a = judge(arrive(0), report, entered(20), ended(100))
    assert a.points("C2") > 0
    assert "without" not in a.entries("C2")[0].message


def test_a_plain_clothes_notification_with_location_and_action_counts_toward_the_initial_report():
    note = radio(
        5, "self_description", location="parking", description="me", action="going in the front"
    )
    a = judge(arrive(0), note, ended(100))
    assert a.points("C1") == 20
    assert "no initial report" not in a.entries("C1")[0].message


def test_an_enumerated_status_calling_a_shooting_attacker_barricaded_is_a_misreport():
    call = radio(200, "update", location="corridor", status="barricaded")
    assert judge(arrive(0), gunfire(0, 600), call, ended(600)).points("C4") == -10
    honest = radio(200, "update", action="not barricaded, still shooting", shots="active")
    assert judge(arrive(0), gunfire(0, 600), honest, ended(600)).points("C4") == 5


# -- 6. challenges go both ways ---------------------------------------------------------------------


def _plain(tick: int = 0) -> TraineeArrived:
    return replace(arrive(tick), dress="plain")


PLAIN_LEVEL = replace(LEVEL, trainee=replace(LEVEL.trainee, dress=Dress.PLAIN))


def test_a_plain_clothes_trainee_who_ignores_a_challenge_loses_identification_and_is_capped_when_fired_on():
    ignored = [
        _plain(),
        gunfire(0, 300),
        officer_challenges_trainee(100),
        run_in(101, ROUTE_TO_ROOM_C[3:9]),
    ]
    a = judge(*ignored, ended(300), level=PLAIN_LEVEL)
    assert a.points("D6") == -40
    fired = judge(*ignored, officer_fires_at_trainee(140), ended(300), level=PLAIN_LEVEL)
    assert fired.rating in ("M", "U") and "M" in fired.caps


def test_a_plain_clothes_trainee_who_freezes_and_identifies_when_challenged_earns_the_compliance():
    obeyed = [
        _plain(),
        officer_challenges_trainee(100),
        PoliceAnnounced(102, "trainee", LEVEL.trainee.spawn.at, True),
        Complied(103, "trainee", "unit_2"),
    ]
    assert judge(*obeyed, ended(300), level=PLAIN_LEVEL).points("D6") == 20


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_off_duty_poor_rates_m_or_u_and_off_duty_good_still_performs(seed):
    from pathlib import Path

    from shipped_runs import shipped_run

    root = Path(__file__).resolve().parent.parent / "levels" / "scripts" / "off_duty"
    poor = shipped_run(root / "poor.yaml", seed).assessment
    good = shipped_run(root / "good.yaml", seed).assessment
    assert poor.rating in ("M", "U")
    assert good.rating in ("P", "S") and good.hard_failures == ()


# -- 7. the line the round flew; an armed civilian is an innocent -----------------------------------


def test_hitting_an_armed_civilian_is_an_innocent_hit_never_blue_on_blue():
    guard = seen(weapon="handgun", matches_description=False)
    shot = trainee_shot(50, "guard", "civilian", look=guard, firing=False, hit="guard")
    a = judge(arrive(0), shot, wounded(50, "guard", "civilian", by="trainee"), ended(100))
    assert a.hard_failures == ("HF1",)
    assert a.points("B1") == 60
    met = judge(arrive(0), sighted(10, "guard", "civilian", look=guard), contact(5), ended(100))
    assert "armed civilian" in met.entries("D1")[0].message


def test_a_non_threat_anywhere_on_the_line_the_round_flew_makes_an_unsafe_shot():
    behind = trainee_shot(50, line=("class_b.1",))
    a = judge(arrive(0), behind, ended(100))
    assert a.points("B1") == 60
    assert "class_b" not in a.entries("B1")[-1].message


# -- 8. the strengths a trainee sees are earned -----------------------------------------------------


def test_standing_outside_in_the_open_is_not_a_covered_approach_strength():
    a = judge(arrive(0), heard(5), moved(200, 4, 1), entered(230, 4, 2), ended(400))
    assert a.points("E1") < 30
    assert not any(s.startswith("E1") for s in a.strengths)
    assert "stood in the open" in a.entries("E1")[0].message


def test_an_attacker_stopped_by_others_while_the_trainee_stayed_outside_is_no_lone_approach_strength():
    a = judge(
        arrive(0),
        gunfire(0, 500),
        wounded(500, "suspect", "suspect", by="unit_2"),
        ThreatStopped(500, "suspect", "incapacitated", "unit_2"),
        ended(900),
    )
    assert a.points("E5") == 0
    assert not any(s.startswith("E5") for s in a.strengths)
