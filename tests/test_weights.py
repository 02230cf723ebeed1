"""Weights mean what they say: a weight not given is 0, all 0 is an error, and accuracy 0 never hits."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from game.core.ballistics import hit_chance
from game.core.events import PersonWounded, ShotFired
from game.core.level import CivilianBehaviour, Position, Reactions, Role
from game.core.people import Person
from game.core.world import World
from game.levels import LevelError, parse_level

MINIMAL = Path(__file__).parent / "fixtures" / "minimal_level.yaml"
SUSPECT_LINE = "    reactions: {engage: 2, retreat: 0, surrender: 1}\n"
CIVILIAN_LINE = "    behaviour: {shelter: 6, flee: 3, freeze: 1}\n"


def level_with(old: str, new: str):
    """The minimal level with one line replaced, parsed, with its warnings."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count(old) == 1
    warnings: list = []
    level = parse_level(text.replace(old, new).encode(), "level.yaml", warnings)
    return level, [str(w) for w in warnings]


def test_a_civilian_weight_given_alone_leaves_the_others_at_zero():
    level, _ = level_with(CIVILIAN_LINE, "    behaviour: {freeze: 1}\n")
    assert level.civilians[0].behaviour == CivilianBehaviour(shelter=0, flee=0, freeze=1)


def test_civilians_without_any_behaviour_keep_shelter_and_flee_at_one():
    level, warnings = level_with(CIVILIAN_LINE, "")
    assert level.civilians[0].behaviour == CivilianBehaviour(shelter=1, flee=1)
    assert warnings == []


def test_a_suspect_reaction_given_alone_is_certain_and_check_warns_where_it_is_written():
    level, warnings = level_with(SUSPECT_LINE, "    reactions: {engage: 2}\n")
    assert level.suspects[0].reactions == Reactions(engage=2, retreat=0, surrender=0)
    line = MINIMAL.read_text(encoding="utf-8").splitlines().index(SUSPECT_LINE.rstrip()) + 1
    assert len(warnings) == 1
    assert warnings[0].startswith(f"level.yaml:{line}:16: warning: suspects[0].reactions:")
    assert "only 'engage' can be drawn: retreat and surrender are not given" in warnings[0]


def test_a_reaction_written_as_zero_says_it_is_meant_and_is_not_warned():
    level, warnings = level_with(
        SUSPECT_LINE, "    reactions: {engage: 2, retreat: 0, surrender: 0}\n"
    )
    assert level.suspects[0].reactions == Reactions(2, 0, 0)
    assert warnings == []


def test_a_suspect_without_reactions_weighs_each_reaction_one():
    level, warnings = level_with(SUSPECT_LINE, "")
    assert level.suspects[0].reactions == Reactions(1, 1, 1)
    assert warnings == []


@pytest.mark.parametrize(
    "line",
    [
        "    reactions: {}\n",
        "    reactions: {engage: 0}\n",
        "    reactions: {retreat: 0, surrender: 0}\n",
    ],
)
def test_weights_that_are_all_zero_are_an_error_at_the_mapping(line):
    with pytest.raises(LevelError) as caught:
        level_with(SUSPECT_LINE, line)
    messages = [str(p) for p in caught.value.problems]
    row = MINIMAL.read_text(encoding="utf-8").splitlines().index(SUSPECT_LINE.rstrip()) + 1
    assert any(
        m.startswith(f"level.yaml:{row}:16: suspects[0].reactions: the weights must not all be 0")
        for m in messages
    ), messages


def test_civilian_weights_all_zero_are_an_error():
    with pytest.raises(LevelError) as caught:
        level_with(CIVILIAN_LINE, "    behaviour: {approach: 0}\n")
    assert any(
        "civilians[0].behaviour: the weights must not all be 0" in str(p)
        for p in caught.value.problems
    )


def _person(role: Role, x: int) -> Person:
    return Person(role.value, role, role.value, Position(0, x, 0))


def test_accuracy_zero_gives_no_chance_and_any_other_accuracy_keeps_the_floor():
    shooter, target = _person(Role.SUSPECT, 0), _person(Role.CIVILIAN, 25)
    assert hit_chance(shooter, target, 0.0) == 0.0
    assert hit_chance(shooter, target, 0.01) == pytest.approx(0.02)


def test_a_suspect_with_accuracy_zero_never_hits_anyone(shooting_level):
    suspect = replace(shooting_level.suspects[0], accuracy=0.0, fire_interval=5)
    level = replace(shooting_level, suspects=(suspect,))
    shots = hits = 0
    for seed in range(1, 6):
        world = World(level, seed)
        while not world.finished and world.tick < 1200:
            world.step()
        shots += sum(1 for e in world.log if isinstance(e, ShotFired) and e.shooter == "suspect")
        hits += sum(1 for e in world.log if isinstance(e, PersonWounded) and e.by == "suspect")
    assert shots > 50
    assert hits == 0
