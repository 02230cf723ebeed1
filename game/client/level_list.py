"""The levels the menu offers: every level file in the levels folder, loaded, or shown broken with its first error."""

from __future__ import annotations

import sys
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
    """Every level file in a folder: the training progression first, then the rest by name; a file
    that cannot be played is listed broken with its first problem."""
    from game.levels.check import level_files, looks_like_level
    from game.levels.errors import LevelError
    from game.levels.files import read_bounded
    from game.levels.limits import MAX_FILE_BYTES
    from game.levels.loader import parse_level
    from game.levels.printable import printable

    entries = []
    for path in level_files(folder) if folder.is_dir() else []:
        try:
            data = read_bounded(path, MAX_FILE_BYTES, "level file")
            if not looks_like_level(data):
                continue
            entries.append(LevelEntry(path, parse_level(data, str(path))))
        except LevelError as error:
            entries.append(LevelEntry(path, None, str(error)))
        except OSError as error:
            entries.append(LevelEntry(path, None, f"{path}: {error.strerror or error}"))
        except Exception as error:  # a shared file must never take the menu down
            print(printable(f"{path}: cannot be loaded: {error!r}"), file=sys.stderr)
            entries.append(
                LevelEntry(path, None, f"{path}: cannot be loaded ({type(error).__name__})")
            )
    return sorted(
        entries, key=lambda e: progression_key(e.level.id if e.level else None, e.path.name)
    )
