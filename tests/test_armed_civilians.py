"""Armed civilians: a group may carry a weapon, answers a challenge by seeded weights, looks armed and
never like its role, and a hit on one is the innocent-hit screen-out (never blue-on-blue)."""

from __future__ import annotations

from game.client.people_draw import look_of
from game.client.perceived import describe, sighting_words, tooltip_lines
from game.core.commands import Challenge, DrawWeapon, Fire
from game.core.events import (
    Complied,
    PersonSighted,
    PersonWounded,
    TurnedTowardVoice,
    WeaponHolstered,
)
from game.core.level import ChallengeReaction, Weapon
from game.scoring import assess
from tests.scene_text import BASE, load, of, problems, run, swap

GUARD = "  - {id: class_201, spawn: {zone: room_201}, count: 4, behaviour: {shelter: 3, flee: 1}}"


def armed(fields: str) -> str:
    return swap(
        BASE, GUARD, GUARD + f"\n  - {{id: guard, kind: staff, spawn: {{zone: hall}}, {fields}}}"
    )


def test_a_civilian_group_may_carry_a_handgun_or_a_long_gun_drawn_or_not() -> None:
    level = load(armed("weapon: long gun, weapon_drawn: true"))
    guard = level.civilians[1]
    assert (guard.weapon, guard.weapon_drawn) == (Weapon.LONG_GUN, True)
    assert load(armed("weapon: handgun")).civilians[1].weapon is Weapon.HANDGUN
    assert load(BASE).civilians[0].weapon is Weapon.NONE


def test_challenge_weights_given_make_the_others_zero_and_none_given_keep_the_default() -> None:
    given = load(armed("weapon: handgun, challenge: {turns: 1}")).civilians[1]
    assert given.challenge == ((ChallengeReaction.TURNS, 1),)
    default = load(armed("weapon: handgun")).civilians[1]
    assert dict(default.challenge) == {
        ChallengeReaction.COMPLIES: 2,
        ChallengeReaction.SLOW: 1,
        ChallengeReaction.TURNS: 1,
    }


def test_challenge_weights_all_zero_are_an_error_at_the_challenge() -> None:
    text = armed("weapon: handgun, challenge: {complies: 0}")
    errors, _ = problems(text)
    assert [p.path for p in errors] == ["civilians[1].challenge"]
    line = text.splitlines()[errors[0].line - 1]
    assert line[errors[0].column - 1 :].startswith("{complies: 0}")


def test_reaction_times_are_seconds_with_documented_defaults() -> None:
    guard = load(armed("weapon: handgun, slow_comply_seconds: 7.5")).civilians[1]
    assert (guard.comply_ticks, guard.slow_comply_ticks, guard.turn_ticks) == (10, 75, 30)


def test_an_unknown_weapon_is_an_error_with_a_hint() -> None:
    errors, _ = problems(armed("weapon: handgn"))
    assert errors[0].path == "civilians[1].weapon" and "handgun" in errors[0].message


def test_a_misspelt_weapon_is_one_error_without_a_cascade_of_no_weapon_warnings() -> None:
    errors, warnings = problems(armed("weapon: handgn, weapon_drawn: true, turn_seconds: 2"))
    assert [p.path for p in errors] == ["civilians[1].weapon"]
    assert warnings == []
    _, unarmed = problems(armed("weapon: none, weapon_drawn: true"))
    assert [w.path for w in unarmed] == ["civilians[1].weapon_drawn"]


def test_armed_only_fields_on_an_unarmed_group_are_warnings() -> None:
    errors, warnings = problems(armed("turn_seconds: 2"))
    assert errors == []
    assert [w.path for w in warnings] == ["civilians[1].turn_seconds"]


# The guard stands in the trainee's room on the upper floor; the suspect waits far off.
CLOSE = swap(
    BASE, "trainee:\n  spawn: {zone: lot}\n", "trainee:\n  spawn: {at: [10, 3], floor: 1}\n"
)
CLOSE = swap(CLOSE, '    first_shot: "0:10"\n', '    first_shot: "7:00"\n')


def guard_at(fields: str) -> str:
    entry = f"\n  - {{id: guard, kind: staff, spawn: {{at: [12, 3], floor: 1}}, {fields}}}"
    return swap(CLOSE, GUARD, GUARD + entry)


def challenged(text: str, ticks: int = 80, seed: int = 1):
    commands = {0: [DrawWeapon()], 2: [Challenge("guard")]}
    return run(load(text), ticks, commands, seed)


def test_one_who_turns_faces_the_voice_with_the_gun_then_complies_after_turn_seconds() -> None:
    world = challenged(guard_at("weapon: handgun, challenge: {turns: 1}, turn_seconds: 4"))
    turned = of(world, TurnedTowardVoice)
    complied = [e for e in of(world, Complied) if e.person == "guard"]
    assert [(e.tick, e.toward) for e in turned] == [(2, "trainee")]
    assert [e.tick for e in complied] == [42]
    assert [e.person for e in of(world, WeaponHolstered)] == ["guard"]


def test_one_slow_to_comply_keeps_the_gun_in_hand_for_slow_comply_seconds() -> None:
    text = guard_at("weapon: long gun, weapon_drawn: true, challenge: {slow: 1}")
    world = challenged(text, 30)
    assert world.person("guard").weapon_drawn
    world = challenged(text, 80)
    assert [e.tick for e in of(world, Complied) if e.person == "guard"] == [52]
    assert not world.person("guard").weapon_drawn


def test_the_answers_are_drawn_by_weight_from_the_seed() -> None:
    text = guard_at("weapon: handgun, challenge: {complies: 1, turns: 1}")
    turned = [bool(of(challenged(text, 10, seed), TurnedTowardVoice)) for seed in range(1, 41)]
    assert 5 < sum(turned) < 35
    assert turned == [bool(of(challenged(text, 10, s), TurnedTowardVoice)) for s in range(1, 41)]


def test_an_armed_civilian_looks_armed_in_plain_clothes_and_never_shows_a_role() -> None:
    world = run(load(guard_at("weapon: long gun, weapon_drawn: true")), 2)
    view = next(v for v in world.snapshot() if v.id == "guard")
    words = " ".join([describe(view), *tooltip_lines(view), sighting_words(view)]).lower()
    assert "long gun" in words and "plain" in words
    assert not any(role in words for role in ("civilian", "staff", "guard", "officer", "suspect"))
    assert look_of(view).weapon == "long gun"
    sighted = [e for e in of(world, PersonSighted) if e.person == "guard"]
    assert sighted and sighted[0].seen.weapon == "long gun" and sighted[0].seen.weapon_drawn


def test_shooting_an_armed_civilian_is_the_innocent_hit_screen_out_never_blue_on_blue() -> None:
    world = run(load(guard_at("weapon: handgun, weapon_drawn: true")), 1)
    for tick in range(1, 400):
        if world.person("guard").condition != "ok":
            break
        world.step([DrawWeapon()] if tick == 1 else [Fire("guard")])
    world.stop("test")
    assert [e.role for e in of(world, PersonWounded) if e.person == "guard"][:1] == ["civilian"]
    found = assess(world.level, world.log)
    assert "HF1" in found.hard_failures and "HF2" not in found.hard_failures
