"""Best results per level, kept in the user's config folder beside the settings."""

from __future__ import annotations

from pathlib import Path

from game.client.settings import config_dir, read_json, write_json_atomic


def load_records(folder: Path | None = None) -> dict[str, dict[str, object]]:
    """Level id -> best result ({"score", "rating", "seed"})."""
    data = read_json((folder or config_dir()) / "records.json")
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}


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
