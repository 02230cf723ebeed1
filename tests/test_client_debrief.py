"""The debrief of real runs, read off the screen: the outcomes in the order of the priorities, each
limit on the rating with its reason, findings not credited set apart from ones not applicable, and a
next drill that opens the level the rubric names."""

from __future__ import annotations

from functools import cache

import pygame
from client_driving import LEVELS, make_context
from shipped_runs import shipped_run

from game.client import palette
from game.client.routes import ToBriefing
from game.client.scenes.debrief import DebriefScene
from game.client.text import recording_text
from game.core.world import World
from game.scoring.improvement import DRILL_PLAN
from game.sessions.replay import SessionRecorder


@cache
def run_of(script: str):
    """A shipped script's headless run (the same for every test that reads it)."""
    return shipped_run(LEVELS / "scripts" / f"{script}.yaml")


def debrief_of(tmp_path, script: str, size=(1920, 1080)) -> tuple[DebriefScene, pygame.Surface]:
    """The debrief scene of a shipped script's run (its real event log)."""
    context, screen = make_context(tmp_path, size)
    result = run_of(script)
    world = World(result.level, result.seed, dict(result.variant))
    world.log = list(result.events)
    world.tick, world.finished, world.end_reason = result.ticks, True, result.end_reason
    recorder = SessionRecorder(result.level, result.seed, dict(result.variant))
    return DebriefScene(context, result.level, result.seed, world, recorder), screen


def every_line(scene: DebriefScene, screen: pygame.Surface) -> list:
    """Every text box the debrief draws, scrolling from top to bottom (with the frame it was on)."""
    seen = []
    scene.scroll = 0
    while True:
        with recording_text() as boxes:
            scene.draw(screen)
        frame = screen.copy()
        seen += [(box, frame) for box in boxes]
        if scene.scroll >= scene.max_scroll:
            return seen
        scene.scroll = min(scene.max_scroll, scene.scroll + 20)


def texts(scene, screen) -> list[str]:
    return [box.text for box, _ in every_line(scene, screen)]


def colour_share(frame: pygame.Surface, rect: pygame.Rect, colour, tolerance: int = 40) -> int:
    rect = rect.clip(frame.get_rect())
    return sum(
        1
        for x in range(rect.left, rect.right)
        for y in range(rect.top, rect.bottom)
        if all(abs(frame.get_at((x, y))[i] - colour[i]) <= tolerance for i in range(3))
    )


def test_the_debrief_states_the_outcomes_highest_priority_first(tmp_path):
    scene, screen = debrief_of(tmp_path, "wing_a/poor")
    shown = texts(scene, screen)
    assert "Outcomes" in shown
    lines = [t for t in shown if t.startswith("- Civilians hurt after you arrived")]
    assert lines, shown
    officers = [i for i, t in enumerate(shown) if t.startswith("- Other officers hurt")]
    attacker = [i for i, t in enumerate(shown) if t.startswith("- The attacker")]
    assert officers and attacker and shown.index(lines[0]) < officers[0] < attacker[0]


def test_a_limit_on_the_rating_is_shown_with_the_rule_and_its_reason(tmp_path):
    scene, screen = debrief_of(tmp_path, "off_duty/poor")
    shown = " ".join(texts(scene, screen))
    assert "Limits on the rating" in shown
    assert "Overall rating capped at M by D6:" in shown


def test_a_run_without_limits_shows_no_limits_section(tmp_path):
    scene, screen = debrief_of(tmp_path, "wing_a/good")
    assert "Limits on the rating" not in texts(scene, screen)


def test_findings_not_credited_read_apart_from_findings_not_applicable(tmp_path):
    scene, screen = debrief_of(tmp_path, "wing_a/poor")
    lines = every_line(scene, screen)
    tags = {
        box.text: (box, frame)
        for box, frame in lines
        if box.text in ("NOT CREDITED", "not applicable")
    }
    assert set(tags) == {"NOT CREDITED", "not applicable"}
    box, frame = tags["NOT CREDITED"]
    assert colour_share(frame, box.rect, palette.WARNING) > 10
    box, frame = tags["not applicable"]
    assert colour_share(frame, box.rect, palette.WARNING) == 0
    assert colour_share(frame, box.rect, palette.TEXT_DIM) > 10


def test_the_next_drill_button_and_d_brief_the_level_the_rubric_names(tmp_path):
    scene, screen = debrief_of(tmp_path, "wing_a/poor")
    wanted = scene.data.next_drill_level
    assert wanted
    shown = texts(scene, screen)
    assert "Next drill (D)" in shown
    assert any(t.startswith("- Press D (or the Next drill button) to brief:") for t in shown)
    route = scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_d, mod=0, unicode="d"))
    assert isinstance(route, ToBriefing) and route.level.id == wanted and route.seed is None
    click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=scene.drill_button.center)
    route = scene.handle(click)
    assert isinstance(route, ToBriefing) and route.level.id == wanted


def test_every_drill_the_rubric_can_name_opens_from_the_debrief(tmp_path):
    scene, _ = debrief_of(tmp_path, "wing_a/good")
    for drill in {d.level for d in DRILL_PLAN.values()}:
        scene.data.next_drill_level, scene._drill = drill, None
        route = scene.next_drill()
        assert isinstance(route, ToBriefing) and route.level.id == drill


def test_a_next_drill_not_in_the_levels_folder_says_so_instead_of_a_button(tmp_path):
    scene, screen = debrief_of(tmp_path, "wing_a/good")
    scene.data.next_drill_level, scene._drill = "no_such_level", None
    scene._lines = None
    assert "Next drill (D)" not in texts(scene, screen)
    assert scene.next_drill() is None and "no_such_level" in scene.message
