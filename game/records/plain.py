"""A session as JSON-ready data (the JSON export and `records show --json`), and the times people read."""

from __future__ import annotations

from datetime import UTC, datetime

from game.records.model import SessionRecord
from game.scoring import RATING_WORDS

FORMAT = "rapid-response-trainer-records"
FORMAT_VERSION = 1
"""The JSON export's format name and version (a change that breaks readers bumps the version)."""


def session_to_dict(record: SessionRecord, details: bool = True) -> dict[str, object]:
    """Everything the records hold of one session."""
    trainee = record.trainee
    out: dict[str, object] = {
        "id": record.id,
        "trainee": {"id": trainee.id, "name": trainee.name, "badge": trainee.badge}
        if trainee
        else None,
        "source": record.source.value,
        "level": record.level_id,
        "level_title": record.level_title,
        "level_path": record.level_path,
        "level_sha256": record.level_sha256,
        "script": record.script_path,
        "seed": record.seed,
        "variant": dict(record.variant),
        "started_at": record.started_at,
        "ended_at": record.ended_at,
        "scenario_seconds": round(record.duration_seconds, 1),
        "end_reason": record.end_reason,
        "score": record.score,
        "max_score": record.max_score,
        "rating": record.rating,
        "rating_words": RATING_WORDS.get(record.rating, record.rating),
        "hard_failures": list(record.hard_failures),
        "categories": [
            {
                "id": c.id,
                "title": c.title,
                "capability": c.capability,
                "points": c.points,
                "max_points": c.max_points,
                "rating": c.rating,
            }
            for c in record.categories
        ],
        "clocks": record.clocks,
        "casualties": record.casualties,
        "strengths": list(record.strengths),
        "improvements": list(record.improvements),
        "next_drill": record.next_drill,
        "event_log_sha256": record.event_log_sha256,
        "app_version": record.app_version,
    }
    if details:
        out["benchmarks"] = list(record.benchmarks)
        out["ledger"] = [
            {
                "tick": f.tick,
                "time": f.time,
                "rule": f.rule,
                "category": f.category,
                "points": f.points,
                "message": f.message,
                "evidence": list(f.evidence),
                "sources": list(f.sources),
            }
            for f in record.findings
        ]
        out["picture"] = {
            "floors": [
                {"floor": f.floor, "name": f.name, "rows": list(f.rows)}
                for f in record.picture.floors
            ],
            "path": [list(p) for p in record.picture.path],
            "wounded": [list(p) for p in record.picture.wounded],
        }
        out["replay"] = record.replay
    return out


def local_time(utc_iso: str, seconds: bool = False) -> str:
    """A stored UTC time as the local time people read: "2026-12-01 14:03"."""
    try:
        moment = datetime.fromisoformat(utc_iso.replace("Z", "+00:00"))
    except ValueError:
        return utc_iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def trainee_text(record: SessionRecord) -> str:
    """Who trained, as the lists print it."""
    if record.trainee is not None:
        return record.trainee.label
    return "(imported, unattributed)" if not record.complete else "(anonymous practice)"
