"""CSV exports: a row per session, and a findings file with a row per ledger entry (RFC 4180, UTF-8).

Text cells that a spreadsheet would run as a formula (starting with =, +, -, @ or a tab) get a leading
apostrophe, so a name typed as "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from game.records.model import SessionRecord
from game.records.plain import trainee_text
from game.scoring import CATEGORIES, RATING_WORDS, SOURCES
from game.sessions.replay import write_atomically
from game.sessions.summary import MOMENTS

SESSION_COLUMNS = (
    "session_id",
    "started_at_utc",
    "ended_at_utc",
    "trainee",
    "badge",
    "level",
    "level_title",
    "seed",
    "variant",
    "source",
    "script",
    "scenario_seconds",
    "end_reason",
    "score",
    "max_score",
    "rating",
    "rating_words",
    *(f"{c.id}_{part}" for c in CATEGORIES for part in ("points", "max", "rating")),
    "hard_failures",
    *(f"clock_{name}_s" for name, _ in MOMENTS),
    "civilians_wounded",
    "civilians_deceased",
    "officers_wounded",
    "trainee_wounded",
    "findings",
    "event_log_sha256",
)

FINDING_COLUMNS = (
    "session_id",
    "started_at_utc",
    "trainee",
    "badge",
    "level",
    "seed",
    "entry",
    "time",
    "tick",
    "rule",
    "category",
    "points",
    "message",
    "sources",
    "source_titles",
    "evidence",
)


def findings_path(path: Path) -> Path:
    """The findings file beside a sessions file: records.csv -> records-findings.csv."""
    return path.with_name(f"{path.stem}-findings{path.suffix or '.csv'}")


def write_csv(records: Sequence[SessionRecord], path: Path) -> tuple[Path, Path, int]:
    """Write the sessions file and its findings file atomically; (paths, findings written)."""
    findings = findings_path(path)
    finding_rows = [row for record in records for row in _finding_rows(record)]
    write_atomically(findings, _table(FINDING_COLUMNS, finding_rows))
    write_atomically(path, _table(SESSION_COLUMNS, [_session_row(r) for r in records]))
    return path, findings, len(finding_rows)


def sessions_csv(records: Sequence[SessionRecord]) -> str:
    """The sessions table as CSV text."""
    return _table(SESSION_COLUMNS, [_session_row(r) for r in records])


def findings_csv(records: Sequence[SessionRecord]) -> str:
    """The findings table as CSV text."""
    return _table(FINDING_COLUMNS, [row for r in records for row in _finding_rows(r)])


def _table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _session_row(record: SessionRecord) -> list[object]:
    trainee = record.trainee
    row: list[object] = [
        record.id,
        record.started_at,
        record.ended_at,
        trainee.name if trainee else trainee_text(record),
        trainee.badge if trainee else "",
        record.level_id,
        record.level_title,
        record.seed,
        "; ".join(f"{group}={option}" for group, option in record.variant),
        record.source.value,
        record.script_path,
        round(record.duration_seconds, 1),
        record.end_reason,
        record.score,
        record.max_score,
        record.rating,
        RATING_WORDS.get(record.rating, ""),
    ]
    for category in CATEGORIES:
        found = record.category(category.id)
        row += [found.points, found.max_points, found.rating] if found else ["", "", ""]
    row.append("; ".join(record.hard_failures))
    row += [record.clocks.get(name) for name, _ in MOMENTS]
    c = record.casualties
    row += [
        c.get("civilians_wounded"),
        c.get("civilians_deceased"),
        c.get("officers_wounded"),
        c.get("trainee_wounded"),
        len(record.findings),
        record.event_log_sha256,
    ]
    return row


def _finding_rows(record: SessionRecord) -> list[list[object]]:
    trainee = record.trainee
    return [
        [
            record.id,
            record.started_at,
            trainee.name if trainee else trainee_text(record),
            trainee.badge if trainee else "",
            record.level_id,
            record.seed,
            index + 1,
            f.time,
            f.tick,
            f.rule,
            f.category,
            f.points,
            f.message,
            "; ".join(f.sources),
            "; ".join(SOURCES.get(s, s) for s in f.sources),
            " | ".join(f.evidence),
        ]
        for index, f in enumerate(record.findings)
    ]
