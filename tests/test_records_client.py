"""The client's records: who is training (profiles), sessions recorded at the debrief, and the history plot."""

from __future__ import annotations

from dataclasses import replace

import pygame
import pytest
from records_data import record, screened_out

from game.client.app import build
from game.client.records import (
    TraineeChoice,
    describe_record,
    is_better,
    load_records,
    open_records,
)
from game.client.scenes.history import LINE_COLOURS, SCREEN_OUT, HistoryScene
from game.client.scenes.menu import MenuScene
from game.client.scenes.play import PlayScene
from game.client.scenes.profile import ProfileScene
from game.core.commands import MoveTo
from game.core.level import Position


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def count_colour(surface, rect, colour, tolerance=10) -> int:
    area = surface.subsurface(rect.clip(surface.get_rect()))
    limit = (tolerance + 1, tolerance + 1, tolerance + 1, 255)
    return pygame.mask.from_threshold(area, (*colour, 255), limit).count()


@pytest.fixture
def context(client_context, tmp_path):
    client_context.records = TraineeChoice(folder=tmp_path / "data")
    return client_context


def test_a_new_trainee_is_typed_in_and_chosen(context, screen):
    menu = MenuScene(context, [])
    profile = ProfileScene(context, menu)
    assert profile.options == [None]
    profile.handle(key(pygame.K_n))
    for event in (
        typed("n"),
        typed("Jane "),
        typed("Doe"),
        key(pygame.K_TAB),
        typed("44"),
        typed("71"),
    ):
        assert profile.handle(event) is None
    profile.draw(screen)
    assert profile.handle(key(pygame.K_RETURN)) is menu
    assert context.records.trainee.label == "Jane Doe (badge 4471)" and context.records.asked
    with open_records(context) as store:
        assert [t.label for t in store.trainees()] == ["Jane Doe (badge 4471)"]
    # the next time, the last trainee is offered first
    again = ProfileScene(context, menu)
    assert again.options[again.selected] == context.records.trainee


def test_a_bad_badge_is_explained_and_nothing_is_saved(context, screen):
    profile = ProfileScene(context, MenuScene(context, []))
    profile.handle(key(pygame.K_n))
    for event in (typed("Jane Doe"), key(pygame.K_TAB), typed("12<34")):
        profile.handle(event)
    assert profile.handle(key(pygame.K_RETURN)) is None
    assert "badge number holds letters, digits" in profile.message
    profile.draw(screen)
    assert profile.form is not None
    profile.handle(key(pygame.K_ESCAPE))
    assert profile.form is None and profile.trainees == []


def test_anonymous_practice_is_a_choice(context):
    menu = MenuScene(context, [])
    profile = ProfileScene(context, menu)
    assert profile.handle(key(pygame.K_RETURN)) is menu
    assert context.records.trainee is None and context.records.label == "Anonymous practice"


def test_the_menu_shows_who_is_training_and_opens_profiles_and_history(context, screen):
    with open_records(context) as store:
        context.records.trainee = store.add_trainee("Jane Doe")
    menu = MenuScene(context, [])
    menu.draw(screen)
    assert isinstance(build(menu.handle(key(pygame.K_t)), context), ProfileScene)
    history = build(menu.handle(key(pygame.K_h)), context)
    assert isinstance(history, HistoryScene) and history.trainee == context.records.trainee
    assert history.handle(key(pygame.K_ESCAPE)) is menu


def test_the_debrief_records_the_session_for_the_trainee(context, screen, shooting_level):
    with open_records(context) as store:
        context.records.trainee = store.add_trainee("Jane Doe", "4471")
    play = PlayScene(context, shooting_level, 3)
    play.pending.append(MoveTo(target=Position(0, 5, 3)))
    for _ in range(80):
        play.tick()
    play.end_now()
    debrief = build(play.debrief(), context)
    assert debrief.message == "Recorded for Jane Doe (badge 4471) as session 1"
    assert debrief.new_best
    debrief.draw(screen)
    again = build(play.debrief(), context)
    assert again.message.endswith("session 1") and not again.new_best
    with open_records(context) as store:
        [session] = store.sessions()
        assert store.outbox() == [1]
    assert session.source.value == "client" and session.seed == 3
    assert session.score == debrief.data.score and session.rating == debrief.data.rating
    assert load_records(context)[shooting_level.id]["score"] == session.score
    # the replay holds the commands the trainee gave, at their ticks, with the seed
    assert "seed: 3" in session.replay and "move_to" in session.replay
    assert session.event_log_sha256 in session.replay


def test_the_best_result_is_the_best_rating_then_the_score():
    assert is_better(700, "S", None)
    assert is_better(600, "S", {"score": 900, "rating": "U"})
    assert not is_better(600, "S", {"score": 650, "rating": "S"})
    assert describe_record({"score": 82, "rating": "S"}) == "Best: 82 (S)"
    assert describe_record(None) == "Not played yet"


def test_the_history_plots_each_category_and_marks_the_screen_outs(context, screen):
    with open_records(context) as store:
        jane = store.add_trainee("Jane Doe")
        first = record(jane)
        store.add_session(first)
        store.add_session(replace(screened_out(jane), started_at="2026-11-04T09:00:00Z"))
        store.add_session(
            replace(record(jane, key="third"), started_at="2026-11-05T09:00:00Z", level_id="other")
        )
    history = HistoryScene(context, jane, MenuScene(context, []))
    assert len(history.shown) == 3 and history.selected == 2
    history.draw(screen)
    w, h = screen.get_size()
    plot = pygame.Rect(70, 0, w - 110, h // 2)
    points = history.points(pygame.Rect(70, 100, w - 110, 300))
    assert all(len(line) == 3 for line in points.values())
    a = points["A"]
    assert a[0][0] < a[1][0] < a[2][0]
    percent = [c.percent for c in (first.category("A"), screened_out().category("A"))]
    assert (a[0][1] < a[1][1]) == (percent[0] > percent[1]) or percent[0] == percent[1]
    for colour in LINE_COLOURS.values():
        assert count_colour(screen, plot, colour, 6) > 10
    assert count_colour(screen, plot, SCREEN_OUT, 6) > 20
    assert count_colour(screen, plot, (255, 0, 255), 6) == 0
    # narrowed to one level, the plot has that level's sessions only
    history.handle(key(pygame.K_RIGHT))
    assert history.level == "other" and len(history.shown) == 1
    history.handle(key(pygame.K_RIGHT))
    assert history.level == "tiny_school" and len(history.shown) == 2
    history.handle(key(pygame.K_RIGHT))
    assert history.level is None


def test_an_empty_history_says_so(context, screen):
    history = HistoryScene(context, None, MenuScene(context, []))
    history.draw(screen)
    assert history.shown == []
