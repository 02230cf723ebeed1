"""The instructor's loop: --variant, run --check-only, batch text naming failed expectations, --watch."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pygame
import pytest

from game.client import palette
from game.client.scenes.briefing import BriefingScene
from game.client.scenes.play import PlayScene
from game.client.watch_scene import WatchScene
from game.levels.loader import load_level
from game.levels.watch import FileWatch
from game.sessions.batch import run_batch
from game.sessions.checking import check_command
from game.sessions.script import load_script
from game.sessions.variants import parse_variant_choices
from main import main

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
LEVEL = FIXTURES / "tiny_school.yaml"


def touch(path: Path, text: str) -> None:
    """Write a file and move its modification time on, as a save a second later would."""
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_variant_choices_are_checked_against_the_level_with_a_hint() -> None:
    level = load_level(LEVEL)
    assert parse_variant_choices(["backup=late"], level) == {"backup": "late"}
    with pytest.raises(ValueError, match="did you mean 'late'"):
        parse_variant_choices(["backup=lat"], level)
    with pytest.raises(ValueError, match="no variant group 'bakup'; did you mean 'backup'"):
        parse_variant_choices(["bakup=late"], level)
    with pytest.raises(ValueError, match="GROUP=OPTION"):
        parse_variant_choices(["backup"], level)


def test_run_with_a_variant_fixes_that_choice_on_every_seed(capsys) -> None:
    assert main(["run", str(LEVEL), "--seeds", "1-6", "--variant", "backup=late", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"backup=late": 6' in out and "on_time" not in out


def test_run_with_an_unknown_variant_is_a_usage_error(capsys) -> None:
    assert main(["run", str(LEVEL), "--variant", "backup=never"]) == 2
    assert "--variant: variant group 'backup' has no option 'never'" in capsys.readouterr().err


def test_check_only_checks_a_script_without_running_it(capsys, tmp_path: Path) -> None:
    assert main(["run", "--script", str(FIXTURES / "good.yaml"), "--check-only"]) == 0
    out = capsys.readouterr().out
    assert "script checked against" in out and "5 commands" in out and "no errors" in out
    bad = tmp_path / "bad.yaml"
    shutil.copy(LEVEL, tmp_path / "tiny_school.yaml")
    bad.write_text(
        'level: tiny_school.yaml\ncommands:\n  - {at: "0:05", do: fier, target: suspect}\n',
        encoding="utf-8",
    )
    assert main(["run", "--script", str(bad), "--check-only"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3:22: commands[0].do: unknown command 'fier'; did you mean 'fire'?" in err


def test_a_batch_names_each_failed_expectation_with_its_script_line(tmp_path: Path) -> None:
    shutil.copy(LEVEL, tmp_path / "tiny_school.yaml")
    script_path = tmp_path / "strict.yaml"
    script_path.write_text(
        "level: tiny_school.yaml\n"
        "expect:\n"
        "  rating: P\n"
        "  events:\n"
        '    - {type: EnteredBuilding, before: "0:05"}\n',
        encoding="utf-8",
    )
    script = load_script(script_path)
    from game.sessions.batch import batch_text

    text = batch_text(run_batch(script.level, range(1, 4), script=script, workers=1))
    assert "Failed expectations:" in text
    assert f"{script_path}:3: rating exactly P: failed on 3 seeds (1, 2, 3); seed 1: got" in text
    assert f"{script_path}:5: EnteredBuilding at least once before 0:05: failed on 3 seeds" in text


def test_check_watch_checks_again_after_a_save(tmp_path: Path) -> None:
    level = tmp_path / "level.yaml"
    text = LEVEL.read_text(encoding="utf-8")
    level.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    def save_a_broken_version(watch: FileWatch) -> list[str]:
        touch(level, text.replace("kind: exit", "kind: exti", 1))
        return watch.changed()

    status = check_command(
        [str(level)], watch=True, out=out, err=err, wait=save_a_broken_version, rounds=1
    )
    assert status == 2
    assert "1 level checked: all good." in out.getvalue()
    assert f"{level} changed; checking again" in out.getvalue()
    assert "'exti'" in err.getvalue()


def test_play_watch_reloads_the_level_on_save_with_the_same_seed(
    client_context, screen, tmp_path: Path
) -> None:
    path = tmp_path / "level.yaml"
    text = LEVEL.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    level = load_level(path)
    client_context.variant = {"backup": "late"}
    from game.client.app import follow

    scene = WatchScene(
        client_context,
        BriefingScene(client_context, level, 42),
        str(path),
        42,
        lambda now, nxt: follow(now, nxt, client_context),
    )
    assert scene.inner.world.variant["backup"] == "late"
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    assert isinstance(scene.inner, PlayScene)
    for _ in range(5):
        scene.update(0.1)
    old_world = scene.inner.world
    assert old_world.tick > 0
    touch(path, text.replace('title: "Tiny', 'title: "Edited Tiny'))
    scene.update(1.0)
    assert isinstance(scene.inner, PlayScene)
    assert scene.inner.level.title.startswith("Edited")
    assert scene.inner.seed == 42 and scene.inner.world.variant["backup"] == "late"
    assert scene.inner.world is not old_world
    scene.draw(screen)

    touch(path, "id: [broken\n")
    scene.update(1.0)
    assert scene.problems and scene.inner.level.title.startswith("Edited")
    scene.draw(screen)
    # The problems overlay is drawn over the play view, framed in the warning colour.
    assert tuple(screen.get_at((10, 20)))[:3] == palette.WARNING
