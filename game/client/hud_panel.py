"""The HUD panel kept as a picture: copied to the screen each frame, drawn again only when what it
shows changes."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.client import palette
from game.client.hud import HudState, clock_area, draw_clock, draw_hud
from game.client.text import Fonts, recording
from game.core.clock import clock_text


class HudPanel:
    """The side panel of play, drawn into a picture of its own and copied to the screen. It is drawn
    again when anything it shows changes: the clock's whole seconds, the place, a status, a radio
    line, the keys at hand, the scroll, the size or the text size. Drawn straight onto the screen
    while the radio composer is open in it, or while the text drawn is being recorded."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._picture: pygame.Surface | None = None
        self._log = pygame.Rect(0, 0, 0, 0)
        self._clock = ""

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        fonts: Fonts,
        state: HudState,
        radio: object = None,
    ) -> pygame.Rect:
        """Draw the panel (see `draw_hud`); returns the radio log's area on the screen."""
        if radio is not None or recording():
            self._key = None
            return draw_hud(surface, rect, fonts, state, radio)
        # The clock shows whole seconds: a tick that changes nothing else changes nothing drawn,
        # and a second that passes changes the clock's line alone.
        key = (rect.size, id(fonts), fonts.scale, replace(state, seconds=0.0))
        clock = clock_text(state.seconds)
        picture = self._picture
        if picture is None or key != self._key:
            picture = self._picture = pygame.Surface(rect.size, 0, surface)
            self._log = draw_hud(picture, picture.get_rect(), fonts, state)
            self._key, self._clock = key, clock
        elif clock != self._clock:
            whole = picture.get_rect()
            picture.fill(palette.PANEL, clock_area(whole, fonts))
            draw_clock(picture, whole, fonts, state.seconds)
            self._clock = clock
        surface.blit(picture, rect)
        return self._log.move(rect.topleft)
