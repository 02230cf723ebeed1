"""The orientation as a new trainee meets it: a prompt for each step on the screen, each waiting until
the trainee does it (the clock waits too), hints when they do nearly the thing, a skip key, the steps
recalled in the legend, and the exercise going live only after the walk-through."""

from __future__ import annotations

from dataclasses import replace

import pygame
from client_driving import frame_text, load, make_context

from game.client import tutorial
from game.client.scenes.play import PlayScene
from game.core.commands import (
    Challenge,
    DrawWeapon,
    LeaveCover,
    MoveTo,
    Radio,
    SetPace,
    TakeCover,
)
from game.core.events import GunfireHeard, event_log_sha256
from game.core.level import Position
from game.sessions.runner import run_script
from game.sessions.script import load_script

FRAME = 1 / 30
REPORT = Radio.of(
    "initial_report",
    location="parking",
    shots="none",
    description="none seen",
    weapon="none seen",
    direction="none",
    casualties="none",
    action="walk-through of Building 3",
    requests="staging",
)


def key(k: int, up: bool = False) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP if up else pygame.KEYDOWN, key=k, mod=0, unicode="")


def orientation(tmp_path, size=(1280, 720)):
    context, screen = make_context(tmp_path, size)
    return PlayScene(context, load("orientation"), 1), screen


def frames(play, count: int) -> None:
    for _ in range(count):
        play.update(FRAME)


def act(play, command, count: int = 60) -> None:
    play.pending.append(command)
    frames(play, count)


def banner(play, screen) -> str:
    """The banner's words as drawn on the screen (the text boxes at the top of the map)."""
    view = play.view_rect(screen)
    boxes = [b for b in frame_text(play, screen) if view.contains(b.rect) and b.rect.y < 200]
    return " ".join(b.text for b in sorted(boxes, key=lambda b: b.rect.y))


def walk_to_the_plain_clothes_officer(play) -> None:
    act(play, SetPace("run"), 5)
    act(play, MoveTo(Position(0, 22, 4)), 60)
    act(play, REPORT, 10)
    act(play, MoveTo(Position(0, 20, 9)), 120)
    act(play, TakeCover(), 10)
    act(play, DrawWeapon(), 10)
    act(play, SetPace("walk"), 5)
    act(play, MoveTo(Position(0, 30, 16)), 400)


def test_the_orientation_opens_on_its_first_step_and_the_clock_waits_for_the_trainee(tmp_path):
    play, screen = orientation(tmp_path)
    frames(play, 10 * 30)
    words = banner(play, screen)
    assert "Step 1 of 10" in words and "Move with W A S D" in words
    assert play.world.tick == 0


def test_each_step_waits_for_the_trainee_and_the_exercise_goes_live_after_the_last(tmp_path):
    play, screen = orientation(tmp_path)
    play.handle(key(pygame.K_s))
    frames(play, 15)
    play.handle(key(pygame.K_s, up=True))
    frames(play, 5 * 30)
    assert "Step 2 of 10. Run" in banner(play, screen)
    stood = play.world.tick
    frames(play, 5 * 30)
    assert play.world.tick == stood, "the clock ran on while the trainee stood reading"
    walk_to_the_plain_clothes_officer(play)
    assert "Step 7 of 10. Look before you act" in banner(play, screen)
    play.selected = "plainclothes"
    frames(play, 2)
    assert "Step 8 of 10. Challenge" in banner(play, screen)
    act(play, Challenge("plainclothes"), 60)
    words = banner(play, screen)
    assert "Step 10 of 10. Ready" in words and "Press Enter" in words
    assert play.world.tick < tutorial.ORIENTATION.live_at
    assert not any(isinstance(e, GunfireHeard) for e in play.world.log)
    play.handle(key(pygame.K_RETURN))
    frames(play, 2)
    assert "The exercise goes live" in banner(play, screen)
    frames(play, 30)
    assert play.world.tick >= tutorial.ORIENTATION.live_at
    captions = [text for _, text in play.live_captions()]
    assert "Walk-through done: the exercise is live. Listen." in captions
    for _ in range(60 * 30):
        play.update(FRAME)
        if any(isinstance(e, GunfireHeard) for e in play.world.log):
            break
    frames(play, 2)
    assert "Move to the gunfire" in banner(play, screen)


def test_taking_concealment_when_the_step_asks_for_cover_says_why_it_is_not_enough(tmp_path):
    play, screen = orientation(tmp_path)
    act(play, SetPace("run"), 5)
    act(play, REPORT, 10)
    act(play, MoveTo(Position(0, 22, 10)), 160)
    assert "Take cover" in banner(play, screen)
    act(play, TakeCover(), 10)
    captions = " ".join(text for _, text in play.live_captions())
    assert "That is concealment" in captions and "Press Q to leave it" in captions
    assert "Take cover" in banner(play, screen)
    act(play, LeaveCover(), 10)
    act(play, MoveTo(Position(0, 20, 9)), 60)
    act(play, TakeCover(), 10)
    assert "Step 6 of 10. Draw" in banner(play, screen)


def test_k_skips_the_walk_through_and_the_exercise_goes_live_at_once(tmp_path):
    play, screen = orientation(tmp_path)
    assert "K: skip the walk-through" in banner(play, screen)
    play.handle(key(pygame.K_k))
    frames(play, 30)
    assert play.world.tick >= tutorial.ORIENTATION.live_at
    assert "Walk-through skipped" in " ".join(text for _, text in play.live_captions())
    assert "Step" not in banner(play, screen)


def test_the_steps_done_and_to_do_are_recalled_in_the_legend(tmp_path):
    play, screen = orientation(tmp_path)
    act(play, SetPace("run"), 5)
    act(play, MoveTo(Position(0, 22, 4)), 30)
    play.handle(key(pygame.K_l))
    shown = [b.text for b in frame_text(play, screen)]
    assert "WALK-THROUGH STEPS" in shown
    assert "Move: done" in shown and "Run: done" in shown and "Challenge: to do" in shown


def test_the_prompts_name_the_trainees_own_keys(tmp_path):
    play, screen = orientation(tmp_path)
    play.context.settings.bindings["cover"] = ["y"]
    play.tutorial.seen |= {tutorial.Did.MOVED, tutorial.Did.RAN, tutorial.Did.ENTERED_BUILDING}
    play.tutorial.seen.add(tutorial.Did.SENT_INITIAL_REPORT)
    words = banner(play, screen)
    assert "Take cover" in words and "press Y to take cover" in words


def test_the_walk_through_goes_live_when_its_time_runs_out(tmp_path, monkeypatch):
    short = replace(tutorial.ORIENTATION, live_at=40)
    monkeypatch.setitem(tutorial.TUTORIALS, "orientation", short)
    play, screen = orientation(tmp_path)
    act(play, MoveTo(Position(0, 40, 2)), 150)
    assert play.world.tick >= 40
    assert "time is up" in " ".join(text for _, text in play.live_captions())
    assert "Step" not in banner(play, screen)


def test_a_level_without_a_walk_through_runs_its_clock_as_before(tmp_path):
    context, screen = make_context(tmp_path, (1280, 720))
    play = PlayScene(context, load("wing_a"), 1)
    frames(play, 30)
    assert play.world.tick >= 9
    assert "Step" not in banner(play, screen)


def test_a_guided_run_replays_headless_to_the_same_event_log(tmp_path):
    play, _ = orientation(tmp_path)
    walk_to_the_plain_clothes_officer(play)
    play.selected = "plainclothes"
    act(play, Challenge("plainclothes"), 60)
    play.handle(key(pygame.K_RETURN))
    frames(play, 40)
    play.end_now()
    path = tmp_path / "guided.yaml"
    play.recorder.save(path, play.world.tick, event_log_sha256=event_log_sha256(play.world.log))
    result = run_script(load_script(path))
    assert result.event_log_sha256 == event_log_sha256(play.world.log)


def test_the_keys_panel_offers_the_skip_key_until_the_walk_through_ends(tmp_path):
    play, screen = orientation(tmp_path)
    frames(play, 2)
    shown = [b.text for b in frame_text(play, screen)]
    assert "Skip the walk-through" in shown
    play.handle(key(pygame.K_k))
    frames(play, 2)
    assert "Skip the walk-through" not in [b.text for b in frame_text(play, screen)]


def test_the_briefing_names_the_skip_key_only_for_a_level_with_a_walk_through(tmp_path):
    from game.client.scenes.briefing import BriefingScene

    context, _ = make_context(tmp_path, (1280, 720))
    guided = dict(BriefingScene(context, load("orientation"), 1).controls())
    assert guided["K"] == "skip the walk-through's steps"
    plain = BriefingScene(context, load("wing_a"), 1).controls()
    assert "skip the walk-through's steps" not in dict(plain).values()
