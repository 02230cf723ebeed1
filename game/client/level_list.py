"""The levels the menu offers: every YAML file in the levels folder, loaded, or shown broken with its first error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.client.progression import progression_key
from game.core.level import Level


@dataclass(frozen=True, slots=True)
class LevelEntry:
    """One file in the menu: its level, or why it cannot be played."""

    path: Path
    level: Level | None
    problem: str = ""

    @property
    def title(self) -> str:
        """The level's title, or the file name when it is broken."""
        return self.level.title if self.level else self.path.name

    @property
    def first_line(self) -> str:
        """The first line of the briefing (or of the error)."""
        if self.level is None:
            return self.problem.splitlines()[0] if self.problem else "cannot be loaded"
        text = " ".join(self.level.briefing.split())
        end = text.find(". ")
        return text[: end + 1] if 0 < end < 140 else text[:140]


def list_levels(folder: Path) -> list[LevelEntry]:
    """Every level file in a folder: the training progression first, then the rest by name."""
    from game.levels.errors import LevelError
    from game.levels.loader import load_level

    entries = []
    paths = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []
    for path in paths:
        try:
            entries.append(LevelEntry(path, load_level(path)))
        except LevelError as error:
            entries.append(LevelEntry(path, None, str(error)))
        except OSError as error:
            entries.append(LevelEntry(path, None, f"{path}: {error}"))
    return sorted(
        entries, key=lambda e: progression_key(e.level.id if e.level else None, e.path.name)
    )
