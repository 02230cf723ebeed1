"""The play scene as a trainee meets it: fire and hits shown by shape and words, going down held on
screen with the reason, selection by click and Tab, the camera's dead zone, taps, pause-to-plan."""

from __future__ import annotations

import ast
from pathlib import Path

import pygame
from builders import SUSPECT_LOOK, make_level

from game.client import palette
from game.client.app import build
from game.client.level_list import list_levels
from game.client.radio_panel import RadioPanel
from game.client.routes import ToDebrief, ToPlay
from game.client.scenes.play import PlayScene
from game.client.text import recording_text
from game.core.commands import Challenge, LeaveCover, Move, TakeCover
from game.core.events import GunfireHeard, LeftCover, PersonWounded, ShotFired, TookCover
from game.core.level import Officer, Place, Position, Suspect
from game.core.world import World

ROOT = Path(__file__).resolve().parent.parent


def key(k: int, up: bool = False) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP if up else pygame.KEYDOWN, key=k, mod=0, unicode="")


def standoff_level():
    """The trainee in the corridor, a man in a black hoodie with a rifle four tiles east."""
    return make_level(
        trainee=make_level().trainee.__class__(spawn=Place(at=Position(0, 4, 3))),
        suspects=(Suspect("suspect", Place(at=Position(0, 8, 3)), SUSPECT_LOOK, first_shot=10**6),),
    )


def shot(**changes) -> ShotFired:
    values = dict(
        tick=5,
        shooter="suspect",
        shooter_role="suspect",
        target="trainee",
        target_role="trainee",
        origin=Position(0, 8, 3),
        aim=Position(0, 4, 3),
        hit="",
        between=(),
        behind=(),
        non_threats_on_line=(),
        seen=None,
        target_firing=False,
        target_surrendered=False,
        shooter_protection="open",
    )
    values.update(changes)
    return ShotFired(**values)


def texts(play, screen) -> list[str]:
    with recording_text() as boxes:
        play.draw(screen)
    return [b.text for b in boxes]


def colour_near(screen, rect: pygame.Rect, colour, tolerance: int = 30) -> int:
    rect = rect.clip(screen.get_rect())
    return sum(
        1
        for x in range(rect.left, rect.right, 2)
        for y in range(rect.top, rect.bottom, 2)
        if all(abs(screen.get_at((x, y))[i] - colour[i]) <= tolerance for i in range(3))
    )


def test_rounds_coming_at_you_show_incoming_by_shape_and_words(client_context, screen):
    play = PlayScene(client_context, standoff_level(), 1)
    play.tick()
    play._on_event(shot())
    assert play.captions[-1][1] == "danger"
    assert "UNDER FIRE" in play.captions[-1][2] and "to the east" in play.captions[-1][2]
    shown = texts(play, screen)
    assert "INCOMING" in shown
    view = play.cue_rect(play.view_rect(screen))
    east = pygame.Rect(view.centerx + view.w // 4, view.y, view.w // 4, view.h)
    west = pygame.Rect(view.x, view.y, view.w // 4, view.h)
    assert colour_near(screen, east, palette.DANGER, 20) > 20
    assert colour_near(screen, west, palette.DANGER, 20) == 0


def test_being_hit_says_what_it_means_and_frames_the_view(client_context, screen):
    play = PlayScene(client_context, standoff_level(), 1)
    play.tick()
    play._on_event(PersonWounded(6, "trainee", "trainee", "suspect", "walking", Position(0, 4, 3)))
    assert "still able" in play.captions[-1][2]
    play.curr["trainee"] = play.curr["trainee"]._replace(condition="walking")
    assert dict(play.hud_state().status)["Condition"].startswith("HIT")
    texts(play, screen)
    view = play.view_rect(screen)
    assert colour_near(screen, pygame.Rect(view.x, view.y, view.w, 8), palette.DANGER, 20) > 30


def test_your_own_shots_show_hit_or_miss(client_context, screen):
    play = PlayScene(client_context, standoff_level(), 1)
    play.tick()
    play._on_event(
        shot(
            shooter="trainee",
            target="suspect",
            origin=Position(0, 4, 3),
            aim=Position(0, 8, 3),
            hit="suspect",
        )
    )
    assert play.captions[-1][2].startswith("Your shot: HIT the man in the black hoodie")
    assert "HIT" in texts(play, screen)
    play.shot_marks.clear()
    play._on_event(
        shot(
            shooter="trainee",
            target="suspect",
            origin=Position(0, 4, 3),
            aim=Position(0, 8, 3),
            hit="",
        )
    )
    assert play.captions[-1][2] == "Your shot: MISS"
    assert "MISS" in texts(play, screen)


def test_going_down_holds_the_scene_with_the_reason_before_the_debrief(client_context, screen):
    play = PlayScene(client_context, standoff_level(), 1)
    play.tick()
    world = play.world
    suspect = world.person("suspect")
    world.wound(world.trainee, suspect)
    world.wound(world.trainee, suspect)
    for event in world._flush():
        play._on_event(event)
    assert world.finished and world.end_reason == "trainee down"
    assert play.update(0.1) is None
    assert "YOU ARE DOWN" in play.end_words and "black hoodie" in play.end_words
    assert any("YOU ARE DOWN" in t for t in texts(play, screen))
    assert play.update(1.0) is None
    assert isinstance(play.update(3.0), ToDebrief)


def test_tab_selects_and_c_challenges_the_selected_person_wherever_the_mouse_is(
    client_context, screen
):
    play = build(ToPlay(standoff_level(), 1, World(standoff_level(), 1)), client_context)
    play.tick()
    play.draw(screen)
    play.mouse = (1, 1)
    play.handle(key(pygame.K_TAB))
    assert play.selected == "suspect"
    shown = texts(play, screen)
    assert "Man in the black hoodie, rifle in hand" in shown
    play.handle(key(pygame.K_c))
    assert play.pending == [Challenge("suspect")]


def test_clicking_a_person_selects_them_instead_of_walking(client_context, screen):
    play = PlayScene(client_context, standoff_level(), 1)
    play.tick()
    play.draw(screen)
    view = play.view_rect(screen)
    sx, sy = play.camera(view).to_screen(*play.pixel_of("suspect"))
    play.handle(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(sx + view.x, sy + view.y))
    )
    assert play.selected == "suspect" and play.pending == []


def test_the_camera_starts_on_the_trainee_and_holds_still_for_a_step(client_context, screen):
    play = PlayScene(client_context, standoff_level(), 1)
    play.draw(screen)
    view = play.view_rect(screen)
    camera = play.camera(view)
    sx, sy = camera.to_screen(*play.pixel_of("trainee"))
    assert abs(sx - view.w // 2) <= 1 and abs(sy - view.h // 2) <= 1
    before = (camera.cx, camera.cy)
    play.pending.append(Move(1, 0))
    for _ in range(10):
        play.tick()
    play.loop.reset()
    play.draw(screen)
    assert (camera.cx, camera.cy) == before


def test_a_very_short_tap_still_steps(client_context, screen):
    play = PlayScene(client_context, standoff_level(), 1)
    play.handle(key(pygame.K_d))
    play.handle(key(pygame.K_d, up=True))
    play.tick()
    assert [c.command for c in play.recorder.commands] == [Move(1, 0)]


def test_leaving_cover_clears_the_in_cover_caption(client_context):
    play = PlayScene(client_context, standoff_level(), 1)
    play._on_event(TookCover(1, "trainee", "cover", Position(0, 4, 3), "column"))
    assert any(t.startswith("You are in cover") for _, _, t in play.captions)
    play._on_event(LeftCover(2, "trainee"))
    assert not any(t.startswith("You are in cover") for _, _, t in play.captions)


def test_pause_to_plan_does_not_pause_again_and_again_in_a_firefight(client_context):
    client_context.settings.plan_mode = True
    play = PlayScene(client_context, standoff_level(), 1)

    def heard(tick: int) -> GunfireHeard:
        return GunfireHeard(tick, 90, "east", 0.8, "close", "same floor")

    play._on_event(heard(10))
    assert play.plan_paused
    play.now += 60  # the trainee planned for a minute of wall time
    play.handle(key(pygame.K_SPACE))
    assert not play.plan_paused
    for tick in range(12, 200, 15):  # shots every 1.5 s of game time
        play._on_event(heard(tick))
        assert not play.plan_paused


def test_zoom_and_the_legend_are_keys(client_context, screen):
    play = PlayScene(client_context, standoff_level(), 1)
    tile = play.tile
    play.handle(key(pygame.K_EQUALS))
    assert play.tile > tile
    play.handle(key(pygame.K_MINUS))
    play.handle(key(pygame.K_MINUS))
    assert play.tile < tile
    play.handle(key(pygame.K_F1))
    shown = texts(play, screen)
    assert any("Legend" in t for t in shown) and any("weapon in hand" in t for t in shown)


def test_the_plain_clothes_notification_carries_your_clothing_and_where_you_are():
    panel = RadioPanel([("hall", "Main hallway")], here="hall", own_description="male, grey hoodie")
    panel.handle(key(pygame.K_9))
    assert panel.kind == "self_description"
    assert panel.slots()[:2] == ("location", "description")
    panel.handle(key(pygame.K_2))
    assert panel.options() == [("male, grey hoodie", "male, grey hoodie")]
    panel.handle(key(pygame.K_1))
    assert "Main hallway" in panel.preview() and "hall;" not in panel.preview()
    assert "Your clothing: male, grey hoodie" in panel.preview()
    state, message = panel.handle(key(pygame.K_RETURN))
    assert state == "sent" and message.slot("location") == "hall"


def test_radio_values_read_as_words():
    panel = RadioPanel([("parking", "Front parking lot")], here="parking")
    panel.handle(key(pygame.K_1))
    panel.handle(key(pygame.K_2))
    assert ("active", "shots still being fired") in panel.options()
    assert "location=" not in panel.preview() and "Front parking lot" in panel.preview()


def test_the_menu_lists_the_training_progression_orientation_first(tmp_path):
    names = [e.path.stem for e in list_levels(ROOT / "levels")]
    assert names[0] == "orientation" and names[1] == "wing_a"
    own = tmp_path / "levels"
    own.mkdir()
    for name in ("zeta", "alpha"):
        text = (ROOT / "tests" / "fixtures" / "minimal_level.yaml").read_text(encoding="utf-8")
        (own / f"{name}.yaml").write_text(text, encoding="utf-8")
    (own / "orientation.yaml").write_bytes((ROOT / "levels" / "orientation.yaml").read_bytes())
    assert [e.path.stem for e in list_levels(own)] == ["orientation", "alpha", "zeta"]


def test_scenes_do_not_build_each_other():
    """Scenes return routes; only app.py imports and builds scene classes."""
    scenes = ROOT / "game" / "client" / "scenes"
    scene_modules = {f"game.client.scenes.{p.stem}" for p in scenes.glob("*.py")} - {
        "game.client.scenes.__init__",
        "game.client.scenes.play_view",
    }
    wrong = []
    for path in sorted(scenes.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module in scene_modules
                and not (path.stem == "play" and node.module.endswith("play_view"))
            ):
                wrong.append(f"{path.name} imports {node.module}")
            if isinstance(node, ast.Import):
                wrong += [
                    f"{path.name} imports {a.name}" for a in node.names if a.name in scene_modules
                ]
            if isinstance(node, ast.ImportFrom) and node.module == "game.client.app":
                wrong.append(f"{path.name} imports the app")
    assert wrong == []


def test_a_take_cover_key_press_sends_the_command_and_leaving_sends_leave(client_context):
    play = PlayScene(client_context, standoff_level(), 1)
    play.tick()
    play.handle(key(pygame.K_q))
    assert play.pending == [TakeCover()]
    play.pending.clear()
    play.curr["trainee"] = play.curr["trainee"]._replace(protection="cover")
    play.handle(key(pygame.K_q))
    assert play.pending == [LeaveCover()]


def test_a_uniformed_officer_arriving_is_called_by_a_call_sign_not_an_id():
    level = make_level(
        officers=(Officer("suspect_like_id", Place(at=Position(0, 2, 1)), arrives=3),)
    )
    world = World(level, 1)
    for _ in range(6):
        world.step([])
    senders = [e.sender for e in world.log if type(e).__name__ == "RadioHeard"]
    assert senders == ["Backup unit 1"]


def test_a_scene_drawn_ready_shows_the_same_first_frame_as_one_drawn_from_nothing(
    client_context, screen
):
    from client_driving import load

    level = load("campus_sro")
    ready = PlayScene(client_context, level, seed=4)
    assert ready.layers  # the map was drawn once already, before the first frame
    ready.draw(screen)
    first = pygame.image.tobytes(screen, "RGB")
    cold = PlayScene(client_context, level, seed=4)
    cold.layers.clear()  # as if nothing had been drawn before its first frame
    cold.fog = type(cold.fog)(cold.building)
    cold._see()
    screen.fill((0, 0, 0))
    cold.draw(screen)
    assert pygame.image.tobytes(screen, "RGB") == first


def test_the_panel_counts_down_the_tourniquets_the_trainee_applies(client_context, screen):
    from game.core.events import TourniquetApplied

    play = PlayScene(client_context, standoff_level(), 1)
    play.tick()
    carried = play.level.trainee.tourniquets
    assert dict(play.hud_state().status)["Tourniquets"] == str(carried)
    at = Position(0, 5, 3)
    play.world.log.append(TourniquetApplied(play.world.tick, "officer_1", "student", at))
    assert dict(play.hud_state().status)["Tourniquets"] == str(carried)  # not the trainee's
    play.world.log.append(TourniquetApplied(play.world.tick, "trainee", "student", at))
    play.tick()
    assert dict(play.hud_state().status)["Tourniquets"] == str(max(0, carried - 1))
    play.world.log.append(TourniquetApplied(play.world.tick, "trainee", "teacher", at))
    assert dict(play.hud_state().status)["Tourniquets"] == str(max(0, carried - 2))
