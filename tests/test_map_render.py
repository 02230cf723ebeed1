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


# -- the author's map on several storeys ------------------------------------------------------------

TWO_STOREY = FIXTURES / "two_storey.yaml"


def _two_storey_with_route(tmp_path, route: str) -> Path:
    text = TWO_STOREY.read_text(encoding="utf-8").replace("route: [upper_hall]", f"route: {route}")
    path = tmp_path / "level.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_route_stops_are_drawn_on_their_own_floor_with_the_routes_numbers(tmp_path):
    from game.client.map_render import route_stops
    from game.levels.loader import load_level

    level = load_level(_two_storey_with_route(tmp_path, "[hall, upper_hall, room_201, upper_hall]"))
    route = level.suspects[0].route
    ground = route_stops(level, route, 0)
    upper = route_stops(level, route, 1)
    assert [numbers for _, numbers in ground] == [[1]]
    assert sorted(numbers for _, numbers in upper) == [[2, 4], [3]]


def test_render_floor_takes_a_name_or_a_number(tmp_path, capsys):
    level = str(TWO_STOREY)
    by_name = tmp_path / "name.png"
    by_number = tmp_path / "number.png"
    assert render_command(level, str(by_name), floor="Upper floor") == 0
    assert render_command(level, str(by_number), floor="1") == 0
    assert render_command(level, str(tmp_path / "lower.png"), floor="upper FLOOR") == 0
    one = pygame.image.tobytes(pygame.image.load(str(by_name)), "RGB")
    assert one == pygame.image.tobytes(pygame.image.load(str(by_number)), "RGB")
    assert render_command(level, str(tmp_path / "x.png"), floor="Attic") == 2
    err = capsys.readouterr().err
    assert "no floor 'Attic'; the level has floors 0 'Ground floor', 1 'Upper floor'" in err


def test_staff_and_plain_clothes_officers_have_their_own_legend_entries_unlike_the_suspect():
    looks = {key: look for key, (look, _) in ROLE_LOOKS.items()}
    assert {"staff", "plain_officer", "civilian", "suspect"} <= looks.keys()
    assert looks["staff"] != looks["suspect"] and looks["plain_officer"] != looks["suspect"]
    assert "staff" in ROLE_LOOKS["staff"][1] and "diamond" in ROLE_LOOKS["suspect"][1]


def test_the_suspects_start_is_framed_so_it_never_looks_like_a_staff_member():
    from game.client.map_render import TILE, _suspect_frame

    surface = pygame.Surface((TILE * 2, TILE * 2))
    surface.fill(MAGENTA)
    _suspect_frame(surface, (TILE, TILE))
    framed = _drawn_pixels(surface, surface.get_rect())
    assert framed > 20


@pytest.mark.parametrize("name", ["off_duty", "wing_a", "campus_sro", "silent_building"])
def test_zone_labels_on_a_floor_never_overlap(name):
    from game.client.map_render import TILE, _draw_zone_labels
    from game.client.text import Fonts
    from game.levels.loader import load_level

    pygame.font.init()
    level = load_level(ROOT / "levels" / f"{name}.yaml")
    width, height = len(level.floors[0].rows[0]) * TILE, len(level.floors[0].rows) * TILE
    for floor in range(len(level.floors)):
        layer = pygame.Surface((width, height))
        boxes = _draw_zone_labels(layer, level, floor, Fonts(0.85))
        named = sum(1 for zone in level.zones if any(a.floor == floor for a in zone.areas))
        assert len(boxes) == named
        for i, box in enumerate(boxes):
            assert layer.get_rect().contains(box)
            assert all(not box.colliderect(other) for other in boxes[i + 1 :]), (floor, box)
