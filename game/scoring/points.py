"""Small helpers that turn measurements into points, shared by the rule modules."""

from __future__ import annotations

from game.scoring.ledger import Finding

NOT_APPLICABLE = "Not applicable, full credit:"
"""How a finding for a rule that cannot apply in this run begins (see the package docstring)."""


def linear(value: float, full: float, zero: float) -> float:
    """1.0 at or below `full`, 0.0 at or above `zero`, linear between."""
    if value <= full:
        return 1.0
    if value >= zero or zero <= full:
        return 0.0
    return (zero - value) / (zero - full)


def share(most: int, part: float, whole: float) -> int:
    """`most` points scaled by part/whole, rounded (0 when whole is 0)."""
    if whole <= 0:
        return 0
    return round(most * part / whole)


def not_applicable(tick: int, most: int, why: str) -> Finding:
    """The full-credit finding of a rule that cannot apply in this run, with the reason."""
    return Finding(tick, most, f"{NOT_APPLICABLE} {why}")


def is_not_applicable(message: str) -> bool:
    """Whether a ledger message records a not-applicable rule."""
    return message.startswith(NOT_APPLICABLE)


def tiles(cost: float | None) -> str:
    """A path cost as tiles for messages."""
    return "?" if cost is None else f"{cost / 10:.0f}"
