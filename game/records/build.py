"""A finished run (headless or played) as a `SessionRecord`: the assessment, the clocks, the replay and the path."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import game
from game.core.commands import Command
from game.core.events import (
    Event,
    PersonWounded,
    TraineeArrived,
    TraineeMoved,
    event_log_sha256,
)
from game.core.level import TICK_RATE, DoorState, Level, TileKind
from game.records.model import (
    CategoryRecord,
    Finding,
    Picture,
    PictureFloor,
    SessionRecord,
    Source,
    Trainee,
)
from game.scoring import CATEGORIES, assess
from game.sessions.replay import replay_text
from game.sessions.runner import RunResult, count_casualties
from game.sessions.script import ScriptCommand

TILE_LETTERS: dict[TileKind, str] = {
    TileKind.FLOOR: ".",
    TileKind.GROUND: ",",
    TileKind.WALL: "#",
    TileKind.PARTITION: "=",
    TileKind.DOOR: "D",
    TileKind.WINDOW: "W",
    TileKind.COVER: "C",
    TileKind.CONCEALMENT: "%",
    TileKind.STAIRS: "S",
    TileKind.VOID: " ",
}
"""The letter the path picture keeps for each kind of tile (open doors "/", locked doors "L")."""

DOOR_LETTERS = {DoorState.OPEN: "/", DoorState.CLOSED: "D", DoorState.LOCKED: "L"}


def session_from_result(
    result: RunResult,
    trainee: Trainee | None,
    started_at: str | None = None,
    ended_at: str | None = None,
    source: Source = Source.RUN,
) -> SessionRecord:
    """The record of a headless run (`run --trainee`)."""
    return session_from_events(
        result.level,
        result.seed,
        result.variant,
        result.events,
        result.commands,
        result.ticks,
        result.end_reason,
        trainee,
        started_at=started_at,
        ended_at=ended_at,
        source=source,
        script_path=result.script.path if result.script else "",
        assessment=result.assessment,
    )


def session_from_events(
    level: Level,
    seed: int,
    variant: Mapping[str, str] | Iterable[tuple[str, str]],
    events: Sequence[Event],
    commands: Iterable[ScriptCommand | tuple[int, Command]],
    ticks: int,
    end_reason: str,
    trainee: Trainee | None,
    started_at: str | None = None,
    ended_at: str | None = None,
    source: Source = Source.CLIENT,
    script_path: str = "",
    assessment: object | None = None,
) -> SessionRecord:
    """The record of any run from its level, seed, variant, event log and commands."""
    events = list(events)
    chosen = tuple(
        sorted(dict(variant.items() if isinstance(variant, Mapping) else variant).items())
    )
    a = assessment if assessment is not None else assess(level, events)
    digest = event_log_sha256(events)
    ended = ended_at or utc_now()
    started = started_at or ended
    capability = {c.id: c.capability for c in CATEGORIES}
    beside_level = Path(level.source_path).with_name("replay.yaml")
    return SessionRecord(
        key=session_key(digest, trainee),
        source=source,
        level_id=level.id,
        level_title=level.title,
        level_path=os.path.abspath(level.source_path) if level.source_path else "",
        level_sha256=level.content_hash,
        seed=seed,
        variant=chosen,
        started_at=started,
        ended_at=ended,
        ticks=ticks,
        tick_rate=TICK_RATE,
        end_reason=end_reason,
        score=a.score,
        max_score=a.max_score,
        rating=a.rating,
        hard_failures=tuple(a.hard_failures),
        categories=tuple(
            CategoryRecord(
                c.id, c.title, capability.get(c.id, ""), c.points, c.max_points, c.rating
            )
            for c in a.categories
        ),
        findings=tuple(
            Finding(
                e.tick,
                e.time,
                e.rule,
                e.category,
                e.points,
                e.message,
                tuple(e.evidence),
                tuple(e.sources),
            )
            for e in a.ledger
        ),
        clocks=dict(a.clocks.as_dict()),
        benchmarks=tuple(
            {**asdict(b), "sources": list(b.sources)} for b in getattr(a, "benchmarks", ())
        ),
        casualties=count_casualties(events).as_dict(),
        strengths=tuple(a.strengths),
        improvements=tuple(a.improvements),
        next_drill=a.next_drill or "",
        event_log_sha256=digest,
        replay=replay_text(
            beside_level,
            level,
            seed,
            chosen,
            commands,
            ticks,
            title=f"Replay: {level.title}, seed {seed}",
            event_log_sha256=digest,
        ),
        picture=picture(level, events),
        script_path=script_path,
        app_version=getattr(game, "__version__", ""),
        trainee=trainee,
    )


def session_key(event_log_digest: str, trainee: Trainee | None) -> str:
    """The session's identity: its event log and who played it (the same run recorded twice is one session)."""
    who = "" if trainee is None else f"{trainee.name.casefold()}\x1f{trainee.badge.casefold()}"
    return hashlib.sha256(f"{event_log_digest}\n{who}".encode()).hexdigest()


def picture(level: Level, events: Sequence[Event]) -> Picture:
    """The floors the trainee walked (tiles as letters), the path, and where people were wounded."""
    path = tuple(
        (e.position.floor, e.position.x, e.position.y)
        for e in events
        if isinstance(e, TraineeArrived | TraineeMoved)
    )
    wounded = tuple(
        (e.position.floor, e.position.x, e.position.y)
        for e in events
        if isinstance(e, PersonWounded)
    )
    visited = sorted({p[0] for p in path}) or [0]
    letters = {}
    for entry in level.legend:
        letter = TILE_LETTERS[entry.kind]
        if entry.kind is TileKind.DOOR:
            letter = DOOR_LETTERS[entry.door_state]
        letters[entry.symbol] = letter
    floors = tuple(
        PictureFloor(
            index,
            level.floors[index].name,
            tuple("".join(letters.get(ch, " ") for ch in row) for row in level.floors[index].rows),
        )
        for index in visited
        if 0 <= index < len(level.floors)
    )
    return Picture(floors, path, wounded)


def utc_now() -> str:
    """The current time as ISO 8601 UTC to the second: "2026-12-01T14:03:22Z"."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_text(moment: datetime) -> str:
    """A moment as ISO 8601 UTC to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
