"""Armed civilians: a group may carry a weapon, answers a challenge by seeded weights, looks armed and
never like its role, and a hit on one is the innocent-hit screen-out (never blue-on-blue)."""

from __future__ import annotations

from game.core.level import ChallengeReaction, Weapon
from tests.scene_text import BASE, load, problems, swap

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


def test_armed_only_fields_on_an_unarmed_group_are_warnings() -> None:
    errors, warnings = problems(armed("turn_seconds: 2"))
    assert errors == []
    assert [w.path for w in warnings] == ["civilians[1].turn_seconds"]
