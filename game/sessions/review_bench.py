"""The review's benchmark: a ten-minute session on a level, keyframed, then sought at random and at
the worst places (just before each keyframe). For `python main.py bench`; it measures, never fails."""

from __future__ import annotations

import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace

from game.core.commands import MoveTo
from game.core.level import TICK_RATE, Level
from game.sessions.keyframes import Keyframes
from game.sessions.review import Review
from game.sessions.script import Script, ScriptCommand

TOUR_SECONDS = 20
"""The trainee walks to the next zone this often, so the session covers the whole map."""


def tour_review(level: Level, minutes: int = 10, seed: int = 1) -> Review:
    """A session of `minutes` on the level: the trainee heads for each zone in turn."""
    duration = minutes * 60 * TICK_RATE
    level = replace(level, duration=duration)
    zones = [zone.id for zone in level.zones]
    step = TOUR_SECONDS * TICK_RATE
    commands = tuple(
        ScriptCommand(tick, MoveTo(zone=zones[(tick // step) % len(zones)]))
        for tick in range(0, duration, step)
    )
    script = Script(
        path=f"{level.source_path}.tour",
        level_path=level.source_path,
        level=level,
        title=f"A {minutes}-minute tour of {level.title}",
        seed=seed,
        commands=commands,
    )
    return Review(script)


def seek_ticks(keys: Keyframes, count: int, seed: int = 15) -> list[int]:
    """Random moments plus the worst ones: the tick before each keyframe (the most steps from one)."""
    rng = random.Random(seed)
    ticks = [rng.randrange(0, keys.last_tick + 1) for _ in range(count)]
    ticks += [frame.tick + keys.every - 1 for frame in keys.frames[:-1]]
    return [min(tick, keys.last_tick) for tick in ticks]


def timed(action: Callable[[int], object], ticks: list[int]) -> dict[str, float]:
    """Worst and median wall and CPU milliseconds of an action over the ticks."""
    walls, cpus = [], []
    for tick in ticks:
        wall, cpu = time.perf_counter(), time.process_time()
        action(tick)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {
        "seeks": len(ticks),
        "worst_ms": round(max(walls), 1),
        "median_ms": round(statistics.median(walls), 1),
        "worst_cpu_ms": round(max(cpus), 1),
        "median_cpu_ms": round(statistics.median(cpus), 1),
    }


def review_figures(level: Level, seeks: int = 200) -> dict[str, object]:
    """Build the keyframes of a ten-minute session on the level, then seek around it."""
    review = tour_review(level)
    keys = review.keyframes()
    keys.build()
    figures: dict[str, object] = {
        "level": level.id,
        "session_minutes": round(keys.last_tick / TICK_RATE / 60, 1),
        "keyframes": len(keys.frames),
        "every_seconds": keys.every / TICK_RATE,
        "keyframe_mb": round(keys.memory_bytes / 2**20, 2),
        "shared_objects": keys.codec.shared_objects,
        "copy_method": keys.codec.method,
        "build_s": round(keys.build_seconds, 2),
        "build_cpu_s": round(keys.build_cpu_seconds, 2),
        "seek": timed(keys.at, seek_ticks(keys, seeks)),
    }
    figures["held_mb"] = held_memory(level)
    return figures


def held_memory(level: Level) -> float:
    """Megabytes the keyframes of the session hold in all (shared objects included), traced."""
    review = tour_review(level)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        keys = review.keyframes()
        keys.build()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del keys
    return round(held / 2**20, 2)
