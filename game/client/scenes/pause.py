"""The pause overlay: the play view stays behind; resume, toggle pause-to-plan, end the run or leave."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.routes import ToMenu
from game.client.scene import Context, Next
from game.client.text import draw_text, fit, recording_text

OPTIONS = ("Resume", "Pause-to-plan mode", "End scenario and debrief", "Leave to menu")


class PauseScene:
    """The clock is stopped while this is shown."""

    def __init__(self, context: Context, play) -> None:
        self.context = context
        self.play = play
        self.selected = 0

    def handle(self, event: pygame.event.Event) -> Next:
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

    def choose(self, option: str) -> Next:
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
        return ToMenu()

    def resume(self) -> Next:
        """Back to the run, without a jump in time."""
        self.play.loop.reset()
        return self.play

    def update(self, dt: float) -> Next:
        """The world does not move while paused."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """The play view dimmed, with the menu on top."""
        with recording_text():
            # The run shows dimmed behind the menu; only the menu's own text is read on this screen.
            self.play.draw(surface)
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, (0, 0))
        fonts = self.context.fonts
        body = fonts.get("body")
        texts = [self._label(o) for o in OPTIONS]
        row = fonts.line_height("body") + 12
        width = max(body.size("> " + t)[0] for t in texts) + 48
        width = min(max(width, fonts.width("heading", "Paused") + 48), surface.get_width() - 40)
        box = pygame.Rect(0, 0, width, fonts.line_height("heading") + 40 + row * len(OPTIONS))
        box.center = surface.get_rect().center
        surface.fill(palette.PANEL, box)
        pygame.draw.rect(surface, palette.ACCENT, box, 2)
        draw_text(surface, fonts.get("heading"), "Paused", (box.x + 24, box.y + 14), palette.ACCENT)
        y = box.y + 24 + fonts.line_height("heading")
        for index, text in enumerate(texts):
            colour = palette.TEXT if index == self.selected else palette.TEXT_DIM
            prefix = "> " if index == self.selected else "  "
            draw_text(surface, body, fit(body, prefix + text, box.w - 48), (box.x + 24, y), colour)
            y += row

    def _label(self, option: str) -> str:
        if option == "Pause-to-plan mode":
            return option + ": " + ("on" if self.context.settings.plan_mode else "off")
        return option
