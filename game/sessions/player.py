"""A script played tick by tick: timed commands at their ticks, reactive ones when their conditions hold.

A plain timed command is given at its tick, exactly as before reactive scripts existed. A reactive
one (`when`, `until`, `every`, or a target named by how people look) is due from its tick on: each
tick it is due, it stops for good once `until` holds, waits while `when` does not hold or no one in
view fits its target, and otherwise is given (the target filled in with the person the trainee sees)
and is due again `every` ticks later, or never again. Conditions read only the trainee's percept.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from game.core.commands import Command, FireAt, MoveTo
from game.core.events import Event
from game.core.level import Position
from game.core.world import World
from game.sessions.conditions import TARGETS, AllOf, Test, clock_of, nearest, test_of
from game.sessions.eyes import NEVER, Eyes, Percept
from game.sessions.script import ScriptCommand
from game.sessions.scriptreactive import DIRECTION_REACH, DIRECTIONS


@dataclass(slots=True)
class _Pending:
    """A reactive command and the tick it is next due (None once it is done)."""

    order: int
    item: ScriptCommand
    due: int | None
    until: Test | None = None
    when: Test | None = None
    clock: Callable[[Percept], int] | None = None
    """When its conditions may next answer otherwise, the clock alone running on
    (`conditions.clock_of`), or None when they do not read the clock."""
    waited: int = -1
    """The last tick it was due and gave nothing."""
    quiet_until: int = -1
    """The first tick from which its conditions may answer otherwise, the clock alone running on,
    as of the tick it last gave nothing."""


class ScriptPlayer:
    """Gives a script's commands to a world tick by tick, and keeps what it gave."""

    def __init__(self, world: World, commands: Sequence[ScriptCommand]) -> None:
        self.world = world
        self._timed: dict[int, list[tuple[int, ScriptCommand]]] = defaultdict(list)
        self._pending: list[_Pending] = []
        for order, item in enumerate(commands):
            if item.reaction is None:
                self._timed[item.tick].append((order, item))
            else:
                reaction = item.reaction
                until = None if reaction.until is None else test_of(reaction.until)
                when = None if reaction.when is None else test_of(reaction.when)
                both = AllOf(tuple(c for c in (reaction.until, reaction.when) if c is not None))
                self._pending.append(_Pending(order, item, item.tick, until, when, clock_of(both)))
        self._timed_ticks = sorted(self._timed)
        self.given: list[ScriptCommand] = []
        self._gave_at = -1
        """The last tick any command was given."""
        self.eyes = Eyes(world) if self._pending else None
        if self.eyes is not None:
            self.eyes.hear(world.log)

    @property
    def reactive(self) -> bool:
        """Whether any command waits on what the trainee perceives."""
        return self.eyes is not None

    def commands(self) -> list[Command]:
        """The commands for the world's current tick, in script order."""
        tick = self.world.tick
        timed = self._timed.get(tick)
        due = list(timed) if timed else []
        if self._pending:
            percept: Percept | None = None
            done = False
            # A reaction that gave nothing a tick ago gives nothing now while nothing the trainee
            # perceives has changed and the clock has not reached a tick its conditions read.
            same = self._gave_at < tick - 1 and self.eyes.nothing_new()
            for pending in self._pending:
                if pending.due is None or pending.due > tick:
                    continue
                if same and pending.waited == tick - 1 and tick < pending.quiet_until:
                    pending.waited = tick
                    continue
                if percept is None:
                    percept = self.eyes.look()
                command = self._react(pending, percept)
                if command is not None:
                    due.append((pending.order, replace(pending.item, tick=tick, command=command)))
                elif pending.due is not None:
                    pending.waited = tick
                    clock = pending.clock
                    pending.quiet_until = NEVER if clock is None else clock(percept)
                done = done or pending.due is None
            if done:
                self._pending = [p for p in self._pending if p.due is not None]
            if len(due) > 1:
                due.sort(key=lambda entry: entry[0])
        if not due:
            return []
        self._gave_at = tick
        self.given += [item for _, item in due]
        return [item.command for _, item in due]

    def rest_until(self, limit: int) -> int:
        """The first tick from now, up to `limit`, at which this script may give a command or look
        again while nothing the trainee perceives changes: a timed command, a reaction coming due,
        the clock reaching a tick its conditions read, or a memory the trainee holds lapsing."""
        tick = self.world.tick
        due = limit
        at = bisect_left(self._timed_ticks, tick)
        if at < len(self._timed_ticks):
            due = min(due, self._timed_ticks[at])
        if not self._pending or due <= tick:
            return max(tick, due)
        looking = False
        """Whether a reaction is due now (it waits on through the rest only if nothing is new)."""
        for pending in self._pending:
            if pending.due is None:
                continue
            if pending.due > tick:
                due = min(due, pending.due)
            elif pending.waited == tick - 1:
                due = min(due, pending.quiet_until)
                looking = True
            else:
                return tick
        fresh = self.eyes.unchanged_until() if self._gave_at < tick - 1 else tick
        if fresh > tick:
            due = min(due, fresh)  # each tick counted as looked at, until a memory lapses
        elif looking:
            return tick
        return max(tick, due)

    def rested(self, start: int, tick: int) -> None:
        """The world passed at once the ticks from `start` up to `tick` (`World.rest`): what
        `commands` would have counted of them one by one (the reactions due waited through them)."""
        if not self._pending:
            return
        if self._gave_at < start - 1:
            self.eyes.passed(start, tick)
        for pending in self._pending:
            if pending.due is not None and pending.due <= start:
                pending.waited = tick - 1

    def hear(self, events: Iterable[Event]) -> None:
        """Take in what one step produced (the trainee's percept keeps what they saw and heard)."""
        if self.eyes is not None:
            self.eyes.hear(events)

    def _react(self, pending: _Pending, percept: Percept) -> Command | None:
        reaction = pending.item.reaction
        if pending.until is not None and pending.until(percept, self.world):
            pending.due = None
            return None
        if pending.when is not None and not pending.when(percept, self.world):
            return None
        command = self._aimed(pending.item.command, reaction, percept)
        if command is None:
            return None
        pending.due = percept.tick + reaction.every if reaction.every else None
        return command

    def _aimed(self, command: Command, reaction: object, percept: Percept) -> Command | None:
        """The command with its target decided now, or None when no one in view fits it."""
        if reaction.person:
            seen = nearest(percept, reaction.person)
            return None if seen is None else MoveTo(target=seen.position)
        if reaction.direction:
            return FireAt(self._toward(reaction.direction))
        target = getattr(command, "target", None)
        if isinstance(target, str) and target in TARGETS:
            seen = nearest(percept, target)
            return None if seen is None else replace(command, target=seen.handle)
        return command

    def _toward(self, direction: str) -> Position:
        here = self.world.trainee.position
        dx, dy = DIRECTIONS[direction]
        building = self.world.building
        x = min(max(here.x + dx * DIRECTION_REACH, 0), building.width - 1)
        y = min(max(here.y + dy * DIRECTION_REACH, 0), building.height - 1)
        return Position(here.floor, x, y)
