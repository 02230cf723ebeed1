"""Outcomes in the order of the priorities (doctrine §1.1, §7.8): victims, officers, then the attacker.

Shown in the debrief beside the ledger, from the events only: civilians hurt before and after the
trainee arrived, officers hurt (the trainee included), and whether each attacker was stopped, isolated
or still free at the end, and when. A7, A4, E6 and E7 score what of these the trainee's decisions reached.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.clock import tick_clock
from game.core.events import CasualtyWorsened, PersonWounded
from game.core.level import TICK_RATE
from game.scoring.facts import Facts


@dataclass(frozen=True, slots=True)
class AttackerOutcome:
    """One attacker at the end: "stopped" (how, by whom), "isolated" or "free"; when, in seconds."""

    suspect: str
    status: str
    how: str
    by: str
    seconds: float | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to each protected group, from the events."""

    civilians_hurt_before_arrival: tuple[str, ...]
    civilians_hurt_after_arrival: tuple[str, ...]
    civilians_deceased: tuple[str, ...]
    officers_hurt: tuple[str, ...]
    trainee: str
    attackers: tuple[AttackerOutcome, ...]

    @property
    def attacker_status(self) -> str:
        """The worst attacker status at the end: "free", "isolated", "stopped", or "none"."""
        statuses = {a.status for a in self.attackers}
        for status in ("free", "isolated", "stopped"):
            if status in statuses:
                return status
        return "none"

    def sentences(self) -> tuple[str, ...]:
        """The outcomes as the debrief states them, highest priority first."""
        after = self.civilians_hurt_after_arrival
        others = [o for o in self.officers_hurt if o != "trainee"]
        lines = [
            f"Civilians hurt after you arrived: {len(after)}; before you arrived: "
            f"{len(self.civilians_hurt_before_arrival)}"
            + (f"; lost: {len(self.civilians_deceased)}" if self.civilians_deceased else "")
            + ".",
            f"Other officers hurt: {len(others)}; you were {self.trainee}.",
        ]
        several = len(self.attackers) > 1
        for i, a in enumerate(self.attackers):
            name = f"Attacker {i + 1}" if several else "The attacker"
            if a.status == "free":
                lines.append(f"{name}: still free at the end.")
                continue
            when = tick_clock(round(a.seconds * TICK_RATE)) if a.seconds is not None else "?"
            if a.how == "surrendered":
                who = " to you" if a.by == "trainee" else ""
            else:
                who = " by you" if a.by == "trainee" else (" by another officer" if a.by else "")
            lines.append(f"{name}: {_VERB.get(a.how, a.how)}{who} at {when}.")
        return tuple(lines)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "civilians_hurt_before_arrival": list(self.civilians_hurt_before_arrival),
            "civilians_hurt_after_arrival": list(self.civilians_hurt_after_arrival),
            "civilians_deceased": list(self.civilians_deceased),
            "officers_hurt": list(self.officers_hurt),
            "trainee": self.trainee,
            "attacker_status": self.attacker_status,
            "attackers": [
                {
                    "suspect": a.suspect,
                    "status": a.status,
                    "how": a.how,
                    "by": a.by,
                    "seconds": a.seconds,
                }
                for a in self.attackers
            ],
            "sentences": list(self.sentences()),
        }


def outcome(f: Facts) -> Outcome:
    """The outcomes of a run, from its events."""
    arrival = f.ticks("arrival")
    first: dict[str, PersonWounded] = {}
    for e in f.of(PersonWounded):
        first.setdefault(e.person, e)
    civilians = [e for e in first.values() if e.role == "civilian"]
    after = tuple(e.person for e in civilians if arrival is not None and e.tick >= arrival and e.by)
    before = tuple(e.person for e in civilians if e.person not in after)
    deceased = tuple(
        dict.fromkeys(
            e.person
            for e in f.of(CasualtyWorsened)
            if e.condition == "deceased"
            and e.person in first
            and first[e.person].role == "civilian"
        )
    )
    officers = tuple(p for p, e in first.items() if e.role in ("officer", "trainee"))
    trainee = "down" if f.trainee_down() else ("wounded" if "trainee" in first else "unhurt")
    attackers = []
    for suspect in f.suspects:
        stop = f.stops.get(suspect)
        if stop is None:
            attackers.append(AttackerOutcome(suspect, "free", "", "", None))
        else:
            tick, how, by = stop
            status = "isolated" if how == "isolated" else "stopped"
            label = "isolated with no one" if how == "isolated" else how
            attackers.append(AttackerOutcome(suspect, status, label, by, f.seconds(tick)))
    return Outcome(before, after, deceased, officers, trainee, tuple(attackers))


_VERB = {"isolated with no one": "isolated with no one to harm"}
