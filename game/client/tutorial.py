"""The guided walk-through: step-by-step prompts that wait for the trainee to do each thing.

A tutorial is data, keyed by level id (`TUTORIALS`): its walk-through steps, each done when the
trainee does what it asks (read from the world's events or from what the client shows), and its live
steps, shown when their situation arises. While a walk-through step waits, the play scene steps the
world only while the trainee acts, so the exercise goes live only when the taught steps are done (or
skipped); the engine is not told anything, and a replay of the run is the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from game.client.captions import YOU
from game.client.input_map import key_label
from game.core.events import (
    ChallengeIssued,
    Complied,
    ContactMade,
    EnteredBuilding,
    Event,
    GunfireHeard,
    PersonIdentified,
    RadioSent,
    ShotFired,
    ThreatStopped,
    TookCover,
    TourniquetApplied,
    TraineeMoved,
    WeaponDrawn,
)
from game.core.level import TICK_RATE


class Did(Enum):
    """What the trainee did (or met) that a step waits for."""

    MOVED = "moved"
    RAN = "ran"
    ENTERED_BUILDING = "entered the building"
    SENT_INITIAL_REPORT = "sent the initial report"
    SENT_OTHER_MESSAGE = "sent another kind of message"
    TOOK_COVER = "took cover"
    TOOK_CONCEALMENT = "took concealment"
    DREW_WEAPON = "drew the weapon"
    SELECTED_ARMED = "selected an armed person"
    CHALLENGED = "challenged"
    COMPLIED = "the challenged person complied"
    FIRED = "fired"
    ACKNOWLEDGED = "pressed Enter"
    GUNFIRE_HEARD = "heard gunfire"
    CONTACT = "closed on the attacker"
    CASUALTY_IN_SIGHT = "saw a casualty"
    GAVE_CARE = "gave care"


class Clock(Enum):
    """What the world's clock does while a step waits."""

    WAITS = "waits"
    """The clock runs only while the trainee acts (a walk-through step)."""
    RUNS = "runs"
    """The clock runs: the step waits on someone else (a person complying)."""
    LIVE = "live"
    """A live step: shown when its situation arises; the clock is never held."""


@dataclass(frozen=True, slots=True)
class Step:
    """One prompt: its short title, its words (keys as {action} names), and what ends it."""

    title: str
    text: str
    done: Did
    clock: Clock = Clock.WAITS
    shows: Did | None = None
    """A live step appears once this happens."""
    hints: tuple[tuple[Did, str], ...] = ()
    """A caption when the trainee does something close to, but not, what the step asks."""


@dataclass(frozen=True, slots=True)
class Tutorial:
    """A level's guided steps, and the tick its live part begins at."""

    steps: tuple[Step, ...]
    live_at: int

    @property
    def walk_through(self) -> tuple[Step, ...]:
        """The steps taught before the exercise goes live."""
        return tuple(s for s in self.steps if s.clock is not Clock.LIVE)


ORIENTATION = Tutorial(
    steps=(
        Step(
            "Move",
            "Move with {move}, or click a place to walk there. Head for the front doors of "
            "Building 3.",
            Did.MOVED,
        ),
        Step("Run", "Hold {run} while you move to run.", Did.RAN),
        Step(
            "Initial report",
            "Press {radio} to open the radio and send an initial report: where you are, what you "
            "see, what you need. Keep it short; later you will send it on the move.",
            Did.SENT_INITIAL_REPORT,
            hints=((Did.SENT_OTHER_MESSAGE, "The first message on scene is the initial report."),),
        ),
        Step("Go in", "Walk in through the front doors of Building 3.", Did.ENTERED_BUILDING),
        Step(
            "Take cover",
            "Cover stops rounds: block walls, columns, vehicles. Concealment only hides you: "
            "bushes, desks, counters, doors, drywall. Stand beside a lobby column and press "
            "{cover} to take cover.",
            Did.TOOK_COVER,
            hints=(
                (
                    Did.TOOK_CONCEALMENT,
                    "That is concealment: it hides you but does not stop rounds. "
                    "Press {cover} to leave it, then take cover at a column.",
                ),
            ),
        ),
        Step("Draw", "Press {weapon} to draw your weapon.", Did.DREW_WEAPON),
        Step(
            "Look before you act",
            "Walk into the main hallway: someone in plain clothes there holds a handgun. Select "
            "him (click him, or press {select_next}) and read what you can see: the whole person "
            "first, then the hands.",
            Did.SELECTED_ARMED,
        ),
        Step(
            "Challenge",
            "Do not fire at a person you have not identified. From cover, press {challenge}: "
            '"Police! Drop it! Show me your hands!"',
            Did.CHALLENGED,
        ),
        Step(
            "Hold fire",
            "Hold your fire and give him time to comply. A badge, a POLICE jacket or a shout of "
            '"Police!" identifies an officer. If he is slow, challenge again from cover.',
            Did.COMPLIED,
            Clock.RUNS,
            hints=((Did.FIRED, "You fired before he was identified. Hold fire: challenge him."),),
        ),
        Step(
            "Ready",
            "He is an off-duty officer. When you are the one in plain clothes, do what he did: "
            'badge out, shout "Police!", obey every command. Press Enter and the exercise goes '
            "live; {plan_pause} pauses it to plan.",
            Did.ACKNOWLEDGED,
        ),
        Step(
            "Move to the gunfire",
            "Gunfire. Move directly toward it at a fast jog ({advance} moves toward the sound). "
            "Do not wait for backup; report on the move ({radio}).",
            Did.CONTACT,
            Clock.LIVE,
            shows=Did.GUNFIRE_HEARD,
        ),
        Step(
            "Care for the wounded",
            "Someone is down and bleeding. Once the threat is stopped, stand beside them and "
            "press {tourniquet} to apply a tourniquet.",
            Did.GAVE_CARE,
            Clock.LIVE,
            shows=Did.CASUALTY_IN_SIGHT,
        ),
    ),
    live_at=160 * TICK_RATE,
)

TUTORIALS: dict[str, Tutorial] = {"orientation": ORIENTATION}
"""Guided steps by level id (the training progression's first step teaches the controls)."""

MOVE_ACTIONS = ("move_up", "move_left", "move_down", "move_right")


def happened(event: Event) -> set[Did]:
    """What an event says the trainee did (or met)."""
    if isinstance(event, TraineeMoved):
        return {Did.MOVED, Did.RAN} if event.pace == "run" else {Did.MOVED}
    if isinstance(event, EnteredBuilding) and event.person == YOU:
        return {Did.ENTERED_BUILDING}
    if isinstance(event, RadioSent) and event.sender == YOU:
        return {
            Did.SENT_INITIAL_REPORT if event.kind == "initial_report" else Did.SENT_OTHER_MESSAGE
        }
    if isinstance(event, TookCover) and event.person == YOU:
        return {Did.TOOK_COVER if event.protection == "cover" else Did.TOOK_CONCEALMENT}
    if isinstance(event, WeaponDrawn) and event.person == YOU:
        return {Did.DREW_WEAPON}
    if isinstance(event, ChallengeIssued) and event.by == YOU:
        return {Did.CHALLENGED}
    if isinstance(event, Complied | PersonIdentified) and event.by == YOU:
        return {Did.COMPLIED}
    if isinstance(event, ShotFired) and event.shooter == YOU:
        return {Did.FIRED}
    if isinstance(event, GunfireHeard):
        return {Did.GUNFIRE_HEARD}
    if isinstance(event, ContactMade | ThreatStopped):
        return {Did.CONTACT}
    if isinstance(event, TourniquetApplied) and event.by == YOU:
        return {Did.GAVE_CARE}
    return set()


def words(text: str, bindings: dict[str, list[str]]) -> str:
    """A step's text with the trainee's own keys in it."""
    keys = {action: key_label(bindings, action) for action in bindings}
    keys["move"] = " ".join(key_label(bindings, a) for a in MOVE_ACTIONS) + " or the arrow keys"
    return text.format_map(_Keys(keys))


class _Keys(dict):
    def __missing__(self, action: str) -> str:
        return "(none)"


@dataclass
class TutorialRun:
    """A trainee's way through a tutorial: what they did, which step waits, whether it went live."""

    tutorial: Tutorial
    seen: set[Did] = field(default_factory=set)
    acknowledged: set[int] = field(default_factory=set)
    shown: set[int] = field(default_factory=set)
    """Live steps whose situation has arisen."""
    live: bool = False
    """The walk-through is over (done, skipped, or its time ran out)."""
    skipped: bool = False

    def step(self) -> tuple[int, Step] | None:
        """The step on screen now (its index in the tutorial), or None."""
        if not self.live:
            for index, step in enumerate(self.tutorial.steps):
                if step.clock is not Clock.LIVE and not self.is_done(index):
                    return index, step
            return None
        if self.skipped:
            return None
        waiting = [i for i in sorted(self.shown) if not self.is_done(i)]
        return (waiting[-1], self.tutorial.steps[waiting[-1]]) if waiting else None

    def is_done(self, index: int) -> bool:
        """Whether a step's thing has been done."""
        step = self.tutorial.steps[index]
        if step.done is Did.ACKNOWLEDGED:
            return index in self.acknowledged
        return step.done in self.seen

    def notice(self, did: set[Did]) -> list[str]:
        """Take in what happened; returns the hints it earns for the step on screen."""
        current = self.step()
        hints = [text for trigger, text in current[1].hints if trigger in did] if current else []
        self.seen |= did
        for index, step in enumerate(self.tutorial.steps):
            if step.clock is Clock.LIVE and step.shows in did:
                self.shown.add(index)
        return hints

    def acknowledge(self) -> bool:
        """Enter: finish a step that only asks to be read; False when the step asks for more."""
        current = self.step()
        if current is None or current[1].done is not Did.ACKNOWLEDGED:
            return False
        self.acknowledged.add(current[0])
        return True

    def walk_through_done(self) -> bool:
        """Whether every walk-through step is done."""
        return all(
            self.is_done(i)
            for i, step in enumerate(self.tutorial.steps)
            if step.clock is not Clock.LIVE
        )

    def holds_clock(self) -> bool:
        """Whether the clock waits for the trainee now (a walk-through step that waits on them)."""
        current = self.step()
        return current is not None and current[1].clock is Clock.WAITS

    def checklist(self) -> list[tuple[str, bool]]:
        """(title, done) of every step, for recalling them."""
        return [(s.title, self.is_done(i)) for i, s in enumerate(self.tutorial.steps)]

    def number(self, index: int) -> str:
        """'Step 3 of 10' for a walk-through step, '' for a live one."""
        steps = self.tutorial.walk_through
        step = self.tutorial.steps[index]
        if step.clock is Clock.LIVE:
            return ""
        return f"Step {steps.index(step) + 1} of {len(steps)}"
