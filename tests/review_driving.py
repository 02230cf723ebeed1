"""Helpers for the review's tests: shipped scripts' runs (run once per test session) saved as replays."""

from __future__ import annotations

from pathlib import Path

from shipped_runs import shipped_run as shared_run

from game.sessions.replay import save_replay
from game.sessions.runner import RunResult

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "levels" / "scripts"


def shipped_run(level: str, script: str = "good") -> RunResult:
    """A shipped script's headless run (the same every time, so it is run once)."""
    return shared_run(SCRIPTS / level / f"{script}.yaml")


def saved(folder: Path, level: str, script: str = "good") -> Path:
    """A shipped script's run saved as a replay in a folder, as `run --save` writes it."""
    result = shipped_run(level, script)
    path = folder / f"{level}-{script}.yaml"
    save_replay(
        path,
        result.level,
        result.seed,
        result.variant,
        result.commands,
        result.ticks,
        event_log_sha256=result.event_log_sha256,
    )
    return path


def _short_run(level: str, until: int) -> RunResult:
    return shared_run(SCRIPTS / level / "good.yaml", until=until)


def saved_short(folder: Path, level: str = "plainclothes_hallway", until: int = 600) -> Path:
    """The first minute of a shipped good run, saved as a replay (small: quick to read and check)."""
    result = _short_run(level, until)
    path = folder / f"{level}-first-{until}.yaml"
    save_replay(
        path,
        result.level,
        result.seed,
        result.variant,
        result.commands,
        result.ticks,
        event_log_sha256=result.event_log_sha256,
    )
    return path
