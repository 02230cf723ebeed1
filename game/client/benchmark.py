"""Frame-time measurement of the real play view, for `python main.py bench` (no window needed)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pygame

from game.client.scene import Context
from game.client.settings import Settings
from game.client.sound import SoundBank
from game.client.text import Fonts
from game.core.commands import AdvanceToGunfire, DrawWeapon, SetPace
from game.core.level import Level

FRAME_SECONDS = 1 / 60


def frame_times(
    level: Level, seconds: int = 60, size: tuple[int, int] = (1280, 720)
) -> list[float]:
    """Milliseconds to update and draw each frame of a scripted stretch of play, one per frame."""
    from game.client.scenes.play import PlayScene

    pygame.init()
    try:
        screen = pygame.display.set_mode(size)
        with tempfile.TemporaryDirectory() as config:
            context = Context(Settings(), Fonts(1.0), SoundBank(0.0), config=Path(config))
            scene = PlayScene(context, level, seed=1)
            scene.pending += [DrawWeapon(), SetPace("run")]
            times = []
            for frame in range(seconds * 60):
                if frame % 120 == 0:
                    scene.pending.append(AdvanceToGunfire())
                start = time.perf_counter()
                scene.update(FRAME_SECONDS)
                if scene.world.finished:
                    scene = PlayScene(context, level, seed=frame)
                scene.draw(screen)
                pygame.display.flip()
                times.append((time.perf_counter() - start) * 1000)
            return times
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
