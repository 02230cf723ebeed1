"""The HUD panel is kept as a picture and copied to the screen: what the trainee sees is exactly the
panel drawn straight, the clock keeps time, and anything that changes shows at once."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.client import hud_panel
from game.client.hud import HudState, draw_hud
from game.client.hud_panel import HudPanel
from game.client.text import Fonts, recording_text

RECT = pygame.Rect(900, 0, 380, 760)


def state(**changes) -> HudState:
    base = HudState(
        "Wing A",
        61.3,
        "Hallway, east wing",
        "Ground floor",
        [("Dress", "uniform"), ("Weapon", "handgun, DRAWN"), ("Position", "in the open, running")],
        ["0:05 Dispatch: shots fired, east wing", "0:09 You: initial report sent"],
        [("WASD", "Move"), ("R", "Radio")],
    )
    return replace(base, **changes)


def straight(screen: pygame.Surface, fonts: Fonts, shown: HudState) -> bytes:
    screen.fill((0, 0, 0))
    draw_hud(screen, RECT, fonts, shown)
    return pygame.image.tobytes(screen.subsurface(RECT), "RGB")


def kept(screen: pygame.Surface, panel: HudPanel, fonts: Fonts, shown: HudState) -> bytes:
    screen.fill((0, 0, 0))
    panel.draw(screen, RECT, fonts, shown)
    return pygame.image.tobytes(screen.subsurface(RECT), "RGB")


def test_the_kept_panel_is_the_panel_drawn_straight_as_the_run_goes_on(screen):
    fonts, panel = Fonts(1.0), HudPanel()
    moments = [
        state(),
        state(seconds=61.9),  # the same second
        state(seconds=62.0),  # the clock's line alone changes
        state(seconds=125.4, status=[("Condition", "HIT: wounded, still able")]),
        state(seconds=125.4, place="Room 104"),
        state(seconds=126.0, radio_log=[*state().radio_log, "0:12 You: entering east doors"]),
        state(seconds=126.0, log_scroll=1),
    ]
    for shown in moments:
        assert kept(screen, panel, fonts, shown) == straight(screen, fonts, shown), shown


def test_a_tick_that_changes_nothing_shown_does_not_draw_the_panel_again(screen, monkeypatch):
    fonts, panel = Fonts(1.0), HudPanel()
    drawn = []
    real = hud_panel.draw_hud
    monkeypatch.setattr(hud_panel, "draw_hud", lambda *a, **k: drawn.append(1) or real(*a, **k))
    for tenth in range(10):
        panel.draw(screen, RECT, fonts, state(seconds=61.0 + tenth / 10))
    assert len(drawn) == 1
    panel.draw(screen, RECT, fonts, state(seconds=63.0, place="Stairs"))
    assert len(drawn) == 2


def test_the_radio_log_area_is_on_the_screen_where_the_straight_panel_puts_it(screen):
    fonts, panel = Fonts(1.0), HudPanel()
    shown = state()
    assert panel.draw(screen, RECT, fonts, shown) == draw_hud(screen, RECT, fonts, shown)
    assert panel.draw(screen, RECT, fonts, shown) == draw_hud(screen, RECT, fonts, shown)


def test_the_panels_words_are_recorded_when_the_screen_text_is_checked(screen):
    fonts, panel = Fonts(1.0), HudPanel()
    panel.draw(screen, RECT, fonts, state())  # kept as a picture first
    with recording_text() as boxes:
        panel.draw(screen, RECT, fonts, state())
    words = {box.text for box in boxes}
    assert "TIME SINCE DISPATCH" in words and "1:01" in words
    assert all(RECT.contains(box.rect) for box in boxes)


def test_the_radio_composer_open_in_the_panel_is_drawn_every_frame(screen):
    fonts, panel = Fonts(1.0), HudPanel()
    calls = []

    class Composer:
        def draw(self, surface, rect, fonts) -> None:
            calls.append(rect)

    for _ in range(3):
        panel.draw(screen, RECT, fonts, state(), Composer())
    assert len(calls) == 3
