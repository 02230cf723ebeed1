"""The shapes of the rubric's data: a category, a rule row with its parameters, the shared standards."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.scoring.facts import Facts
    from game.scoring.ledger import Finding


@dataclass(frozen=True, slots=True)
class Category:
    """A rubric category (doctrine §7.2) and the points it is worth."""

    id: str
    title: str
    max_points: int
    capability: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One doctrine point: what it reads, the most it can give, its parameters, and the function that judges it.

    `params` holds every number the rule uses (points, thresholds, windows in seconds); names ending in
    `_points` are points, scaled with the rule when a level re-weights its category.
    """

    id: str
    category: str
    title: str
    max_points: int
    sources: tuple[str, ...]
    reads: tuple[str, ...]
    fn: Callable[[Facts, Rule], list[Finding]]
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def doctrine(self) -> str:
        """The doctrine point, as the rule's docstring states it."""
        return (self.fn.__doc__ or "").strip()

    def p(self, name: str) -> Any:
        """One of the rule's parameters."""
        return self.params[name]

    def scaled(self, factor: float, max_points: int | None = None) -> Rule:
        """The rule with its maximum and its point parameters scaled (a level's category weight)."""
        if factor == 1:
            return self
        params = {
            k: (round(v * factor) if k.endswith("_points") else v) for k, v in self.params.items()
        }
        most = round(self.max_points * factor) if max_points is None else max_points
        return replace(self, max_points=most, params=MappingProxyType(params))


def shares(maxima: list[int], total: int) -> list[int]:
    """Whole numbers in proportion to `maxima` that add up to exactly `total` (largest remainders)."""
    whole = sum(maxima)
    if whole <= 0:
        return [0 for _ in maxima]
    exact = [m * total / whole for m in maxima]
    out = [int(x) for x in exact]
    order = sorted(range(len(maxima)), key=lambda i: -(exact[i] - out[i]))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


@dataclass(frozen=True, slots=True)
class Standards:
    """The judgements every rule shares (what counts as audible, as closing, as a stall), in seconds and tiles."""

    audible_seconds: float = 10
    """Gunfire counts as audible for this long after the trainee last heard a shot."""
    firing_seconds: float = 30
    """A free suspect counts as having access to victims for this long after their last shot."""
    window_seconds: float = 10
    """Stalls and gunfire cues are judged in windows this long (doctrine §7.4 A2, A4)."""
    closing_tiles: float = 3
    """Closing on the gunfire means this many tiles less path in a window (a walk covers 15)."""
    near_tiles: float = 3
    """Within this many tiles of path of the gunfire there is nothing left to close."""
    min_stall_seconds: float = 5
    """A window is a stall when at least this much of it was unexcused holding."""
    engaging_excuse_seconds: float = 5
    """A shot at a suspect excuses this long (engaging is not stalling)."""
    challenge_excuse_seconds: float = 5
    """A challenge to a visible armed person who has not complied excuses this long..."""
    challenge_excuse_cap_seconds: float = 30
    """...and all challenges to one person together at most this long."""
    radio_excuse_cap_seconds: float = 15
    """Radio calls with new information excuse their airtime, at most this much in any minute."""
    complied_excuse_seconds: float = 10
    """Obeying another officer's challenge excuses this long."""
    recent_stall_seconds: float = 30
    """Another officer stopped the threat while the trainee was on the way only if, in this long before,
    the trainee was moving and not stalled (else they were holding, and the not-applicable credit is not theirs)."""
    search_moving_share: float = 0.5
    """A trainee who went in, never held for long and was moving in this share of the windows searched
    for an attacker they did not find: rules about the encounter are then the scenario's, not theirs."""
    exposure_cover_tiles: int = 3
    """Hit while not behind cover, with cover this close, is exposure (doctrine §7.8 E6)."""
    stationary_seconds: float = 1
    """Not having changed tile for this long is standing still."""
