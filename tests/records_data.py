"""Runs and session records shared by the records tests (each run once per test process)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from game.records.build import session_from_result
from game.records.model import Finding, SessionRecord, Trainee
from game.sessions.runner import RunResult, run_script
from game.sessions.script import load_script

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
GOOD = FIXTURES / "good.yaml"
JANE = Trainee(0, "Jane Doe", "4471")


@cache
def good_run() -> RunResult:
    """The tiny school's doctrine-following script (seed 7)."""
    return run_script(load_script(GOOD))


@cache
def other_run() -> RunResult:
    """The same script on another seed: another event log."""
    return run_script(load_script(GOOD), seed=8)


def record(
    trainee: Trainee | None = JANE, run: RunResult | None = None, **changes
) -> SessionRecord:
    """A session record of a run for a trainee, with fields replaced."""
    made = session_from_result(
        run or good_run(),
        trainee,
        started_at="2026-11-03T09:00:00Z",
        ended_at="2026-11-03T09:05:00Z",
    )
    return replace(made, **changes) if changes else made


def screened_out(trainee: Trainee | None = JANE) -> SessionRecord:
    """A record of the good run as if the trainee had hit a bystander (HF1 at 0:12)."""
    base = record(trainee, other_run())
    hf = Finding(120, "0:12", "HF1", "HF", 0, "Your round hit a bystander.", (), ("S16", "S17"))
    return replace(
        base,
        key=base.key + "-hf",
        rating="U",
        hard_failures=("HF1",),
        findings=(*base.findings, hf),
    )
