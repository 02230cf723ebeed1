"""The earlier records file (`records.json` in the config folder: the best result per level) as sessions."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from game.core.level import TICK_RATE
from game.levels.printable import HIDDEN
from game.records.build import utc_text
from game.records.model import SessionRecord, Source

RATINGS = ("P", "S", "M", "U")

IMPORTED = (
    "imported from the earlier records file (best result only, before sessions were recorded)"
)


def legacy_sessions(data: bytes, path: Path) -> Iterator[SessionRecord]:
    """One unattributed session per well-formed entry; anything malformed is left out."""
    try:
        entries = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        return
    if not isinstance(entries, dict):
        return
    try:
        when = utc_text(datetime.fromtimestamp(path.stat().st_mtime, UTC))
    except (OSError, OverflowError, ValueError):
        when = utc_text(datetime.now(UTC))
    for level_id, entry in sorted(entries.items()):
        if not isinstance(entry, dict) or not isinstance(level_id, str) or not level_id:
            continue
        if HIDDEN.search(level_id):
            continue
        score, rating, seed = entry.get("score"), entry.get("rating"), entry.get("seed")
        if isinstance(score, bool) or not isinstance(score, int | float) or score != score:
            continue
        if rating not in RATINGS or isinstance(seed, bool) or not isinstance(seed, int):
            continue
        if not (-(10**9) < score < 10**9 and -(2**63) <= seed < 2**63):
            continue
        points = round(score)
        key = hashlib.sha256(f"legacy\n{level_id}\n{seed}\n{points}\n{rating}".encode()).hexdigest()
        yield SessionRecord(
            key=key,
            source=Source.MIGRATED,
            level_id=level_id[:200],
            level_title=level_id[:200],
            level_path="",
            level_sha256="",
            seed=seed,
            variant=(),
            started_at=when,
            ended_at=when,
            ticks=0,
            tick_rate=TICK_RATE,
            end_reason=IMPORTED,
            score=points,
            max_score=None,
            rating=rating,
            hard_failures=(),
            categories=(),
            findings=(),
            clocks={},
            benchmarks=(),
            casualties={},
            strengths=(),
            improvements=(),
            next_drill="",
            event_log_sha256="",
            replay="",
        )
