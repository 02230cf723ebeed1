"""The client's entry point: check the pygame distribution, open the window, and run the scene loop."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pygame

from game.client.scene import Context, Quit, Scene

FPS = 60
FIX_DISTRIBUTION = (
    "This game needs pygame-ce, but the other 'pygame' distribution is installed and shadows it.\n"
    "Fix it with:\n"
    "    pip uninstall pygame pygame-ce && pip install -r requirements.txt"
)


def check_distribution() -> str:
    """'' when pygame-ce is the pygame in use, else how to fix the installation."""
    return "" if getattr(pygame, "IS_CE", False) else FIX_DISTRIBUTION


def play(
    level_path: str | None = None,
    seed: int | None = None,
    fullscreen: bool = False,
    variant: list[str] | None = None,
    watch: bool = False,
) -> int:
    """Open the window: the menu, or one level's briefing; returns the exit status.

    `variant` fixes variant choices ("group=option"); `watch` reloads the level when its file is saved.
    """
    problem = check_distribution()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if (watch or variant) and level_path is None:
        print("play: --watch and --variant need a level file", file=sys.stderr)
        return 2
    from game.client.settings import load_settings
    from game.client.sound import SoundBank
    from game.client.text import Fonts

    settings = load_settings()
    first: Scene
    level = None
    if level_path is not None:
        from game.levels.errors import LevelError
        from game.levels.loader import load_level

        try:
            level = load_level(level_path)
        except LevelError as error:
            print(str(error), file=sys.stderr)
            return 2
        except OSError as error:
            print(f"{level_path}: cannot read the level: {error}", file=sys.stderr)
            return 2
    chosen: dict[str, str] = {}
    if level is not None and variant:
        from game.sessions.variants import parse_variant_choices

        try:
            chosen = parse_variant_choices(variant, level)
        except ValueError as error:
            print(f"play: --variant: {error}", file=sys.stderr)
            return 2
    pygame.init()
    try:
        screen = open_window(settings.window, fullscreen or settings.fullscreen)
        pygame.display.set_caption("Rapid Response Trainer")
        context = Context(settings, Fonts(settings.text_size), SoundBank(settings.volume))
        context.levels_dir = Path(level_path).parent if level_path else _levels_dir()
        context.variant = chosen
        if level is not None:
            from game.client.scenes.briefing import BriefingScene

            seed = seed if seed is not None else new_seed()
            first = BriefingScene(context, level, seed)
            if watch:
                from game.client.watch_scene import WatchScene

                first = WatchScene(context, first, level_path, seed)
        else:
            from game.client.scenes.menu import MenuScene

            first = MenuScene(context)
        from game.client.scenes.profile import ProfileScene

        first = ProfileScene(context, first)  # who is training: asked before anything is recorded
        # The benchmark of start-up time stops after the first drawn frame.
        run(first, screen, max_frames=1 if os.environ.get("RRT_EXIT_AFTER_FIRST_FRAME") else None)
    finally:
        pygame.quit()
    return 0


def _levels_dir() -> Path:
    """The levels the menu lists: ./levels when run from a checkout, else the shipped ones."""
    from game.levels.folders import levels_dir

    here = Path("levels")
    return here if here.is_dir() else levels_dir()


def open_window(size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
    """The window (or full screen) at a size."""
    flags = pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE
    return pygame.display.set_mode((0, 0) if fullscreen else size, flags)


def new_seed() -> int:
    """A fresh variation seed."""
    return random.randrange(1, 1_000_000)


def run(
    scene: Scene,
    screen: pygame.Surface,
    events: Callable[[], Iterable[pygame.event.Event]] = pygame.event.get,
    max_frames: int | None = None,
    frame_seconds: float | None = None,
    flip: bool = True,
) -> Scene:
    """The frame loop: events, update, draw, 60 frames a second; returns the last scene."""
    clock = pygame.time.Clock()
    frames = 0
    while not isinstance(scene, Quit):
        if max_frames is not None and frames >= max_frames:
            break
        dt = clock.tick(FPS) / 1000.0 if frame_seconds is None else frame_seconds
        frames += 1
        for event in events():
            if event.type == pygame.QUIT:
                return Quit()
            if event.type == pygame.VIDEORESIZE and flip:
                screen = pygame.display.get_surface() or screen
            following = scene.handle(event)
            if following is not None:
                scene = following
                if isinstance(scene, Quit):
                    return scene
        following = scene.update(min(dt, 0.25))
        if following is not None:
            scene = following
            continue
        scene.draw(screen)
        if flip and pygame.display.get_surface() is not None:
            pygame.display.flip()
    return scene
