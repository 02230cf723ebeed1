"""What the debrief shows, gathered from the scoring package's assessment of the run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.core.events import Event
from game.core.level import Level
from game.scoring import SOURCES, Clocks, assess, clocks
from game.scoring.encounter import NOT_CREDITED
from game.scoring.points import is_not_applicable

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
    tick: int = 0
    credit: str = ""
    """"not credited" (the trainee's own inaction kept the rule from applying), "not applicable"
    (the scenario did), or ""."""


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
    strengths: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    next_drill: str = ""
    next_drill_level: str = ""
    """The id of the level the next drill names (launchable from the debrief)."""
    outcomes: list[str] = field(default_factory=list)
    """What happened to victims, officers and the attacker, highest priority first."""
    caps: list[str] = field(default_factory=list)
    """Each limit put on a rating, and why."""
    problem: str = ""


def build_debrief(level: Level, events: Sequence[Event]) -> DebriefData:
    """Assess the run for the debrief; if the rubric fails, say so instead of failing."""
    try:
        assessment = assess(level, list(events))
    except Exception as error:  # the debrief must always open, whatever the rubric does
        return DebriefData(
            False, problem=f"Scoring failed: {error}", clocks=_clocks(level, events, None)
        )
    data = DebriefData(True)
    data.score = assessment.score
    data.max_score = assessment.max_score
    data.rating = assessment.rating
    data.rating_words = assessment.rating_words
    data.categories = [(c.title, c.points, c.max_points, c.rating) for c in assessment.categories]
    data.ledger = [
        LedgerRow(
            entry.time,
            entry.rule,
            entry.points,
            entry.message,
            "; ".join(f"[{s}] {SOURCES.get(s, '')}".strip() for s in entry.sources),
            entry.category,
            entry.tick,
            credit_of(entry.message),
        )
        for entry in assessment.ledger
    ]
    titles = {c.id: c.title for c in assessment.categories}
    data.caps = [
        f"{'Overall rating' if e.cap_overall else titles.get(e.category, e.category)} capped at "
        f"{e.cap} by {e.rule}: {e.message}"
        for e in assessment.ledger
        if e.cap
    ]
    data.outcomes = list(assessment.outcome.sentences()) if assessment.outcome else []
    data.next_drill_level = assessment.next_drill_level
    data.hard_failures = list(assessment.hard_failures)
    data.clocks = _clocks(level, events, assessment.clocks)
    data.benchmarks = [_benchmark(b) for b in assessment.benchmarks]
    data.strengths = list(assessment.strengths)
    data.improvements = list(assessment.improvements)
    data.next_drill = assessment.next_drill or ""
    return data


def credit_of(message: str) -> str:
    """How a ledger line's credit stands: "not credited", "not applicable" or ""."""
    if message.startswith(NOT_CREDITED):
        return "not credited"
    if is_not_applicable(message):
        return "not applicable"
    return ""


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


def _clocks(
    level: Level, events: Sequence[Event], given: Clocks | None
) -> list[tuple[str, str, str]]:
    """(moment, time from dispatch / from arrival, benchmark) rows."""
    run_clocks = given if given is not None else clocks(events, level)
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
        rows.append((title, run_clocks.describe(moment), benchmarks.get(moment, "")))
    return rows
