"""A world at rest passes at once the ticks in which nothing would happen (`World.rest`): the same
events, the same people, the same random draws as stepping them one by one, and fewer steps."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import commands as c
from game.core.civilians import pass_cornered
from game.core.clock import NEVER
from game.core.level import Position
from game.core.movement import budget_due
from game.core.people import STEP_COST
from game.core.world import World
from game.levels import load_level
from game.sessions.digest import state_digest
from game.sessions.player import ScriptPlayer
from game.sessions.runner import run_script
from tests.scene_text import BASE, load, swap
from tests.shipped_runs import shipped_script

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "levels" / "scripts").glob("*/*.yaml"))
LEVELS = tuple(sorted(path.stem for path in (ROOT / "levels").glob("*.yaml")))


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_a_shipped_script_rested_ends_as_the_run_stepped_tick_by_tick(path: Path) -> None:
    script = shipped_script(path)
    resting, stepping = _played(script), _played(script)
    rests = 0
    while not resting[0].finished:
        world, player = resting
        start = world.tick
        if world.quiet and world.rest(player.rest_until(NEVER)) > start:
            player.rested(start, world.tick)
            rests += 1
            while stepping[0].tick < world.tick:
                _step(stepping)
            continue
        _step(resting)
        _step(stepping)
    assert rests > 20
    assert resting[0].log == stepping[0].log
    assert _state(*resting) == _state(
        *stepping
    )  # the whole state (`state_digest`), and the player's


def test_a_shipped_run_steps_far_fewer_ticks_than_it_lasts() -> None:
    script = shipped_script(ROOT / "levels" / "scripts" / "orientation" / "good.yaml")
    steps = []
    original = World.step

    def counted(world: World, commands=()):
        steps.append(world.tick)
        return original(world, commands)

    World.step = counted
    try:
        result = run_script(script)
    finally:
        World.step = original
    assert result.expectations and all(e.ok for e in result.expectations)
    assert len(steps) < result.ticks / 3


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    level=st.sampled_from(LEVELS),
    seed=st.integers(1, 10**6),
    orders=st.lists(st.tuples(st.integers(0, 500), st.integers(0, 10**6)), max_size=10),
)
def test_any_commands_on_any_seed_rested_are_the_run_stepped_tick_by_tick(
    level: str, seed: int, orders: list[tuple[int, int]]
) -> None:
    loaded = _level(level)
    resting, stepping = World(loaded, seed), World(loaded, seed)
    given_at: dict[int, list] = {}
    for tick, pick in orders:
        given_at.setdefault(tick, []).append(_command(resting, random.Random(pick)))
    ticks = sorted(given_at)
    rests = 0
    while not resting.finished and resting.tick < 600:
        start = resting.tick
        coming = [t for t in ticks if t >= start]
        if resting.quiet and resting.rest(min(coming, default=600)) > start:
            rests += 1
            while stepping.tick < resting.tick:
                stepping.step(given_at.get(stepping.tick, ()))
            if rests == 1:
                assert state_digest(resting) == state_digest(stepping), resting.tick
            continue
        resting.step(given_at.get(resting.tick, ()))
        stepping.step(given_at.get(stepping.tick, ()))
    assert resting.log == stepping.log
    assert state_digest(resting) == state_digest(stepping)


def test_a_world_rests_only_after_a_step_that_changed_nothing() -> None:
    world = World(load(BASE), 1)
    assert world.rest_until(NEVER) == 0  # nothing stepped yet
    world.step()
    assert world.quiet and world.rest_until(NEVER) == 100
    world.step([c.DrawWeapon()])
    assert not world.quiet and world.rest(NEVER) == world.tick == 2
    world.step()
    assert world.quiet and world.rest(NEVER) == 100


def test_a_resting_world_wakes_for_a_waiting_suspect_s_first_shot() -> None:
    world = World(load(BASE), 1)
    world.step()
    world.step()
    assert world.rest(NEVER) == 100  # "0:10"
    world.step()
    assert world.suspects[0].state != "waiting"


def test_a_resting_world_wakes_for_a_timeline_entry_an_arrival_and_the_time_limit() -> None:
    text = swap(BASE, '    first_shot: "0:10"\n', '    first_shot: "7:00"\n')
    text = swap(
        text, "officers:\n", 'timeline:\n  - {at: "0:30", radio: {text: Shots.}}\nofficers:\n'
    )
    text = swap(text, 'duration: "8:00"', 'duration: "9:00"')
    world = World(load(text), 1)
    world.step()
    world.step()
    assert world.rest(NEVER) == 300  # the radio at 0:30
    world.step()
    world.step()
    assert world.rest(NEVER) == 1200  # the officer arriving at 2:00
    assert world.rest(150) == 1200  # a limit already passed changes nothing


def _played(script) -> tuple[World, ScriptPlayer]:
    world = World(script.level, script.seed, dict(script.variant))
    return world, ScriptPlayer(world, script.commands)


def _step(played: tuple[World, ScriptPlayer]) -> None:
    world, player = played
    player.hear(world.step(player.commands()))


def _state(world: World, player: ScriptPlayer) -> tuple:
    pending = [(p.due, p.waited, p.quiet_until) for p in player._pending]
    eyes = None if player.eyes is None else player.eyes._looked
    return state_digest(world), pending, eyes


_LEVELS: dict[str, object] = {}


def _level(name: str):
    if name not in _LEVELS:
        _LEVELS[name] = load_level(ROOT / "levels" / f"{name}.yaml")
    return _LEVELS[name]


def _command(world: World, rng: random.Random) -> object:
    """A random command of the trainee's, aimed at someone or somewhere of this world."""
    person = rng.choice(world.people).id
    zone = rng.choice(world.level.zones).id
    spot = Position(0, rng.randrange(world.building.width), rng.randrange(world.building.height))
    return rng.choice(
        [
            c.MoveTo(zone=zone),
            c.MoveTo(target=spot),
            c.AdvanceToGunfire(),
            c.Stop(),
            c.SetPace("run"),
            c.SetPace("walk"),
            c.TakeCover(),
            c.DrawWeapon(),
            c.Holster(),
            c.AnnouncePolice(),
            c.ShowBadge(),
            c.Challenge(target=person),
            c.Fire(target=person),
            c.FireAt(at=spot),
            c.OpenDoor(),
            c.Breach(),
            c.DirectCivilians(),
            c.ApplyTourniquet(target=person),
            c.Wait(),
        ]
    )


@given(budget=st.integers(0, 140), speed=st.integers(0, 60), cost=st.sampled_from([100, 141, 200]))
def test_the_tick_a_budget_reaches_a_step_is_the_tick_stepping_finds_it(
    budget: int, speed: int, cost: int
) -> None:
    due = budget_due(50, budget, speed, cost)
    reached = next((50 + t for t in range(400) if budget + (t + 1) * speed >= cost), NEVER)
    assert due == reached


@given(budget=st.integers(0, 140), speed=st.integers(0, 60), ticks=st.integers(0, 500))
def test_a_cornered_civilian_passed_through_ticks_holds_the_budget_of_each_tick_in_turn(
    budget: int, speed: int, ticks: int
) -> None:
    person = World(load(BASE), 1).civilians[0]
    person.budget, person.speed = budget, speed
    pass_cornered([person], ticks)
    for _ in range(ticks):  # as `_flee` takes a tick with no way down
        budget += speed
        if budget >= STEP_COST:
            budget = 0
    assert person.budget == budget
