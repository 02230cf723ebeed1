"""Settings and records in the user's config folder, written atomically; the pygame-ce check."""

from __future__ import annotations

import json

import pygame

from game.client import app
from game.client.settings import Settings, config_dir, load_settings, save_settings


def test_config_dir_honours_xdg_and_appdata(monkeypatch, tmp_path):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_dir() == tmp_path / "xdg" / "rapid-response-trainer"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    assert config_dir() == tmp_path / "appdata" / "rapid-response-trainer"
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_dir() == tmp_path / "appdata" / "rapid-response-trainer"


def test_settings_round_trip(tmp_path):
    settings = Settings(
        window=(1440, 900), fullscreen=True, volume=0.3, text_size=1.25, plan_mode=True
    )
    settings.bindings["cover"] = ["v"]
    path = save_settings(settings, tmp_path)
    assert path.parent == tmp_path
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    loaded = load_settings(tmp_path)
    assert loaded == settings


def test_broken_settings_fall_back_to_defaults(tmp_path):
    (tmp_path / "settings.json").write_text(
        '{"volume": "loud", "window": [1, 2, 3], "bindings": 5', encoding="utf-8"
    )
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "settings.json").write_text(
        json.dumps({"volume": 9, "bindings": {"nonsense": ["x"]}}), encoding="utf-8"
    )
    loaded = load_settings(tmp_path)
    assert loaded.volume == 1.0 and "nonsense" not in loaded.bindings


def test_other_pygame_distribution_is_explained(monkeypatch, capsys):
    monkeypatch.setattr(pygame, "IS_CE", False, raising=False)
    assert app.play(None) == 1
    err = capsys.readouterr().err
    assert "pip uninstall pygame pygame-ce && pip install -r requirements.txt" in err


def test_play_with_a_bad_level_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    assert app.play(str(bad)) == 2
    assert "bad.yaml:" in capsys.readouterr().err


def test_settings_scene_rebinds_a_key_and_saves(client_context):
    from game.client.scenes.menu import MenuScene
    from game.client.scenes.settings_scene import SettingsScene

    menu = MenuScene(client_context, [])
    scene = SettingsScene(client_context, menu)
    scene.selected = scene.rows.index("cover")

    def press(k: int) -> pygame.event.Event:
        return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")

    scene.handle(press(pygame.K_RETURN))
    scene.handle(press(pygame.K_v))
    # the new key replaces the old one, and is taken from the action that had it
    assert client_context.settings.bindings["cover"] == ["v"]
    assert "v" not in client_context.settings.bindings["advance"]
    scene.selected = scene.rows.index("door")
    scene.handle(press(pygame.K_DELETE))
    assert client_context.settings.bindings["door"] == []
    assert scene.value("door") == "(none)"
    scene.selected = scene.rows.index("volume")
    scene.handle(press(pygame.K_LEFT))
    assert scene.handle(press(pygame.K_ESCAPE)) is menu
    saved = load_settings(client_context.config)
    assert saved.bindings["cover"][0] == "v"
    assert saved.volume == 0.6
