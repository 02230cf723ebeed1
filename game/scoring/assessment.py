"""The assessment of one run: score, ratings, caps and hard failures, all derived from the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

from game.core.events import Event
from game.core.level import Level
from game.scoring.benchmarks import Benchmark, benchmarks
from game.scoring.clocks import Clocks, moments
from game.scoring.facts import Facts
from game.scoring.improvement import improvements, next_drill, strengths
from game.scoring.ledger import LedgerEntry, entry
from game.scoring.outcomes import Outcome, outcome
from game.scoring.ratings import RATING_WORDS, ceiling, rating, worst
from game.scoring.rubric import CATEGORIES, HARD_FAILURE_CATEGORY, NOT_SCORED, RULES, STANDARDS
from game.scoring.rule import Category, Rule, shares


@dataclass(frozen=True, slots=True)
class CategoryResult:
    """One category's points (its ledger entries summed, clamped to 0..max, then capped) and rating."""

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
    next_drill_level: str = ""
    caps: tuple[str, ...] = ()
    outcome: Outcome | None = None

    def category(self, category_id: str) -> CategoryResult:
        """The result of one category."""
        return next(c for c in self.categories if c.id == category_id)

    def entries(self, rule_id: str) -> tuple[LedgerEntry, ...]:
        """The ledger entries of one rule."""
        return tuple(e for e in self.ledger if e.rule == rule_id)

    def points(self, rule_id: str) -> int:
        """The points one rule moved."""
        return sum(e.points for e in self.ledger if e.rule == rule_id)


def assess(level: Level, events: Sequence[Event], strict: bool = False) -> Assessment:
    """Judge a run: each rule reads the events it declares (strict: reading others raises `UndeclaredRead`)."""
    facts = Facts(level, events, STANDARDS, strict)
    categories = weighted_categories(level)
    judged = _weighted_rules(categories)
    order = {r.id: i for i, r in enumerate(RULES)}
    found = []
    for r in RULES:
        for finding in r.fn(facts.view(r.id, r.reads), judged[r.id]):
            found.append(entry(finding, r.id, r.category, r.sources))
    ledger = sorted(found, key=lambda e: (e.tick, order[e.rule]))
    return from_ledger(tuple(ledger), facts, categories)


def weighted_categories(level: Level) -> tuple[Category, ...]:
    """The categories with the level's weights (`scoring: weights:`), the doctrine's where it sets none."""
    weights = dict(level.scoring.weights)
    return tuple(replace(c, max_points=weights.get(c.id, c.max_points)) for c in CATEGORIES)


def _weighted_rules(categories: tuple[Category, ...]) -> dict[str, Rule]:
    """Each rule as the level weights its category: maxima shared out to add up to the weight exactly."""
    out = {r.id: r for r in RULES}
    for c, base in zip(categories, CATEGORIES, strict=True):
        if c.max_points == base.max_points:
            continue
        rows = [r for r in RULES if r.category == c.id]
        maxima = shares([r.max_points for r in rows], c.max_points)
        for r, most in zip(rows, maxima, strict=True):
            out[r.id] = r.scaled(c.max_points / base.max_points, most)
    return out


def from_ledger(
    ledger: tuple[LedgerEntry, ...], facts: Facts, categories: tuple[Category, ...] = CATEGORIES
) -> Assessment:
    """Score, ratings, caps and hard failures from a ledger (caps get the points they remove)."""
    ledger = _apply_caps(ledger, categories)
    results = tuple(_category(c, ledger) for c in categories)
    score = sum(c.points for c in results)
    max_score = sum(c.max_points for c in results)
    hard = tuple(sorted({e.rule for e in ledger if e.category == HARD_FAILURE_CATEGORY}))
    caps = tuple(e.cap for e in ledger if e.cap and e.cap_overall)
    overall = "U" if hard else worst(rating(score, max_score), *caps)
    percents = {c.id: c.points / c.max_points for c in results if c.max_points > 0}
    drill = next_drill(ledger, hard, percents)
    return Assessment(
        score=score,
        max_score=max_score,
        rating=overall,
        rating_words=RATING_WORDS[overall],
        categories=results,
        ledger=ledger,
        hard_failures=hard,
        clocks=moments(facts),
        benchmarks=benchmarks(facts),
        strengths=strengths(ledger),
        improvements=improvements(ledger),
        next_drill=drill.text,
        next_drill_level=drill.level,
        caps=caps,
        outcome=outcome(facts),
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
        "caps": list(a.caps),
        "clocks": a.clocks.as_dict(),
        "clocks_from_dispatch": a.clocks.from_dispatch(),
        "clocks_from_arrival": a.clocks.from_arrival(),
        "clock_text": {m: a.clocks.describe(m) for m in a.clocks.as_dict()},
        "benchmarks": [{**asdict(b), "sources": list(b.sources)} for b in a.benchmarks],
        "outcome": a.outcome.as_dict() if a.outcome else None,
        "strengths": list(a.strengths),
        "improvements": list(a.improvements),
        "next_drill": a.next_drill,
        "next_drill_level": a.next_drill_level,
        "not_scored": [{"rule": r, "title": t, "why": w} for r, t, w in NOT_SCORED],
    }


def _apply_caps(
    ledger: tuple[LedgerEntry, ...], categories: tuple[Category, ...]
) -> tuple[LedgerEntry, ...]:
    """Give each category cap the points it takes off (the ledger then adds up to the category's points)."""
    out = list(ledger)
    for c in categories:
        raw = sum(e.points for e in out if e.category == c.id)
        points = max(0, min(c.max_points, raw))
        for i, e in enumerate(out):
            if e.category == c.id and e.cap and not e.cap_overall:
                cut = min(0, ceiling(e.cap, c.max_points) - points)
                out[i] = replace(e, points=cut)
                points += cut
    return tuple(out)


def _category(c: Category, ledger: tuple[LedgerEntry, ...]) -> CategoryResult:
    mine = [e for e in ledger if e.category == c.id]
    raw = sum(e.points for e in mine if not (e.cap and not e.cap_overall))
    cuts = sum(e.points for e in mine if e.cap and not e.cap_overall)
    points = max(0, min(c.max_points, raw)) + cuts
    return CategoryResult(c.id, c.title, points, c.max_points, rating(points, c.max_points))
