"""Watch files for saves by polling their modification times (no extra dependency, any platform)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

POLL_SECONDS = 0.4
"""How often watched files are looked at."""

Stamp = tuple[int, int] | None
"""A file's (modification time in ns, size), or None when it does not exist."""


class FileWatch:
    """Remembers files' modification times and says which changed since the last look."""

    def __init__(self, files: Callable[[], Iterable[str | Path]]) -> None:
        self._files = files
        self._stamps = self._look()

    def changed(self) -> list[str]:
        """The files that changed, appeared or went away since the last call (or creation)."""
        now = self._look()
        changed = sorted(
            name
            for name in now.keys() | self._stamps.keys()
            if now.get(name) != self._stamps.get(name)
        )
        self._stamps = now
        return changed

    def _look(self) -> dict[str, Stamp]:
        stamps: dict[str, Stamp] = {}
        for name in self._files():
            try:
                info = Path(name).stat()
                stamps[str(name)] = (info.st_mtime_ns, info.st_size)
            except OSError:
                stamps[str(name)] = None
        return stamps


def wait_for_change(
    watch: FileWatch,
    interval: float = POLL_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
    settle: float = 0.1,
) -> list[str]:
    """Block until a watched file changes; returns the changed files (after a short settle)."""
    while True:
        sleep(interval)
        changed = watch.changed()
        if changed:
            # Editors save in more than one write: let the last one land before reading.
            sleep(settle)
            watch.changed()
            return changed


def yaml_files(paths: Iterable[str]) -> list[str]:
    """The files named, and the `*.yaml` directly in named folders (looked up again on every call)."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += [str(child) for child in sorted(path.glob("*.yaml"))]
        else:
            found.append(name)
    return found
