"""`python main.py bench`: the figures that matter for instructors' CI runs and trainees' laptops.

Benchmarks print numbers; they never fail. The README's "Performance" section shows the figures, the
machine they were taken on and this command to reproduce them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from game.core.level import TICK_RATE, Level
from game.core.world import World
from game.levels import load_level, parse_level
from game.levels.folders import levels_dir

ROOT = Path(__file__).resolve().parent.parent
LEVELS = levels_dir()
SCRIPTS = LEVELS / "scripts"


def bench_command(args: argparse.Namespace) -> int:
    """Run every benchmark and print the figures (or one JSON object with --json)."""
    quick = bool(getattr(args, "quick", False))
    figures = run_benchmarks(quick=quick)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(format_figures(figures))
    return 0


def run_benchmarks(quick: bool = False) -> dict[str, object]:
    """Measure loading, headless speed, scaling, drawing, start-up and memory."""
    levels = shipped_levels()
    figures: dict[str, object] = {
        "machine": machine(),
        "load_ms": load_figures(levels, repeats=3 if quick else 10),
        "headless": headless_figures(levels),
        "scaling_actors": scaling_actors(ticks=200 if quick else 600),
        "scaling_map": scaling_map(ticks=100 if quick else 300),
        "soak": soak(levels, minutes=10 if quick else 60),
        "frame_ms": frame_figures(largest(levels), seconds=15 if quick else 60),
        "startup_ms": startup_figure(largest(levels), repeats=1 if quick else 3),
        "review": review_figures(largest(levels), seeks=50 if quick else 200),
    }
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def shipped_levels() -> list[Level]:
    """Every level in levels/, in name order."""
    return [load_level(path) for path in sorted(LEVELS.glob("*.yaml"))]


def largest(levels: list[Level]) -> Level:
    """The level with the most tiles."""
    return max(
        levels, key=lambda lv: len(lv.floors) * len(lv.floors[0].rows) * len(lv.floors[0].rows[0])
    )


def machine() -> dict[str, object]:
    """What the figures were taken on."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "processor": platform.machine(),
        "cores": os.cpu_count(),
    }


def load_figures(levels: list[Level], repeats: int) -> dict[str, float]:
    """Median milliseconds to read and fully check each shipped level, and a generated 200×200 level."""
    out = {}
    for level in levels:
        data = Path(level.source_path).read_bytes()
        out[level.id] = _median_ms(lambda d=data, p=level.source_path: parse_level(d, p), repeats)
    big = generated_level_yaml(200, civilians=200).encode()
    out["generated_200x200"] = _median_ms(
        lambda: parse_level(big, "generated_200x200.yaml"), repeats
    )
    return out


def headless_figures(levels: list[Level]) -> dict[str, dict[str, float]]:
    """Ticks per second and game seconds per wall second, running (and scoring) each level's doctrine script."""
    from game.sessions.runner import run, run_script
    from game.sessions.script import load_script

    out = {}
    for level in levels:
        script_path = SCRIPTS / level.id / "good.yaml"
        script = load_script(script_path) if script_path.exists() else None
        start = time.perf_counter()  # loading is measured apart, in load_ms
        result = run_script(script) if script else run(level, seed=1)
        wall = time.perf_counter() - start
        out[level.id] = {
            "ticks": result.ticks,
            "ticks_per_second": round(result.ticks / wall),
            "realtime_ratio": round(result.ticks / TICK_RATE / wall),
            "script": "good.yaml" if script_path.exists() else "(holds position)",
        }
    return out


def scaling_actors(ticks: int) -> dict[str, float]:
    """Microseconds per tick with 10, 100 and 1000 civilians on one 100×100 map."""
    return {
        str(count): _per_tick_us(
            parse_level(generated_level_yaml(100, count).encode(), "gen.yaml"), ticks
        )
        for count in (10, 100, 1000)
    }


def scaling_map(ticks: int) -> dict[str, float]:
    """Microseconds per tick on maps of 50, 100, 200 and 400 tiles square (50 civilians each)."""
    return {
        f"{size}x{size}": _per_tick_us(
            parse_level(generated_level_yaml(size, 50).encode(), "gen.yaml"), ticks
        )
        for size in (50, 100, 200, 400)
    }


def soak(levels: list[Level], minutes: int) -> dict[str, float]:
    """Run the largest level headless for a long time; report traced memory at the start and end."""
    level = largest(levels)
    tracemalloc.start()
    world = World(_without_time_limit(level), seed=1)
    for _ in range(600):
        world.step()
    early = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    for _ in range(minutes * 60 * TICK_RATE - 600):
        world.step()
    wall = time.perf_counter() - start
    late, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "level": level.id,
        "game_minutes": minutes,
        "wall_seconds": round(wall, 2),
        "events": len(world.log),
        "memory_after_1_min_mb": round(early / 2**20, 2),
        "memory_at_end_mb": round(late / 2**20, 2),
        "growth_mb": round((late - early) / 2**20, 2),
        "growth_bound_mb": SOAK_GROWTH_BOUND_MB,
        "peak_traced_mb": round(peak / 2**20, 2),
    }


SOAK_GROWTH_BOUND_MB = 32.0
"""The memory an hour of game time may add (the event log grows; nothing else should)."""


def frame_figures(level: Level, seconds: int) -> dict[str, float] | dict[str, str]:
    """Median, p95 and p99 milliseconds to draw a frame of the play view at 1280×720 (dummy driver)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    try:
        from game.client.benchmark import frame_times
    except ImportError as error:  # the client is optional for a headless machine
        return {"error": f"client not available: {error}"}
    times = sorted(frame_times(level, seconds=seconds, size=(1280, 720)))
    return {
        "level": level.id,
        "frames": len(times),
        "median": round(statistics.median(times), 2),
        "p95": round(times[int(len(times) * 0.95) - 1], 2),
        "p99": round(times[int(len(times) * 0.99) - 1], 2),
    }


def review_figures(level: Level, seeks: int) -> dict[str, object]:
    """Seeking a ten-minute session of the largest level: headless keyframes, then the viewer's."""
    from game.sessions.review_bench import review_figures as headless

    figures = {"headless": headless(level, seeks)}
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    try:
        from game.client.benchmark import review_seek_times
    except ImportError as error:  # the client is optional for a headless machine
        figures["viewer"] = {"error": f"client not available: {error}"}
        return figures
    figures["viewer"] = review_seek_times(level, seeks=seeks)
    return figures


def startup_figure(level: Level, repeats: int) -> dict[str, float]:
    """Milliseconds from process start to the first drawn frame of a level (median of runs)."""
    env = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", RRT_EXIT_AFTER_FIRST_FRAME="1"
    )
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "play", level.source_path, "--seed", "1"],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            return {"error": done.stderr.decode(errors="replace")[-300:]}
        times.append((time.perf_counter() - start) * 1000)
    return {"level": level.id, "median": round(statistics.median(times), 1)}


def format_figures(figures: dict[str, object]) -> str:
    """The figures as readable text."""
    lines = [f"Machine: {figures['machine']}", ""]
    lines.append("Load and full check (ms, median):")
    lines += [f"  {name:28} {ms:8.2f}" for name, ms in figures["load_ms"].items()]
    lines.append("")
    lines.append("Headless run of each level's doctrine script:")
    for name, row in figures["headless"].items():
        lines.append(
            f"  {name:28} {row['ticks_per_second']:>8} ticks/s  {row['realtime_ratio']:>6}× real time"
        )
    lines.append("")
    lines.append("Time per tick, civilians on a 100×100 map (µs):")
    lines += [f"  {k:>6} civilians {v:10.1f}" for k, v in figures["scaling_actors"].items()]
    lines.append("Time per tick by map size, 50 civilians (µs):")
    lines += [f"  {k:>9} {v:10.1f}" for k, v in figures["scaling_map"].items()]
    lines.append("")
    lines.append(f"Soak: {json.dumps(figures['soak'])}")
    lines.append(f"Frame time at 1280×720 (ms): {json.dumps(figures['frame_ms'])}")
    lines.append(f"Start-up to first frame (ms): {json.dumps(figures['startup_ms'])}")
    lines += review_lines(figures["review"])
    lines.append(f"Peak resident memory: {figures['peak_rss_mb']} MB")
    return "\n".join(lines)


def review_lines(review: dict[str, object]) -> list[str]:
    """The review's seek figures as readable lines."""
    head = review["headless"]
    lines = [
        f"Review of a {head['session_minutes']}-minute session on {head['level']}: "
        f"{head['keyframes']} keyframes every {head['every_seconds']:g} s, "
        f"{head['keyframe_mb']} MB of keyframes ({head['held_mb']} MB held with the shared objects), "
        f"built in {head['build_cpu_s']} s CPU ({head['build_s']} s wall)",
        f"  seek, headless (ms): {json.dumps(head['seek'])}",
    ]
    viewer = review["viewer"]
    if "error" in viewer:
        lines.append(f"  viewer: {viewer['error']}")
    else:
        lines.append(
            f"  viewer: {viewer['keyframes']} keyframes, {viewer['keyframe_mb']} MB, prepared in "
            f"{viewer['build_cpu_s']} s CPU ({viewer['build_s']} s wall)"
        )
        lines.append(f"  seek, viewer (ms): {json.dumps(viewer['seek'])}")
        lines.append(f"  seek and draw, viewer (ms): {json.dumps(viewer['seek_and_draw'])}")
    return lines


def generated_level_yaml(size: int, civilians: int) -> str:
    """A square school of `size` tiles: rows of classrooms along corridors, a suspect, students."""
    rows = []
    for y in range(size):
        if y == 0 or y == size - 1:
            rows.append("#" * size)
            continue
        band = y % 10
        if band in (4, 5):
            rows.append("#" + "." * (size - 2) + "#")
        elif band in (3, 6):
            row = ["#"] * size
            for x in range(5, size - 1, 10):
                row[x] = "D"
            rows.append("".join(row))
        else:
            row = ["."] * size
            row[0] = row[-1] = "#"
            for x in range(10, size - 1, 10):
                row[x] = "="
            rows.append("".join(row))
    rows[4] = "/" + rows[4][1:]
    body = "\n".join("        " + r for r in rows)
    last = size - 2
    return f"""id: generated_{size}
title: "Generated {size} by {size}"
briefing: "A generated school for benchmarks."
duration: "60:00"
map:
  floors:
    - name: Ground floor
      rows: |
{body}
zones:
  - {{id: exit, name: "West doors", kind: exit, area: [0, 4, 0, 4]}}
  - {{id: school, name: "School", kind: corridor, area: [1, 1, {last}, {last}]}}
trainee:
  spawn: {{at: [1, 4]}}
suspects:
  - id: suspect
    spawn: {{at: [{last}, 4]}}
    description: {{sex: male, clothing: "black hoodie"}}
    route: [school]
    first_shot: "0:01"
    fire_interval: 4
civilians:
  - {{id: students, spawn: {{zone: school}}, count: {civilians}, behaviour: {{shelter: 2, flee: 1, freeze: 1}}}}
"""


def _without_time_limit(level: Level) -> Level:
    from dataclasses import replace

    return replace(level, duration=10**9)


def _per_tick_us(level: Level, ticks: int) -> float:
    world = World(_without_time_limit(level), seed=1)
    for _ in range(20):
        world.step()
    start = time.perf_counter()
    for _ in range(ticks):
        world.step()
    return round((time.perf_counter() - start) / ticks * 1e6, 1)


def _median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)
