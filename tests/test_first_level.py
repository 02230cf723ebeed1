"""The first shipped level plays as an incident: gunfire heard, students sheltering, backup arriving."""

from __future__ import annotations

from pathlib import Path

from game.core.commands import DrawWeapon, Radio, SetPace
from game.core.events import CivilianSheltered, GunfireHeard, OfficerArrived, RadioHeard
from game.core.level import TICK_RATE
from game.core.world import World
from game.levels import load_level

LEVEL = Path(__file__).resolve().parent.parent / "levels" / "wing_a.yaml"


def test_three_minutes_of_the_first_level_bring_gunfire_shelter_and_backup():
    level = load_level(LEVEL)
    world = World(level, seed=11, variant={"backup": "on_time"})
    commands = {
        1: [DrawWeapon(), SetPace("run")],
        20: [Radio.of("initial_report", location="parking", shots="active", requests="backup")],
    }
    for tick in range(3 * 60 * TICK_RATE + 1):
        world.step(commands.get(tick, []))
    heard = [e for e in world.log if isinstance(e, GunfireHeard)]
    assert heard and all(e.direction for e in heard)
    assert {e.distance for e in heard} <= {"close", "near", "distant"}
    assert sum(isinstance(e, CivilianSheltered) for e in world.log) >= 20
    assert [e.officer for e in world.log if isinstance(e, OfficerArrived)] == ["unit_2"]
    assert any(isinstance(e, RadioHeard) and e.sender == "Dispatch" for e in world.log)


def test_the_first_level_varies_between_seeds():
    level = load_level(LEVEL)
    variants = {tuple(sorted(World(level, seed).variant.items())) for seed in range(1, 30)}
    assert len(variants) >= 4
