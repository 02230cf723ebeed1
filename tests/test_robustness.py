"""Bad input and crashes lose nothing: mutated files give only level errors, writes survive a kill."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import alias_bomb, deep_nesting, mutate

from game.core.level import TICK_RATE
from game.core.world import World
from game.levels import LevelError, load_level, parse_level
from game.sessions.bench import SOAK_GROWTH_BOUND_MB
from game.sessions.script import parse_script

ROOT = Path(__file__).resolve().parent.parent
LEVEL_FILES = sorted((ROOT / "levels").glob("*.yaml"))
SCRIPT_FILES = sorted((ROOT / "levels" / "scripts").rglob("*.yaml"))
MUTATIONS = settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))


def _only_level_errors(parse, data: bytes, name: str) -> None:
    try:
        parse(data, name)
    except LevelError as error:
        assert error.problems
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in error.problems)


@pytest.mark.parametrize("path", LEVEL_FILES, ids=lambda p: p.stem)
@MUTATIONS
@given(data=st.data())
def test_mutations_of_a_shipped_level_give_only_level_errors_with_a_line(path, data):
    _only_level_errors(parse_level, mutate(path.read_text(encoding="utf-8"), data), str(path))


@pytest.mark.parametrize("path", SCRIPT_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
@MUTATIONS
@given(data=st.data())
def test_mutations_of_a_shipped_script_give_only_level_errors_with_a_line(path, data):
    _only_level_errors(parse_script, mutate(path.read_text(encoding="utf-8"), data), str(path))


@pytest.mark.parametrize(
    "data", [alias_bomb(), deep_nesting(5000), b"\xff\xfe\x00garbage", b"a: " + b"9" * 5000]
)
def test_hostile_files_are_refused_with_a_placed_error_and_bounded_memory(data):
    tracemalloc.start()
    try:
        with pytest.raises(LevelError) as raised:
            parse_level(data, "hostile.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert all(p.line >= 1 for p in raised.value.problems)
    assert peak < 64 * 2**20


WRITER = """
import sys
from game.sessions.replay import write_atomically
path = sys.argv[1]
n = 0
while True:
    n += 1
    write_atomically(path, f"record {n}\\n" + "x" * 400_000 + f"\\nend {n}\\n")
"""


@pytest.mark.parametrize("delay", [0.05, 0.13, 0.31])
def test_a_process_killed_while_writing_leaves_the_last_complete_record(tmp_path, delay):
    target = tmp_path / "session.yaml"
    target.write_text("record 0\nend 0\n")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], cwd=ROOT)
    try:
        time.sleep(delay)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    text = target.read_text()
    first, last = text.splitlines()[0], text.splitlines()[-1]
    assert first.startswith("record ") and last == "end " + first.split()[1]
    assert not any(p.name.endswith(".tmp") and p.stat().st_size == 0 for p in tmp_path.iterdir())


def test_a_long_headless_run_of_the_largest_level_keeps_memory_bounded():
    levels = [load_level(path) for path in LEVEL_FILES]
    largest = max(
        levels, key=lambda lv: len(lv.floors) * len(lv.floors[0].rows) * len(lv.floors[0].rows[0])
    )
    world = World(replace(largest, duration=10**9), seed=1)
    tracemalloc.start()
    try:
        for _ in range(60 * TICK_RATE):
            world.step()
        early = tracemalloc.get_traced_memory()[0]
        for _ in range(5 * 60 * TICK_RATE):
            world.step()
        late = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert (late - early) / 2**20 < SOAK_GROWTH_BOUND_MB / 8
