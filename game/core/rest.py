"""What lets a world rest through ticks in which nothing happens, kept outside its state.

A step counts as stirring unless it changed nothing but the clock, the budgets of those walking and
the looks of officers that found nothing; an officer's look that found nothing holds while nothing
has stirred since (`officers.look_due`). This is a memo of the rests, not of the incident: kept with
the building (`kept_for`), so a world that rests and one stepped tick by tick hold the same state,
and a world restored from a keyframe starts with an empty memo (it rests again after its next look).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.building import Building, kept_for
from game.core.people import Person


@dataclass(slots=True)
class RestMemo:
    """The counts and the officers' looks a world's rests go by."""

    stirs: int = 0
    """How many steps have changed anything beyond the clock, budgets and looks that find nothing."""
    looking: list[Person] | None = None
    """The officers whose look round comes this tick, when nothing else in the world is due then
    (`World._rest_until`): a step in which they all find nothing stirs nothing."""
    idle_looks: dict[str, tuple[int, bool]] = field(default_factory=dict)
    """By officer: `stirs` when their last look round found nothing to act on, and whether it set
    their `replan_tick`."""


def rest_memo(building: Building) -> RestMemo:
    """The memo of the rests of the world this building is part of."""
    kept = kept_for(building)
    memo = kept.get("rest")
    if memo is None:
        memo = kept["rest"] = RestMemo()
    return memo
