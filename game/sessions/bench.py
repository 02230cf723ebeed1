"""The headless half of `python main.py bench`: loading, runs, batches, scaling, a campus, soak, review.

Benchmarks print numbers; they never fail. A shared machine slows a run by whatever else is running,
so every figure is measured several times and shows CPU time (what this process did) beside wall
time, the best and the median of the runs. The README's "Performance" section shows the figures, the
machine they were taken on and this command to reproduce them.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from game.core.level import TICK_RATE, Level
from game.core.world import World
from game.levels import load_level, parse_level
from game.levels.folders import levels_dir
from game.levels.loader import forget_checked_levels
from game.sessions.bench_levels import generated_campus_yaml, generated_level_yaml
from game.sessions.collector import collect_less_often

SOAK_GROWTH_BOUND_MB = 32.0
"""The memory an hour of game time may add (the event log grows; nothing else should)."""
BATCH_SEEDS = 200
"""Seeds per script in the batch figure: what an academy's CI runs for the fairness check."""
FIGURES = ("load", "setup", "headless", "batch", "scaling", "campus", "soak", "review")
"""The headless figures, in the order they are measured (`bench --only` picks some)."""


def headless_benchmarks(
    quick: bool = False, only: frozenset[str] = frozenset(FIGURES)
) -> dict[str, object]:
    """Measure the headless figures named in `only`."""
    levels = shipped_levels()
    repeats = 3 if quick else 5
    measures: dict[str, Callable[[], object]] = {
        "load": lambda: load_figures(levels, repeats=repeats),
        "setup": lambda: setup_figures(levels, repeats=repeats),
        "headless": lambda: headless_figures(levels, repeats=repeats),
        "batch": lambda: batch_figure(seeds=20 if quick else BATCH_SEEDS),
        "scaling": lambda: {
            "actors": scaling_actors(ticks=200 if quick else 600),
            "map": scaling_map(ticks=100 if quick else 300),
        },
        "campus": lambda: campus_figure(minutes=2 if quick else 10),
        "soak": lambda: soak(largest(levels), minutes=10 if quick else 60),
        "review": lambda: review_headless(largest(levels), seeks=50 if quick else 200),
    }
    return {name: measures[name]() for name in FIGURES if name in only}


def shipped_levels() -> list[Level]:
    """Every level in levels/, in name order."""
    return [load_level(path) for path in sorted(levels_dir().glob("*.yaml"))]


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


def measured(action: Callable[[], object], repeats: int) -> dict[str, float]:
    """CPU and wall milliseconds of an action: best and median of `repeats` runs."""
    cpus, walls = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return {
        "cpu_best_ms": round(min(cpus), 2),
        "cpu_median_ms": round(statistics.median(cpus), 2),
        "wall_best_ms": round(min(walls), 2),
        "wall_median_ms": round(statistics.median(walls), 2),
    }


def load_figures(levels: list[Level], repeats: int) -> dict[str, dict[str, float]]:
    """Reading and fully checking each shipped level, and a generated 200×200 level."""
    out = {}
    for level in levels:
        data = Path(level.source_path).read_bytes()
        out[level.id] = measured(lambda d=data, p=level.source_path: _checked(d, p), repeats)
    big = generated_level_yaml(200, civilians=200).encode()
    out["generated_200x200"] = measured(lambda: _checked(big, "generated_200x200.yaml"), repeats)
    return out


def _checked(data: bytes, path: str) -> Level:
    """A full check of a level's bytes (not the one kept from the last time they were read)."""
    forget_checked_levels()
    return parse_level(data, path)


def setup_figures(levels: list[Level], repeats: int) -> dict[str, dict[str, float]]:
    """Building a world from a loaded level (what each run of a batch pays before its first tick)."""
    return {level.id: measured(lambda lv=level: World(lv, 1), repeats) for level in levels}


def headless_figures(levels: list[Level], repeats: int) -> dict[str, dict[str, object]]:
    """Each level's doctrine script run and scored: game seconds per CPU (and wall) second."""
    from game.sessions.runner import run, run_script
    from game.sessions.script import load_script

    out = {}
    for level in levels:
        path = levels_dir() / "scripts" / level.id / "good.yaml"
        script = load_script(path) if path.exists() else None
        ticks = []

        def once(script=script, level=level, ticks=ticks) -> None:
            ticks.append((run_script(script) if script else run(level, seed=1)).ticks)

        times = measured(once, repeats)
        game_ms = ticks[0] / TICK_RATE * 1000
        out[level.id] = {
            "script": path.name if script else "(holds position)",
            "ticks": ticks[0],
            "realtime_cpu_best": round(game_ms / times["cpu_best_ms"]),
            "realtime_cpu_median": round(game_ms / times["cpu_median_ms"]),
            "realtime_wall_best": round(game_ms / times["wall_best_ms"]),
            "realtime_wall_median": round(game_ms / times["wall_median_ms"]),
        }
    return out


def batch_figure(seeds: int = BATCH_SEEDS) -> dict[str, object]:
    """Every shipped script over `seeds` seeds on every core, as an academy's CI runs them."""
    return in_child("fork", _batch_in_child, seeds)  # its workers' figures are the batch's alone


def in_child(method: str, action: Callable[..., dict], *args: object) -> dict:
    """Run an action in a fresh process (which may start workers of its own) and return its figures."""
    ctx = multiprocessing.get_context(method)
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_answer, args=(send, action, args))
    child.start()
    send.close()
    try:
        return receive.recv()
    except EOFError:
        return {"error": f"the measuring process ended with status {child.exitcode}"}
    finally:
        child.join()


def _answer(send, action: Callable[..., dict], args: tuple) -> None:
    collect_less_often()  # a fresh process: set as the program's own are (`main.py`)
    send.send(action(*args))
    send.close()


def _batch_in_child(seeds: int) -> dict[str, object]:
    from game.sessions.batch import run_batch
    from game.sessions.script import load_script

    scripts = [load_script(p) for p in sorted((levels_dir() / "scripts").glob("*/*.yaml"))]
    wall, cpu = time.perf_counter(), time.process_time()
    runs = held = 0
    for script in scripts:
        batch = run_batch(script.level, range(1, seeds + 1), script)
        runs += len(batch.runs)
        held += sum(1 for run in batch.runs if run.ok)
    wall = time.perf_counter() - wall
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu + children.ru_utime + children.ru_stime
    return {
        "scripts": len(scripts),
        "seeds": seeds,
        "runs": runs,
        "expectations_held": held,
        "workers": os.cpu_count(),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "peak_worker_mb": round(children.ru_maxrss / 1024, 1),
    }


def scaling_actors(ticks: int) -> dict[str, float]:
    """CPU microseconds per tick with 10, 100 and 1000 civilians on one 100×100 map."""
    return {
        str(count): _per_tick_us(
            parse_level(generated_level_yaml(100, count).encode(), "gen.yaml"), ticks
        )
        for count in (10, 100, 1000)
    }


def scaling_map(ticks: int) -> dict[str, float]:
    """CPU microseconds per tick on maps of 50, 100, 200 and 400 tiles square (50 civilians each)."""
    return {
        f"{size}x{size}": _per_tick_us(
            parse_level(generated_level_yaml(size, 50).encode(), "gen.yaml"), ticks
        )
        for size in (50, 100, 200, 400)
    }


def campus_figure(minutes: int = 10) -> dict[str, object]:
    """A generated 300×200 campus with 600 civilians, run and scored in a fresh process."""
    return in_child("spawn", _campus_in_child, minutes)  # its peak memory is the campus run's alone


def _campus_in_child(minutes: int) -> dict[str, object]:
    from game.sessions.runner import run

    level = parse_level(generated_campus_yaml().encode(), "generated_campus.yaml")
    cpu = time.process_time()
    World(level, 1)
    setup = time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    result = run(level, seed=1, until=minutes * 60 * TICK_RATE)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "map": "300x200",
        "civilians": sum(group.count for group in level.civilians),
        "game_minutes": round(result.ticks / TICK_RATE / 60, 1),
        "setup_cpu_ms": round(setup * 1000, 1),
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "realtime_cpu": round(result.ticks / TICK_RATE / cpu),
        "realtime_wall": round(result.ticks / TICK_RATE / wall),
        "events": len(result.events),
        "shots": sum(1 for e in result.events if type(e).__name__ == "ShotFired"),
        "peak_rss_mb": peak_memory_mb(),
    }


def peak_memory_mb() -> float:
    """This process's peak resident memory since it started its program (MB)."""
    # On Linux the rusage peak carries over from before exec, so a spawned child would report the
    # parent's size at the fork: the kernel's high-water mark of this program's memory does not.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def soak(level: Level, minutes: int) -> dict[str, object]:
    """Run the largest level headless for a long time; report traced memory at the start and end."""
    tracemalloc.start()
    world = World(_without_time_limit(level), seed=1)
    for _ in range(600):
        world.step()
    early = tracemalloc.get_traced_memory()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(minutes * 60 * TICK_RATE - 600):
        world.step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    late, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "level": level.id,
        "game_minutes": minutes,
        "cpu_seconds": round(cpu, 2),
        "wall_seconds": round(wall, 2),
        "events": len(world.log),
        "memory_after_1_min_mb": round(early / 2**20, 2),
        "memory_at_end_mb": round(late / 2**20, 2),
        "growth_mb": round((late - early) / 2**20, 2),
        "growth_bound_mb": SOAK_GROWTH_BOUND_MB,
        "peak_traced_mb": round(peak / 2**20, 2),
    }


def review_headless(level: Level, seeks: int) -> dict[str, object]:
    """Seeking a ten-minute session of the largest level with the headless keyframes."""
    from game.sessions.review_bench import review_figures

    return review_figures(level, seeks)


def _without_time_limit(level: Level) -> Level:
    return replace(level, duration=10**9)


def _per_tick_us(level: Level, ticks: int) -> float:
    world = World(_without_time_limit(level), seed=1)
    for _ in range(20):
        world.step()
    cpu = time.process_time()
    for _ in range(ticks):
        world.step()
    return round((time.process_time() - cpu) / ticks * 1e6, 1)


def headless_lines(figures: dict[str, object]) -> list[str]:
    """The headless figures as readable lines."""
    lines: list[str] = []
    if "load" in figures:
        lines.append("Load and full check (ms CPU, best / median; wall best / median):")
        lines += [f"  {name:28} {_four(row)}" for name, row in figures["load"].items()]
    if "setup" in figures:
        lines.append(
            "World set-up from a loaded level (ms CPU, best / median; wall best / median):"
        )
        lines += [f"  {name:28} {_four(row)}" for name, row in figures["setup"].items()]
    if "headless" in figures:
        lines.append("Headless run and scoring of each level's doctrine script (× real time):")
        for name, row in figures["headless"].items():
            lines.append(
                f"  {name:28} CPU best {row['realtime_cpu_best']:>7,}  median "
                f"{row['realtime_cpu_median']:>7,}   wall best {row['realtime_wall_best']:>7,}  "
                f"median {row['realtime_wall_median']:>7,}"
            )
    if "batch" in figures:
        b = figures["batch"]
        lines.append(
            "Batch, every shipped script × seeds: "
            + (
                b["error"]
                if "error" in b
                else f"{b['scripts']} scripts × {b['seeds']} seeds = {b['runs']} runs on "
                f"{b['workers']} workers: {b['wall_s']} s wall, {b['cpu_s']} s CPU, peak worker "
                f"{b['peak_worker_mb']} MB; expectations held on {b['expectations_held']} runs"
            )
        )
    if "scaling" in figures:
        actors, maps = figures["scaling"]["actors"], figures["scaling"]["map"]
        lines.append("CPU per tick, civilians on a 100×100 map (µs):")
        lines += [f"  {k:>6} civilians {v:10.1f}" for k, v in actors.items()]
        lines.append("CPU per tick by map size, 50 civilians (µs):")
        lines += [f"  {k:>9} {v:10.1f}" for k, v in maps.items()]
    if "campus" in figures:
        c = figures["campus"]
        lines.append(
            "Generated campus: "
            + (
                c["error"]
                if "error" in c
                else f"{c['map']}, {c['civilians']} civilians, {c['game_minutes']} game minutes, "
                f"{c['shots']} shots: {c['realtime_cpu']:,}× real time CPU ({c['realtime_wall']:,}× "
                f"wall), set-up {c['setup_cpu_ms']} ms, peak {c['peak_rss_mb']} MB"
            )
        )
    if "soak" in figures:
        lines.append(f"Soak: {figures['soak']}")
    if "review" in figures:
        head = figures["review"]
        lines += [
            f"Review of a {head['session_minutes']}-minute session on {head['level']}: "
            f"{head['keyframes']} keyframes every {head['every_seconds']:g} s, "
            f"{head['keyframe_mb']} MB of keyframes ({head['held_mb']} MB held with the shared "
            f"objects), built in {head['build_cpu_s']} s CPU ({head['build_s']} s wall)",
            f"  seek, headless (ms): {head['seek']}",
        ]
    return lines


def _four(row: dict[str, float]) -> str:
    return (
        f"{row['cpu_best_ms']:9.2f} {row['cpu_median_ms']:9.2f}   "
        f"{row['wall_best_ms']:9.2f} {row['wall_median_ms']:9.2f}"
    )
