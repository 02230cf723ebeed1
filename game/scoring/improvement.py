"""The improvement plan (HSEEP style, doctrine §7.7): strengths, areas for improvement, one next drill."""

from __future__ import annotations

from collections.abc import Sequence

from game.scoring.ledger import LedgerEntry
from game.scoring.points import is_not_applicable
from game.scoring.rubric import RULES
from game.scoring.sources import cite

MAX_ITEMS = 5

DRILLS: dict[str, str] = {
    "HF1": "Joint entry with a partner among sheltering students (§7.6 no. 5): check the backstop "
    "before every shot.",
    "HF2": "Off-duty officer in the hallway (§7.6 no. 4): take cover, challenge, and look for badge, "
    'jacket and "Police!" before you fire.',
    "HF3": "Shooter in a classroom with victims and a locked door (§7.6 no. 3): breach and push in; "
    "an attacker with access to victims is never barricaded.",
    "HF4": "Suspect who surrenders mid-engagement: hold fire, give commands, cover from cover.",
    "HF5": "Active gunfire, solo arrival (§7.6 no. 1): go in; never order units to hold back.",
    "A": "Active gunfire, solo arrival (§7.6 no. 1): move straight toward the gunfire and keep going.",
    "B": "Joint entry with a partner (§7.6 no. 5): lines of fire, backstops and warnings.",
    "C": "Radio degraded inside (§7.6 no. 6): a 7-item initial report on the move, then updates.",
    "D": "Off-duty officer in the hallway (§7.6 no. 4): challenge from cover, then hand off.",
    "E": "Silent building (§7.6 no. 2): deliberate search from cover to cover, threshold checks.",
    "F": "Post-stop casualties (§7.6 no. 7): tourniquets, warm zone, CCP and RTF hand-off.",
}
"""The next drill to run, by hard failure or by weakest category."""


def strengths(ledger: Sequence[LedgerEntry]) -> tuple[str, ...]:
    """Rules the trainee earned (nearly) in full by what they did, not because they did not apply."""
    found = []
    for rule in RULES:
        entries = [e for e in ledger if e.rule == rule.id]
        if rule.max_points <= 0 or not entries:
            continue
        if any(is_not_applicable(e.message) for e in entries):
            continue
        total = sum(e.points for e in entries)
        if total >= 0.85 * rule.max_points:
            best = max(entries, key=lambda e: e.points)
            found.append((total / rule.max_points, f"{rule.id} {rule.title}: {best.message}"))
    found.sort(key=lambda item: -item[0])
    return tuple(text for _, text in found[:MAX_ITEMS])


def improvements(ledger: Sequence[LedgerEntry]) -> tuple[str, ...]:
    """Hard failures first, then the rules that lost the most points, each with its sources."""
    items: list[tuple[float, str]] = []
    for e in ledger:
        if e.category == "HF":
            items.append((1e9, f"{e.time} {e.message} {cite(e.sources)}"))
    for rule in RULES:
        entries = [e for e in ledger if e.rule == rule.id]
        if not entries or rule.category == "HF":
            continue
        total = sum(e.points for e in entries)
        lost = rule.max_points - total
        penalised = any(e.points < 0 for e in entries)
        if lost <= 0 or (total >= 0.5 * rule.max_points and not penalised):
            continue
        worst = min(entries, key=lambda e: e.points)
        items.append(
            (
                lost,
                f"{rule.id} {rule.title} ({total}/{rule.max_points}): {worst.message} {cite(rule.sources)}",
            )
        )
    items.sort(key=lambda item: -item[0])
    return tuple(text for _, text in items[:MAX_ITEMS])


def next_drill(hard_failures: Sequence[str], percents: dict[str, float]) -> str:
    """One drill: for the first hard failure, else for the weakest category."""
    if hard_failures:
        return DRILLS[hard_failures[0]]
    weakest = min(percents, key=lambda c: (percents[c], c))
    return DRILLS[weakest]
