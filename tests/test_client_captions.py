"""Captions on the screen: a caption is never cut short, however few rows the view has room for, and
nothing that happens after the run has stopped reaches the captions or the radio log."""

from __future__ import annotations

import pygame
from client_driving import frame_text, load, make_context

from game.client.hud import caption_rows, draw_captions
from game.client.recall import TraineeRecall
from game.client.scenes.play import PlayScene
from game.client.text import recording_text, wrap
from game.core.events import RadioHeard, ScenarioEnded
from game.core.world import World

LONG = (
    "Dispatch: Multiple callers from Building 3. Students sheltering in classrooms. Shots "
    "continuing. Suspect last seen in the east hallway heading toward the media center."
)


def test_a_caption_longer_than_the_rows_the_view_has_keeps_its_last_line(tmp_path):
    context, screen = make_context(tmp_path, (1024, 700), 1.5)
    fonts = context.fonts
    view = pygame.Rect(0, 0, 520, fonts.line_height("body") * 11)
    assert caption_rows(fonts, view.h) == 2
    expected = wrap(fonts.get("body"), LONG, view.w - 40)
    assert len(expected) > 2
    with recording_text() as boxes:
        draw_captions(
            screen, view, fonts, [("radio", "[Gunshot: far, to the west]"), ("radio", LONG)]
        )
    shown = [box.text for box in boxes]
    assert shown == expected, "the newest caption is shown whole, the older one gives way"


def test_older_captions_that_do_not_fit_give_way_whole(tmp_path):
    context, screen = make_context(tmp_path, (1280, 720))
    fonts = context.fonts
    view = pygame.Rect(0, 0, 900, 600)
    rows = caption_rows(fonts, view.h)
    captions = [("sound", f"[Gunshot number {i}: far, to the west]") for i in range(rows + 3)]
    with recording_text() as boxes:
        draw_captions(screen, view, fonts, captions)
    assert [box.text for box in boxes] == [text for _, text in captions[-rows:]]


def test_radio_after_the_run_stopped_is_not_shown_in_play(tmp_path):
    context, screen = make_context(tmp_path, (1280, 720))
    play = PlayScene(context, load("wing_a"), 1)
    play.update(0.5)
    play._on_event(ScenarioEnded(play.world.tick, "trainee down"))
    play._on_event(RadioHeard(play.world.tick, "Dispatch", "Shots continuing in the east wing."))
    shown = " ".join(box.text for box in frame_text(play, screen))
    assert "Shots continuing in the east wing" not in shown
    assert not any("Shots continuing" in line for line in play.radio_log)


def test_radio_after_the_run_stopped_is_not_recalled_in_the_review():
    world = World(load("wing_a"), 1)
    recall = TraineeRecall(world)
    tick = world.tick
    recall.update(
        world,
        [
            RadioHeard(tick, "Dispatch", "Copy, en route."),
            ScenarioEnded(tick, "trainee down"),
            RadioHeard(tick, "Dispatch", "Shots continuing in the east wing."),
        ],
    )
    assert any("Copy, en route." in line for line in recall.radio_log)
    assert not any("Shots continuing" in line for line in recall.radio_log)
