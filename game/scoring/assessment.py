"""The assessment of one run: score, ratings and hard failures, all derived from the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from game.core.events import Event
from game.core.level import Level
from game.scoring.benchmarks import Benchmark, benchmarks
from game.scoring.clocks import Clocks
from game.scoring.facts import Facts
from game.scoring.improvement import improvements, next_drill, strengths
from game.scoring.ledger import LedgerEntry, entry
from game.scoring.ratings import RATING_WORDS, rating
from game.scoring.rubric import CATEGORIES, HARD_FAILURE_CATEGORY, NOT_SCORED, RULES


@dataclass(frozen=True, slots=True)
class CategoryResult:
    """One category's points (its ledger entries summed, clamped to 0..max) and rating."""

    id: str
    title: str
    points: int
    max_points: int
    rating: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """A whole run judged: every number here is derived from `ledger`."""

    score: int
    max_score: int
    rating: str
    rating_words: str
    categories: tuple[CategoryResult, ...]
    ledger: tuple[LedgerEntry, ...]
    hard_failures: tuple[str, ...]
    clocks: Clocks
    benchmarks: tuple[Benchmark, ...]
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    next_drill: str

    def category(self, category_id: str) -> CategoryResult:
        """The result of one category."""
        return next(c for c in self.categories if c.id == category_id)

    def entries(self, rule_id: str) -> tuple[LedgerEntry, ...]:
        """The ledger entries of one rule."""
        return tuple(e for e in self.ledger if e.rule == rule_id)

    def points(self, rule_id: str) -> int:
        """The points one rule moved."""
        return sum(e.points for e in self.ledger if e.rule == rule_id)


def assess(level: Level, events: Sequence[Event]) -> Assessment:
    """Judge a run: every rule reads the event log and the level; the result is derived from the ledger."""
    facts = Facts(level, events)
    order = {r.id: i for i, r in enumerate(RULES)}
    ledger = sorted(
        (
            entry(finding, r.id, r.category, r.sources)
            for r in RULES
            for finding in r.fn(facts, r.max_points)
        ),
        key=lambda e: (e.tick, order[e.rule]),
    )
    return from_ledger(tuple(ledger), facts)


def from_ledger(ledger: tuple[LedgerEntry, ...], facts: Facts) -> Assessment:
    """Score, ratings and hard failures from a ledger."""
    categories = tuple(_category(c.id, c.title, c.max_points, ledger) for c in CATEGORIES)
    score = sum(c.points for c in categories)
    max_score = sum(c.max_points for c in categories)
    hard = tuple(sorted({e.rule for e in ledger if e.category == HARD_FAILURE_CATEGORY}))
    overall = "U" if hard else rating(score, max_score)
    percents = {c.id: c.points / c.max_points for c in categories}
    return Assessment(
        score=score,
        max_score=max_score,
        rating=overall,
        rating_words=RATING_WORDS[overall],
        categories=categories,
        ledger=ledger,
        hard_failures=hard,
        clocks=facts.ticks.seconds(),
        benchmarks=benchmarks(facts),
        strengths=strengths(ledger),
        improvements=improvements(ledger),
        next_drill=next_drill(hard, percents),
    )


def assessment_to_dict(a: Assessment) -> dict:
    """The assessment as JSON-ready data."""
    return {
        "score": a.score,
        "max_score": a.max_score,
        "rating": a.rating,
        "rating_words": a.rating_words,
        "categories": {
            c.id: {
                "title": c.title,
                "points": c.points,
                "max_points": c.max_points,
                "rating": c.rating,
                "rating_words": RATING_WORDS[c.rating],
            }
            for c in a.categories
        },
        "ledger": [
            {**asdict(e), "evidence": list(e.evidence), "sources": list(e.sources)}
            for e in a.ledger
        ],
        "hard_failures": list(a.hard_failures),
        "clocks": {k: v for k, v in a.clocks.as_dict().items()},
        "clocks_from_dispatch": a.clocks.from_dispatch(),
        "clocks_from_arrival": a.clocks.from_arrival(),
        "benchmarks": [{**asdict(b), "sources": list(b.sources)} for b in a.benchmarks],
        "strengths": list(a.strengths),
        "improvements": list(a.improvements),
        "next_drill": a.next_drill,
        "not_scored": [{"rule": r, "title": t, "why": w} for r, t, w in NOT_SCORED],
    }


def _category(cid: str, title: str, most: int, ledger: tuple[LedgerEntry, ...]) -> CategoryResult:
    raw = sum(e.points for e in ledger if e.category == cid)
    points = max(0, min(most, raw))
    return CategoryResult(cid, title, points, most, rating(points, most))
