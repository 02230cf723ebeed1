"""Graceful hardware: no display says so and exits 2; no sound device plays silent, without noise."""

from __future__ import annotations

import os
import subprocess
import sys

import pygame
import pytest

from game.client import app, window
from game.client.sound import SoundBank

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_no_display_is_explained_and_exits_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setattr(pygame.display, "init", lambda: None)
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "offscreen")
    monkeypatch.setattr(pygame.display, "quit", lambda: None)
    assert app.play(None) == 2
    err = capsys.readouterr().err
    assert "No display found" in err and "python main.py run" in err
    assert "Traceback" not in err


def test_a_display_that_cannot_start_is_explained(monkeypatch):
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)

    def broken() -> None:
        raise pygame.error("x11 not available")

    monkeypatch.setattr(pygame.display, "init", broken)
    with pytest.raises(window.NoDisplay, match="No display found"):
        window.start_display()


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the headless X-less case is Linux's"
)
def test_main_without_a_display_exits_2_with_a_message(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")
    }
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "No display found" in done.stderr
    assert "ALSA" not in done.stderr


def test_without_a_sound_device_the_game_is_silent_and_quiet():
    code = (
        "import pygame\n"
        "from game.client.sound import SoundBank\n"
        "bank = SoundBank(0.7)\n"
        "bank.play('gunshot')\n"
        "print('enabled' if bank.enabled else 'silent', bank.played[-1][0])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    env["SDL_AUDIODRIVER"] = "no-such-driver"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["silent", "gunshot"]
    assert "Traceback" not in done.stderr
    # ALSA itself, on a machine without a card, prints a screen of errors unless they are held back
    env["SDL_AUDIODRIVER"] = "alsa"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "ALSA" not in done.stderr and "Traceback" not in done.stderr


def test_the_sound_bank_says_when_it_is_silent(monkeypatch):
    monkeypatch.setattr("game.client.sound.start_sound", lambda: False)
    bank = SoundBank(0.5)
    assert not bank.enabled and "captioned" in bank.status
    bank.play("radio")
    assert bank.played[-1][0] == "radio"


def test_the_window_has_the_icon_and_is_resizable(monkeypatch):
    pygame.display.init()
    seen = {}
    monkeypatch.setattr(pygame.display, "set_icon", lambda image: seen.setdefault("icon", image))
    real = pygame.display.set_mode
    monkeypatch.setattr(
        pygame.display,
        "set_mode",
        lambda size, flags=0: seen.setdefault("mode", (size, flags)) and real(size),
    )
    window.open_window(window.DEFAULT_WINDOW, False)
    assert seen["icon"].get_width() > 0
    assert seen["mode"][1] & pygame.RESIZABLE and seen["mode"][0] == (1280, 720)
    pygame.display.quit()
