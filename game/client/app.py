"""The client's entry point: check the pygame distribution and the display, open the window, and run
the scene loop. The one place that builds scenes: scenes return routes (see `routes.py`)."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pygame

from game.client.routes import (
    ToBriefing,
    ToDebrief,
    ToHistory,
    ToMenu,
    ToPause,
    ToPlay,
    ToProfile,
    ToQuit,
    ToReview,
    ToSettings,
)
from game.client.scene import Context, Next, Scene

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
    from game.client.window import NoDisplay, open_window, start_display

    settings = load_settings()
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
    try:
        start_display()
    except NoDisplay as error:
        print(str(error), file=sys.stderr)
        return 2
    pygame.font.init()
    try:
        screen = open_window(settings.window, fullscreen or settings.fullscreen)
        context = Context(settings, Fonts(settings.text_size), SoundBank(settings.volume))
        context.levels_dir = Path(level_path).parent if level_path else _levels_dir()
        context.variant = chosen
        if level is not None:
            seed = seed if seed is not None else new_seed()
        first = build(ToBriefing(level, seed) if level is not None else ToMenu(), context)
        if watch and level is not None:
            from game.client.watch_scene import WatchScene

            first = WatchScene(
                context, first, level_path, seed, lambda now, nxt: follow(now, nxt, context)
            )
        # who is training: asked before anything is recorded
        first = build(ToProfile(first), context)
        # The benchmark of start-up time stops after the first drawn frame.
        run(first, screen, max_frames=1 if os.environ.get("RRT_EXIT_AFTER_FIRST_FRAME") else None)
    finally:
        pygame.quit()
    return 0


def review(path: str, at: int = 0, perspective: str = "truth", fullscreen: bool = False) -> int:
    """Open the after-action review of a saved session; returns the exit status (2: a bad file)."""
    problem = check_distribution()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from game.client.settings import load_settings
    from game.client.sound import SoundBank
    from game.client.text import Fonts
    from game.client.window import NoDisplay, open_window, start_display
    from game.levels.errors import LevelError
    from game.sessions.review import open_review

    try:
        session = open_review(path)
    except LevelError as error:
        print(str(error), file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 2
    settings = load_settings()
    try:
        start_display()
    except NoDisplay as error:
        print(str(error), file=sys.stderr)
        return 2
    pygame.font.init()
    try:
        screen = open_window(settings.window, fullscreen or settings.fullscreen)
        context = Context(settings, Fonts(settings.text_size), SoundBank(settings.volume))
        context.levels_dir = Path(session.level.source_path).parent
        first = build(ToReview(session, None, at, perspective), context)
        run(first, screen, max_frames=1 if os.environ.get("RRT_EXIT_AFTER_FIRST_FRAME") else None)
    finally:
        pygame.quit()
    return 0


def _levels_dir() -> Path:
    """The levels the menu lists: ./levels when run from a checkout, else the shipped ones."""
    from game.levels.folders import levels_dir

    here = Path("levels")
    return here if here.is_dir() else levels_dir()


def new_seed() -> int:
    """A fresh variation seed."""
    return random.randrange(1, 1_000_000)


def _menu(context: Context, route: ToMenu) -> Scene:
    from game.client.scenes.menu import MenuScene

    return MenuScene(context)


def _briefing(context: Context, route: ToBriefing) -> Scene:
    from game.client.scenes.briefing import BriefingScene

    seed = route.seed if route.seed is not None else new_seed()
    return BriefingScene(context, route.level, seed)


def _play(context: Context, route: ToPlay) -> Scene:
    from game.client.scenes.play import PlayScene

    return PlayScene(context, route.level, route.seed, route.world, route.branch, route.seen)


def _pause(context: Context, route: ToPause) -> Scene:
    from game.client.scenes.pause import PauseScene

    return PauseScene(context, route.play)


def _debrief(context: Context, route: ToDebrief) -> Scene:
    from game.client.scenes.debrief import DebriefScene

    return DebriefScene(
        context,
        route.level,
        route.seed,
        route.world,
        route.recorder,
        branch=route.branch,
        replay_path=route.replay_path,
        back=route.back,
        notes=route.notes,
    )


def _settings(context: Context, route: ToSettings) -> Scene:
    from game.client.scenes.settings_scene import SettingsScene

    return SettingsScene(context, route.back)


def _profile(context: Context, route: ToProfile) -> Scene:
    from game.client.scenes.profile import ProfileScene

    return ProfileScene(context, route.then)


def _history(context: Context, route: ToHistory) -> Scene:
    from game.client.scenes.history import HistoryScene

    return HistoryScene(context, route.trainee, route.back)


def _review(context: Context, route: ToReview) -> Scene:
    from game.client.scenes.review import ReviewScene

    return ReviewScene(context, route.review, route.back, route.start, route.perspective)


SCENE_BUILDERS: dict[type, Callable[[Context, object], Scene]] = {
    ToMenu: _menu,
    ToBriefing: _briefing,
    ToPlay: _play,
    ToPause: _pause,
    ToDebrief: _debrief,
    ToSettings: _settings,
    ToProfile: _profile,
    ToHistory: _history,
    ToReview: _review,
}
"""Route type -> the function that builds its scene. A new scene adds one line here."""


def build(route: object, context: Context) -> Scene:
    """The scene a route asks for."""
    return SCENE_BUILDERS[type(route)](context, route)


def follow(current: Scene, following: Next, context: Context) -> Scene | None:
    """The scene to show after `current` returned `following` (None: quit)."""
    if following is None:
        return current
    if isinstance(following, ToQuit):
        return None
    if type(following) in SCENE_BUILDERS:
        return build(following, context)
    return following


def run(
    scene: Scene,
    screen: pygame.Surface,
    events: Callable[[], Iterable[pygame.event.Event]] = pygame.event.get,
    max_frames: int | None = None,
    frame_seconds: float | None = None,
    flip: bool = True,
) -> Scene | ToQuit:
    """The frame loop: events, update, draw, 60 frames a second; returns the last scene (ToQuit on quit)."""
    context = scene.context
    clock = pygame.time.Clock()
    frames = 0
    while max_frames is None or frames < max_frames:
        dt = clock.tick(FPS) / 1000.0 if frame_seconds is None else frame_seconds
        frames += 1
        for event in events():
            if event.type == pygame.QUIT:
                return ToQuit()
            if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED) and flip:
                screen = pygame.display.get_surface() or screen
            following = follow(scene, scene.handle(event), context)
            if following is None:
                return ToQuit()
            scene = following
            context = getattr(scene, "context", context)
        following = follow(scene, scene.update(min(dt, 0.25)), context)
        if following is None:
            return ToQuit()
        if following is not scene:
            scene = following
            continue
        if flip:
            screen = pygame.display.get_surface() or screen
        scene.draw(screen)
        if flip and pygame.display.get_surface() is not None:
            pygame.display.flip()
    return scene
