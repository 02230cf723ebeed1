"""The doctrine benchmarks (§0, §7.3) shown beside the run's two clocks, each with its source."""

from __future__ import annotations

from dataclasses import dataclass

from game.scoring.clocks import moments
from game.scoring.facts import Facts
from game.scoring.stalls import stalls


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A doctrine number beside what this run did: met is None when the run has no such moment."""

    id: str
    label: str
    clock: str
    benchmark_seconds: float
    actual_seconds: float | None
    met: bool | None
    sources: tuple[str, ...]


def benchmarks(f: Facts) -> tuple[Benchmark, ...]:
    """The run's key intervals against the published numbers."""
    c = moments(f)
    longest = max((s.seconds for s in stalls(f)), default=0)
    origin = c.dispatch if c.dispatch is not None else c.shot0
    return (
        _mark(
            "response",
            "Police arrive in about 3 min (median response)",
            "from dispatch" if c.dispatch is not None else "from the first shot",
            180,
            _delta(c.arrival, origin),
            ("S2", "S9"),
        ),
        _mark(
            "entry",
            "Sgt. Helus: arrival to entry about 3 min (about 5 min from dispatch)",
            "from arrival",
            180,
            _delta(c.entry, c.arrival),
            ("S20",),
        ),
        _mark(
            "harm_window",
            "Most of the harm is done in the first 5-6 min: contact",
            "from the first shot",
            330,
            _delta(c.contact, c.shot0),
            ("S9",),
        ),
        _mark(
            "over_in_5",
            "69 % of incidents are over within 5 min",
            "from the first shot",
            300,
            _delta(c.threat_stopped, c.shot0),
            ("S1",),
        ),
        _mark(
            "longest_hold",
            "Parkland: more than 1 min of delay under fire was unacceptable",
            "longest hold with gunfire audible",
            60,
            float(longest) if c.arrival is not None else None,
            ("S19",),
        ),
        _mark(
            "uvalde",
            "Uvalde: 77 min from arrival to confrontation, the failure case",
            "from arrival",
            77 * 60,
            _delta(c.contact, c.arrival),
            ("S18",),
        ),
    )


def _delta(moment: float | None, origin: float | None) -> float | None:
    """Seconds from origin to moment; a moment before its origin (on scene before the call) counts as 0."""
    if moment is None or origin is None:
        return None
    return max(0.0, round(moment - origin, 1))


def _mark(
    id_: str, label: str, clock: str, seconds: float, actual: float | None, sources: tuple[str, ...]
) -> Benchmark:
    met = None if actual is None else actual <= seconds
    return Benchmark(id_, label, clock, float(seconds), actual, met, sources)
