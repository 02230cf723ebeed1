"""Batches: one level over many seeds, on every core, in seed order, with the distribution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.levels.loader import load_level
from game.sessions.batch import parse_seeds, run_batch
from game.sessions.runner import run_level, run_script
from game.sessions.script import load_script
from main import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
LEVEL = FIXTURES / "tiny_school.yaml"
GOOD = FIXTURES / "good.yaml"


def test_seeds_are_read_as_ranges_and_lists():
    assert parse_seeds("1-5") == (1, 2, 3, 4, 5)
    assert parse_seeds("7") == (7,)
    assert parse_seeds("1,5, 10-12,5") == (1, 5, 10, 11, 12)
    for bad in ("", "a-b", "5-1", "1-", "-3", "1,,2"):
        with pytest.raises(ValueError):
            parse_seeds(bad)


def test_a_batch_gives_the_same_runs_in_seed_order_as_single_runs_would():
    script = load_script(GOOD)
    batch = run_batch(script.level, [4, 2, 9], script=script, workers=2)
    assert [run.seed for run in batch.runs] == [4, 2, 9]
    for run in batch.runs:
        single = run_script(script, seed=run.seed)
        assert run.event_log_sha256 == single.event_log_sha256
        assert (run.rating, run.score) == (single.assessment.rating, single.assessment.score)


def test_a_batch_on_one_worker_and_on_many_gives_identical_output():
    level = load_level(LEVEL)
    one = run_batch(level, range(1, 7), workers=1)
    many = run_batch(level, range(1, 7), workers=3)
    assert one.as_dict() == many.as_dict()
    assert one.runs[0].event_log_sha256 == run_level(level, seed=1).event_log_sha256


def test_the_summary_shows_ratings_clocks_casualties_and_variety():
    script = load_script(GOOD)
    summary = run_batch(script.level, range(1, 9), script=script).summary()
    assert summary["runs"] == 8
    assert sum(summary["ratings"].values()) == 8 and set(summary["ratings"]) >= {"P", "S", "M", "U"}
    assert set(summary["clocks"]) >= {"entry", "contact", "threat_stopped", "first_care"}
    assert summary["clocks"]["entry"]["never"] == 0
    wounded = summary["casualties"]["civilians_wounded"]
    assert sum(wounded["histogram"].values()) == 8
    assert summary["distinct_event_logs"] > 1
    assert sum(v for k, v in summary["variants"].items() if k.startswith("backup=")) == 8


def test_the_batch_command_prints_the_distribution(capsys):
    code = main(["run", str(LEVEL), "--script", str(GOOD), "--seeds", "1-6"])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "6 runs, seeds 1-6" in out and "Ratings" in out and "Key times" in out
    assert "Civilians wounded" in out


def test_the_batch_json_has_level_script_runs_and_summary(capsys):
    main(["run", "--script", str(GOOD), "--seeds", "3,1", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "tiny_school" and data["script"] == str(GOOD)
    assert [run["seed"] for run in data["runs"]] == [3, 1]
    for run in data["runs"]:
        assert {"seed", "rating", "score", "clocks", "casualties", "hard_failures"} <= set(run)
    assert data["summary"]["runs"] == 2


def test_a_batch_exits_1_when_an_expectation_fails_on_some_seed(capsys):
    wrong = FIXTURES / "wrong_expectation.yaml"
    assert main(["run", "--script", str(wrong), "--seeds", "1-2"]) == 1
    assert "Expectations held on 0 of 2 seeds; failed on 1, 2" in capsys.readouterr().out


def test_a_batch_without_a_script_smoke_runs_the_level(capsys):
    assert main(["run", str(LEVEL), "--seeds", "1-3", "--until", "1:00"]) == 0
    out = capsys.readouterr().out
    assert "3 runs" in out and "stopped at 1:00 3" in out
