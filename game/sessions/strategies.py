"""Response strategies as command generators: each tick, what a trainee following one would do.

A strategy reads only the trainee's percept (`game.sessions.eyes`) and answers with the same
`Command` values a key press makes. The family varies the decisions doctrine cares about: when to move
to the gunfire, whether to send the initial report, cover to cover or straight, challenge or fire on
sight, care before or after the threat is stopped; and it includes the responses doctrine condemns
(waiting outside, holding and talking, ordering a stand-off, firing into a crowd), so that a level and
its rubric can be shown to tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Strategy:
    """One way of responding, as the decisions that set it apart."""

    name: str
    words: str
    late: bool = False
    report: bool = True
    cover_to_cover: bool = False
    challenge_first: bool = True
    care_early: bool = False
    hold: str = ""
    """"" to advance; "outside" waits outside; "talk" holds inside and talks; "stand_off" orders one."""
    reckless: bool = False
    """Fire at the attacker whoever is on the line (firing into a crowd)."""
    condemned: str = ""
    """For a strategy doctrine condemns: why, with its source."""

    @property
    def is_condemned(self) -> bool:
        """Whether doctrine condemns this strategy."""
        return bool(self.condemned)


DOCTRINE = Strategy(
    "doctrine",
    "to the gunfire at once, initial report on the move, straight, challenge, care after the stop",
)

STRATEGIES: tuple[Strategy, ...] = (
    DOCTRINE,
    replace(
        DOCTRINE,
        name="cover_to_cover",
        words="as doctrine, moving cover to cover",
        cover_to_cover=True,
    ),
    replace(
        DOCTRINE, name="no_report", words="as doctrine, without the initial report", report=False
    ),
    replace(
        DOCTRINE, name="late", words="as doctrine, but moves to the gunfire 90 s late", late=True
    ),
    replace(
        DOCTRINE,
        name="fire_on_sight",
        words="as doctrine, but fires on any armed person not in uniform",
        challenge_first=False,
    ),
    replace(
        DOCTRINE,
        name="care_first",
        words="as doctrine, but stops for casualties before the threat is stopped",
        care_early=True,
    ),
    replace(
        DOCTRINE,
        name="late_silent_fire_on_sight",
        words="late, no report, fires on sight",
        late=True,
        report=False,
        challenge_first=False,
    ),
    replace(
        DOCTRINE,
        name="wait_outside",
        words="stays outside behind cover and waits for backup while the shooting goes on",
        hold="outside",
        condemned="waiting outside while the attacker has access to victims (Columbine, Parkland; doctrine 1.1, 1.5 [S10][S19])",
    ),
    replace(
        DOCTRINE,
        name="hold_and_talk",
        words="goes in, then holds behind cover radioing and shouting instead of closing",
        hold="talk",
        condemned="holding and talking while gunfire continues: the barricade misclassification (Uvalde; doctrine 1.4, HF3 [S18])",
    ),
    replace(
        DOCTRINE,
        name="stand_off",
        words="stays outside and orders units to hold back and set a perimeter",
        hold="stand_off",
        condemned="ordering a stand-off or perimeter instead of entry (Parkland; doctrine 1.5, HF5 [S19])",
    ),
    replace(
        DOCTRINE,
        name="fire_into_crowd",
        words="as doctrine, but fires at the attacker with people on the line",
        reckless=True,
        challenge_first=False,
        condemned="firing without a clear, safe shot (doctrine 3.3, 4, B1/HF1 [S45][S34])",
    ),
)
"""The family explored by default: the doctrine response, one change at a time, and the condemned."""


def strategy(name: str) -> Strategy:
    """The strategy with this name."""
    for item in STRATEGIES:
        if item.name == name:
            return item
    raise KeyError(name)
