"""Fingerprints of every shipped script over many seeds: proof that a speed-up changed no behaviour.

Each line names a level, a script and a seed, then the SHA-256 of the run's event log and of its
assessment (score, ratings, every ledger entry). Record the lines before a change and after it, and
compare: identical lines mean identical behaviour and identical scoring on every run checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from game.scoring import assessment_to_dict
from game.sessions.runner import run_script
from game.sessions.script import Script, load_script


def shipped_scripts(levels_folder: Path) -> list[Path]:
    """Every script of every shipped level, in name order."""
    return sorted((levels_folder / "scripts").glob("*/*.yaml"))


def fingerprint_lines(
    scripts: Sequence[Path], seeds: Sequence[int], workers: int | None = None
) -> list[str]:
    """One line per (script, seed): `level/script seed events-sha assessment-sha`, in order."""
    jobs = [(str(path), seed) for path in scripts for seed in seeds]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        return [_line(job) for job in jobs]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_line, jobs, chunksize=max(1, len(jobs) // (workers * 8))))


_SCRIPTS: dict[str, Script] = {}


def _line(job: tuple[str, int]) -> str:
    path, seed = job
    script = _SCRIPTS.get(path)
    if script is None:
        script = _SCRIPTS[path] = load_script(Path(path))
    result = run_script(script, seed=seed)
    judged = json.dumps(assessment_to_dict(result.assessment), sort_keys=True, default=str)
    name = f"{Path(path).parent.name}/{Path(path).stem}"
    return (
        f"{name} {seed} {result.event_log_sha256[:16]} "
        f"{hashlib.sha256(judged.encode()).hexdigest()[:16]}"
    )


def compare(before: Sequence[str], after: Sequence[str]) -> list[str]:
    """The lines that differ (empty when every run is identical)."""
    if len(before) != len(after):
        return [f"{len(before)} runs before, {len(after)} after"]
    return [f"- {a}\n+ {b}" for a, b in zip(before, after, strict=True) if a != b]


def fingerprints_command(seeds_text: str, against: str | None, workers: int | None) -> int:
    """`bench --fingerprints SEEDS [--against FILE]`: print the lines, or compare them with a file."""
    from game.levels.folders import levels_dir
    from game.sessions.batch import parse_seeds

    try:
        seeds = parse_seeds(seeds_text)
    except ValueError as error:
        print(f"bench: --fingerprints: {error}", file=sys.stderr)
        return 2
    before = None
    if against is not None:
        try:
            before = Path(against).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            print(f"bench: --against: cannot read {against}: {error}", file=sys.stderr)
            return 2
    lines = fingerprint_lines(shipped_scripts(levels_dir()), seeds, workers)
    if before is None:
        print("\n".join(lines))
        return 0
    differ = compare(before, lines)
    if differ:
        print("\n".join(differ))
        print(f"{len(differ)} of {len(lines)} runs differ")
        return 1
    print(f"identical: {len(lines)} runs (event logs and assessments)")
    return 0
