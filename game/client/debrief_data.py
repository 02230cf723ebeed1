"""What the debrief shows, gathered from the scoring package (and tolerant while it is still growing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.core.events import Event
from game.core.level import Level

CLOCK_TITLES = {
    "shot0": "First shot",
    "dispatch": "Dispatch",
    "arrival": "You arrived",
    "entry": "You entered the building",
    "contact": "Contact with the suspect",
    "threat_stopped": "Threat stopped",
    "first_care": "First care given",
}


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One ledger line as the debrief prints it."""

    time: str
    rule: str
    points: int
    message: str
    sources: str
    category: str = ""


@dataclass
class DebriefData:
    """The ratings, the ledger and the clocks of one run."""

    available: bool
    score: float | None = None
    rating: str = ""
    rating_words: str = ""
    categories: list[tuple[str, int, int, str]] = field(default_factory=list)
    ledger: list[LedgerRow] = field(default_factory=list)
    hard_failures: list[str] = field(default_factory=list)
    clocks: list[tuple[str, str, str]] = field(default_factory=list)
    benchmarks: list[tuple[str, str, str]] = field(default_factory=list)
    max_score: int | None = None
    next_drill: str = ""
    problem: str = ""


def build_debrief(level: Level, events: Sequence[Event]) -> DebriefData:
    """Assess the run; when scoring is missing or fails, say so instead of failing."""
    try:
        from game.scoring import assess
    except ImportError as error:
        return DebriefData(
            False,
            problem=f"Scoring is not available yet ({error}).",
            clocks=_clocks(level, events, None),
        )
    try:
        assessment = assess(level, list(events))
    except Exception as error:  # the debrief must always open, whatever the rubric does
        return DebriefData(
            False, problem=f"Scoring failed: {error}", clocks=_clocks(level, events, None)
        )
    sources = _source_titles()
    data = DebriefData(True)
    data.score = getattr(assessment, "score", None)
    data.rating = str(getattr(assessment, "rating", ""))
    data.rating_words = str(getattr(assessment, "rating_words", ""))
    for category in getattr(assessment, "categories", ()):
        data.categories.append(
            (
                str(getattr(category, "title", getattr(category, "id", ""))),
                int(getattr(category, "points", 0)),
                int(getattr(category, "max_points", 0)),
                str(getattr(category, "rating", "")),
            )
        )
    for entry in getattr(assessment, "ledger", ()):
        ids = tuple(getattr(entry, "sources", ()))
        data.ledger.append(
            LedgerRow(
                str(getattr(entry, "time", "")),
                str(getattr(entry, "rule", "")),
                int(getattr(entry, "points", 0)),
                str(getattr(entry, "message", "")),
                "; ".join(f"[{s}] {sources.get(s, '')}".strip() for s in ids),
                str(getattr(entry, "category", "")),
            )
        )
    data.hard_failures = [
        str(getattr(f, "message", f)) for f in getattr(assessment, "hard_failures", ())
    ]
    data.clocks = _clocks(level, events, getattr(assessment, "clocks", None))
    data.benchmarks = [_benchmark(b) for b in getattr(assessment, "benchmarks", ())]
    data.max_score = getattr(assessment, "max_score", None)
    data.next_drill = str(getattr(assessment, "next_drill", "") or "")
    return data


def _benchmark(benchmark: object) -> tuple[str, str, str]:
    """(label, "you 45 s / benchmark 60 s [S8]", "met" | "missed" | "no such moment")."""
    actual = getattr(benchmark, "actual_seconds", None)
    target = getattr(benchmark, "benchmark_seconds", None)
    ids = "".join(f"[{s}]" for s in getattr(benchmark, "sources", ()))
    you = "—" if actual is None else f"{round(actual)} s"
    goal = "" if target is None else f" / benchmark {round(target)} s"
    met = getattr(benchmark, "met", None)
    verdict = "no such moment" if met is None else ("met" if met else "missed")
    return str(getattr(benchmark, "label", "")), f"you {you}{goal} {ids}".strip(), verdict


def _source_titles() -> dict[str, str]:
    try:
        from game.scoring import SOURCES
    except ImportError:
        try:
            from game.scoring.sources import SOURCES
        except ImportError:
            return {}
    return dict(SOURCES)


def _clocks(level: Level, events: Sequence[Event], given: object) -> list[tuple[str, str, str]]:
    """(moment, time from dispatch / from arrival, benchmark) rows."""
    clocks = given
    if clocks is None:
        try:
            from game.scoring.clocks import clocks as compute

            clocks = compute(events, level)
        except Exception:
            return []
    try:
        from_dispatch = clocks.from_dispatch()
        from_arrival = clocks.from_arrival()
    except AttributeError:
        return []
    thresholds = level.scoring
    benchmarks = {
        "entry": f"full credit within {thresholds.entry_full_seconds} s of arrival, none after {thresholds.entry_zero_seconds} s",
        "first_care": f"full credit within {thresholds.care_full_seconds} s, none after {thresholds.care_zero_seconds} s",
        "arrival": f"report within {thresholds.initial_report_full_seconds} s of arrival",
    }
    rows = []
    for moment, title in CLOCK_TITLES.items():
        if moment in ("dispatch",):
            continue
        d = from_dispatch.get(moment)
        a = from_arrival.get(moment)
        if d is None:
            value = "did not happen"
        else:
            value = f"{_mss(d)} after dispatch"
            if a is not None and moment not in ("arrival", "shot0"):
                value += f", {_mss(a)} after arrival"
        rows.append((title, value, benchmarks.get(moment, "")))
    return rows


def _mss(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    whole = abs(round(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"
