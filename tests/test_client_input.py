"""Input -> Commands as pure functions, the radio panel, the fixed-step loop, and the camera."""

from __future__ import annotations

import pygame
import pytest
from builders import make_level

from game.client.camera import Camera
from game.client.input_map import (
    AtHand,
    action_commands,
    key_map,
    keys_at_hand,
    move_vector,
    step_command,
)
from game.client.loop import FixedStepLoop
from game.client.radio_panel import RadioPanel
from game.client.settings import DEFAULT_BINDINGS
from game.core.building import Building
from game.core.commands import (
    ApplyTourniquet,
    Challenge,
    DrawWeapon,
    Fire,
    Holster,
    LeaveCover,
    Move,
    Radio,
    TakeCover,
)
from game.core.level import Position
from game.core.people import PersonView


@pytest.fixture(autouse=True)
def _pygame():
    pygame.init()
    yield
    pygame.quit()


def trainee(**changes) -> PersonView:
    values = dict(
        id="trainee",
        role="trainee",
        kind="trainee",
        position=Position(0, 4, 3),
        dress="uniform",
        raid_jacket=False,
        badge_shown=True,
        weapon="handgun",
        weapon_drawn=False,
        condition="ok",
        protection="open",
        off_duty=False,
    )
    values.update(changes)
    return PersonView(**values)


def press(k: int, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode)


def test_default_bindings_map_to_keys():
    mapping = key_map(DEFAULT_BINDINGS)
    assert mapping[pygame.K_w] == "move_up" and mapping[pygame.K_UP] == "move_up"
    assert mapping[pygame.K_LSHIFT] == "run"
    assert mapping[pygame.K_r] == "radio"
    assert set(mapping.values()) == set(DEFAULT_BINDINGS)


def test_unknown_key_names_are_skipped():
    assert key_map({"radio": ["no such key", "r"]}) == {pygame.K_r: "radio"}


def test_move_vector_and_diagonal_slide():
    assert move_vector({"move_up", "move_right"}) == (1, -1)
    assert move_vector({"move_up", "move_down"}) == (0, 0)
    building = Building(make_level())
    # in the corridor (row 3) the wall is above: up-right slides right
    assert step_command((1, -1), Position(0, 5, 3), building) == Move(1, 0)
    assert step_command((1, 0), Position(0, 5, 3), building) == Move(1, 0)
    assert step_command((0, 0), Position(0, 5, 3), building) is None


@pytest.mark.parametrize(
    ("action", "state", "expected"),
    [
        ("cover", trainee(), [TakeCover()]),
        ("cover", trainee(protection="cover"), [LeaveCover()]),
        ("weapon", trainee(), [DrawWeapon()]),
        ("weapon", trainee(weapon_drawn=True), [Holster()]),
        ("challenge", trainee(), []),
        ("fire", trainee(weapon_drawn=True), []),
    ],
)
def test_action_keys_give_commands(action, state, expected):
    assert action_commands(action, AtHand(state)) == expected


def test_person_under_cursor_is_the_target():
    at_hand = AtHand(trainee(weapon_drawn=True), target="suspect")
    assert action_commands("challenge", at_hand) == [Challenge("suspect")]
    assert action_commands("fire", at_hand) == [Fire("suspect")]
    assert action_commands("tourniquet", AtHand(trainee(), casualty_near="class_c.2")) == [
        ApplyTourniquet("class_c.2")
    ]


def test_key_hints_follow_what_is_at_hand():
    words = dict(
        keys_at_hand(AtHand(trainee(), protection_nearby="cover", protection_object="column"))
    )
    assert words["cover"] == "Take cover (column)"
    assert "fire" not in words and "breach" not in words
    words = dict(
        keys_at_hand(AtHand(trainee(weapon_drawn=True), target="x", door_locked_near=True))
    )
    assert "fire" in words and "breach" in words


def test_radio_panel_composes_a_report_slot_by_slot():
    panel = RadioPanel([("corridor", "Main corridor"), ("room_c", "Room C")], here="corridor")
    keys = [
        pygame.K_1,
        pygame.K_2,
        pygame.K_1,
        pygame.K_4,
        pygame.K_3,
    ]  # kind 1; shots active; weapon rifle
    for k in keys:
        assert panel.handle(press(k)) == ("open", None)
    # requests: toggle backup (1) and EMS (2), Enter to finish the list
    for k in (pygame.K_8, pygame.K_1, pygame.K_2, pygame.K_RETURN):
        panel.handle(press(k))
    # description: type your own
    for event in [press(pygame.K_3), press(pygame.K_0)] + [
        press(ord(c), c) for c in "male, red cap"
    ]:
        panel.handle(event)
    panel.handle(press(pygame.K_RETURN))
    state, message = panel.handle(press(pygame.K_RETURN))
    assert state == "sent"
    assert message == Radio.of(
        "initial_report",
        location="corridor",
        shots="active",
        weapon="rifle",
        requests="backup, ems",
        description="male, red cap",
    )


def test_radio_panel_escape_steps_back_then_closes():
    panel = RadioPanel([])
    panel.handle(press(pygame.K_1))
    assert panel.stage == "slots"
    assert panel.handle(press(pygame.K_ESCAPE)) == ("open", None)
    assert panel.handle(press(pygame.K_ESCAPE)) == ("closed", None)


def test_fixed_step_loop_is_independent_of_frame_rate():
    for fps in (30, 60, 144):
        loop = FixedStepLoop(10)
        ticks = sum(loop.advance(1 / fps) for _ in range(fps * 3))
        assert ticks == 30
        assert 0.0 <= loop.alpha <= 1.0


def test_fixed_step_loop_caps_a_long_stall():
    loop = FixedStepLoop(10, max_ticks_per_frame=5)
    assert loop.advance(10.0) == 5
    assert loop.advance(0.05) == 0 and loop.alpha == pytest.approx(0.5)


def test_camera_starts_centred_and_holds_still_inside_its_dead_zone():
    camera = Camera((400, 300), (1000, 800))
    camera.centre_on(10, 10)
    # centred even at the map's corner: the trainee is in the middle of the view, not at its edge
    assert camera.to_screen(10, 10) == (200, 150)
    camera.follow(40, 30)
    assert camera.to_screen(10, 10) == (200, 150), "a small step inside the dead zone moves nothing"
    camera.follow(400, 10)
    sx, _ = camera.to_screen(400, 10)
    assert 200 < sx <= 200 + 400 * 0.3 / 2 + 1, "past the dead zone it follows just enough"
    assert camera.to_world(*camera.to_screen(500, 400)) == (500, 400)


def test_camera_never_centres_off_the_map():
    camera = Camera((400, 300), (1000, 800))
    camera.centre_on(5000, -300)
    assert (camera.cx, camera.cy) == (1000, 0)


def test_the_advance_key_moves_toward_the_gunfire_and_the_comply_key_complies():
    from game.client.input_map import AtHand, action_commands, keys_at_hand
    from game.core.commands import AdvanceToGunfire, Comply

    at_hand = AtHand(None, gunfire_heard=True, challenged=True)
    assert action_commands("advance", at_hand) == [AdvanceToGunfire()]
    assert action_commands("comply", at_hand) == [Comply()]
    hints = [action for action, _ in keys_at_hand(at_hand)]
    assert hints[0] == "comply" and "advance" in hints
    assert "comply" not in [a for a, _ in keys_at_hand(AtHand(None))]


def test_the_skip_key_is_offered_first_only_during_the_walk_through():
    hints = [action for action, _ in keys_at_hand(AtHand(trainee(), walk_through=True))]
    assert hints[0] == "skip_tutorial"
    assert "skip_tutorial" not in [a for a, _ in keys_at_hand(AtHand(trainee()))]
