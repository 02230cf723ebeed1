"""Headless sessions: the script format, the runner, batches over seeds, replays and summaries.

The names below load lazily, so reading a script does not import the runner, scoring or batches.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "BatchResult": "batch",
    "BatchRun": "batch",
    "parse_seeds": "batch",
    "run_batch": "batch",
    "ExpectationResult": "expectations",
    "SessionRecorder": "replay",
    "save_replay": "replay",
    "Casualties": "runner",
    "RunResult": "runner",
    "run": "runner",
    "run_level": "runner",
    "run_script": "runner",
    "Script": "script",
    "ScriptCommand": "script",
    "load_script": "script",
    "parse_script": "script",
    "result_to_dict": "summary",
    "summary_text": "summary",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    """Import an exported name from its module on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'game.sessions' has no attribute {name!r}")
    return getattr(import_module(f"game.sessions.{_EXPORTS[name]}"), name)
