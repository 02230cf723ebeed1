"""`explore`: a perception-only bot tries response strategies over seeds and reports what scores."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from game.core.events import event_log_sha256
from game.levels.loader import load_level
from game.sessions.explore import (
    Exploration,
    StrategyResult,
    StrategyRun,
    explore,
    play_strategy,
)
from game.sessions.strategies import DOCTRINE, STRATEGIES, strategy
from main import main

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).parent / "fixtures" / "sessions" / "tiny_school.yaml"


def test_the_family_covers_the_decisions_and_the_condemned_responses():
    names = {s.name for s in STRATEGIES}
    assert {
        "doctrine",
        "late",
        "no_report",
        "cover_to_cover",
        "fire_on_sight",
        "care_first",
    } <= names
    condemned = {s.name for s in STRATEGIES if s.is_condemned}
    assert condemned == {"wait_outside", "hold_and_talk", "stand_off", "fire_into_crowd"}
    assert all(s.condemned for s in STRATEGIES if s.name in condemned)


WORLD_VIEW = {
    "snapshot",
    "building",
    "zone_at",
    "tick",
    "step",
    "log",
    "finished",
    "stop",
    "changes",
}
"""What the bot may use of a World: the public snapshot of appearances, the map, its own place,
and the counts of what has happened (to keep a look while nothing changed, never to decide)."""


def test_the_bot_decides_from_perception_only():
    """No role or off-duty flag is read, and of the World only its public view is used."""
    for name in ("eyes.py", "strategies.py", "responder.py"):
        tree = ast.parse((ROOT / "game" / "sessions" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            assert node.attr not in ("role", "off_duty", "shooter_role", "target_role"), name
            owner = node.value
            is_world = (isinstance(owner, ast.Name) and owner.id == "world") or (
                isinstance(owner, ast.Attribute) and owner.attr == "world"
            )
            if is_world:
                assert node.attr in WORLD_VIEW, f"{name} reads world.{node.attr}"


def test_a_strategy_run_is_deterministic():
    level = load_level(TINY)
    first, _ = play_strategy(level, DOCTRINE, 3)
    second, _ = play_strategy(level, DOCTRINE, 3)
    assert event_log_sha256(first.log) == event_log_sha256(second.log)


def test_the_doctrine_response_beats_waiting_outside_on_the_tiny_school():
    level = load_level(TINY)
    found = explore(level, [3, 4], [DOCTRINE, strategy("wait_outside")], workers=1)
    doctrine, outside = found.results
    assert doctrine.ratings["P"] == 2
    assert outside.ratings["U"] == 2
    assert all(run.condemned_act for run in outside.runs)
    assert found.rated_p == ["doctrine"] and found.ok


def test_a_condemned_strategy_rated_p_or_s_while_doing_the_condemned_thing_is_a_defect():
    level = load_level(TINY)
    condemned = strategy("stand_off")
    run = StrategyRun("stand_off", 1, "S", 720, (), (), "time limit", True)
    harmless = StrategyRun("stand_off", 2, "S", 720, (), (), "time limit", False)
    good = StrategyRun("doctrine", 1, "P", 900, (), (), "time limit", False)
    found = Exploration(
        level,
        (1, 2),
        (StrategyResult(DOCTRINE, (good,)), StrategyResult(condemned, (run, harmless))),
    )
    assert [r.strategy.name for r in found.defects] == ["stand_off"]
    assert not found.ok
    [defect] = found.as_dict()["defects"]
    assert defect["seeds"] == [1] and "rubric or the level" in defect["message"]


def test_firing_into_a_crowd_or_holding_and_talking_never_rates_p_or_s_when_it_was_done():
    """Issue 17 "done when": a condemned strategy that did the condemned thing is never P or S. On
    joint_entry's seeds 2 and 3 both rated P or S before the line of fire was judged as a decision and
    shouting at a shooting attacker stopped excusing a hold."""
    cases = [
        (ROOT / "levels" / "joint_entry.yaml", "hold_and_talk", [2, 3]),
        (ROOT / "levels" / "joint_entry.yaml", "fire_into_crowd", [2]),
        (TINY, "fire_into_crowd", [1, 2, 3, 4]),
    ]
    for path, name, seeds in cases:
        [result] = explore(load_level(path), seeds, [strategy(name)], workers=1).results
        assert any(run.condemned_act for run in result.runs), (path.stem, name)
        assert result.defect_runs == (), (path.stem, name, result.ratings)


def test_the_bot_cares_for_the_wounded_when_the_radio_says_the_suspect_is_down():
    """after_the_threat: the SRO radios that the suspect is down before the trainee arrives, so the
    bot never sees him attack; it must still take the threat as stopped (the same rule as a script's
    `threat_stopped`) and stop the dying."""
    level = load_level(ROOT / "levels" / "after_the_threat.yaml")
    [result] = explore(level, [1], [DOCTRINE], workers=1).results
    [run] = result.runs
    assert run.rating == "P" and dict(run.categories)["F"] == "P"


def test_explore_json_lists_strategies_with_ratings_and_the_reachable_screen_outs(capsys):
    status = main(
        [
            "explore",
            str(TINY),
            "--seeds",
            "2",
            "--strategy",
            "doctrine",
            "--strategy",
            "stand_off",
            "--json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert status in (0, 1)
    assert [s["name"] for s in data["strategies"]] == ["doctrine", "stand_off"]
    for item in data["strategies"]:
        assert sum(item["ratings"].values()) == 2 and len(item["runs"]) == 2
    assert isinstance(data["reachable_screen_outs"], dict)
    assert data["seeds"] == [1, 2]
    assert status == (0 if data["ok"] else 1)


def test_explore_text_marks_condemned_strategies_and_the_verdict(capsys):
    main(
        [
            "explore",
            str(TINY),
            "--seeds",
            "1",
            "--strategy",
            "doctrine",
            "--strategy",
            "wait_outside",
        ]
    )
    out = capsys.readouterr().out
    assert "x wait_outside" in out and "Best: doctrine" in out and "Rated P by: doctrine" in out


def test_explore_refuses_an_unknown_strategy_and_a_bad_level(capsys, tmp_path):
    assert main(["explore", str(TINY), "--strategy", "charge"]) == 2
    assert "no strategy 'charge'" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    assert main(["explore", str(bad)]) == 2
    assert "bad.yaml:" in capsys.readouterr().err
