"""The two clocks of doctrine §7.3: key moments of a run, from dispatch and from arrival, in seconds.

A moment that came before its origin (an off-duty officer on scene before the dispatch call) is never
given as a negative time: `since` leaves it out and `describe` says "before".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from game.core.clock import clock_text
from game.core.events import Event
from game.core.level import Level
from game.scoring.facts import MOMENTS, Facts

MOMENT_NAMES = {
    "shot0": "first shot",
    "dispatch": "dispatch",
    "arrival": "arrival",
    "entry": "entry",
    "contact": "contact",
    "threat_stopped": "threat stopped",
    "first_care": "first care",
}


@dataclass(frozen=True, slots=True)
class Clocks:
    """Seconds from the scenario start of each key moment, None when it never happened."""

    shot0: float | None = None
    dispatch: float | None = None
    arrival: float | None = None
    entry: float | None = None
    contact: float | None = None
    threat_stopped: float | None = None
    first_care: float | None = None

    def since(self, origin: float | None) -> dict[str, float | None]:
        """Each moment counted from another (None when either is missing or the moment came before it)."""
        out: dict[str, float | None] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            gap = None if origin is None or value is None else round(value - origin, 1)
            out[f.name] = gap if gap is None or gap >= 0 else None
        return out

    def from_dispatch(self) -> dict[str, float | None]:
        """Each moment counted from dispatch, the trainee's first call."""
        return self.since(self.dispatch)

    def from_arrival(self) -> dict[str, float | None]:
        """Each moment counted from the trainee's arrival on scene."""
        return self.since(self.arrival)

    def as_dict(self) -> dict[str, float | None]:
        """Each moment from the scenario start."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def describe(self, moment: str) -> str:
        """A moment in words against both clocks: "0:45 after dispatch, 0:12 after arrival", "0:05 before dispatch"."""
        value = getattr(self, moment)
        if value is None:
            return "did not happen"
        parts = []
        for origin, name in ((self.dispatch, "dispatch"), (self.arrival, "arrival")):
            if (
                origin is None
                or name == moment
                or (name == "arrival" and moment in ("shot0", "dispatch"))
            ):
                continue
            gap = round(value - origin)
            if gap >= 0:
                parts.append(f"{clock_text(gap)} after {name}")
            else:
                parts.append(f"{clock_text(-gap)} before {name}")
        return ", ".join(parts) if parts else f"{clock_text(round(value))} from the start"


def clocks(events: Sequence[Event], level: Level | None = None) -> Clocks:
    """The key moments of a run in seconds from its start, read from its events."""
    return moments(Facts(level, events))  # type: ignore[arg-type]


def moments(f: Facts) -> Clocks:
    """The key moments of the facts' run."""
    return Clocks(*(None if (t := f.ticks(m)) is None else f.seconds(t) for m in MOMENTS))
