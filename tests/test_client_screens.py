"""Screenshots of the play view and the debrief, saved to tmp_path and inspected (no golden images)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.client import palette
from game.client.app import build
from game.client.cues import cue_radius, edge_point
from game.client.scenes.play import TILE, PlayScene
from game.client.text import recording_text
from game.core.commands import MoveTo
from game.core.events import GunfireHeard
from game.core.level import Position, TileKind


def brightness(colour) -> int:
    return colour[0] + colour[1] + colour[2]


def count_colour(surface: pygame.Surface, rect: pygame.Rect, colour, tolerance: int = 12) -> int:
    """Pixels in the rectangle whose red, green and blue each lie within `tolerance` of the colour."""
    area = surface.subsurface(rect.clip(surface.get_rect()))
    within = (tolerance + 1,) * 3 + (255,)  # a mask threshold is exclusive; the screen is opaque
    return pygame.mask.from_threshold(area, colour, within).count()


def screen_centre(play: PlayScene, screen, position: Position) -> tuple[int, int]:
    view = play.view_rect(screen)
    camera = play.camera(view)
    sx, sy = camera.to_screen((position.x + 0.5) * TILE, (position.y + 0.5) * TILE)
    return sx + view.x, sy + view.y


@pytest.fixture
def played(client_context, screen, shooting_level, tmp_path):
    """Walk into the corridor and stop on the tick a gunshot is heard; save the screenshot."""
    play = PlayScene(client_context, shooting_level, 1)
    play.pending.append(MoveTo(target=Position(0, 5, 3)))
    heard = None
    for _ in range(200):
        events = play.tick()
        heard = next((e for e in events if isinstance(e, GunfireHeard)), None)
        if heard is not None and play.trainee().position == Position(0, 5, 3):
            break
    assert heard is not None
    play.loop.reset()
    play.mouse = (10, 10)
    play.draw(screen)
    path = tmp_path / "play.png"
    pygame.image.save(screen, str(path))
    shot = pygame.image.load(str(path))
    return play, shot, heard


def test_trainee_is_drawn_where_the_world_says(played, screen):
    play, shot, _ = played
    centre = screen_centre(play, screen, play.world.trainee.position)
    tile = pygame.Rect(0, 0, TILE, TILE)
    tile.center = centre
    assert count_colour(shot, tile, palette.UNIFORM) > 40
    assert count_colour(shot, tile.inflate(TILE, TILE), palette.TRAINEE_RING) > 10
    elsewhere = tile.move(TILE * 4, 0)
    assert count_colour(shot, elsewhere, palette.TRAINEE_RING) == 0


def test_unseen_and_remembered_tiles_are_darker_than_visible(played, screen):
    play, shot, _ = played
    building = play.building

    def tiles(state: str, kind: TileKind) -> list[Position]:
        return [
            Position(0, x, y)
            for y in range(building.height)
            for x in range(building.width)
            if building.kind_at(0, x, y) is kind and play.fog.state(Position(0, x, y)) == state
        ]

    visible = tiles("visible", TileKind.GROUND) or tiles("visible", TileKind.FLOOR)
    remembered = tiles("remembered", TileKind.GROUND)
    unseen = tiles("unseen", TileKind.FLOOR)
    assert visible and remembered and unseen
    lit = brightness(shot.get_at(screen_centre(play, screen, visible[0])))
    dim = brightness(shot.get_at(screen_centre(play, screen, remembered[0])))
    dark = brightness(shot.get_at(screen_centre(play, screen, unseen[0])))
    assert lit > dim * 1.5
    assert dim > dark


def test_gunfire_cue_appears_at_the_edge_toward_the_shot(played, screen):
    play, shot, heard = played
    view = play.cue_rect(play.view_rect(screen))
    centre = screen_centre(play, screen, play.world.trainee.position)
    radius = cue_radius(heard.loudness)
    at = edge_point(centre, heard.bearing, view, inset=radius + 6)
    toward = pygame.Rect(0, 0, radius * 2 + 8, radius * 2 + 8)
    toward.center = at
    assert count_colour(shot, toward, palette.WARNING, 20) > 30
    away = toward.copy()
    away.center = edge_point(centre, (heard.bearing + 180) % 360, view, inset=radius + 6)
    assert count_colour(shot, away, palette.WARNING, 20) == 0
    # the cue sits at the view's edge, not beside the trainee
    assert (
        min(at[0] - view.left, view.right - at[0], at[1] - view.top, view.bottom - at[1])
        <= radius + 8
    )
    assert play.context.sound.played and play.context.sound.played[-1][0] == "gunshot"
    assert any("[Gunshot" in text for _, _, text in play.captions)


def test_hud_panel_is_drawn(played, screen):
    play, shot, _ = played
    panel = play.hud_rect(screen)
    assert count_colour(shot, panel, palette.PANEL, 0) > panel.w * panel.h // 3
    assert count_colour(shot, panel, palette.TEXT, 40) > 200
    state = play.hud_state()
    labels = dict(state.status)
    assert labels["Dress"] == "uniform" and "Weapon" in labels and "Position" in labels
    assert (state.radio_log and "Dispatch" in state.radio_log[0]) or not play.level.timeline


def test_unseen_people_are_not_drawn(played, screen):
    play, shot, _ = played
    hidden = [
        p for p in play.curr.values() if p.id != "trainee" and p.position not in play.fog.visible
    ]
    assert hidden, "the students in room C are behind a wall"
    for person in hidden:
        tile = pygame.Rect(0, 0, TILE, TILE)
        tile.center = screen_centre(play, screen, person.position)
        assert count_colour(shot, tile, palette.STUDENT, 8) == 0
        assert count_colour(shot, tile, palette.PLAIN, 8) == 0


def test_debrief_screenshot_shows_ratings_and_ledger(played, screen, tmp_path):
    play, _, _ = played
    play.end_now()
    debrief = build(play.debrief(), play.context)
    with recording_text() as boxes:
        debrief.draw(screen)
    path = tmp_path / "debrief.png"
    pygame.image.save(screen, str(path))
    shot = pygame.image.load(str(path))
    # a debrief without scoring is a failure, never a skip
    assert debrief.data.available, debrief.data.problem
    assert debrief.data.rating and debrief.data.categories
    assert debrief.data.ledger and any(row.sources for row in debrief.data.ledger)
    shown = [box.text for box in boxes]
    assert any(debrief.data.rating_words in text for text in shown)
    assert any(title in text for text in shown for title, *_ in debrief.data.categories)
    # scrolled down, the ledger's sources are on screen
    debrief.scroll = debrief.max_scroll
    with recording_text() as boxes:
        debrief.draw(screen)
    assert any(box.text.startswith("Source:") for box in boxes)
    # text is drawn in the main column, and the path map is there
    main = pygame.Rect(40, 120, screen.get_width() // 2, screen.get_height() - 200)
    bright = sum(
        1
        for x in range(main.left, main.right, 2)
        for y in range(main.top, main.bottom, 2)
        if brightness(shot.get_at((x, y))) > 330
    )
    assert bright > 200
    assert count_colour(shot, shot.get_rect(), palette.TRAINEE_RING, 10) > 20


def test_debrief_saves_a_replay(played, screen):
    play, _, _ = played
    play.end_now()
    debrief = build(play.debrief(), play.context)
    path = debrief.save()
    assert path, debrief.message
    text = Path(path).read_text(encoding="utf-8")
    assert "seed" in text and "move_to" in text
