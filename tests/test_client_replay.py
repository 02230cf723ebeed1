"""A session played through the client's PlayScene, saved from the debrief, replays headless to the
same event log: the client records through the same SessionRecorder that sessions use."""

from __future__ import annotations

import pygame
from client_driving import LEVELS

from game.client.app import build, run
from game.client.routes import ToPlay
from game.client.scenes.debrief import DebriefScene
from game.core.events import event_log_sha256
from game.core.world import World
from game.levels.loader import load_level
from game.sessions.runner import run_script
from game.sessions.script import load_script


def key(k: int, up: bool = False) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP if up else pygame.KEYDOWN, key=k, mod=0, unicode="")


def test_a_played_session_saved_from_the_debrief_replays_to_the_same_event_log(
    client_context, screen
):
    level = load_level(LEVELS / "wing_a.yaml")
    play = build(ToPlay(level, 11, World(level, 11)), client_context)
    frames = [[key(pygame.K_g)], [key(pygame.K_LSHIFT)], [key(pygame.K_d)]]
    frames += [[]] * 12 + [[key(pygame.K_d, up=True)], [key(pygame.K_s)]] + [[]] * 9
    frames += [[key(pygame.K_s, up=True)], [key(pygame.K_v)]] + [[]] * 30
    radio = [pygame.K_r, pygame.K_1, pygame.K_2, pygame.K_1, pygame.K_RETURN]
    frames += [[key(k)] for k in radio] + [[]] * 20 + [[key(pygame.K_q)]] + [[]] * 10
    frames += [
        [key(pygame.K_ESCAPE)],
        [key(pygame.K_DOWN)],
        [key(pygame.K_DOWN)],
        [key(pygame.K_RETURN)],
    ]
    queue = list(frames)
    scene = run(
        play,
        screen,
        events=lambda: queue.pop(0) if queue else [],
        max_frames=len(frames) + 2,
        frame_seconds=1 / 30,
        flip=False,
    )
    assert isinstance(scene, DebriefScene)
    assert len(play.recorder.commands) >= 6
    path = scene.save()
    assert path, scene.message
    result = run_script(load_script(path))
    assert result.event_log_sha256 == event_log_sha256(play.world.log)
    assert result.reproduced is True
