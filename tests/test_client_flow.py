"""The real scene loop driven by scripted input: menu -> briefing -> play -> pause -> debrief."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.client.app import run
from game.client.level_list import LevelEntry, list_levels
from game.client.scenes.briefing import BriefingScene
from game.client.scenes.debrief import DebriefScene
from game.client.scenes.menu import MenuScene
from game.client.scenes.pause import PauseScene
from game.client.scenes.play import PlayScene
from game.core.commands import DrawWeapon, EndScenario, Move, MoveTo, Radio, TakeCover
from game.core.level import Position

FIXTURES = Path(__file__).parent / "fixtures"


def key(k: int, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode)


def key_up(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP, key=k, mod=0)


def scripted(frames: list[list[pygame.event.Event]]):
    """An event source that gives one list of events per frame, then nothing."""
    queue = list(frames)
    return lambda: queue.pop(0) if queue else []


def drive(scene, screen, frames, extra_frames=0, dt=0.1):
    return run(
        scene,
        screen,
        events=scripted(frames),
        max_frames=len(frames) + extra_frames,
        frame_seconds=dt,
        flip=False,
    )


def all_commands(play: PlayScene) -> list:
    return [c.command for c in play.recorder.commands]


def test_menu_to_debrief_by_keyboard_and_mouse(client_context, screen, shooting_level):
    menu = MenuScene(client_context, [LevelEntry(Path("hallway.yaml"), shooting_level)])
    scene = drive(menu, screen, [[], [key(pygame.K_RETURN)]])
    assert isinstance(scene, BriefingScene)
    scene = drive(scene, screen, [[key(pygame.K_RETURN)]])
    assert isinstance(scene, PlayScene)
    play = scene

    # draw the weapon, step east with D held, then release
    scene = drive(
        play, screen, [[key(pygame.K_g)], [key(pygame.K_d)], [], [], [key_up(pygame.K_d)]], 8
    )
    assert scene is play
    # click on a tile of the parking lot to walk there
    view = play.view_rect(screen)
    camera = play.camera(view)
    target = Position(0, 8, 1)
    sx, sy = camera.to_screen((target.x + 0.5) * 24, (target.y + 0.5) * 24)
    click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(sx + view.x, sy + view.y))
    scene = drive(play, screen, [[click]], 3)
    # Q: take cover (the world decides whether there is any; the client only sends the command)
    scene = drive(play, screen, [[key(pygame.K_q)]], 1)
    # radio: initial report, location = first known zone, shots = active, send
    radio_keys = [
        key(pygame.K_r),
        key(pygame.K_1),
        key(pygame.K_1),
        key(pygame.K_1),
        key(pygame.K_2),
        key(pygame.K_1),
        key(pygame.K_RETURN),
    ]
    scene = drive(play, screen, [[k] for k in radio_keys], 2)
    assert play.radio is None
    # pause menu: down twice to "End scenario and debrief", Enter
    scene = drive(
        play, screen, [[key(pygame.K_ESCAPE)], [key(pygame.K_DOWN)], [key(pygame.K_DOWN)]]
    )
    assert isinstance(scene, PauseScene)
    scene = drive(scene, screen, [[key(pygame.K_RETURN)]], 1)
    assert isinstance(scene, DebriefScene)

    commands = all_commands(play)
    assert DrawWeapon() in commands
    assert Move(1, 0) in commands
    assert MoveTo(target=target) in commands
    assert TakeCover() in commands
    radios = [c for c in commands if isinstance(c, Radio)]
    assert radios and radios[0].kind == "initial_report"
    assert radios[0].slot("shots") == "active"
    assert radios[0].slot("location") in {z.id for z in shooting_level.zones}
    assert commands[-1] == EndScenario()
    assert play.world.finished


def test_posted_events_reach_the_scene(client_context, screen, shooting_level):
    play = PlayScene(client_context, shooting_level, 1)
    pygame.event.clear()
    pygame.event.post(key(pygame.K_p))
    pygame.event.post(key(pygame.K_b))
    run(play, screen, max_frames=2, frame_seconds=0.1, flip=False)
    commands = [type(c).__name__ for c in all_commands(play)]
    assert "AnnouncePolice" in commands
    assert "ShowBadge" in commands


def test_simulation_rate_is_independent_of_frame_rate(client_context, screen, shooting_level):
    slow = PlayScene(client_context, shooting_level, 1)
    fast = PlayScene(client_context, shooting_level, 1)
    run(slow, screen, events=lambda: [], max_frames=20, frame_seconds=0.1, flip=False)
    run(fast, screen, events=lambda: [], max_frames=120, frame_seconds=1 / 60, flip=False)
    assert slow.world.tick == fast.world.tick == 20


def test_world_finishing_holds_the_scene_with_the_reason_then_opens_the_debrief(
    client_context, screen, shooting_level
):
    from dataclasses import replace

    short = replace(shooting_level, duration=15)
    play = PlayScene(client_context, short, 1)
    scene = drive(play, screen, [], 20)
    assert scene is play and play.world.finished and "Time is up" in play.end_words
    scene = drive(play, screen, [], 40)
    assert isinstance(scene, DebriefScene)


def test_plan_mode_pauses_on_gunfire(client_context, screen, shooting_level):
    client_context.settings.plan_mode = True
    play = PlayScene(client_context, shooting_level, 1)
    drive(play, screen, [], 40)
    assert play.plan_paused
    tick = play.world.tick
    drive(play, screen, [], 5)
    assert play.world.tick == tick
    drive(play, screen, [[key(pygame.K_SPACE)]], 3)
    assert play.world.tick > tick


def test_menu_lists_levels_and_shows_broken_ones(tmp_path):
    (tmp_path / "a_good.yaml").write_bytes((FIXTURES / "minimal_level.yaml").read_bytes())
    (tmp_path / "b_broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    entries = list_levels(tmp_path)
    assert [e.path.name for e in entries] == ["a_good.yaml", "b_broken.yaml"]
    assert entries[0].level is not None and entries[0].title.startswith("Minimal")
    assert entries[1].level is None and "b_broken.yaml" in entries[1].first_line


def test_menu_enter_on_a_broken_level_stays(client_context, tmp_path):
    entries = [LevelEntry(tmp_path / "x.yaml", None, "x.yaml:1:1: (file): broken")]
    menu = MenuScene(client_context, entries)
    assert menu.handle(key(pygame.K_RETURN)) is None
