"""The records as plain frozen data: trainees, sessions, their category results and ledger entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Source(Enum):
    """Where a session was recorded."""

    CLIENT = "client"
    RUN = "run"
    MIGRATED = "migrated"


@dataclass(frozen=True, slots=True)
class Trainee:
    """A trainee profile: a name and a badge or employee number (which may be empty)."""

    id: int
    name: str
    badge: str = ""

    @property
    def label(self) -> str:
        """The profile as a person reads it: "Jane Doe (badge 4471)"."""
        return f"{self.name} (badge {self.badge})" if self.badge else self.name


@dataclass(frozen=True, slots=True)
class CategoryRecord:
    """One rubric category's points and rating in a session."""

    id: str
    title: str
    capability: str
    points: int
    max_points: int
    rating: str

    @property
    def percent(self) -> float:
        """The category's points as a percentage of its maximum."""
        return 100.0 * self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True, slots=True)
class Finding:
    """One ledger entry: when, which rule, the points, the sentence shown, the evidence and the sources."""

    tick: int
    time: str
    rule: str
    category: str
    points: int
    message: str
    evidence: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PictureFloor:
    """One floor of the path picture: its name and its rows of tile letters (see `build.TILE_LETTERS`)."""

    floor: int
    name: str
    rows: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Picture:
    """What the after-action report draws: the floors walked, the path and where people were wounded."""

    floors: tuple[PictureFloor, ...] = ()
    path: tuple[tuple[int, int, int], ...] = ()
    wounded: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One training session as the records keep it; `id` is 0 until it is stored."""

    key: str
    source: Source
    level_id: str
    level_title: str
    level_path: str
    level_sha256: str
    seed: int
    variant: tuple[tuple[str, str], ...]
    started_at: str
    ended_at: str
    ticks: int
    tick_rate: int
    end_reason: str
    score: int | None
    max_score: int | None
    rating: str
    hard_failures: tuple[str, ...]
    categories: tuple[CategoryRecord, ...]
    findings: tuple[Finding, ...]
    clocks: dict[str, float | None]
    benchmarks: tuple[dict[str, object], ...]
    casualties: dict[str, object]
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    next_drill: str
    event_log_sha256: str
    replay: str
    picture: Picture = field(default_factory=Picture)
    script_path: str = ""
    app_version: str = ""
    trainee: Trainee | None = None
    id: int = 0

    @property
    def duration_seconds(self) -> float:
        """The scenario time the session lasted."""
        return self.ticks / self.tick_rate if self.tick_rate else 0.0

    @property
    def complete(self) -> bool:
        """Whether the session carries its full assessment (a migrated best result does not)."""
        return self.source is not Source.MIGRATED

    def category(self, category_id: str) -> CategoryRecord | None:
        """One category's result, if recorded."""
        return next((c for c in self.categories if c.id == category_id), None)
