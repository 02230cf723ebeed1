"""Whole runs in real Worlds, after the cases doctrine cites: Parkland, Thousand Oaks, a self-dispatched officer."""

from __future__ import annotations

import pytest
from scoring_levels import parkland_level, self_dispatch_level, thousand_oaks_level

from game.core.ballistics import line_of_fire
from game.core.commands import (
    Challenge,
    DrawWeapon,
    EndScenario,
    Fire,
    MoveTo,
    Radio,
    SetPace,
    TakeCover,
)
from game.core.events import ShotFired
from game.core.level import Position
from game.core.world import World
from game.scoring import assess


def _play(level, seed, script, react=None):
    world = World(level, seed)
    while not world.finished:
        commands = list(script.get(world.tick, []))
        if react is not None:
            commands += react(world)
        world.step(commands)
    return world


def _clear_line(world, suspect) -> bool:
    """Whether no one the trainee can see stands on the line from the trainee past the attacker."""
    fire = line_of_fire(world.building, world.trainee, suspect.position, world.people)
    return not any(world.sees(world.trainee, p) for p in fire.between + fire.behind)


def _clear_angle(world, suspect):
    """A tile beside the trainee with a clear line to the attacker: step off the line to get a shot."""
    here = world.trainee.position
    try:
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)):
            tile = Position(here.floor, here.x + dx, here.y + dy)
            if not world.building.walkable(tile):
                continue
            world.trainee.position = tile
            if world.sees(world.trainee, suspect, 25) and _clear_line(world, suspect):
                return tile
        return None
    finally:
        world.trainee.position = here


def _toward_gunfire_and_engage(world):
    """Move to where the last shots came from; fire when the attacker is in sight and the line is
    clear of anyone in sight (doctrine §3.3, §4: check what is in front of and behind the target)."""
    suspect = world.person("suspect")
    if world.tick <= 81 or not suspect.active or suspect.state in ("surrendered", "down"):
        return []
    if world.sees(world.trainee, suspect, 25):
        if world.tick % 5:
            return []
        if _clear_line(world, suspect):
            return [Fire("suspect")]
        angle = _clear_angle(world, suspect)
        return [MoveTo(target=angle)] if angle else []
    if world.tick % 10 == 0:
        shots = [e for e in world.log if isinstance(e, ShotFired) and e.shooter == "suspect"]
        if shots:
            return [MoveTo(target=shots[-1].origin)]
    return []


THOUSAND_OAKS = {
    1: [DrawWeapon()],
    40: [
        Radio.of(
            "initial_report",
            location="parking",
            shots="active",
            description="male, black hoodie",
            weapon="rifle",
            direction="room_c",
            casualties="unknown",
            requests="backup, ems, staging, command, perimeter",
        )
    ],
    80: [Radio.of("making_entry", location="corridor", action="front door, solo")],
    81: [SetPace("run")],
    1400: [EndScenario()],
}
"""Helus at Borderline: the report, "we're making entry", and in toward the gunfire."""

PARKLAND = {
    1: [TakeCover()],
    60: [Radio.of("stand_off", location="parking", action="stay 500 feet away")],
}
"""The Parkland SRO: behind a car in the lot, telling others to stay away."""


def test_the_parkland_pattern_is_unable_to_perform_with_holding_and_stand_off_screen_outs():
    level = parkland_level()
    a = assess(level, _play(level, 1, PARKLAND).log)
    assert a.rating == "U"
    assert {"HF3", "HF5"} <= set(a.hard_failures)
    assert a.entries("HF3") and a.entries("HF5")
    assert a.category("A").rating == "U"
    assert sum(e.points for e in a.entries("A4")) <= -60


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_thousand_oaks_pattern_performs_stop_the_killing(seed):
    level = thousand_oaks_level()
    world = _play(level, seed, THOUSAND_OAKS, _toward_gunfire_and_engage)
    a = assess(level, world.log)
    assert a.category("A").rating == "P"
    assert a.clocks.entry - a.clocks.arrival <= 180
    assert a.points("C1") == 70 and a.points("C2") == 15
    assert "HF5" not in a.hard_failures


def test_a_doctrine_following_run_scores_far_above_a_parkland_run():
    good_level, poor_level = thousand_oaks_level(), parkland_level()
    good = assess(good_level, _play(good_level, 5, THOUSAND_OAKS, _toward_gunfire_and_engage).log)
    poor = assess(poor_level, _play(poor_level, 5, PARKLAND).log)
    # The Thousand Oaks script stops the killing and stops there: no post-stop report and no care,
    # so where the attacker's rounds leave someone bleeding Stop the Dying is rightly not full (S).
    assert good.category("A").rating == "P" and good.rating in ("P", "S")
    assert good.score >= 750 and poor.score < 500
    assert good.score - poor.score >= 300


def test_firing_on_a_self_dispatched_officer_without_a_challenge_is_blue_on_blue():
    level = self_dispatch_level()
    a = assess(level, _play(level, 1, {1: [Fire("off_duty")]}).log)
    assert "HF2" in a.hard_failures
    assert a.rating == "U"
    assert a.points("D1") == 0
    evidence = " ".join(a.entries("HF2")[0].evidence)
    assert "plain clothes" in evidence and "no POLICE jacket" in evidence


def test_taking_cover_and_challenging_a_self_dispatched_officer_earns_the_challenge_credit():
    level = self_dispatch_level()
    a = assess(level, _play(level, 1, {1: [TakeCover()], 2: [Challenge("off_duty")]}).log)
    assert a.hard_failures == ()
    assert a.points("D1") == 40
    assert a.points("D4") == 10
    assert a.category("D").rating == "P"
