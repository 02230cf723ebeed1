"""Who sees whom: `InSight` gives the same answers as `line_of_sight`, whatever was asked before."""

from __future__ import annotations

from dataclasses import replace

from builders import make_level
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.building import Building
from game.core.level import DoorState, Floor, Position, Role
from game.core.people import Person
from game.core.perception import InSight, line_of_sight

OPEN_GROUND = tuple("," * 50 for _ in range(50))
"""A 50 by 50 square of open ground: nothing hides anyone but distance."""

WALLED = (
    "##########",
    "#....#...#",
    "#....D...#",
    "#....#...#",
    "##########",
)


def _building(rows: tuple[str, ...]) -> Building:
    return Building(replace(make_level(), floors=(Floor("Ground", rows),)))


def _person(pid: str, x: int, y: int, present: bool = True) -> Person:
    return Person(pid, Role.CIVILIAN, "student", Position(0, x, y), present=present)


def test_someone_beyond_sight_range_is_not_seen_after_a_longer_shot_walked_the_same_line():
    building = _building(OPEN_GROUND)
    trainee, far = Position(0, 2, 2), Position(0, 2 + 21, 2 + 28)  # 35 tiles away
    assert line_of_sight(building, trainee, far, max_range=40)  # a shot may be aimed that far
    assert not line_of_sight(building, trainee, far)
    assert InSight(building, trainee).among([_person("far", far.x, far.y)]) == []
    assert far not in InSight(building, trainee)


def test_someone_at_exactly_the_sight_range_is_seen():
    building = _building(OPEN_GROUND)
    trainee = Position(0, 2, 2)
    edge = _person("edge", 2 + 18, 2 + 24)  # 30 tiles: 18, 24, 30
    assert InSight(building, trainee).among([edge]) == [edge]


def test_a_person_behind_a_closed_door_comes_into_view_when_it_opens():
    building = _building(WALLED)
    trainee, beyond = Position(0, 2, 2), _person("beyond", 7, 2)
    assert InSight(building, trainee).among([beyond]) == []
    building.set_door_state(building.doors[Position(0, 5, 2)], DoorState.OPEN)
    assert InSight(building, trainee).among([beyond]) == [beyond]


def test_a_line_seen_through_an_open_door_in_one_run_is_blocked_where_another_run_keeps_it_shut():
    level = replace(make_level(), floors=(Floor("Ground", WALLED),))
    opened, shut = Building(level), Building(level)  # two runs of one level share its tiles
    door = Position(0, 5, 2)
    opened.set_door_state(opened.doors[door], DoorState.OPEN)
    here, there = Position(0, 2, 2), Position(0, 8, 2)
    assert line_of_sight(opened, here, there)
    assert not line_of_sight(shut, here, there)
    shut.set_door_state(shut.doors[door], DoorState.OPEN)
    assert line_of_sight(shut, here, there)
    opened.set_door_state(opened.doors[door], DoorState.LOCKED)
    assert not line_of_sight(opened, here, there)


def test_people_not_on_scene_are_never_in_view():
    building = _building(OPEN_GROUND)
    gone = _person("gone", 3, 3, present=False)
    assert InSight(building, Position(0, 2, 2)).among([gone]) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 4)), min_size=1, max_size=8),
    st.tuples(st.integers(1, 8), st.integers(1, 3)),
)
def test_in_sight_agrees_with_line_of_sight_for_everyone_in_the_order_given(spots, origin):
    building = _building(WALLED)
    here = Position(0, *origin)
    people = [_person(f"p{i}", x, y) for i, (x, y) in enumerate(spots)]
    expected = [p for p in people if line_of_sight(building, here, p.position)]
    assert InSight(building, here).among(people) == expected
    assert [p.position in InSight(building, here) for p in people] == [
        p in expected for p in people
    ]


def test_the_same_people_asked_again_are_seen_anew_once_someone_moves_leaves_or_a_door_opens():
    building = _building(WALLED)
    trainee = Position(0, 2, 2)
    walker, leaver = _person("walker", 7, 2), _person("leaver", 3, 3)
    people = [walker, leaver]
    assert InSight(building, trainee).among(people) == [leaver]
    assert InSight(building, trainee).among(people) == [leaver]  # nothing changed
    walker.position = Position(0, 4, 1)  # steps through to this side of the wall
    assert InSight(building, trainee).among(people) == [walker, leaver]
    leaver.present = False
    assert InSight(building, trainee).among(people) == [walker]
    walker.position = Position(0, 7, 2)  # back behind the closed door
    assert InSight(building, trainee).among(people) == []
    building.set_door_state(building.doors[Position(0, 5, 2)], DoorState.OPEN)
    assert InSight(building, trainee).among(people) == [walker]
    assert (
        InSight(building, Position(0, 4, 1)).among(people) == []
    )  # from beside the door: the wall


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 4)), min_size=1, max_size=8),
    st.lists(
        st.tuples(st.integers(0, 7), st.integers(0, 9), st.integers(0, 4), st.booleans()),
        max_size=12,
    ),
    st.sampled_from(["compared", "counted", "told who"]),
)
def test_asked_again_after_each_change_in_sight_answers_as_a_fresh_look(spots, changes, told):
    building = _building(WALLED)
    here = Position(0, 2, 2)
    people = [_person(f"p{i}", x, y) for i, (x, y) in enumerate(spots)]
    movers: list[Person] = []  # as the world keeps them: one entry for each change of place

    def since(moves: int) -> list[Person]:
        return movers[moves:]

    for who, x, y, present in changes:
        person = people[who % len(people)]
        person.position, person.present = Position(0, x, y), present
        movers.append(person)
        found = InSight(building, here).among(
            people,
            None if told == "compared" else len(movers),
            since if told == "told who" else None,
        )
        assert found == [
            p for p in people if p.present and line_of_sight(building, here, p.position)
        ]


def test_the_trainee_sees_whom_a_fresh_look_finds_at_every_tick_of_a_shipped_script():
    from game.core.world import World
    from game.levels.folders import levels_dir
    from game.sessions.player import ScriptPlayer
    from game.sessions.script import load_script

    for name in ("wing_a", "off_duty"):  # crowds fleeing; officers arriving, the trainee moving
        script = load_script(levels_dir() / "scripts" / name / "good.yaml")
        world = World(script.level, script.seed, dict(script.variant))
        player = ScriptPlayer(world, script.commands)
        while not world.finished:
            player.hear(world.step(player.commands()))
            here = world.trainee.position
            seen = [view.id for view in world.snapshot(on=InSight(world.building, here))]
            assert seen == [
                p.id
                for p in world.people
                if p.present and line_of_sight(world.building, here, p.position)
            ], f"{name} at tick {world.tick}"
