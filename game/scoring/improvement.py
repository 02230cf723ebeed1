"""The improvement plan (HSEEP style, doctrine §7.7): strengths, areas for improvement, one next drill.

A strength is a rule the trainee earned in full by what they did: no point lost, no penalty, no cap,
and not a rule that did not apply. The next drill names a shipped level that can be launched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.scoring.encounter import NOT_CREDITED
from game.scoring.ledger import LedgerEntry
from game.scoring.points import is_not_applicable
from game.scoring.rubric import HARD_FAILURE_CATEGORY, RULES
from game.scoring.sources import cite

MAX_ITEMS = 5


@dataclass(frozen=True, slots=True)
class Drill:
    """A level to run next and what to practise in it."""

    level: str
    practise: str

    @property
    def text(self) -> str:
        """The recommendation as the debrief prints it."""
        return f"{self.practise} Level: {self.level}."


DRILL_PLAN: dict[str, Drill] = {
    "HF1": Drill("joint_entry", "Joint entry among a crowd: check the backstop before every shot."),
    "HF2": Drill(
        "plainclothes_hallway",
        'Armed man in plain clothes: take cover, challenge, and look for badge, jacket and "Police!" before you fire.',
    ),
    "HF3": Drill(
        "locked_classroom",
        "Shooter behind a locked classroom door: breach and push in; an attacker with access to victims is never barricaded.",
    ),
    "HF4": Drill(
        "locked_classroom",
        "A subject who gives up: hold fire, give commands, and cover him from cover.",
    ),
    "HF5": Drill("wing_a", "Active gunfire, solo arrival: go in; never order units to hold back."),
    "D6": Drill(
        "off_duty",
        "Off duty among arriving units: identify yourself before they arrive, and freeze and obey when challenged.",
    ),
    "A": Drill(
        "wing_a", "Active gunfire, solo arrival: move straight toward the gunfire and keep going."
    ),
    "B": Drill("joint_entry", "Joint entry with a partner: lines of fire, backstops and warnings."),
    "C": Drill(
        "campus_sro", "Campus response: a seven-item report on the move, then updates and staging."
    ),
    "D": Drill(
        "plainclothes_hallway",
        "Plain-clothes officer in the hallway: challenge from cover, then hand off.",
    ),
    "E": Drill(
        "silent_building",
        "Silent building: a deliberate search from cover to cover, threshold checks.",
    ),
    "F": Drill(
        "after_the_threat",
        "After the threat: tourniquets, warm zone, CCP and the rescue task force.",
    ),
}
"""The next drill, by hard failure, by capped rule, or by weakest category."""

DRILLS: dict[str, str] = {key: drill.text for key, drill in DRILL_PLAN.items()}
"""The same recommendations as text (the records' improvement-plan export reads these)."""


def strengths(ledger: Sequence[LedgerEntry]) -> tuple[str, ...]:
    """Rules the trainee earned in full by what they did (never ones that did not apply, lost points or capped)."""
    found = []
    for rule in RULES:
        entries = [e for e in ledger if e.rule == rule.id]
        if rule.max_points <= 0 or not entries:
            continue
        if any(
            is_not_applicable(e.message)
            or e.message.startswith(NOT_CREDITED)
            or e.points < 0
            or e.cap
            for e in entries
        ):
            continue
        total = sum(e.points for e in entries)
        if total >= rule.max_points:
            best = max(entries, key=lambda e: e.points)
            found.append(f"{rule.id} {rule.title}: {best.message}")
    return tuple(found[:MAX_ITEMS])


def improvements(ledger: Sequence[LedgerEntry]) -> tuple[str, ...]:
    """Hard failures and caps first, then the rules that lost the most points, each with its sources."""
    items: list[tuple[float, str]] = []
    for e in ledger:
        if e.category == HARD_FAILURE_CATEGORY:
            items.append((1e9, f"{e.time} {e.message} {cite(e.sources)}"))
        elif e.cap and e.cap_overall:
            items.append((1e8, f"{e.time} {e.rule}: {e.message} {cite(e.sources)}"))
    for rule in RULES:
        entries = [e for e in ledger if e.rule == rule.id]
        if not entries or rule.category == HARD_FAILURE_CATEGORY:
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


def next_drill(
    ledger: Sequence[LedgerEntry], hard_failures: Sequence[str], percents: dict[str, float]
) -> Drill:
    """One drill: for the first hard failure, else for a capped rule, else for the weakest category."""
    if hard_failures:
        return DRILL_PLAN[hard_failures[0]]
    capped = [e.rule for e in ledger if e.cap and e.rule in DRILL_PLAN]
    if capped:
        return DRILL_PLAN[capped[0]]
    scored = {c: p for c, p in percents.items() if c in DRILL_PLAN}
    weakest = min(scored, key=lambda c: (scored[c], c))
    return DRILL_PLAN[weakest]
