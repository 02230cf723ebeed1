"""Misuse of the commands and their outputs: nothing is lost, every failure is said, exit status 2."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.client.level_list import list_levels
from game.client.scenes.menu import MenuScene
from game.client.text import drawable, fit
from game.core.commands import Move, Radio
from game.levels.files import TEMP_SUFFIX, remove_stale_temps, temp_name, write_atomically
from game.levels.limits import MAX_COMMANDS, MAX_FILE_BYTES, MAX_REPLAY_BYTES
from game.levels.loader import load_level
from game.sessions import cli
from game.sessions.replay import ReplayTooLong, is_replay, replay_text, save_replay
from game.sessions.script import load_script
from main import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SESSIONS = FIXTURES / "sessions"
LEVEL = SESSIONS / "tiny_school.yaml"
GOOD = SESSIONS / "good.yaml"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX devices and limits")


@pytest.fixture
def run_folder(tmp_path):
    """A copy of the session fixtures (a level and a script) that a test may try to overwrite."""
    folder = tmp_path / "run"
    shutil.copytree(SESSIONS, folder)
    return folder


@pytest.mark.parametrize("which", ["level", "script"])
def test_save_refuses_to_overwrite_the_level_or_the_script_it_runs(run_folder, capsys, which):
    level, script = run_folder / "tiny_school.yaml", run_folder / "good.yaml"
    before = {path: path.read_bytes() for path in (level, script)}
    target = level if which == "level" else script
    assert main(["run", str(level), "--script", str(script), "--save", str(target)]) == 2
    assert "which this run reads" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in before} == before


def test_save_refuses_a_link_to_the_level_and_a_file_that_is_not_a_replay(run_folder, capsys):
    level = run_folder / "tiny_school.yaml"
    (run_folder / "link.yaml").symlink_to(level)
    assert main(["run", str(level), "--save", str(run_folder / "link.yaml")]) == 2
    notes = run_folder / "notes.txt"
    notes.write_text("my notes\n")
    assert main(["run", str(level), "--save", str(notes)]) == 2
    assert "is not a replay" in capsys.readouterr().err
    assert notes.read_text() == "my notes\n"


@pytest.mark.parametrize("target", ["", "   "])
def test_save_to_an_empty_name_is_a_usage_error(capsys, target):
    assert main(["run", str(LEVEL), "--save", target]) == 2
    assert "--save needs a file name" in capsys.readouterr().err


@POSIX
def test_save_refuses_a_device_or_a_folder(tmp_path, capsys):
    os.mkfifo(tmp_path / "pipe.yaml")
    assert main(["run", str(LEVEL), "--save", str(tmp_path / "pipe.yaml")]) == 2
    assert main(["run", str(LEVEL), "--save", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a named pipe (FIFO), not a file" in err and "is a folder, not a file" in err


def test_a_replay_may_replace_an_older_replay(tmp_path, capsys):
    replay = tmp_path / "session.yaml"
    assert main(["run", "--script", str(GOOD), "--save", str(replay)]) == 0
    assert main(["run", "--script", str(GOOD), "--save", str(replay), "--seed", "4"]) in (0, 1)
    assert "seed: 4" in replay.read_text()


def test_render_refuses_to_overwrite_the_level_or_a_file_that_is_not_a_png(run_folder, capsys):
    level = run_folder / "tiny_school.yaml"
    before = level.read_bytes()
    assert main(["render", str(level), "-o", str(level)]) == 2
    assert "that is the level itself" in capsys.readouterr().err
    assert level.read_bytes() == before


def test_render_writes_a_png_atomically_keeping_the_old_one_on_failure(tmp_path, monkeypatch):
    picture = tmp_path / "map.png"
    assert main(["render", str(LEVEL), "-o", str(picture)]) == 0
    good = picture.read_bytes()
    assert good.startswith(b"\x89PNG")

    def full(descriptor, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert main(["render", str(LEVEL), "-o", str(picture), "--seed", "5"]) == 2
    assert picture.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_render_refuses_a_picture_too_large_to_draw(tmp_path, capsys):
    rows = "\n".join("        " + "." * 390 for _ in range(390))
    level = tmp_path / "huge.yaml"
    level.write_text(
        f"id: huge\ntitle: Huge\nbriefing: Big.\nmap:\n  floors:\n    - name: G\n      rows: |\n{rows}\n"
        "trainee:\n  spawn: {at: [1, 1]}\n"
    )
    assert main(["render", str(level), "-o", str(tmp_path / "huge.png")]) == 2
    assert "render draws at most" in capsys.readouterr().err
    assert not (tmp_path / "huge.png").exists()


def full_device_run(args: list[str], **limits) -> subprocess.CompletedProcess:
    """Run main.py with stdout on /dev/full (or a file-size limit), as a user's shell would."""

    def apply_limits():
        import resource

        if "fsize" in limits:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fsize"], limits["fsize"]))

    with open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *args],
            stdout=full if "fsize" not in limits else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            preexec_fn=apply_limits,
            env=dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy"),
            check=False,
        )


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["run", str(LEVEL), "--json", "--until", "0:10"], ["check", str(LEVEL)]],
    ids=["run-json", "check"],
)
def test_output_to_a_full_disk_is_a_clear_error_with_status_2(args):
    done = full_device_run(args)
    assert done.returncode == 2
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_file_written_past_the_disks_end_is_refused_and_leaves_nothing(tmp_path):
    picture, replay = tmp_path / "map.png", tmp_path / "session.yaml"
    done = full_device_run(["render", str(LEVEL), "-o", str(picture)], fsize=2000)
    assert done.returncode == 2 and "cannot write the picture" in done.stderr
    done = full_device_run(["run", "--script", str(GOOD), "--save", str(replay)], fsize=300)
    assert done.returncode == 2 and "cannot save the replay" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seeds", "1-100000"], "at most 10,000 seeds per batch"),
        (["--seeds", "1-99999999999999999999"], "a seed is at most"),
        (["--seeds", "١-٣"], "expected seeds such as"),
        (["--seed", "-1"], "a seed is a whole number from 0"),
        (["--seed", "99999999999"], "a seed is a whole number from 0"),
        (["--until", "9" * 5000 + ":00"], "at most 60:00"),
        (["--until", "3601"], "at most 60:00"),
    ],
)
def test_run_arguments_beyond_the_limits_are_usage_errors(capsys, args, message):
    assert main(["run", str(LEVEL), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err) < 300


class Terminal:
    """A stand-in for a terminal's stderr that records what is written."""

    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("tty", [True, False])
def test_a_batch_shows_progress_on_a_terminal_and_stays_quiet_in_logs(monkeypatch, tty):
    terminal = Terminal(tty)
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.delenv("CI", raising=False)
    meter = cli._progress_meter()
    assert (meter is not None) == tty
    if meter:
        for done in range(1, 4):
            meter(done, 3)
        assert "1 of 3 seeds run" in terminal.text and terminal.text.endswith("\r")


def test_writes_keep_the_mode_of_the_file_they_replace(tmp_path):
    target = tmp_path / "settings.json"
    target.write_text("{}")
    target.chmod(0o640)
    write_atomically(target, "{}\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.yaml"
    mask = os.umask(0o022)
    try:
        write_atomically(fresh, "x")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_stale_temp_files_of_killed_writers_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "session.yaml"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".session.yaml.{dead.stdout.strip()}.0000{TEMP_SUFFIX}"
    live = tmp_path / temp_name("session.yaml")
    other = tmp_path / ".session.yaml.123.tmp"
    for path in (stale, live, other):
        path.write_text("half written")
    write_atomically(target, "complete\n")
    assert not stale.exists() and live.exists() and other.exists()
    assert remove_stale_temps(target) == 0


def test_a_saved_session_larger_than_a_script_may_be_still_loads(tmp_path):
    ticks = 36_000
    level = replace(load_level(LEVEL), duration=ticks)
    words = "moving to the gunfire, east corridor, " * 11
    commands = [(tick, Radio.of("update", action=words)) for tick in range(0, ticks, 8)]
    path = tmp_path / "long.yaml"
    save_replay(path, level, 1, {}, commands, ticks)
    assert MAX_FILE_BYTES < path.stat().st_size < MAX_REPLAY_BYTES
    assert len(load_script(path, level=level).commands) == len(commands)


def test_a_session_too_long_for_a_replay_is_refused_before_anything_is_written(tmp_path):
    level = load_level(LEVEL)
    with pytest.raises(ReplayTooLong, match=f"at most {MAX_COMMANDS:,}"):
        replay_text(tmp_path / "r.yaml", level, 1, {}, [(0, Move(1, 0))] * (MAX_COMMANDS + 1), 10)
    with pytest.raises(ReplayTooLong, match="21 commands at one tick"):
        replay_text(tmp_path / "r.yaml", level, 1, {}, [(0, Move(1, 0))] * 21, 10)
    wordy = [(tick, Radio.of("update", action="x" * 500)) for tick in range(9000)]
    with pytest.raises(ReplayTooLong, match=f"{MAX_REPLAY_BYTES:,}"):
        save_replay(tmp_path / "r.yaml", level, 1, {}, wordy, 10)
    assert not (tmp_path / "r.yaml").exists()


@pytest.mark.parametrize("text", ["line\u2028separator", "bell\x07", "lone \ud800"])
def test_a_replay_never_holds_text_the_reader_would_refuse(tmp_path, text):
    with pytest.raises(ValueError, match="which a replay cannot keep"):
        save_replay(
            tmp_path / "r.yaml",
            load_level(LEVEL),
            1,
            {},
            [(3, Radio.of("update", action=text))],
            10,
        )
    assert not (tmp_path / "r.yaml").exists()


def test_the_menu_lists_every_bad_shared_level_as_broken_and_draws(
    client_context, screen, tmp_path
):
    good = (FIXTURES / "minimal_level.yaml").read_text()
    (tmp_path / "a_good.yaml").write_text(good)
    (tmp_path / "b_surrogate.yaml").write_text(good.replace("Minimal: one corridor", "\\ud800 bad"))
    (tmp_path / "c_huge_number.yaml").write_text(good.replace("id: minimal", "id: " + "9" * 5000))
    (tmp_path / "d_pad_bomb.yaml").write_text(good.replace("#...#", "#...#" + "." * 100_000))
    (tmp_path / "e_binary.yml").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    if os.name == "posix":
        (tmp_path / "f_zero.yaml").symlink_to("/dev/zero")
        os.mkfifo(tmp_path / "g_pipe.yaml")
    entries = list_levels(tmp_path)
    assert entries[0].level is not None
    broken = entries[1:]
    assert broken and all(entry.level is None for entry in broken)
    assert all(entry.first_line.startswith(str(entry.path)) for entry in broken)
    menu = MenuScene(client_context, entries)
    menu.draw(screen)
    row = menu.rows[1]
    assert len({tuple(screen.get_at((x, row.y + 20))) for x in range(row.x, row.right, 3)}) > 2


def test_text_a_font_cannot_draw_is_made_drawable(screen):
    font = pygame.font.Font(None, 20)
    for text in ("\ud800 lone", "nul\x00here", "esc\x1b[2J", "w" * 100_000, 12345):
        shown = drawable(text)
        assert font.render(shown, True, (255, 255, 255)).get_width() > 0
        assert len(fit(font, str(text), 200)) <= 401


def test_a_session_without_commands_saves_a_replay_that_loads(tmp_path):
    path = tmp_path / "idle.yaml"
    save_replay(path, load_level(LEVEL), 2, {}, [], 10)
    assert "commands: []" in path.read_text() and load_script(path).commands == ()
    assert not is_replay(tmp_path / "missing.yaml") and is_replay(path)
