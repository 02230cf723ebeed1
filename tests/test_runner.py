"""Headless runs: a script run is the game; the CLI prints the outcome and exits 0, 1 or 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.core.events import EnteredBuilding, ScenarioEnded, TraineeMoved
from game.levels.loader import load_level
from game.sessions.runner import count_casualties, run_level, run_script
from game.sessions.script import load_script
from main import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
LEVEL = FIXTURES / "tiny_school.yaml"
GOOD = FIXTURES / "good.yaml"
WRONG = FIXTURES / "wrong_expectation.yaml"


def test_the_good_script_meets_every_expectation():
    result = run_script(load_script(GOOD))
    assert result.ok, [r.message for r in result.expectations if not r.ok]
    assert len(result.expectations) == 16
    assert result.events[0].tick == 0 and isinstance(result.events[-1], ScenarioEnded)


def test_running_the_good_script_exits_0_and_prints_the_key_times(capsys):
    assert main(["run", "--script", str(GOOD)]) == 0
    out = capsys.readouterr().out
    assert "Key times" in out and "entry" in out and "threat stopped" in out
    assert "Seed 7; variant: backup=on_time" in out
    assert "Expectations: 16 of 16 hold" in out


def test_a_wrong_expectation_exits_1_and_says_which_failed_and_why(capsys):
    assert main(["run", "--script", str(WRONG)]) == 1
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if line.strip().startswith("✗")]
    assert len(failed) == 1
    assert "EnteredBuilding (person=trainee) at least once before 0:02" in failed[0]
    assert "none matching; it happened outside the window, at 0:03.8" in failed[0]
    assert f"{WRONG}:" in failed[0]


def test_a_bad_script_exits_2_with_file_line_col_and_no_traceback(tmp_path):
    script = tmp_path / "bad.yaml"
    script.write_text(f"level: {LEVEL}\ncommands:\n  - {{at: '0:01', do: fly}}\n")
    done = subprocess.run(
        [sys.executable, "main.py", "run", "--script", str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert f"{script}:3:22: commands[0].do: unknown command 'fly'" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_bad_level_exits_2_with_its_problems(tmp_path, capsys):
    level = tmp_path / "broken.yaml"
    level.write_text("id: x\n")
    assert main(["run", str(level)]) == 2
    err = capsys.readouterr().err
    assert f"{level}:1:1:" in err and "problem" in err


def test_bad_arguments_exit_2_with_a_message(capsys):
    assert main(["run"]) == 2
    assert main(["run", str(LEVEL), "--until", "soon"]) == 2
    assert main(["run", str(LEVEL), "--seeds", "9-3"]) == 2
    assert main(["run", str(LEVEL), "--seed", "1", "--seeds", "1-3"]) == 2
    err = capsys.readouterr().err
    assert "--until:" in err and "--seeds:" in err and "runs backwards" in err


def test_without_a_script_the_trainee_holds_position(capsys):
    result = run_level(load_level(LEVEL), seed=3)
    assert not any(isinstance(e, EnteredBuilding | TraineeMoved) for e in result.events)
    assert result.end_reason == "time limit" and result.ok and result.expectations == ()
    assert main(["run", str(LEVEL), "--seed", "3"]) == 0
    assert "Seed 3" in capsys.readouterr().out


def test_until_stops_the_run_early_and_says_so():
    result = run_level(load_level(LEVEL), seed=3, until=300)
    assert result.ticks == 300 and result.end_reason == "stopped at 0:30"
    assert result.events[-1] == ScenarioEnded(300, "stopped at 0:30")
    assert all(e.tick <= 300 for e in result.events)


def test_seed_and_until_on_the_command_line_override_the_script(capsys):
    assert main(["run", "--script", str(GOOD), "--seed", "11", "--until", "0:40", "--json"]) in (
        0,
        1,
    )
    data = json.loads(capsys.readouterr().out)
    assert data["seed"] == 11 and data["ticks"] == 400


def test_json_output_has_every_documented_key(capsys):
    assert main(["run", "--script", str(GOOD), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "level",
        "seed",
        "variant",
        "ticks",
        "tick_rate",
        "events",
        "clocks",
        "score",
        "rating",
        "categories",
        "ledger",
        "hard_failures",
        "expectations",
        "event_log_sha256",
        "casualties",
    ):
        assert key in data, key
    assert data["level"] == "tiny_school" and data["tick_rate"] == 10
    assert set(data["clocks"]) >= {
        "dispatch",
        "arrival",
        "entry",
        "contact",
        "threat_stopped",
        "first_care",
    }
    assert all({"tick", "type"} <= set(event) for event in data["events"])
    assert all({"ok", "message"} <= set(e) for e in data["expectations"])
    assert data["rating"] in ("P", "S", "M", "U")


def test_the_event_log_hash_is_the_same_in_separate_processes_with_different_hash_seeds():
    digests = set()
    for hash_seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        done = subprocess.run(
            [sys.executable, "main.py", "run", "--script", str(GOOD), "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        digests.add(json.loads(done.stdout)["event_log_sha256"])
    assert len(digests) == 1
    assert digests == {run_script(load_script(GOOD)).event_log_sha256}


def test_casualties_count_each_person_once_by_role():
    from game.core.events import CasualtyWorsened, PersonWounded
    from game.core.level import Position

    here = Position(0, 1, 1)
    events = [
        PersonWounded(5, "class_a.1", "civilian", "suspect", "critical", here),
        PersonWounded(9, "class_a.1", "civilian", "suspect", "critical", here),
        PersonWounded(9, "class_a.2", "civilian", "suspect", "walking", here),
        PersonWounded(9, "unit_2", "officer", "suspect", "critical", here),
        PersonWounded(9, "suspect", "suspect", "trainee", "incapacitated", here),
        CasualtyWorsened(3009, "class_a.1", "deceased"),
    ]
    c = count_casualties(events)
    assert (c.civilians_wounded, c.civilians_critical, c.civilians_deceased) == (2, 1, 1)
    assert (c.officers_wounded, c.suspects_down, c.trainee_wounded) == (1, 1, False)


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_a_failed_expectation_is_in_the_output_with_its_evidence(flag, capsys):
    assert main(["run", "--script", str(WRONG), *flag]) == 1
    out = capsys.readouterr().out
    if flag:
        data = json.loads(out)
        failed = [e for e in data["expectations"] if not e["ok"]]
        assert len(failed) == 1 and "none matching" in failed[0]["message"]
    else:
        assert "Expectations: 1 of 2 hold" in out
