"""Whole runs in real Worlds, after the cases doctrine cites: Parkland, Thousand Oaks, a self-dispatched officer."""

from __future__ import annotations

import pytest
from scoring_levels import parkland_level, self_dispatch_level, thousand_oaks_level

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


def _toward_gunfire_and_engage(world):
    """Move to where the last shots came from; fire when the attacker is in sight."""
    suspect = world.person("suspect")
    if world.tick <= 81 or not suspect.active or suspect.state in ("surrendered", "down"):
        return []
    if world.sees(world.trainee, suspect, 25):
        return [Fire("suspect")] if world.tick % 5 == 0 else []
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
    assert good.score >= 850 and good.rating == "P"
    assert poor.score < 500


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
