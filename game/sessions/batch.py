"""Run one level (with a script, or holding position) over many seeds, on every core, in seed order.

The result shows whether a level is fair and varied: how ratings, key times and casualties spread
across seeds, which variants came up, and on which seeds a script's expectations failed.
"""

from __future__ import annotations

import os
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from game.core.level import Level
from game.levels.limits import MAX_BATCH_SEEDS, MAX_SEED
from game.sessions.collector import collect_less_often
from game.sessions.expectations import ExpectationResult
from game.sessions.runner import RunResult, run_level, run_script
from game.sessions.script import RATINGS, Script
from game.sessions.summary import MOMENTS
from game.sessions.times import seconds_clock

MAX_SEEDS = MAX_BATCH_SEEDS
"""The most seeds one batch may run."""

_SEED_PART = re.compile(r"\s*([0-9]+)\s*(?:-\s*([0-9]+)\s*)?", re.ASCII)


@dataclass(frozen=True, slots=True)
class BatchRun:
    """What a batch keeps of one seed's run."""

    seed: int
    variant: tuple[tuple[str, str], ...]
    rating: str
    score: int
    clocks: tuple[tuple[str, float | None], ...]
    casualties: tuple[tuple[str, object], ...]
    hard_failures: tuple[str, ...]
    end_reason: str
    ticks: int
    ok: bool
    failed: tuple[str, ...]
    event_log_sha256: str
    expectations: tuple[ExpectationResult, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The run as a JSON-ready dict."""
        return {
            "seed": self.seed,
            "variant": dict(self.variant),
            "rating": self.rating,
            "score": self.score,
            "clocks": dict(self.clocks),
            "casualties": dict(self.casualties),
            "hard_failures": list(self.hard_failures),
            "end_reason": self.end_reason,
            "ticks": self.ticks,
            "ok": self.ok,
            "failed": list(self.failed),
            "event_log_sha256": self.event_log_sha256,
        }


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Every seed's run, in seed order, and the distribution over them."""

    level: Level
    script: Script | None
    runs: tuple[BatchRun, ...]

    @property
    def promised(self) -> float:
        """The share of seeds, in percent, the script promises its expectations hold on (100: all)."""
        return self.script.expect.holds_on if self.script is not None else 100.0

    @property
    def rate(self) -> float:
        """The share of seeds, in percent, on which every expectation held."""
        return (
            100.0 * sum(1 for run in self.runs if run.ok) / len(self.runs) if self.runs else 100.0
        )

    @property
    def ok(self) -> bool:
        """Whether the expectations held on at least the promised share of seeds (every seed by default)."""
        if self.promised >= 100:
            return all(run.ok for run in self.runs)
        return self.rate >= self.promised

    def summary(self) -> dict[str, object]:
        """The distribution of outcomes across seeds, as a JSON-ready dict."""
        runs = self.runs
        ratings = Counter(run.rating for run in runs)
        clocks = {}
        for name, _ in MOMENTS:
            values = [dict(run.clocks).get(name) for run in runs]
            clocks[name] = _spread([v for v in values if v is not None]) | {
                "never": sum(1 for v in values if v is None)
            }
        wounded = [int(dict(run.casualties)["civilians_wounded"]) for run in runs]
        deceased = [int(dict(run.casualties)["civilians_deceased"]) for run in runs]
        return {
            "runs": len(runs),
            "expectations_held": sum(1 for run in runs if run.ok),
            "held_rate": round(self.rate, 2),
            "promised_rate": self.promised,
            "failed_seeds": [run.seed for run in runs if not run.ok],
            "ratings": {letter: ratings.get(letter, 0) for letter in RATINGS}
            | {k: v for k, v in ratings.items() if k not in RATINGS},
            "score": _spread([run.score for run in runs]),
            "clocks": clocks,
            "casualties": {
                "civilians_wounded": _spread(wounded)
                | {"histogram": {str(k): v for k, v in sorted(Counter(wounded).items())}},
                "civilians_deceased": _spread(deceased),
            },
            "hard_failures": dict(
                sorted(Counter(f for run in runs for f in run.hard_failures).items())
            ),
            "variants": dict(
                sorted(Counter(f"{g}={o}" for run in runs for g, o in run.variant).items())
            ),
            "end_reasons": dict(sorted(Counter(run.end_reason for run in runs).items())),
            "distinct_event_logs": len({run.event_log_sha256 for run in runs}),
        }

    def as_dict(self) -> dict[str, object]:
        """The whole batch as one JSON-ready object (`run --seeds --json`)."""
        return {
            "level": self.level.id,
            "level_path": self.level.source_path,
            "script": self.script.path if self.script else None,
            "seeds": [run.seed for run in self.runs],
            "ok": self.ok,
            "runs": [run.as_dict() for run in self.runs],
            "summary": self.summary(),
        }


def parse_seeds(text: str) -> tuple[int, ...]:
    """Seeds from "1-200", "7" or "1,5,10-12"; raises ValueError with a readable reason."""
    seeds: list[int] = []
    shown = text if len(text) <= 40 else text[:37] + "..."
    for part in text.split(","):
        match = _SEED_PART.fullmatch(part)
        if not match:
            raise ValueError(f'expected seeds such as "1-200" or "1,5,10-12", got {shown!r}')
        low, high = match.group(1), match.group(2) or match.group(1)
        if max(len(low.lstrip("0")), len(high.lstrip("0"))) > 10 or int(high) > MAX_SEED:
            raise ValueError(f"a seed is at most {MAX_SEED:,}")
        first, last = int(low), int(high)
        if last < first:
            raise ValueError(f"the range {part.strip()!r} runs backwards")
        if len(seeds) + last - first + 1 > MAX_SEEDS:
            raise ValueError(f"at most {MAX_SEEDS:,} seeds per batch")
        seeds += range(first, last + 1)
    return tuple(dict.fromkeys(seeds))


def run_batch(
    level: Level,
    seeds: Sequence[int],
    script: Script | None = None,
    until: int | None = None,
    workers: int | None = None,
    variant: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Run every seed (in parallel on every core) and return the runs in seed order; `progress`
    hears (runs done, runs in all) as they finish."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(seeds)))
    runs: list[BatchRun] = []
    if workers == 1:
        _start(level, script, until, variant)
        for seed in seeds:
            runs.append(_one(seed))
            if progress is not None:
                progress(len(runs), len(seeds))
    else:
        chunk = max(1, min(8, len(seeds) // (workers * 4)))
        with ProcessPoolExecutor(
            workers, initializer=_start, initargs=(level, script, until, variant)
        ) as pool:
            for run in pool.map(_one, seeds, chunksize=chunk):
                runs.append(run)
                if progress is not None:
                    progress(len(runs), len(seeds))
    return BatchResult(level, script, tuple(runs))


def batch_text(batch: BatchResult) -> str:
    """The distribution as a short human table."""
    s = batch.summary()
    n = s["runs"]
    lines = [f"{batch.level.title}  ({batch.level.source_path})"]
    if batch.script is not None:
        lines.append(f"Script: {batch.script.path}")
    seeds = [run.seed for run in batch.runs]
    lines.append(
        f"{n} runs, seeds {_seed_ranges(seeds)}; {s['distinct_event_logs']} distinct event logs"
    )
    if batch.script is not None and not batch.script.expect.empty:
        failed = s["failed_seeds"]
        shown = ", ".join(str(seed) for seed in failed[:20]) + (", ..." if len(failed) > 20 else "")
        promise = ""
        if batch.promised < 100:
            verdict = "kept" if batch.ok else "NOT kept"
            promise = f" ({s['held_rate']:g} %; the script promises at least {batch.promised:g} %: {verdict})"
        lines.append(
            f"Expectations held on {s['expectations_held']} of {n} seeds{promise}"
            + (f"; failed on {shown}" if failed else "")
        )
        lines += failed_expectations_text(batch)
    lines += ["", "Ratings"]
    for letter, count in s["ratings"].items():
        lines.append(f"  {letter}  {count:>5}  {_percent(count, n):>4}  {_bar(count, n)}")
    score = s["score"]
    lines.append(
        f"Score: min {score['min']}, median {score['median']}, mean {score['mean']}, max {score['max']}"
    )
    lines += ["", "Key times (from start)  happened     min   median     mean      max"]
    for name, label in MOMENTS:
        c = s["clocks"][name]
        happened = n - c["never"]
        lines.append(
            f"  {label:<21}{happened:>4}/{n:<4}{seconds_clock(c['min']):>8}"
            f"{seconds_clock(c['median']):>9}{seconds_clock(c['mean']):>9}{seconds_clock(c['max']):>9}"
        )
    wounded = s["casualties"]["civilians_wounded"]
    lines += [
        "",
        f"Civilians wounded: min {wounded['min']}, median {wounded['median']}, "
        f"mean {wounded['mean']}, max {wounded['max']}",
    ]
    for count, runs in wounded["histogram"].items():
        noun = "run" if runs == 1 else "runs"
        lines.append(f"  {count:>3} wounded  {runs:>5} {noun:<4}  {_bar(runs, n)}")
    deceased = s["casualties"]["civilians_deceased"]
    lines.append(f"Civilians deceased: mean {deceased['mean']}, max {deceased['max']}")
    hard = ", ".join(f"{k} in {v} runs" for k, v in s["hard_failures"].items()) or "none"
    lines.append(f"Hard failures: {hard}")
    lines.append("Variants: " + (", ".join(f"{k} {v}" for k, v in s["variants"].items()) or "none"))
    lines.append("Endings: " + ", ".join(f"{k} {v}" for k, v in s["end_reasons"].items()))
    return "\n".join(lines)


def failed_expectations_text(batch: BatchResult) -> list[str]:
    """One line per failed expectation: its script line, how many seeds, which, and one example."""
    failing: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for run in batch.runs:
        for result in run.expectations:
            if not result.ok:
                failing.setdefault((result.line, result.expected), []).append(
                    (run.seed, result.evidence)
                )
    if not failing:
        return []
    name = batch.script.path if batch.script is not None else "script"
    out = ["Failed expectations:"]
    for (line, expected), seeds in sorted(failing.items()):
        listed = ", ".join(str(seed) for seed, _ in seeds[:10]) + (
            ", ..." if len(seeds) > 10 else ""
        )
        where = f"{name}:{line}" if line else name
        first_seed, first_evidence = seeds[0]
        noun = "seed" if len(seeds) == 1 else "seeds"
        out.append(
            f"  {where}: {expected}: failed on {len(seeds)} {noun} ({listed}); "
            f"seed {first_seed}: {first_evidence}"
        )
    return out


# -- workers -------------------------------------------------------------------------------------

_JOB: dict[str, object] = {}


def _start(
    level: Level, script: Script | None, until: int | None, variant: dict[str, str] | None = None
) -> None:
    """Set up a worker process (or this process) with the batch's level, script and variant."""
    collect_less_often()  # a spawned worker does not inherit it
    _JOB.update(level=level, script=script, until=until, variant=variant)


def _one(seed: int) -> BatchRun:
    """Run one seed in a worker and keep what the batch needs."""
    level, script, until = _JOB["level"], _JOB["script"], _JOB["until"]
    variant = _JOB.get("variant")
    if script is None:
        result = run_level(level, seed=seed, until=until, variant=variant)
    else:
        result = run_script(script, seed=seed, until=until, level=level, variant=variant)
    return _keep(result)


def _keep(result: RunResult) -> BatchRun:
    """The compact record of one run."""
    a = result.assessment
    return BatchRun(
        seed=result.seed,
        variant=result.variant,
        rating=a.rating,
        score=a.score,
        clocks=tuple((name, getattr(result.clocks, name, None)) for name, _ in MOMENTS),
        casualties=tuple(result.casualties.as_dict().items()),
        hard_failures=tuple(a.hard_failures),
        end_reason=result.end_reason,
        ticks=result.ticks,
        ok=result.ok,
        failed=tuple(r.message for r in result.expectations if not r.ok),
        event_log_sha256=result.event_log_sha256,
        expectations=result.expectations,
    )


def _spread(values: Sequence[float]) -> dict[str, float | None]:
    """Min, median, mean and max (None when there are no values)."""
    if not values:
        return {"min": None, "median": None, "mean": None, "max": None}
    return {
        "min": min(values),
        "median": _tidy(statistics.median(values)),
        "mean": round(statistics.fmean(values), 1),
        "max": max(values),
    }


def _tidy(value: float) -> float:
    """A whole number without its `.0`."""
    return int(value) if float(value).is_integer() else value


def _percent(count: int, total: int) -> str:
    """A share as "42%"."""
    return f"{round(100 * count / total)}%" if total else "-"


def _bar(count: int, total: int, width: int = 30) -> str:
    """A text bar for a share."""
    return "#" * round(width * count / total) if total else ""


def _seed_ranges(seeds: Sequence[int]) -> str:
    """Seeds as compact ranges: "1-200" or "1-5, 9"."""
    parts: list[str] = []
    start = prev = None
    for seed in sorted(seeds):
        if start is None:
            start = prev = seed
        elif seed == prev + 1:
            prev = seed
        else:
            parts.append(f"{start}-{prev}" if prev != start else str(start))
            start = prev = seed
    if start is not None:
        parts.append(f"{start}-{prev}" if prev != start else str(start))
    return ", ".join(parts)
