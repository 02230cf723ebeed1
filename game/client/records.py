"""The client's side of the training records: who is training, their best results, and recording a session.

The records themselves live in the records database (`game.records`); the earlier records.json in the
config folder (the best result per level) is imported into it once, on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.core.commands import Command
from game.core.level import Level
from game.records.build import session_from_events, utc_now
from game.records.folders import data_dir, database_path
from game.records.model import Source, Trainee
from game.records.store import RecordsError, RecordsStore

LAST_TRAINEE = "client.last_trainee"
"""The meta key that remembers which profile was chosen last (offered first next time)."""


@dataclass
class TraineeChoice:
    """Who is training in this run of the client: a profile, or anonymous practice (None)."""

    trainee: Trainee | None = None
    asked: bool = False
    folder: Path = field(default_factory=data_dir)

    @property
    def label(self) -> str:
        """Who the sessions are recorded for, as the menu shows it."""
        return self.trainee.label if self.trainee else "Anonymous practice"


def open_records(context: object) -> RecordsStore:
    """The records database (the earlier records.json imported once); raises RecordsError."""
    store = RecordsStore(database_path(context.records.folder))
    try:
        store.import_legacy(Path(context.config) / "records.json")
    except RecordsError:
        store.close()
        raise
    return store


def load_records(context: object) -> dict[str, dict[str, object]]:
    """Level id -> the current trainee's best result ({"score", "rating", "seed"}); {} on trouble."""
    try:
        with open_records(context) as store:
            trainee = context.records.trainee
            return store.best_by_level(trainee.id if trainee else None)
    except RecordsError:
        return {}


def record_session(
    context: object,
    level: Level,
    seed: int,
    variant: Mapping[str, str],
    events: list,
    commands_by_tick: Mapping[int, list[Command]],
    ticks: int,
    end_reason: str,
) -> tuple[int, bool]:
    """Store a played session for the current trainee; (session id, whether it is new). RecordsError."""
    commands = [(tick, c) for tick in sorted(commands_by_tick) for c in commands_by_tick[tick]]
    ended = utc_now()
    record = session_from_events(
        level,
        seed,
        variant,
        events,
        commands,
        ticks,
        end_reason,
        context.records.trainee,
        ended_at=ended,
        source=Source.CLIENT,
    )
    with open_records(context) as store:
        return store.add_session(record)


def is_better(score: float, rating: str, best: dict[str, object] | None) -> bool:
    """Whether a result beats the best so far: a better rating first, then more points."""
    if not best:
        return True
    order = "PSMU"
    rank = order.index(rating) if rating in order else len(order)
    best_rating = str(best.get("rating", ""))
    best_rank = order.index(best_rating) if best_rating in order else len(order)
    best_score = best.get("score")
    points = best_score if isinstance(best_score, int | float) else float("-inf")
    return (rank, -score) < (best_rank, -points)


def describe_record(record: dict[str, object] | None) -> str:
    """A short line for the menu: "Best: 82 (S)" or "Not played yet"."""
    if not record:
        return "Not played yet"
    score = record.get("score")
    rating = record.get("rating", "")
    shown = f"{score:.0f}" if isinstance(score, int | float) else "?"
    return f"Best: {shown} ({rating})" if rating else f"Best: {shown}"
