"""Helpers for tests that drive the client: a context at a window size and text size, levels whose
people carry role-like ids, and the text boxes a frame draws."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
from shipped_runs import shipped_run

from game.client.scene import Context
from game.client.settings import Settings
from game.client.sound import SoundBank
from game.client.text import Fonts, TextBox, recording_text
from game.core.commands import Command
from game.levels.loader import load_level

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ROOT / "levels"
SHIPPED = sorted(p.stem for p in LEVELS.glob("*.yaml"))


def make_context(
    tmp_path: Path, size: tuple[int, int], scale: float = 1.0
) -> tuple[Context, pygame.Surface]:
    """A headless window of a size and a client context with text at a scale."""
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(size)
    settings = Settings(window=size, text_size=scale)
    context = Context(settings, Fonts(scale), SoundBank(0.0), config=tmp_path / "config")
    context.levels_dir = LEVELS
    return context, screen


def frame_text(scene, screen: pygame.Surface) -> list[TextBox]:
    """Draw one frame of a scene and return every text box it drew."""
    with recording_text() as boxes:
        scene.draw(screen)
    return list(boxes)


def layout_problems(boxes: list[TextBox], screen: pygame.Surface) -> list[str]:
    """Text that leaves the screen, is cut by the area it was drawn in, or overlaps other text."""
    bounds = screen.get_rect()
    problems = []
    for box in boxes:
        if not bounds.contains(box.rect):
            problems.append(f"off the screen: {box.text!r} at {box.rect}")
        elif box.clip != bounds and not box.clip.contains(box.rect):
            problems.append(f"cut off by its area: {box.text!r} at {box.rect} in {box.clip}")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a.rect.colliderect(b.rect):
                problems.append(f"overlap: {a.text!r} {a.rect} and {b.text!r} {b.rect}")
    return problems


def load(name: str):
    """A shipped level by id."""
    return load_level(LEVELS / f"{name}.yaml")


def renamed(level, tag: str = "zq"):
    """The level with every person given a role-like id that cannot occur in ordinary text."""
    mapping: dict[str, str] = {}

    def new(old: str, role: str) -> str:
        return mapping.setdefault(old, f"{role}_{tag}{len(mapping)}")

    suspects = tuple(replace(s, id=new(s.id, "suspect")) for s in level.suspects)
    officers = tuple(
        replace(o, id=new(o.id, "offduty_officer" if o.off_duty else "officer"))
        for o in level.officers
    )
    civilians = tuple(replace(c, id=new(c.id, "civilian")) for c in level.civilians)
    return replace(level, suspects=suspects, officers=officers, civilians=civilians), mapping


def retarget(command: Command, mapping: dict[str, str]) -> Command:
    """A script command aimed at the renamed people."""
    target = getattr(command, "target", None)
    if isinstance(target, str) and target:
        head, dot, tail = target.partition(".")
        return replace(command, target=mapping.get(head, head) + dot + tail)
    return command


def good_commands(level_id: str, seed: int, until: int | None = None) -> dict[int, list[Command]]:
    """The commands the shipped good script gives on a seed, by tick (empty when the level has none):
    a reactive script decides them as it plays, so they are taken from a headless run of it."""
    path = LEVELS / "scripts" / level_id / "good.yaml"
    if not path.exists():
        return {}
    by_tick: dict[int, list[Command]] = {}
    for item in shipped_run(path, seed, until).commands:
        by_tick.setdefault(item.tick, []).append(item.command)
    return by_tick
