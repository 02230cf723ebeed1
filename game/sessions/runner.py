"""Run a level headless at full speed: a script's commands, or the trainee holding position.

Pure: no printing, no files written. The result carries the event log, the assessment, the clocks,
the casualties and every expectation checked, for the summary, the JSON output, batches and replays.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from game.core.clock import NEVER
from game.core.events import (
    CasualtyWorsened,
    Event,
    PersonWounded,
    event_log_sha256,
)
from game.core.level import TICK_RATE, Level
from game.core.world import World
from game.scoring import assess
from game.sessions.expectations import ExpectationResult, check
from game.sessions.player import ScriptPlayer
from game.sessions.script import Expect, Script, ScriptCommand
from game.sessions.times import clock


@dataclass(frozen=True, slots=True)
class Casualties:
    """Who was hurt, counted once per person: civilians first (the first priority)."""

    civilians_wounded: int = 0
    civilians_critical: int = 0
    civilians_deceased: int = 0
    officers_wounded: int = 0
    trainee_wounded: bool = False
    suspects_down: int = 0

    def as_dict(self) -> dict[str, object]:
        """The counts as a JSON-ready dict."""
        return {
            "civilians_wounded": self.civilians_wounded,
            "civilians_critical": self.civilians_critical,
            "civilians_deceased": self.civilians_deceased,
            "officers_wounded": self.officers_wounded,
            "trainee_wounded": self.trainee_wounded,
            "suspects_down": self.suspects_down,
        }


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything one headless run produced."""

    level: Level
    seed: int
    variant: tuple[tuple[str, str], ...]
    ticks: int
    end_reason: str
    events: tuple[Event, ...]
    commands: tuple[ScriptCommand, ...]
    assessment: object
    casualties: Casualties
    expectations: tuple[ExpectationResult, ...]
    event_log_sha256: str
    script: Script | None = None
    warnings: tuple[str, ...] = ()
    reproduced: bool | None = None
    tick_rate: int = TICK_RATE
    stopped_early: bool = False

    @property
    def ok(self) -> bool:
        """Whether every expectation held."""
        return all(result.ok for result in self.expectations)

    @property
    def clocks(self) -> object:
        """The key moments (seconds from the scenario start), from the assessment."""
        return self.assessment.clocks


def run_script(
    script: Script,
    seed: int | None = None,
    until: int | None = None,
    level: Level | None = None,
    variant: dict[str, str] | None = None,
) -> RunResult:
    """Run a checked script; `seed`, `until` (ticks), `level` and `variant` override the script's own."""
    level = level or script.level
    warnings: list[str] = []
    limit = until
    if script.replay is not None:
        if script.replay.level_sha256 != level.content_hash:
            warnings.append(
                "the level has changed since this session was recorded "
                f"(recorded with level sha256 {script.replay.level_sha256[:12]}..., now "
                f"{level.content_hash[:12]}...); it still runs, but may not play the same"
            )
        if limit is None:
            limit = script.replay.recorded
    if limit is None:
        limit = script.until
    result = run(
        level,
        seed=script.seed if seed is None else seed,
        variant=dict(script.variant) | dict(variant or {}),
        commands=script.commands,
        until=limit,
        expect=script.expect,
        script=script,
        warnings=warnings,
    )
    recorded = script.replay.event_log_sha256 if script.replay else ""
    if recorded and seed is None and until is None:
        reproduced = recorded == result.event_log_sha256
        extra = () if reproduced else ("the run did not reproduce the recorded event log",)
        return replace(result, reproduced=reproduced, warnings=result.warnings + extra)
    return result


def run_level(
    level: Level, seed: int = 1, until: int | None = None, variant: dict[str, str] | None = None
) -> RunResult:
    """Run a level with the trainee holding position (no commands): a smoke run of any level."""
    return run(level, seed=seed, variant=variant, until=until)


def run(
    level: Level,
    seed: int = 1,
    variant: dict[str, str] | None = None,
    commands: Sequence[ScriptCommand] = (),
    until: int | None = None,
    expect: Expect | None = None,
    script: Script | None = None,
    warnings: Iterable[str] = (),
) -> RunResult:
    """Step a world until it finishes (or the clock reaches `until`), feeding commands at their ticks."""
    world = World(level, seed, dict(variant or {}))
    player = ScriptPlayer(world, commands)
    end = NEVER if until is None else until
    while not world.finished and world.tick < end:
        if world.quiet:
            start = world.tick
            if world.rest(player.rest_until(end)) > start:
                player.rested(start, world.tick)
                continue
        player.hear(world.step(player.commands()))
    stopped_early = not world.finished
    if stopped_early:
        world.stop(f"stopped at {clock(world.tick)}")
    events = list(world.log)
    end_reason = world.end_reason
    fed = tuple(player.given)
    assessment = assess(level, events)
    casualties = count_casualties(events)
    digest = event_log_sha256(events)
    results = check(expect or Expect(), events, assessment, casualties, digest)
    return RunResult(
        level=level,
        seed=seed,
        variant=tuple(sorted(world.variant.items())),
        ticks=world.tick,
        end_reason=end_reason,
        events=tuple(events),
        commands=fed,
        assessment=assessment,
        casualties=casualties,
        expectations=tuple(results),
        event_log_sha256=digest,
        script=script,
        warnings=tuple(warnings),
        stopped_early=stopped_early,
    )


def count_casualties(events: Iterable[Event]) -> Casualties:
    """Who was hurt, from PersonWounded and CasualtyWorsened events (each person counted once)."""
    roles: dict[str, str] = {}
    critical: set[str] = set()
    deceased: set[str] = set()
    for event in events:
        if isinstance(event, PersonWounded):
            roles.setdefault(event.person, event.role)
            if event.condition == "critical":
                critical.add(event.person)
        elif isinstance(event, CasualtyWorsened) and event.condition == "deceased":
            deceased.add(event.person)

    def of(role: str, people: Iterable[str]) -> int:
        return sum(1 for person in people if roles.get(person) == role)

    return Casualties(
        civilians_wounded=of("civilian", roles),
        civilians_critical=of("civilian", critical),
        civilians_deceased=of("civilian", deceased),
        officers_wounded=of("officer", roles),
        trainee_wounded="trainee" in roles,
        suspects_down=of("suspect", roles),
    )
