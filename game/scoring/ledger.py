"""The ledger: every score change as one entry that names its rule, its evidence and its sources."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.clock import tick_clock


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One score change (or, for a hard failure, one screen-out) with why it happened."""

    tick: int
    time: str
    rule: str
    category: str
    points: int
    message: str
    evidence: tuple[str, ...]
    sources: tuple[str, ...]
    cap: str = ""
    cap_overall: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found: a score change at a tick, the sentence the trainee sees, and the events behind it.

    A finding with a `cap` (a rating letter) limits a rating: its category's (its points are then set to
    what the limit removes), or with `cap_overall` the overall rating, as a hard failure does with U.
    """

    tick: int
    points: int
    message: str
    evidence: tuple[str, ...] = ()
    cap: str = ""
    cap_overall: bool = False


def seconds_text(seconds: float) -> str:
    """A duration in words a trainee reads at a glance: "45 s", "2 min 05 s"."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60} min {whole % 60:02d} s"


def entry(finding: Finding, rule: str, category: str, sources: tuple[str, ...]) -> LedgerEntry:
    """The ledger entry for a rule's finding."""
    return LedgerEntry(
        finding.tick,
        tick_clock(finding.tick),
        rule,
        category,
        finding.points,
        finding.message,
        finding.evidence,
        sources,
        finding.cap,
        finding.cap_overall,
    )


def total(entries: tuple[LedgerEntry, ...] | list[LedgerEntry], category: str) -> int:
    """The raw sum of one category's entries (before it is clamped to the category's range)."""
    return sum(e.points for e in entries if e.category == category)
