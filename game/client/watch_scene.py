"""`play LEVEL --watch`: the level reloads each time its file is saved, on the same seed and variant."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.client import palette
from game.client.routes import ToBriefing, ToPlay, ToQuit
from game.client.scene import Context, Next, Scene
from game.client.text import draw_text
from game.core.level import Level
from game.core.world import World
from game.levels.errors import LevelError
from game.levels.loader import load_level
from game.levels.watch import POLL_SECONDS, FileWatch
from game.sessions.variants import applicable_choices

NOTICE_SECONDS = 4.0
MAX_SHOWN = 12
"""How many problems the overlay lists (the rest are counted)."""


class WatchScene:
    """Wraps the scene being played and swaps in a fresh run of the level when its file changes.

    `follow` is the app's way from a scene's answer to the next scene (only the app builds scenes).
    """

    def __init__(
        self,
        context: Context,
        inner: Scene,
        path: str,
        seed: int,
        follow: Callable[[Scene, Next], Scene | None],
    ) -> None:
        self.context = context
        self.inner = inner
        self.follow = follow
        self.path = path
        self.seed = seed
        self.watch = FileWatch(lambda: [path])
        self.since_poll = 0.0
        self.problems: list[str] = []
        self.notice = f"Watching {Path(path).name}: save it to reload (seed {seed})"
        self.notice_left = NOTICE_SECONDS

    def handle(self, event: pygame.event.Event) -> Next:
        """Pass the event on; keep watching whatever scene comes next."""
        return self._follow(self.inner.handle(event))

    def update(self, dt: float) -> Next:
        """Look at the file now and then; reload it when it changed; then update the scene."""
        self.since_poll += dt
        self.notice_left = max(0.0, self.notice_left - dt)
        if self.since_poll >= POLL_SECONDS:
            self.since_poll = 0.0
            if self.watch.changed():
                self.reload()
        return self._follow(self.inner.update(dt))

    def reload(self) -> None:
        """Load the file again: a new run on the same seed, or the problems shown over the old one."""
        try:
            level = load_level(self.path)
        except LevelError as error:
            self.problems = [str(problem) for problem in error.problems]
            return
        except OSError as error:
            self.problems = [f"{self.path}: cannot read the level: {error}"]
            return
        self.problems = []
        self.inner = self._fresh(level)
        self.notice = (
            f"Reloaded {Path(self.path).name} at {time.strftime('%H:%M:%S')} (seed {self.seed})"
        )
        self.notice_left = NOTICE_SECONDS

    def draw(self, surface: pygame.Surface) -> None:
        """The scene, with the reload notice or the level's problems on top."""
        self.inner.draw(surface)
        fonts = self.context.fonts
        if self.problems:
            small = fonts.get("small")
            line_h = fonts.line_height("small")
            shown = self.problems[:MAX_SHOWN]
            more = len(self.problems) - len(shown)
            lines = [
                f"{Path(self.path).name} has problems; fix and save (the last good version keeps running):"
            ]
            lines += shown + ([f"... and {more} more"] if more else [])
            box = pygame.Rect(10, 10, surface.get_width() - 20, line_h * len(lines) + 16)
            shade = pygame.Surface(box.size, pygame.SRCALPHA)
            shade.fill((*palette.BACKGROUND, 235))
            surface.blit(shade, box)
            pygame.draw.rect(surface, palette.WARNING, box, 2)
            for index, line in enumerate(lines):
                colour = palette.WARNING if index == 0 else palette.TEXT
                draw_text(surface, small, line, (box.x + 8, box.y + 8 + index * line_h), colour)
        elif self.notice_left > 0:
            draw_text(
                surface,
                fonts.get("small"),
                self.notice,
                (surface.get_width() - 10, surface.get_height() - 8),
                palette.HIGHLIGHT,
                "bottomright",
            )

    def _follow(self, following: Next) -> Next:
        """Quit ends the program; any other next scene is watched in turn."""
        scene = self.follow(self.inner, following)
        if scene is None:
            return ToQuit()
        self.inner = scene
        return None

    def _fresh(self, level: Level) -> Scene:
        """A new run of the level: back into play if playing, else its briefing."""
        from game.client.scenes.play import PlayScene

        if isinstance(self.inner, PlayScene):
            world = World(level, self.seed, applicable_choices(self.context.variant, level))
            route: object = ToPlay(level, self.seed, world)
        else:
            route = ToBriefing(level, self.seed)
        return self.follow(self.inner, route) or self.inner
