"""Audibility and an attacker's access asked for a whole stretch of ticks at once (as stall windows
ask them) answer exactly what asking tick by tick answers, on real runs of the shipped scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scoring.facts import Facts
from game.sessions.runner import run_script
from game.sessions.script import load_script

SCRIPTS = Path(__file__).resolve().parent.parent / "levels" / "scripts"


@pytest.mark.parametrize(
    "name", ["wing_a/poor", "locked_classroom/poor", "armed_guard/good", "off_duty/poor"]
)
def test_a_stretch_of_ticks_answers_as_each_tick_does(name):
    script = load_script(SCRIPTS / f"{name}.yaml")
    for seed in (1, 2):
        result = run_script(script, seed=seed)
        facts = Facts(result.level, list(result.events))
        end = result.ticks + 2
        audible = [facts.audible(tick) for tick in range(-3, end)]
        access = [facts.access(tick) for tick in range(-3, end)]
        assert any(audible) and not all(audible), (name, seed)
        assert any(access), (name, seed)
        assert facts.audible_over(-3, end) == audible
        assert facts.access_over(-3, end) == access
        for start, stop in ((0, 0), (5, 17), (40, 400), (end - 50, end)):
            assert facts.audible_over(start, stop) == audible[start + 3 : stop + 3]
            assert facts.access_over(start, stop) == access[start + 3 : stop + 3]
