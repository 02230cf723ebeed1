"""Every scene fits every common screen: from 1024×700 to 1920×1080 with text at 100–150 %, no text
box overlaps another, none leaves the screen or the area it belongs to. The text boxes each frame
draws are recorded and checked, and each frame is saved as a real screenshot and looked at."""

from __future__ import annotations

import pygame
import pytest
from client_driving import frame_text, good_commands, layout_problems, load, make_context

from game.client import palette
from game.client.app import build
from game.client.level_list import list_levels
from game.client.routes import ToBriefing, ToHistory, ToPause, ToPlay, ToProfile, ToSettings
from game.client.scenes.menu import MenuScene
from game.client.window import DEFAULT_WINDOW, WINDOW_SIZES
from game.core.world import World

SIZES = [((1024, 700), 1.5), ((1280, 720), 1.25), ((1920, 1080), 1.0)]
"""The smallest screen with the largest text, the default window, the largest screen."""
IDS = [f"{w}x{h}-{round(s * 100)}%" for (w, h), s in SIZES]


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    from client_driving import LEVELS

    return list_levels(LEVELS)


def check(scene, screen, tmp_path, name: str) -> list[str]:
    """Draw a frame: its text layout problems, after saving and inspecting the screenshot."""
    boxes = frame_text(scene, screen)
    path = tmp_path / f"{name}.bmp"  # a real screenshot file (BMP: PNG compression is slow)
    pygame.image.save(screen, str(path))
    shot = pygame.image.load(str(path))
    assert boxes, f"{name}: no text drawn"
    # the screenshot really shows the text: bright pixels inside the first few text boxes
    lit = 0
    for box in boxes[:5]:
        area = box.rect.clip(shot.get_rect())
        lit += sum(
            1
            for x in range(area.left, area.right, 2)
            for y in range(area.top, area.bottom, 2)
            if sum(shot.get_at((x, y))[:3]) > 300
        )
    assert lit > 10, f"{name}: text boxes recorded but nothing visible there"
    if not name.startswith(
        ("menu", "settings", "briefing", "profile", "history")
    ):  # "Trainee:" there names the profile
        assert not [b.text for b in boxes if "trainee" in b.text.lower()], "the trainee's id"
    return [f"{name}: {problem}" for problem in layout_problems(boxes, screen)]


def busy_play(context, name: str = "plainclothes_hallway", ticks: int = 200):
    """A run some way in: people in sight, captions, radio traffic."""
    level = load(name)
    play = build(ToPlay(level, 4, World(level, 4)), context)
    commands = good_commands(name, 4, ticks)
    for _ in range(ticks):
        play.pending += commands.get(play.world.tick, [])
        play.tick()
        if play.world.finished:
            break
    play.mouse = (5, 5)
    return play


@pytest.mark.parametrize(("size", "scale"), SIZES, ids=IDS)
def test_menu_briefing_settings_fit(size, scale, tmp_path, entries):
    context, screen = make_context(tmp_path, size, scale)
    menu = MenuScene(context, entries)
    problems = []
    context.saves.append("Could not save settings: a long message about a disk that is full " * 2)
    problems += check(menu, screen, tmp_path, "menu")
    menu.selected = len(entries) - 1
    problems += check(menu, screen, tmp_path, "menu-last")
    for name in ("orientation", "off_duty"):
        briefing = build(ToBriefing(load(name), 5), context)
        problems += check(briefing, screen, tmp_path, f"briefing-{name}")
        briefing.scroll = 10**6
        problems += check(briefing, screen, tmp_path, f"briefing-{name}-end")
    problems += check(build(ToProfile(menu), context), screen, tmp_path, "profile")
    problems += check(build(ToHistory(None, menu), context), screen, tmp_path, "history")
    settings = build(ToSettings(menu), context)
    problems += check(settings, screen, tmp_path, "settings")
    settings.selected = len(settings.rows) - 1
    problems += check(settings, screen, tmp_path, "settings-end")
    assert problems == []


@pytest.mark.parametrize(("size", "scale"), SIZES, ids=IDS)
def test_play_pause_and_debrief_fit(size, scale, tmp_path):
    context, screen = make_context(tmp_path, size, scale)
    play = busy_play(context)
    problems = check(play, screen, tmp_path, "play")
    for pid in list(play.senses.in_sight)[:3]:
        play.selected = pid
        problems += check(play, screen, tmp_path, f"play-selected-{pid}")
    play.open_radio()
    problems += check(play, screen, tmp_path, "radio-kinds")
    for key in (pygame.K_1, pygame.K_1):
        play.radio.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
    problems += check(play, screen, tmp_path, "radio-locations")
    play.radio = None
    play.show_legend = True
    problems += check(play, screen, tmp_path, "legend")
    play.show_legend = False
    play.plan_paused = True
    problems += check(play, screen, tmp_path, "plan-paused")
    pause = build(ToPause(play), context)
    problems += check(pause, screen, tmp_path, "pause")
    play.end_now()
    play.update(0.0)
    problems += check(play, screen, tmp_path, "ending")
    debrief = build(play.debrief(), context)
    debrief.save()
    problems += check(debrief, screen, tmp_path, "debrief")
    debrief.scroll = debrief.max_scroll // 2
    problems += check(debrief, screen, tmp_path, "debrief-middle")
    debrief.scroll = debrief.max_scroll
    problems += check(debrief, screen, tmp_path, "debrief-end")
    assert problems == []


def test_the_play_view_keeps_the_map_clear_while_the_radio_is_open(tmp_path):
    context, screen = make_context(tmp_path, (1280, 720), 1.0)
    play = busy_play(context, ticks=40)
    play.open_radio()
    play.draw(screen)
    view = play.view_rect(screen)
    middle = pygame.Rect(0, 0, view.w // 2, view.h // 2)
    middle.center = view.center
    # the composer is docked in the side panel: the middle of the map shows no panel colour
    panel = sum(
        1
        for x in range(middle.left, middle.right, 4)
        for y in range(middle.top, middle.bottom, 4)
        if tuple(screen.get_at((x, y)))[:3] == palette.PANEL
    )
    assert panel == 0


def test_the_default_window_fits_a_1280_by_720_screen_and_the_sizes_offered():
    assert DEFAULT_WINDOW[0] <= 1280 and DEFAULT_WINDOW[1] <= 720
    for size in ((1280, 720), (1366, 768), (1600, 900), (1920, 1080)):
        assert size in WINDOW_SIZES
