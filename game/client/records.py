"""Best results per level, kept in the user's config folder beside the settings."""

from __future__ import annotations

import math
from pathlib import Path

from game.client.settings import config_dir, read_json, write_json_atomic
from game.levels.limits import MAX_KEY_CHARS
from game.levels.printable import HIDDEN

MAX_RECORDS = 10_000
"""Most levels a records file keeps; the rest of a larger (hand-edited or hostile) file is ignored."""


def load_records(folder: Path | None = None) -> dict[str, dict[str, object]]:
    """Level id -> best result ({"score", "rating", "seed"}); entries that make no sense are left out."""
    data = read_json((folder or config_dir()) / "records.json")
    if not isinstance(data, dict):
        return {}
    records = {}
    for level_id, record in data.items():
        if len(records) >= MAX_RECORDS:
            break
        if _short_text(level_id) and isinstance(record, dict) and _sensible(record):
            records[level_id] = record
    return records


def _sensible(record: dict[str, object]) -> bool:
    """Whether a stored result has a finite score and, if any, a short rating and a whole seed."""
    score, rating, seed = record.get("score"), record.get("rating", ""), record.get("seed", 0)
    finite = isinstance(score, int | float) and not isinstance(score, bool) and math.isfinite(score)
    whole_seed = isinstance(seed, int) and not isinstance(seed, bool)
    return finite and abs(score) < 1e9 and _short_text(rating, allow_empty=True) and whole_seed


def _short_text(value: object, allow_empty: bool = False) -> bool:
    """Whether a value is text short enough to show, with nothing hidden in it."""
    return (
        isinstance(value, str)
        and (allow_empty or bool(value))
        and len(value) <= MAX_KEY_CHARS
        and not HIDDEN.search(value)
    )


def record_result(
    level_id: str, score: float, rating: str, seed: int, folder: Path | None = None
) -> bool:
    """Store a result if it beats the best so far; True when it is a new best."""
    records = load_records(folder)
    best = records.get(level_id)
    best_score = best.get("score") if best else None
    if isinstance(best_score, int | float) and best_score >= score:
        return False
    records[level_id] = {"score": score, "rating": rating, "seed": seed}
    write_json_atomic((folder or config_dir()) / "records.json", records)
    return True


def describe_record(record: dict[str, object] | None) -> str:
    """A short line for the menu: "Best: 82 (Proficient)" or "Not played yet"."""
    if not record:
        return "Not played yet"
    score = record.get("score")
    rating = record.get("rating", "")
    shown = f"{score:.0f}" if isinstance(score, int | float) else "?"
    return f"Best: {shown} ({rating})" if rating else f"Best: {shown}"
