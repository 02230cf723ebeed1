"""Seeking a saved session: keyframes restore the whole world exactly, checked with a digest of
everything the world holds, and they keep working whatever the state holds (shared immutable
objects, a state that cannot be pickled)."""

from __future__ import annotations

import copy
import itertools
import pickle
import random

import pytest
from review_driving import SCRIPTS, saved, shipped_run

from game.core.commands import DrawWeapon
from game.core.events import event_log_sha256
from game.core.level import DoorState
from game.core.world import World
from game.levels import parse_level
from game.sessions.bench_levels import generated_level_yaml
from game.sessions.digest import state_digest
from game.sessions.keyframes import KEYFRAME_TICKS, Keyframes, SharedPickle
from game.sessions.review import final_events, open_review


def generators(state: object, depth: int = 3) -> list[random.Random]:
    """Every random generator the state holds (found by walking it: the engine may name them)."""
    found: list[random.Random] = []
    seen: set[int] = set()

    def walk(obj: object, left: int) -> None:
        if id(obj) in seen or left < 0:
            return
        seen.add(id(obj))
        if isinstance(obj, random.Random):
            found.append(obj)
        elif isinstance(obj, dict):
            for value in obj.values():
                walk(value, left - 1)
        elif isinstance(obj, list | tuple):
            for value in obj:
                walk(value, left - 1)
        elif hasattr(obj, "__dict__") and not isinstance(obj, type):
            for value in vars(obj).values():
                walk(value, left - 1)

    walk(state, depth)
    return found


def fresh_run_to(review, tick: int) -> World:
    world = review.start()
    while world.tick < tick and not world.finished:
        review.step(world)
    return world


@pytest.fixture(scope="module")
def wing_a(tmp_path_factory):
    review = open_review(saved(tmp_path_factory.mktemp("wing"), "wing_a"))
    keys = review.keyframes()
    keys.build()
    return review, keys


def test_seeking_to_any_tick_gives_the_same_world_as_a_fresh_run_to_that_tick(wing_a):
    review, keys = wing_a
    rng = random.Random(15)
    ticks = {0, 1, KEYFRAME_TICKS - 1, KEYFRAME_TICKS, KEYFRAME_TICKS + 1, keys.last_tick}
    ticks |= {rng.randrange(keys.last_tick) for _ in range(3)}
    fresh = review.start()  # one fresh run, looked at as it passes each tick
    for tick in sorted(ticks):
        while fresh.tick < tick:
            review.step(fresh)
        sought = keys.at(tick)
        assert sought.tick == tick
        assert state_digest(sought) == state_digest(fresh), tick


def test_a_seeked_world_that_plays_on_is_not_seen_by_the_next_seek(wing_a):
    review, keys = wing_a
    tick = 3 * KEYFRAME_TICKS + 7
    first = keys.at(tick)
    for _ in range(120):
        review.step(first)
    first.people[0].position = first.people[0].position  # touched, not changed
    first.trainee.hits += 5
    assert state_digest(keys.at(tick)) == state_digest(fresh_run_to(review, tick))


def test_the_digest_tells_apart_worlds_that_differ_anywhere(wing_a):
    _review, keys = wing_a
    base = keys.at(400)
    digest = state_digest(base)
    changes = [
        lambda w: generators(w)[0].random(),
        lambda w: generators(w)[-1].random(),
        lambda w: setattr(w.trainee, "position", w.people[-1].position),
        lambda w: w.building.set_door_state(
            next(iter(w.building.doors.values())),
            DoorState.LOCKED
            if next(iter(w.building.doors.values())).state is not DoorState.LOCKED
            else DoorState.OPEN,
        ),
        lambda w: next(d for d in vars(w).values() if isinstance(d, dict) and d).popitem(),
        lambda w: w.log.pop(),
        lambda w: next(s for s in vars(w).values() if isinstance(s, set)).add("someone"),
    ]
    for change in changes:
        world = keys.at(400)
        change(world)
        assert state_digest(world) != digest


def test_the_digest_counts_two_names_for_one_list_apart_from_two_equal_lists():
    class Holder:
        def __init__(self, a, b):
            self.a, self.b = a, b

    shared = [1, 2]
    assert state_digest(Holder(shared, shared)) != state_digest(Holder([1, 2], [1, 2]))
    assert state_digest(Holder({3, 1, 2}, 0)) == state_digest(Holder({2, 3, 1}, 0))


def test_a_session_played_to_its_end_from_the_keyframes_ends_with_the_recorded_log(wing_a):
    review, keys = wing_a
    end = keys.at(keys.last_tick)
    assert event_log_sha256(final_events(end)) == review.recorded_sha256
    assert keys.complete and keys.frames[-1].tick == keys.last_tick


def test_keyframes_come_every_five_seconds_or_sooner_and_share_the_level_and_past_events(wing_a):
    review, keys = wing_a
    ticks = [frame.tick for frame in keys.frames]
    assert ticks == sorted(set(ticks)) and ticks[0] == 0 and ticks[-1] == keys.last_tick
    assert set(range(0, keys.last_tick, KEYFRAME_TICKS)) <= set(ticks)
    assert max(b - a for a, b in itertools.pairwise(ticks)) <= KEYFRAME_TICKS
    restored = keys.at(keys.frames[-2].tick)
    other = keys.at(keys.frames[-3].tick)
    assert restored.level is review.level and restored.log[5] is other.log[5]
    whole = len(pickle.dumps(restored, protocol=5))
    assert keys.frames[-2].size < whole / 3


def test_a_state_that_cannot_be_pickled_is_kept_by_deep_copy_and_seeks_exactly(wing_a):
    review, _ = wing_a

    class Awkward:
        """A state holding a lambda: pickle refuses it, a deep copy does not."""

        def __init__(self, world: World) -> None:
            self.world = world
            self.rule = lambda w: w.tick % 7

        tick = property(lambda self: self.world.tick)
        finished = property(lambda self: self.world.finished)

    codec = SharedPickle()
    keys = Keyframes(Awkward(review.start()), lambda s: review.step(s.world), 130, 50, codec=codec)
    keys.build()
    assert codec.method == "deepcopy"
    sought = keys.at(123)
    assert sought.rule(sought.world) == 123 % 7
    assert state_digest(sought.world) == state_digest(fresh_run_to(review, 123))


def test_keyframes_can_be_built_a_slice_at_a_time_and_seek_past_what_is_built(tmp_path):
    review = open_review(saved(tmp_path, "orientation"))
    keys = review.keyframes()
    assert not keys.build(budget=0.0)
    assert keys.built_until < 500
    far = keys.at(500)
    assert far.tick == 500 and keys.built_until >= 500
    assert state_digest(far) == state_digest(fresh_run_to(review, 500))
    assert keys.build()
    assert keys.at(10**9).tick == keys.last_tick


def test_a_level_script_is_reviewed_as_the_run_it_makes():
    review = open_review(SCRIPTS / "off_duty" / "poor.yaml")
    keys = review.keyframes()
    keys.build()
    expected = shipped_run("off_duty", "poor")
    assert event_log_sha256(final_events(keys.at(keys.last_tick))) == expected.event_log_sha256
    assert not review.is_replay and review.notes == []


def test_seeking_restores_each_random_generator_mid_stream(wing_a):
    review, keys = wing_a
    world = keys.at(777)
    again = fresh_run_to(review, 777)
    mine, theirs = generators(world), generators(again)
    assert mine and len(mine) == len(theirs)
    for a, b in zip(mine, theirs, strict=True):
        assert [a.random() for _ in range(5)] == [b.random() for _ in range(5)]
    world.step([DrawWeapon()])
    again.step([DrawWeapon()])
    assert state_digest(world) == state_digest(again)


@pytest.mark.parametrize("restore", [lambda w: pickle.loads(pickle.dumps(w)), copy.deepcopy])
def test_a_world_restored_mid_evacuation_plays_on_as_the_original(restore):
    level = parse_level(generated_level_yaml(40, 60).encode(), "gen.yaml")
    world = World(level, seed=3)
    while not any(type(e).__name__ == "CivilianEscaped" for e in world.log):
        world.step()  # the alarm is raised and the first civilians reach the exits
    restored = restore(world)
    for _ in range(300):
        assert restored.step() == world.step()
    assert sum(type(e).__name__ == "CivilianEscaped" for e in world.log) > 1
