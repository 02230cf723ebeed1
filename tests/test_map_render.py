"""The shared tile drawing and people shapes, and `python main.py render` (no window)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.client.map_render import ROLE_LOOKS, render_command, render_level
from game.client.people_draw import WOUNDED_CONDITIONS, Look, draw_person, look_of
from game.client.tiles import TILE_DRAWERS, draw_tile
from game.core.level import DoorState, Position, Role, TileKind
from game.core.people import PersonView

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MAGENTA = (255, 0, 255)


def _drawn_pixels(surface: pygame.Surface, rect: pygame.Rect) -> int:
    return sum(
        1
        for x in range(rect.left, rect.right)
        for y in range(rect.top, rect.bottom)
        if tuple(surface.get_at((x, y)))[:3] != MAGENTA
    )


@pytest.mark.parametrize("kind", list(TileKind))
def test_every_tile_kind_has_a_drawing(kind):
    assert kind in TILE_DRAWERS, f"no drawing for {kind}"
    states = (
        [DoorState.OPEN, DoorState.CLOSED, DoorState.LOCKED] if kind is TileKind.DOOR else [None]
    )
    for state in states:
        surface = pygame.Surface((24, 24))
        surface.fill(MAGENTA)
        draw_tile(surface, kind, pygame.Rect(0, 0, 24, 24), state)
        assert _drawn_pixels(surface, surface.get_rect()) == 24 * 24


def test_tile_kinds_are_told_apart():
    pictures = {}
    for kind in TileKind:
        surface = pygame.Surface((24, 24))
        draw_tile(surface, kind, surface.get_rect(), DoorState.CLOSED)
        pictures[kind] = pygame.image.tobytes(surface, "RGB")
    assert len(set(pictures.values())) == len(TileKind)
    doors = set()
    for state in DoorState:
        surface = pygame.Surface((24, 24))
        draw_tile(surface, TileKind.DOOR, surface.get_rect(), state)
        doors.add(pygame.image.tobytes(surface, "RGB"))
    assert len(doors) == len(DoorState)


def _view(role: str, **changes) -> PersonView:
    values = dict(
        id=role,
        role=role,
        kind={"civilian": "student", "officer": "officer", "trainee": "trainee"}.get(role, role),
        position=Position(0, 1, 1),
        dress="uniform" if role in ("trainee", "officer") else "plain",
        raid_jacket=False,
        badge_shown=role in ("trainee", "officer"),
        weapon="rifle"
        if role == "suspect"
        else ("handgun" if role in ("trainee", "officer") else "none"),
        weapon_drawn=role == "suspect",
        condition="ok",
        protection="open",
        off_duty=False,
    )
    values.update(changes)
    return PersonView(**values)


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_role_is_drawn_by_appearance(role):
    surface = pygame.Surface((48, 48))
    surface.fill(MAGENTA)
    draw_person(surface, look_of(_view(role), role == "trainee"), (24, 24), 24)
    assert _drawn_pixels(surface, surface.get_rect()) > 60
    assert role in ROLE_LOOKS


def test_a_suspect_looks_like_any_armed_person_in_plain_clothes():
    suspect = look_of(_view("suspect"))
    off_duty = look_of(
        _view(
            "officer",
            kind="off-duty officer",
            dress="plain",
            badge_shown=False,
            weapon="rifle",
            weapon_drawn=True,
        )
    )
    assert suspect == off_duty


def test_marks_do_not_rely_on_colour():
    """Each mark changes the silhouette: compare pictures reduced to drawn / not drawn."""

    def silhouette(look: Look) -> bytes:
        surface = pygame.Surface((48, 48))
        surface.fill(MAGENTA)
        draw_person(surface, look, (24, 24), 24)
        mask = pygame.mask.from_threshold(surface, MAGENTA, (1, 1, 1, 255))
        mask.invert()
        return bytes(mask.get_at((x, y)) for x in range(48) for y in range(48))

    base = Look("adult", False, False, "", "ok")
    variants = [
        Look("uniform", False, False, "", "ok"),
        Look("child", False, False, "", "ok"),
        Look("adult", True, False, "", "ok"),
        Look("adult", False, True, "", "ok"),
        Look("adult", False, False, "rifle", "ok"),
        Look("adult", False, False, "", "ok", True),
    ] + [Look("adult", False, False, "", c) for c in WOUNDED_CONDITIONS]
    shapes = {silhouette(base)} | {silhouette(v) for v in variants}
    assert len(shapes) == len(variants) + 1


def test_render_writes_a_png_with_every_floor(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert render_command(str(FIXTURES / "minimal_level.yaml"), str(out)) == 0
    image = pygame.image.load(str(out))
    one = tmp_path / "one.png"
    assert render_command(str(FIXTURES / "minimal_level.yaml"), str(one), floor=1) == 0
    assert image.get_width() > pygame.image.load(str(one)).get_width()


def test_render_a_level_object_has_a_legend_and_routes(shooting_level):
    surface = render_level(shooting_level)
    assert surface.get_width() > shooting_level.floors[0].rows[0].__len__() * 20


def test_render_of_a_bad_level_prints_errors_and_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: test\ntitle: [unclosed\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "render", str(bad), "-o", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "bad.yaml:" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_render_of_a_missing_floor_exits_2(tmp_path, capsys):
    assert (
        render_command(str(FIXTURES / "minimal_level.yaml"), str(tmp_path / "x.png"), floor=7) == 2
    )
    assert "no floor 7" in capsys.readouterr().err
