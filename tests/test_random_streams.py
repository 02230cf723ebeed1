"""Named random streams: the same seed is the same incident, and a trainee's choice changes only what
it could have caused (a radio call, a challenge of someone who does not react, a missed shot)."""

from __future__ import annotations

import pickle
import random
from dataclasses import replace

import pytest
from builders import SUSPECT_LOOK

from game.core.commands import Challenge, DrawWeapon, Fire, MoveTo, Radio
from game.core.events import RadioLost, RadioSent, ShotFired
from game.core.level import (
    DEFAULT_LEGEND,
    CivilianBehaviour,
    CivilianGroup,
    Floor,
    Level,
    Place,
    Position,
    Rect,
    Suspect,
    TimelineEntry,
    TimelineKind,
    Trainee,
    Zone,
    ZoneKind,
)
from game.core.streams import Stream
from game.core.world import World

LONG_HALL = (
    ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
    "#######/#################################",
    "#.......................................#",
    "#.......................................#",
    "####D#######D#######D#######D#######D####",
    "#.......#.......#.......#.......#.......#",
    "#.......#.......#.......#.......#.......#",
    "#########################################",
)
"""A parking lot, a long corridor (rows 2-3) and five rooms below it."""


def long_hall(trainee_at: Position) -> Level:
    """A suspect roaming the east half of the corridor and rooms, civilians who choose by seed, and a
    weak radio signal in the west corridor and the parking lot."""
    zones = (
        Zone("parking", "Parking lot", ZoneKind.EXIT, (Rect(0, 0, 0, 40, 0),)),
        Zone("west_hall", "West corridor", ZoneKind.CORRIDOR, (Rect(0, 1, 2, 19, 3),)),
        Zone("east_hall", "East corridor", ZoneKind.CORRIDOR, (Rect(0, 20, 2, 39, 3),)),
        Zone("room_4", "Room 4", ZoneKind.ROOM, (Rect(0, 25, 5, 31, 6),)),
        Zone("room_5", "Room 5", ZoneKind.ROOM, (Rect(0, 33, 5, 39, 6),)),
        Zone("room_3", "Room 3", ZoneKind.ROOM, (Rect(0, 17, 5, 23, 6),)),
    )
    mixed = CivilianBehaviour(shelter=2, flee=2, freeze=1)
    return Level(
        id="long_hall",
        title="Long hall",
        briefing="A test.",
        source_path="<test>",
        floors=(Floor("Ground floor", LONG_HALL),),
        legend=DEFAULT_LEGEND,
        zones=zones,
        trainee=Trainee(spawn=Place(at=trainee_at)),
        suspects=(
            Suspect(
                "suspect",
                Place(zone="east_hall"),
                SUSPECT_LOOK,
                route=("east_hall", "room_4", "east_hall", "room_5"),
                first_shot=10,
                fire_interval=25,
                accuracy=0.4,
            ),
        ),
        civilians=(
            CivilianGroup("hall", Place(zone="east_hall"), count=6, behaviour=mixed),
            CivilianGroup("class_4", Place(zone="room_4"), count=5, behaviour=mixed),
            CivilianGroup("class_3", Place(zone="room_3"), count=5, behaviour=mixed),
            CivilianGroup("strays", Place(zone="west_hall"), count=3, behaviour=mixed),
        ),
        timeline=(
            TimelineEntry(0, TimelineKind.RADIO_DEGRADED, zone="parking", loss=0.6),
            TimelineEntry(0, TimelineKind.RADIO_DEGRADED, zone="west_hall", loss=0.6),
        ),
        duration=900,
    )


OUTSIDE = Position(0, 3, 0)
WEST_HALL = Position(0, 2, 2)
REPORT = Radio.of("initial_report", location="east_hall", shots="active")


def trace(
    level: Level, seed: int, commands: dict[int, list], ticks: int = 700
) -> tuple[list, World]:
    """Everyone but the trainee, tick by tick (where they are, their state and condition), and the world."""
    world = World(level, seed)
    rows = []
    while not world.finished and world.tick < ticks:
        world.step(commands.get(world.tick, ()))
        rows.append(_others(world))
    return rows, world


def _others(world: World) -> tuple:
    return tuple(
        (p.id, p.present, p.position, p.state, p.condition, p.weapon_drawn)
        for p in world.people
        if p is not world.trainee
    )


def test_each_stream_depends_on_the_seed_and_its_name_alone():
    assert Stream(7, "radio").random() == Stream(7, "radio").random()
    assert Stream(7, "radio").random() != Stream(8, "radio").random()
    assert Stream(7, "radio").random() != Stream(7, "suspect:suspect").random()
    stream = Stream(7, "radio")
    stream.random()
    copy = pickle.loads(pickle.dumps(stream))
    assert copy.random() == stream.random()
    assert len(pickle.dumps(stream)) < 100


def test_a_world_draws_every_concern_from_its_own_stream():
    world = World(long_hall(OUTSIDE), 3)
    for _ in range(300):
        world.step()
    names = set(world._streams)
    assert {"variants", "suspect:suspect", "shots:suspect"} <= names
    assert any(name.startswith("civilian:") for name in names)
    assert any(name.startswith("place:") for name in names)


@pytest.mark.parametrize("seed", range(1, 7))
def test_a_radio_call_in_a_weak_signal_zone_changes_nothing_but_the_radio(seed):
    level = long_hall(OUTSIDE)
    calls = {t: [REPORT] for t in range(20, 200, 15)}
    quiet, _ = trace(level, seed, {})
    talking, world = trace(level, seed, calls)
    assert any(isinstance(e, RadioLost) for e in world.log)
    assert any(isinstance(e, RadioSent) for e in world.log)
    assert talking == quiet


def test_with_one_shared_generator_the_same_radio_calls_would_reshuffle_the_incident(monkeypatch):
    # The comparison above is not vacuous: this is what the named streams prevent.
    shared: dict[int, random.Random] = {}
    monkeypatch.setattr(
        World, "stream", lambda self, name: shared.setdefault(id(self), random.Random(self.seed))
    )
    level = long_hall(OUTSIDE)
    calls = {t: [REPORT] for t in range(20, 200, 15)}
    differs = [trace(level, s, {})[0] != trace(level, s, calls)[0] for s in range(1, 4)]
    assert any(differs)


@pytest.mark.parametrize("seed", range(1, 5))
def test_challenging_a_civilian_who_does_not_react_changes_nothing(seed):
    level = long_hall(WEST_HALL)
    _, probe = trace(level, seed, {}, ticks=2)
    strays = [p for p in probe.people if p.id.startswith("strays")]
    stray = min(strays, key=lambda p: (p.position.x, p.id))
    challenges = {t: [Challenge(stray.id)] for t in range(2, 300, 7)}
    quiet, _ = trace(level, seed, {})
    shouting, world = trace(level, seed, challenges)
    assert any(e.__class__.__name__ == "ChallengeIssued" for e in world.log)
    assert shouting == quiet


def test_a_missed_shot_at_a_far_suspect_changes_nothing_it_could_not_have_caused():
    # A clear corridor: the classes shelter in their rooms, so the round can only miss or hit him.
    hall = long_hall(WEST_HALL)
    sheltering = CivilianBehaviour(shelter=3, freeze=1)
    level = replace(
        hall,
        civilians=tuple(
            replace(g, behaviour=sheltering) for g in hall.civilians if g.id.startswith("class")
        ),
    )
    misses = 0
    for seed in range(1, 13):
        base, _ = trace(level, seed, {0: [DrawWeapon()]})
        replay = World(level, seed)
        shot_at = None
        while replay.tick < 400 and not replay.finished:
            replay.step([DrawWeapon()] if replay.tick == 0 else ())
            suspect = replay.person("suspect")
            if replay.tick > 30 and replay.sees(replay.trainee, suspect, 40):
                shot_at = replay.tick
                break
        if shot_at is None:
            continue
        fired, shooting = trace(level, seed, {0: [DrawWeapon()], shot_at: [Fire("suspect")]})
        shot = next(e for e in shooting.log if isinstance(e, ShotFired) and e.shooter == "trainee")
        if shot.hit:
            continue
        misses += 1
        assert fired == base, seed
    assert misses >= 2


def test_retrying_from_a_decision_with_another_choice_keeps_the_suspect_until_the_choice_reaches_him():
    """Issue #15: branch a run at a decision point; the suspect does the same until he could perceive
    the difference (sees the trainee)."""
    level = long_hall(OUTSIDE)
    for seed in (2, 5):
        world = World(level, seed)
        while world.tick < 60:
            world.step()
        decision = pickle.dumps(world)
        stays = pickle.loads(decision)
        rows_stay = []
        while stays.tick < 500 and not stays.finished:
            stays.step([REPORT] if stays.tick == 60 else ())
            rows_stay.append((stays.tick, _suspect(stays)))
        goes = pickle.loads(decision)
        rows_go, reached = [], None
        while goes.tick < 500 and not goes.finished:
            goes.step([MoveTo(zone="west_hall")] if goes.tick == 60 else ())
            suspect = goes.person("suspect")
            if reached is None and goes.sees(suspect, goes.trainee):
                reached = goes.tick
            rows_go.append((goes.tick, _suspect(goes)))
        assert reached is not None
        before = [row for row in rows_go if row[0] < reached]
        assert before == rows_stay[: len(before)]
        assert len(before) > 10


def _suspect(world: World) -> tuple:
    s = world.person("suspect")
    shots = tuple(
        (e.tick, e.target, e.hit)
        for e in world.log
        if isinstance(e, ShotFired) and e.shooter == "suspect" and e.tick == world.tick - 1
    )
    return (s.position, s.state, s.reaction, shots)
