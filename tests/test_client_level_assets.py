"""A level's own assets: a floor plan in the briefing and a recorded dispatch clip on a radio entry,
found only inside the level's folder with the safe asset resolver."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.client.app import build
from game.client.routes import ToBriefing, ToPlay
from game.client.sound_synth import radio_beeps, write_wav
from game.client.text import recording_text
from game.core.world import World
from game.levels.errors import LevelError
from game.levels.loader import load_level

FIXTURES = Path(__file__).parent / "fixtures"
ENTRY = """timeline:
  - at: "0:00"
    radio: {{from: Dispatch, text: "All units, shots fired.", clip: {clip}}}
"""


def level_with(folder: Path, image: str = "plan.png", clip: str = "call.wav") -> Path:
    text = (FIXTURES / "minimal_level.yaml").read_text(encoding="utf-8")
    text = text.replace("arrives: 0:10", "arrives: 0:00")
    path = folder / "level.yaml"
    text = text.replace("timeline:\n", ENTRY.format(clip=clip), 1)
    path.write_text(text + f"briefing_image: {image}\n", encoding="utf-8")
    return path


def make_assets(folder: Path) -> None:
    plan = pygame.Surface((120, 80))
    plan.fill((10, 200, 30))
    pygame.image.save(plan, str(folder / "plan.png"))
    write_wav(folder / "call.wav", radio_beeps())


def test_the_briefing_shows_the_levels_floor_plan(client_context, screen, tmp_path):
    make_assets(tmp_path)
    level = load_level(level_with(tmp_path))
    briefing = build(ToBriefing(level, 1), client_context)
    with recording_text() as boxes:
        briefing.draw(screen)
    assert "Floor plan" in [b.text for b in boxes]
    green = sum(
        1
        for x in range(0, screen.get_width(), 4)
        for y in range(0, screen.get_height(), 4)
        if tuple(screen.get_at((x, y)))[:3] == (10, 200, 30)
    )
    assert green > 100


def test_a_radio_entry_plays_its_recorded_clip(client_context, tmp_path):
    make_assets(tmp_path)
    level = load_level(level_with(tmp_path))
    play = build(ToPlay(level, 1, World(level, 1)), client_context)
    play.tick()
    played = [name for name, _, _ in client_context.sound.played]
    assert str((tmp_path / "call.wav").resolve()) in played
    assert any("All units, shots fired." in line for line in play.radio_log)


@pytest.mark.parametrize(
    ("image", "clip", "message"),
    [
        ("../plan.png", "call.wav", "'..'"),
        ("plan.png", "/etc/passwd", "absolute"),
        ("missing.png", "call.wav", "no file 'missing.png'"),
    ],
)
def test_assets_outside_the_level_folder_or_missing_are_errors_with_a_place(
    tmp_path, image, clip, message
):
    folder = tmp_path / "level"
    folder.mkdir()
    make_assets(folder)
    make_assets(tmp_path)
    with pytest.raises(LevelError) as caught:
        load_level(level_with(folder, image, clip))
    text = str(caught.value)
    assert message in text and "level.yaml:" in text
