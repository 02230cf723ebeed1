"""The fuzz tier in the suite: a few hundred mutated levels, scripts and replays, never a traceback.

The long mode is `python -m tests.fuzz --cases 100000` (see tests/fuzz.py and the README).
"""

from __future__ import annotations

import random
from collections import Counter

from fuzz import HOSTILE_VALUES, KINDS, main, mutate, run_cases, seed_files


def test_mutated_levels_scripts_and_replays_load_or_are_refused_with_placed_problems():
    outcomes = run_cases(0, 240, base_seed=2026, seconds=10.0)
    failures = [outcome.failure for outcome in outcomes if outcome.result == "failed"]
    assert not failures, failures[0]
    seen = Counter((outcome.kind, outcome.result) for outcome in outcomes)
    assert all(seen[(kind, "loaded")] and seen[(kind, "refused")] for kind in KINDS)


def test_the_mutations_reach_every_hostile_value_and_every_kind_of_file():
    seeds = seed_files()
    assert {seed.kind for seed in seeds} == set(KINDS)
    rng = random.Random(5)
    mutated = b"".join(mutate(seeds[0].text, rng) for _ in range(1500))
    reached = [value for value in HOSTILE_VALUES if value and value.encode() in mutated]
    assert len(reached) > 0.9 * len(HOSTILE_VALUES)


def test_the_long_mode_runs_cases_in_bounded_workers_and_reports_its_figures(tmp_path, capsys):
    assert main(["--cases", "12", "--workers", "1", "--seed", "3", "--out", str(tmp_path)]) == 0
    report = capsys.readouterr().out
    assert "12 cases, 0 tracebacks or hangs, 0 worker crashes" in report
    assert "bounds 10 s, 1536 MB" in report
