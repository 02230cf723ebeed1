"""Shipped scripts and their headless runs, made once per test session and shared by every test.

A script on a seed always gives the same run (determinism has its own tests, which run afresh), so
the tests that read the same run of the same script read one run instead of making it again.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from game.sessions.runner import RunResult, run_script
from game.sessions.script import Script, load_script


@cache
def shipped_script(path: Path) -> Script:
    """A script loaded and checked once."""
    return load_script(path)


def shipped_run(path: Path, seed: int | None = None, until: int | None = None) -> RunResult:
    """The run of a script on a seed (its own by default) up to `until` ticks (its own by default)."""
    script = shipped_script(path)
    if script.replay is not None:
        return run_script(script, seed=seed, until=until)  # a replay's own run also checks it
    return _run(
        path, script.seed if seed is None else seed, script.until if until is None else until
    )


@lru_cache(maxsize=256)
def _run(path: Path, seed: int, until: int | None) -> RunResult:
    return run_script(shipped_script(path), seed=seed, until=until)
