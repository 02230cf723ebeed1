"""`python main.py explore LEVEL`: try a family of response strategies over seeds and report what scores.

The questions an instructor has about a new level: can it be done well (a strategy rated P), does it
teach what it claims (which decisions move the rating, which screen-outs can be reached), and can a
response doctrine condemns score well? A condemned strategy rated P or S on a run where it really did
the condemned thing is flagged as a rubric or level defect.
"""

from __future__ import annotations

import os
import statistics
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from game.core.events import GunfireHeard, RadioSent, ShotFired
from game.core.level import Level
from game.core.world import World
from game.scoring import assess
from game.sessions.collector import collect_less_often
from game.sessions.eyes import Eyes
from game.sessions.responder import THINK_TICKS, Responder
from game.sessions.script import RATINGS
from game.sessions.strategies import STRATEGIES, Strategy

GOOD_RATINGS = ("P", "S")
"""Ratings a condemned strategy must never reach."""
HELD_WHILE_FIRING_TICKS = 300
"""A hold counts as the condemned one when the gunfire goes on at least 30 s after it began."""


@dataclass(frozen=True, slots=True)
class StrategyRun:
    """One strategy on one seed: its rating, and whether it really did what sets it apart."""

    strategy: str
    seed: int
    rating: str
    score: int
    categories: tuple[tuple[str, str], ...]
    hard_failures: tuple[str, ...]
    end_reason: str
    condemned_act: bool

    def as_dict(self) -> dict[str, object]:
        """The run as a JSON-ready dict."""
        return {
            "seed": self.seed,
            "rating": self.rating,
            "score": self.score,
            "categories": dict(self.categories),
            "hard_failures": list(self.hard_failures),
            "end_reason": self.end_reason,
            "condemned_act": self.condemned_act,
        }


@dataclass(frozen=True, slots=True)
class StrategyResult:
    """A strategy over every seed."""

    strategy: Strategy
    runs: tuple[StrategyRun, ...]

    @property
    def ratings(self) -> dict[str, int]:
        """How many runs got each rating, best first."""
        found = Counter(run.rating for run in self.runs)
        return {letter: found.get(letter, 0) for letter in RATINGS}

    @property
    def defect_runs(self) -> tuple[StrategyRun, ...]:
        """Runs of a condemned strategy that did the condemned thing and still rated P or S."""
        if not self.strategy.is_condemned:
            return ()
        return tuple(r for r in self.runs if r.condemned_act and r.rating in GOOD_RATINGS)

    def as_dict(self) -> dict[str, object]:
        """The strategy's results as a JSON-ready dict."""
        scores = [run.score for run in self.runs]
        return {
            "name": self.strategy.name,
            "description": self.strategy.words,
            "condemned": self.strategy.is_condemned,
            "why_condemned": self.strategy.condemned or None,
            "ratings": self.ratings,
            "score": _spread(scores),
            "hard_failures": dict(
                sorted(Counter(f for r in self.runs for f in r.hard_failures).items())
            ),
            "condemned_act_runs": sum(1 for r in self.runs if r.condemned_act)
            if self.strategy.is_condemned
            else None,
            "defect_seeds": [r.seed for r in self.defect_runs],
            "runs": [run.as_dict() for run in self.runs],
        }


@dataclass(frozen=True, slots=True)
class Exploration:
    """Every strategy tried on a level, and what that says about the level and its rubric."""

    level: Level
    seeds: tuple[int, ...]
    results: tuple[StrategyResult, ...]

    @property
    def rated_p(self) -> list[str]:
        """The strategies rated P on at least one seed."""
        return [r.strategy.name for r in self.results if r.ratings["P"]]

    @property
    def best(self) -> StrategyResult:
        """The strategy with the most P ratings (then S...), then the best median score."""
        return max(
            self.results,
            key=lambda r: (
                *(r.ratings[x] for x in RATINGS[:3]),
                statistics.median(s.score for s in r.runs),
            ),
        )

    @property
    def defects(self) -> list[StrategyResult]:
        """Condemned strategies that scored P or S while doing the condemned thing."""
        return [r for r in self.results if r.defect_runs]

    @property
    def reachable_screen_outs(self) -> dict[str, list[str]]:
        """Each hard failure some strategy reached, with the strategies that reached it."""
        found: dict[str, list[str]] = {}
        for result in self.results:
            for failure in sorted({f for run in result.runs for f in run.hard_failures}):
                found.setdefault(failure, []).append(result.strategy.name)
        return dict(sorted(found.items()))

    @property
    def ok(self) -> bool:
        """Whether the level can be done well and no condemned strategy scores well."""
        return bool(self.rated_p) and not self.defects

    def as_dict(self) -> dict[str, object]:
        """The exploration as one JSON-ready object (`explore --json`)."""
        return {
            "level": self.level.id,
            "level_path": self.level.source_path,
            "seeds": list(self.seeds),
            "ok": self.ok,
            "best": self.best.strategy.name,
            "rated_p": self.rated_p,
            "defects": [
                {
                    "strategy": r.strategy.name,
                    "seeds": [run.seed for run in r.defect_runs],
                    "ratings": [run.rating for run in r.defect_runs],
                    "message": _defect_words(r),
                }
                for r in self.defects
            ],
            "reachable_screen_outs": self.reachable_screen_outs,
            "strategies": [r.as_dict() for r in self.results],
        }


def explore(
    level: Level,
    seeds: Sequence[int],
    strategies: Sequence[Strategy] = STRATEGIES,
    until: int | None = None,
    workers: int | None = None,
) -> Exploration:
    """Run every strategy on every seed (on every core) and gather the results in a fixed order."""
    jobs = [(s.name, seed) for s in strategies for seed in seeds]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        _start(level, tuple(strategies), until)
        runs = [_job(job) for job in jobs]
    else:
        with ProcessPoolExecutor(
            workers, initializer=_start, initargs=(level, tuple(strategies), until)
        ) as pool:
            runs = list(pool.map(_job, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
    results = tuple(
        StrategyResult(s, tuple(run for run in runs if run.strategy == s.name)) for s in strategies
    )
    return Exploration(level, tuple(seeds), results)


def play_strategy(
    level: Level, strategy: Strategy, seed: int, until: int | None = None
) -> tuple[World, Responder]:
    """One run of a strategy: the world stepped with the bot's commands until it ends."""
    world = World(level, seed)
    eyes = Eyes(world)
    eyes.hear(world.log)
    responder = Responder(strategy, level)
    limit = level.duration if until is None else min(until, level.duration)
    while not world.finished and world.tick < limit:
        commands = []
        if world.tick - responder.last_think >= THINK_TICKS or eyes.challenged_at == world.tick - 1:
            commands = responder.decide(eyes.look(), world)
        eyes.hear(world.step(commands))
    if not world.finished:
        world.stop("explored to the time limit")
    return world, responder


def run_strategy(
    level: Level, strategy: Strategy, seed: int, until: int | None = None
) -> StrategyRun:
    """One run of a strategy, scored."""
    world, responder = play_strategy(level, strategy, seed, until)
    events = list(world.log)
    assessment = assess(level, events)
    return StrategyRun(
        strategy=strategy.name,
        seed=seed,
        rating=assessment.rating,
        score=assessment.score,
        categories=tuple((c.id, c.rating) for c in assessment.categories),
        hard_failures=tuple(sorted(assessment.hard_failures)),
        end_reason=world.end_reason,
        condemned_act=condemned_act(strategy, events, responder),
    )


def condemned_act(strategy: Strategy, events: Sequence[object], responder: Responder) -> bool:
    """Whether a run really did what its strategy is condemned for (judged from the event log)."""
    if not strategy.is_condemned:
        return False
    if strategy.reckless:
        return any(
            isinstance(e, ShotFired) and e.shooter == "trainee" and e.non_threats_in_sight
            for e in events
        )
    if strategy.hold == "stand_off":
        ordered = [e.tick for e in events if isinstance(e, RadioSent) and e.kind == "stand_off"]
        return bool(ordered) and _gunfire_after(events, ordered[0])
    held = responder.held_at
    return held is not None and _gunfire_after(events, held + HELD_WHILE_FIRING_TICKS)


def explore_text(exploration: Exploration) -> str:
    """The exploration as a short table per strategy, then the verdict."""
    level = exploration.level
    seeds = exploration.seeds
    lines = [
        f"{level.title}  ({level.source_path})",
        f"{len(seeds)} seeds ({_seed_words(seeds)}) per strategy",
        "",
    ]
    width = max(len(r.strategy.name) for r in exploration.results)
    lines.append(f"  {'strategy':<{width}}   P   S   M   U   score (min/median/max)   screen-outs")
    for result in exploration.results:
        r = result.ratings
        scores = [run.score for run in result.runs]
        spread = _spread(scores)
        outs = Counter(f for run in result.runs for f in run.hard_failures)
        outs_text = ", ".join(f"{k} x{v}" for k, v in sorted(outs.items())) or "-"
        mark = "!" if result.defect_runs else ("x" if result.strategy.is_condemned else " ")
        lines.append(
            f"{mark} {result.strategy.name:<{width}} {r['P']:>3} {r['S']:>3} {r['M']:>3} {r['U']:>3}"
            f"   {spread['min']:>5} /{spread['median']:>6} /{spread['max']:>5}        {outs_text}"
        )
    lines += [
        "",
        "x = condemned by doctrine; ! = condemned yet rated P or S (a rubric or level defect)",
        "",
    ]
    best = exploration.best
    lines.append(
        f"Best: {best.strategy.name} ({best.strategy.words}): {_ratings_words(best.ratings)}"
    )
    if exploration.rated_p:
        lines.append(f"Rated P by: {', '.join(exploration.rated_p)}")
    else:
        lines.append(
            "No strategy reached P: check that the level can be done well (or the rubric's thresholds)"
        )
    screen = exploration.reachable_screen_outs
    lines.append(
        "Reachable screen-outs: "
        + ("; ".join(f"{k} ({', '.join(v)})" for k, v in screen.items()) or "none")
    )
    for result in exploration.results:
        if result.strategy.is_condemned:
            acted = sum(1 for run in result.runs if run.condemned_act)
            if not acted:
                lines.append(
                    f"Not exercised: {result.strategy.name} never got to do the condemned thing on these seeds"
                )
    for result in exploration.defects:
        lines.append(f"DEFECT: {_defect_words(result)}")
    if not exploration.defects:
        lines.append("No condemned strategy rated P or S.")
    return "\n".join(lines)


# -- workers and helpers --------------------------------------------------------------------------

_JOB: dict[str, object] = {}


def _start(level: Level, strategies: tuple[Strategy, ...], until: int | None) -> None:
    collect_less_often()  # a spawned worker does not inherit it
    _JOB.update(level=level, strategies={s.name: s for s in strategies}, until=until)


def _job(job: tuple[str, int]) -> StrategyRun:
    name, seed = job
    return run_strategy(_JOB["level"], _JOB["strategies"][name], seed, _JOB["until"])


def _gunfire_after(events: Sequence[object], tick: int) -> bool:
    return any(isinstance(e, GunfireHeard) and e.tick >= tick for e in events)


def _defect_words(result: StrategyResult) -> str:
    runs = result.defect_runs
    seeds = ", ".join(str(r.seed) for r in runs)
    ratings = ", ".join(sorted({r.rating for r in runs}))
    return (
        f"{result.strategy.name} is condemned ({result.strategy.condemned}) yet rated {ratings} on "
        f"seed{'s' if len(runs) != 1 else ''} {seeds}: the rubric or the level lets it score well"
    )


def _ratings_words(ratings: dict[str, int]) -> str:
    return ", ".join(f"{count} {letter}" for letter, count in ratings.items() if count)


def _seed_words(seeds: Sequence[int]) -> str:
    if list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"{seeds[0]}-{seeds[-1]}" if len(seeds) > 1 else str(seeds[0])
    return ", ".join(str(s) for s in seeds)


def _spread(values: Sequence[float]) -> dict[str, float | None]:
    if not values:
        return {"min": None, "median": None, "max": None}
    median = statistics.median(values)
    return {
        "min": min(values),
        "median": int(median) if float(median).is_integer() else median,
        "max": max(values),
    }


def explore_command(args: object) -> int:
    """`explore LEVEL [--seeds N] [--json]`: 0 when the level can be done well and no condemned
    strategy scores P or S, 1 when not, 2 for a bad level or argument."""
    import json
    import sys

    from game.levels.errors import LevelError
    from game.levels.loader import load_level
    from game.sessions.batch import parse_seeds
    from game.sessions.strategies import strategy
    from game.sessions.times import parse_time

    try:
        seeds = _seeds(str(getattr(args, "seeds", None) or DEFAULT_SEEDS), parse_seeds)
        names = getattr(args, "strategy", None) or [s.name for s in STRATEGIES]
        chosen = [strategy(name) for name in names]
        until = parse_time(args.until) if getattr(args, "until", None) else None
    except KeyError as error:
        known = ", ".join(s.name for s in STRATEGIES)
        print(
            f"explore: no strategy {error.args[0]!r}; the strategies are: {known}", file=sys.stderr
        )
        return 2
    except ValueError as error:
        print(f"explore: {error}", file=sys.stderr)
        return 2
    try:
        level = load_level(args.level)
    except LevelError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    exploration = explore(level, seeds, chosen, until=until)
    if getattr(args, "json", False):
        print(json.dumps(exploration.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(explore_text(exploration))
    return 0 if exploration.ok else 1


DEFAULT_SEEDS = 10
"""Seeds per strategy when `--seeds` is not given."""


def _seeds(text: str, parse_seeds) -> tuple[int, ...]:
    """`N` (seeds 1 to N) or a list of seeds and ranges such as `1-30` or `4,9`."""
    if text.isdigit():
        count = int(text)
        if not 1 <= count <= 10_000:
            raise ValueError(f"--seeds: give 1 to 10000 seeds, got {count}")
        return tuple(range(1, count + 1))
    return parse_seeds(text)
