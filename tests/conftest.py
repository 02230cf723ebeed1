"""Test set-up: headless SDL (no window, no sound device) and the repository root on sys.path."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture
def screen():
    """A headless 1280x760 display surface."""
    import pygame

    pygame.init()
    surface = pygame.display.set_mode((1280, 760))
    yield surface
    pygame.quit()


@pytest.fixture
def client_context(tmp_path, screen):
    """A client context whose settings and records live in a temporary folder."""
    from game.client.scene import Context
    from game.client.settings import Settings
    from game.client.sound import SoundBank
    from game.client.text import Fonts

    return Context(Settings(), Fonts(1.0), SoundBank(0.0), config=tmp_path / "config")


@pytest.fixture
def shooting_level():
    """The test hallway with a suspect firing in room C and three students there."""
    from builders import SUSPECT_LOOK, make_level

    from game.core.level import CivilianBehaviour, CivilianGroup, Place, Suspect

    return make_level(
        suspects=(
            Suspect(
                "suspect",
                Place(zone="room_c"),
                SUSPECT_LOOK,
                route=("room_c",),
                first_shot=20,
                fire_interval=30,
            ),
        ),
        civilians=(
            CivilianGroup(
                "class_c", Place(zone="room_c"), count=3, behaviour=CivilianBehaviour(1, 0)
            ),
        ),
    )


@pytest.fixture(scope="session")
def _user_folders_root(tmp_path_factory):
    """One folder holding every test's private user folders, and a counter naming them."""
    return tmp_path_factory.mktemp("users"), itertools.count()


@pytest.fixture(autouse=True)
def _private_user_folders(_user_folders_root, monkeypatch):
    """No test reads or writes the real user's settings or training records (nor another test's)."""
    # One numbered folder a test, not tmp_path_factory.mktemp: that scans every folder made so far.
    root, numbers = _user_folders_root
    folder = root / str(next(numbers))
    for name, variable in (("data", "XDG_DATA_HOME"), ("config", "XDG_CONFIG_HOME")):
        (folder / name).mkdir(parents=True)
        monkeypatch.setenv(variable, str(folder / name))
