"""Replays: a saved session is a script that reproduces the same event log, saved atomically."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game.core.commands import DrawWeapon, MoveTo, Radio, SetPace
from game.core.events import ScenarioEnded, event_log_sha256
from game.core.world import World
from game.levels.loader import load_level
from game.sessions.replay import SessionRecorder, save_replay, write_atomically
from game.sessions.runner import run_script
from game.sessions.script import load_script
from game.sessions.times import clock
from main import main

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
LEVEL = FIXTURES / "tiny_school.yaml"
GOOD = FIXTURES / "good.yaml"


def test_a_session_saved_from_run_replays_to_the_same_event_log(tmp_path, capsys):
    replay = tmp_path / "sub" / "session.yaml"
    assert main(["run", "--script", str(GOOD), "--json", "--save", str(replay)]) == 0
    recorded = json.loads(capsys.readouterr().out)["event_log_sha256"]
    assert main(["run", "--script", str(replay), "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["event_log_sha256"] == recorded
    assert replayed["replay"] == {
        "level_sha256": load_level(LEVEL).content_hash,
        "level_changed": False,
        "recorded": replayed["ticks"],
        "reproduced": True,
    }


def test_a_replay_is_a_script_with_exact_ticks_seed_variant_and_the_levels_hash(tmp_path):
    replay = tmp_path / "session.yaml"
    assert main(["run", "--script", str(GOOD), "--save", str(replay)]) == 0
    text = replay.read_text()
    assert 'level: "' in text and "seed: 7" in text and 'variant: {backup: "on_time"}' in text
    assert "{tick: 20, do: draw_weapon}" in text
    script = load_script(replay)
    given = run_script(load_script(GOOD)).commands
    assert [(c.tick, c.command) for c in script.commands] == [(c.tick, c.command) for c in given]
    assert all(c.reaction is None for c in script.commands)
    assert Path(script.level_path).resolve() == LEVEL.resolve()


def test_a_run_stopped_early_replays_to_the_same_stop(tmp_path, capsys):
    replay = tmp_path / "early.yaml"
    assert main(
        ["run", "--script", str(GOOD), "--until", "0:09", "--json", "--save", str(replay)]
    ) in (0, 1)
    first = json.loads(capsys.readouterr().out)
    result = run_script(load_script(replay))
    assert result.ticks == 90 and result.end_reason == "stopped at 0:09"
    assert result.event_log_sha256 == first["event_log_sha256"] and result.reproduced


def test_a_replay_whose_level_changed_warns_and_still_runs(tmp_path, capsys):
    level = tmp_path / "level.yaml"
    shutil.copy(LEVEL, level)
    script = tmp_path / "s.yaml"
    script.write_text("level: level.yaml\nseed: 2\ncommands: [{at: '0:01', do: draw_weapon}]\n")
    replay = tmp_path / "replay.yaml"
    assert main(["run", "--script", str(script), "--save", str(replay)]) == 0
    level.write_text(level.read_text().replace("accuracy: 0.3", "accuracy: 0.9"))
    capsys.readouterr()
    assert main(["run", "--script", str(replay)]) == 0
    captured = capsys.readouterr()
    assert "warning: the level has changed since this session was recorded" in captured.err
    assert "Outcome:" in captured.out


def test_the_clients_recorder_saves_a_session_that_replays_exactly(tmp_path):
    level = load_level(LEVEL)
    world = World(level, seed=5)
    recorder = SessionRecorder(level, 5, world.variant)
    plan = {
        4: [DrawWeapon(), SetPace("run")],
        9: [Radio.of("initial_report", location="corridor", shots="active")],
        12: [MoveTo(zone="corridor")],
    }
    while world.tick < 600 and not world.finished:
        commands = plan.get(world.tick, [])
        recorder.record(world.tick, commands)
        world.step(commands)
    recorder.save(tmp_path / "client.yaml", world.tick)
    result = run_script(load_script(tmp_path / "client.yaml"))
    expected = list(world.log)
    if not world.finished:
        expected.append(ScenarioEnded(world.tick, f"stopped at {clock(world.tick)}"))
    assert result.events == tuple(expected)
    assert result.event_log_sha256 == event_log_sha256(expected)


def test_a_replay_keeps_odd_text_exactly(tmp_path):
    level = load_level(LEVEL)
    odd = 'He said "stop"\\ café\tline 🚓 no: yes #1 & *2 {[3]}'
    commands = [(3, Radio.of("update", description=odd, action="12:30"))]
    path = tmp_path / "odd.yaml"
    save_replay(path, level, 1, {}, commands, 10)
    assert load_script(path).commands[0].command == commands[0][1]


def test_saving_writes_a_temp_file_in_the_same_folder_then_replaces(tmp_path, monkeypatch):
    target = tmp_path / "out.yaml"
    target.write_text("old")
    calls = []
    real_replace, real_fsync = os.replace, os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append("fsync") or real_fsync(fd))

    def spy(src, dst):
        calls.append(("replace", Path(src).parent, Path(dst)))
        assert Path(src).read_text() == "new"
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_atomically(target, "new")
    assert calls[0] == "fsync" and calls[1] == ("replace", tmp_path, target)
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def test_a_failed_save_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.yaml"
    target.write_text("old")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]
