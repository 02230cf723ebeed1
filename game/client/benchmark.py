"""The client half of `python main.py bench`: frame times of the real play view, start-up to the
first frame, and the review viewer's seeks (under the dummy video driver: no window needed)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.client.scene import Context
from game.client.settings import Settings
from game.client.sound import SoundBank
from game.client.text import Fonts
from game.core.commands import AdvanceToGunfire, DrawWeapon, SetPace
from game.core.level import Level
from game.sessions.bench import in_child

FRAME_SECONDS = 1 / 60


def client_benchmarks(level: Level, quick: bool = False) -> dict[str, object]:
    """Frame times, start-up and the review viewer on a level (the largest, for the README)."""
    # Frames and seeks each in a fresh process, as the game runs them: in this one, everything
    # measured so far would lengthen every garbage collection.
    return {
        "frame_ms": in_child("spawn", frame_figures, level, 15 if quick else 60),
        "startup_ms": startup_figure(level, repeats=1 if quick else 3),
        "review_viewer": in_child("spawn", review_seek_times, level, 50 if quick else 200),
    }


def frame_figures(level: Level, seconds: int) -> dict[str, object]:
    """Median, p95, p99 and worst milliseconds per frame of play at 1280×720, CPU and wall, and the
    worst first frame of a scene, which play frames leave out (a new scene's first frame is where
    anything not prepared beforehand would show)."""
    frames = frame_times(level, seconds=seconds, size=(1280, 720))
    play = [f for f in frames if not f.first]
    return {
        "level": level.id,
        "frames": len(play),
        "cpu": _spread([f.cpu_ms for f in play]),
        "wall": _spread([f.wall_ms for f in play]),
        "first_frame_cpu": round(max(f.cpu_ms for f in frames if f.first), 2),
    }


def _spread(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median": round(statistics.median(ordered), 2),
        "p95": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "p99": round(ordered[int(len(ordered) * 0.99) - 1], 2),
        "worst": round(ordered[-1], 2),
    }


def startup_figure(level: Level, repeats: int) -> dict[str, object]:
    """Milliseconds from process start to the first drawn frame of a level (best and median)."""
    env = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", RRT_EXIT_AFTER_FIRST_FRAME="1"
    )
    main = Path(__file__).resolve().parents[2] / "main.py"
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(main), "play", level.source_path, "--seed", "1"],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            return {"error": done.stderr.decode(errors="replace")[-300:]}
        times.append((time.perf_counter() - start) * 1000)
    return {
        "level": level.id,
        "best": round(min(times), 1),
        "median": round(statistics.median(times), 1),
    }


def client_lines(figures: dict[str, object]) -> list[str]:
    """The client's figures as readable lines."""
    frame = figures["frame_ms"]
    lines = [
        f"Frame at 1280×720 on {frame['level']}, {frame['frames']} frames of play (ms, median / p95 / p99 / worst):",
        "  CPU  " + " / ".join(f"{frame['cpu'][k]:.2f}" for k in ("median", "p95", "p99", "worst")),
        "  wall "
        + " / ".join(f"{frame['wall'][k]:.2f}" for k in ("median", "p95", "p99", "worst")),
        f"  a scene's first frame, worst: {frame['first_frame_cpu']:.2f} CPU",
        f"Start-up to first frame (ms): {figures['startup_ms']}",
    ]
    viewer = figures["review_viewer"]
    if "error" in viewer:  # its measuring process failed: say so, not a traceback of the report
        return [*lines, f"Review viewer: {viewer['error']}"]
    lines.append(
        f"Review viewer: {viewer['keyframes']} keyframes, {viewer['keyframe_mb']} MB, prepared in "
        f"{viewer['build_cpu_s']} s CPU ({viewer['build_s']} s wall)"
    )
    lines.append(f"  seek, viewer (ms): {viewer['seek']}")
    lines.append(f"  seek and draw, viewer (ms): {viewer['seek_and_draw']}")
    return lines


@dataclass(frozen=True, slots=True)
class FrameTime:
    """One frame's update and draw: CPU and wall milliseconds, and whether it was a scene's first."""

    cpu_ms: float
    wall_ms: float
    first: bool


def frame_times(
    level: Level, seconds: int = 60, size: tuple[int, int] = (1280, 720)
) -> list[FrameTime]:
    """The time to update and draw each frame of a scripted stretch of play. When a run ends, the
    next one starts on the following frame (its scene made between frames, as the Retry button
    makes it behind the debrief)."""
    from game.client.scenes.play import PlayScene

    pygame.init()
    try:
        screen = pygame.display.set_mode(size)
        with tempfile.TemporaryDirectory() as config:
            context = Context(Settings(), Fonts(1.0), SoundBank(0.0), config=Path(config))
            scene, first = PlayScene(context, level, seed=1), True
            scene.pending += [DrawWeapon(), SetPace("run")]
            frames = []
            for frame in range(seconds * 60):
                if frame % 120 == 0:
                    scene.pending.append(AdvanceToGunfire())
                start, cpu = time.perf_counter(), time.process_time()
                scene.update(FRAME_SECONDS)
                scene.draw(screen)
                pygame.display.flip()
                cpu_ms = (time.process_time() - cpu) * 1000
                frames.append(FrameTime(cpu_ms, (time.perf_counter() - start) * 1000, first))
                first = False
                if scene.world.finished:
                    scene, first = PlayScene(context, level, seed=frame), True
                    scene.pending += [DrawWeapon(), SetPace("run")]
            return frames
    finally:
        pygame.quit()


def review_seek_times(level: Level, seeks: int = 200, size: tuple[int, int] = (1280, 720)) -> dict:
    """The review viewer on a ten-minute session: its preparation, then seeks alone and seeks drawn."""
    from game.client.app import build
    from game.client.routes import ToReview
    from game.sessions.review_bench import seek_ticks, timed, tour_review

    pygame.init()
    try:
        screen = pygame.display.set_mode(size)
        with tempfile.TemporaryDirectory() as config:
            context = Context(Settings(), Fonts(1.0), SoundBank(0.0), config=Path(config))
            scene = build(ToReview(tour_review(level), None, 0, "trainee"), context)
            scene.prepare()
            keys = scene.keys
            ticks = seek_ticks(keys, seeks)

            def seek_and_draw(tick: int) -> None:
                scene.seek(tick)
                scene.draw(screen)

            return {
                "keyframes": len(keys.frames),
                "keyframe_mb": round(keys.memory_bytes / 2**20, 2),
                "build_s": round(keys.build_seconds, 2),
                "build_cpu_s": round(keys.build_cpu_seconds, 2),
                "seek": timed(scene.seek, ticks),
                "seek_and_draw": timed(seek_and_draw, ticks),
            }
    finally:
        pygame.quit()
