"""The review and the debriefs it leads to fit every test size: from 1024×700 at 150 % text to
1920×1080, no text box overlaps another, leaves the screen or the area it was drawn in; each frame
is saved as a real screenshot and its text is really there."""

from __future__ import annotations

import pygame
import pytest
from client_driving import frame_text, layout_problems, make_context
from review_driving import saved
from test_client_layout import IDS, SIZES

from game.client.app import build
from game.client.review_timeline import track_rect, x_of
from game.client.routes import ToReview
from game.sessions.review import open_review


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    return saved(tmp_path_factory.mktemp("layout"), "plainclothes_hallway")


@pytest.fixture(scope="module")
def prepared(replay, tmp_path_factory):
    """One review with its keyframes prepared; each size gives it a context of its own."""
    context, _ = make_context(tmp_path_factory.mktemp("prepared"), (1280, 720))
    scene = build(ToReview(open_review(replay)), context)
    scene.prepare()
    return scene


def at_size(scene, tmp_path, size, scale):
    """The prepared review in a window of this size, with text at this scale."""
    context, screen = make_context(tmp_path, size, scale)
    context.records.asked = True
    scene.context, scene.cam, scene.layers = context, None, {}
    scene.seek(0)
    return context, screen


def check(scene, screen, tmp_path, name: str) -> list[str]:
    """A frame's layout problems, once its screenshot shows the text boxes it recorded."""
    boxes = frame_text(scene, screen)
    path = tmp_path / f"{name}.bmp"
    pygame.image.save(screen, str(path))
    shot = pygame.image.load(str(path))
    assert boxes, f"{name}: no text drawn"
    lit = 0
    for box in boxes[:6]:
        area = box.rect.clip(shot.get_rect())
        lit += sum(
            1
            for x in range(area.left, area.right, 2)
            for y in range(area.top, area.bottom, 2)
            if sum(shot.get_at((x, y))[:3]) > 300
        )
    assert lit > 10, f"{name}: text recorded but nothing visible there"
    return [f"{name}: {problem}" for problem in layout_problems(boxes, screen)]


@pytest.mark.parametrize(("size", "scale"), SIZES, ids=IDS)
def test_the_review_fits_every_size_in_every_perspective(size, scale, tmp_path, replay, prepared):
    context, screen = make_context(tmp_path, size, scale)
    opening = build(ToReview(open_review(replay)), context)
    problems = check(opening, screen, tmp_path, "preparing")
    scene = prepared
    context, screen = at_size(scene, tmp_path, size, scale)
    spans = scene.review.exposure.spans["suspect"]
    moments = [
        (700, "truth"),
        (700, "trainee"),
        (700, "suspect"),
        (spans[0][0] + 2, "suspect"),
        (scene.last_tick, "trainee"),
    ]
    for tick, perspective in moments:
        scene.seek(tick)
        scene.act(perspective)
        problems += check(scene, screen, tmp_path, f"{tick}-{perspective}")
    track = track_rect(scene.rects["timeline"], context.fonts)
    for marker in scene.markers[:: max(1, len(scene.markers) // 3)]:
        scene.mouse = (x_of(track, marker.tick, scene.last_tick), track.centery)
        problems += check(scene, screen, tmp_path, f"hover-{marker.tick}")
    scene.mouse = (-1, -1)
    scene.message = "Could not save the note: a long reason about a full disk, " * 3
    scene.start_note()
    scene.note = "The trainee paused at the corner before the doors; ask why " * 3
    problems += check(scene, screen, tmp_path, "note")
    scene.note = None
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode=""))
    problems += check(scene, screen, tmp_path, "following")
    assert problems == []


@pytest.mark.parametrize(("size", "scale"), SIZES, ids=IDS)
def test_a_retrys_debrief_with_both_runs_and_notes_fits(size, scale, tmp_path, prepared):
    scene = prepared
    context, screen = at_size(scene, tmp_path, size, scale)
    scene.seek(1500)
    scene.add_note("Good angle on the doorway; slow the last few steps")
    play = build(scene.retry(), context)
    for _ in range(40):
        play.tick()
    play.end_now()
    debrief = build(play.debrief(), context)
    problems = check(debrief, screen, tmp_path, "retry-debrief")
    debrief.scroll = debrief.max_scroll
    problems += check(debrief, screen, tmp_path, "retry-debrief-end")
    reviewed = build(scene.debrief(), context)
    problems += check(reviewed, screen, tmp_path, "reviewed-debrief")
    texts = " ".join(b.text for b in frame_text(reviewed, screen))
    assert "Instructor notes" in texts and "Good angle on the doorway" in texts
    assert (
        reviewed.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode=""))
        is scene
    )
    assert problems == []
