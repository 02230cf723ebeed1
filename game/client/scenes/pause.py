"""The pause overlay: the play view stays behind; resume, toggle pause-to-plan, end the run or leave."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.scene import Context, Scene
from game.client.text import draw_text

OPTIONS = ("Resume", "Pause-to-plan mode", "End scenario and debrief", "Leave to menu")


class PauseScene:
    """The clock is stopped while this is shown."""

    def __init__(self, context: Context, play) -> None:
        self.context = context
        self.play = play
        self.selected = 0

    def handle(self, event: pygame.event.Event) -> Scene | None:
        """Up/Down and Enter, or Esc to resume."""
        if event.type != pygame.KEYDOWN:
            return None
        if event.key == pygame.K_ESCAPE:
            return self.resume()
        if event.key in (pygame.K_DOWN, pygame.K_s):
            self.selected = (self.selected + 1) % len(OPTIONS)
        elif event.key in (pygame.K_UP, pygame.K_w):
            self.selected = (self.selected - 1) % len(OPTIONS)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.choose(OPTIONS[self.selected])
        return None

    def choose(self, option: str) -> Scene | None:
        """Carry out one option."""
        if option == "Resume":
            return self.resume()
        if option == "Pause-to-plan mode":
            self.context.settings.plan_mode = not self.context.settings.plan_mode
            self.context.save_settings()
            return None
        if option == "End scenario and debrief":
            self.play.end_now()
            return self.play.debrief()
        from game.client.scenes.menu import MenuScene

        return MenuScene(self.context)

    def resume(self) -> Scene:
        """Back to the run, without a jump in time."""
        self.play.loop.reset()
        return self.play

    def update(self, dt: float) -> Scene | None:
        """The world does not move while paused."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """The play view dimmed, with the menu on top."""
        self.play.draw(surface)
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, (0, 0))
        fonts = self.context.fonts
        box = pygame.Rect(0, 0, 520, 80 + len(OPTIONS) * 44)
        box.center = surface.get_rect().center
        surface.fill(palette.PANEL, box)
        pygame.draw.rect(surface, palette.ACCENT, box, 2)
        draw_text(surface, fonts.get("heading"), "Paused", (box.x + 24, box.y + 16), palette.ACCENT)
        y = box.y + 64
        for index, option in enumerate(OPTIONS):
            text = option
            if option == "Pause-to-plan mode":
                text += ": " + ("on" if self.context.settings.plan_mode else "off")
            colour = palette.TEXT if index == self.selected else palette.TEXT_DIM
            prefix = "> " if index == self.selected else "  "
            draw_text(surface, fonts.get("body"), prefix + text, (box.x + 24, y), colour)
            y += 44
