"""The records database's schema, one numbered migration at a time (SQLite's `user_version` holds the number).

A migration is never edited once released: a change to the schema is a new migration at the end. Each
runs in its own transaction with the version bump, so a database is always at exactly one version.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: its version, what it does, and its SQL statements."""

    version: int
    title: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "trainees, sessions, category results and ledger entries",
        (
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            """CREATE TABLE trainees (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                badge TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                UNIQUE (name COLLATE NOCASE, badge COLLATE NOCASE)
            )""",
            """CREATE TABLE sessions (
                id INTEGER PRIMARY KEY,
                session_key TEXT NOT NULL UNIQUE,
                trainee_id INTEGER REFERENCES trainees(id),
                source TEXT NOT NULL,
                level_id TEXT NOT NULL,
                level_title TEXT NOT NULL,
                level_path TEXT NOT NULL,
                level_sha256 TEXT NOT NULL,
                script_path TEXT NOT NULL DEFAULT '',
                seed INTEGER NOT NULL,
                variant TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NOT NULL,
                ticks INTEGER NOT NULL,
                tick_rate INTEGER NOT NULL,
                end_reason TEXT NOT NULL,
                score INTEGER,
                max_score INTEGER,
                rating TEXT NOT NULL,
                hard_failures TEXT NOT NULL,
                clocks TEXT NOT NULL,
                benchmarks TEXT NOT NULL,
                casualties TEXT NOT NULL,
                strengths TEXT NOT NULL,
                improvements TEXT NOT NULL,
                next_drill TEXT NOT NULL,
                event_log_sha256 TEXT NOT NULL,
                replay BLOB NOT NULL,
                picture TEXT NOT NULL,
                findings_count INTEGER NOT NULL,
                app_version TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX sessions_by_trainee ON sessions (trainee_id, started_at)",
            "CREATE INDEX sessions_by_level ON sessions (level_id, started_at)",
            "CREATE INDEX sessions_by_time ON sessions (started_at)",
            """CREATE TABLE categories (
                session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                category TEXT NOT NULL,
                title TEXT NOT NULL,
                capability TEXT NOT NULL,
                points INTEGER NOT NULL,
                max_points INTEGER NOT NULL,
                rating TEXT NOT NULL,
                PRIMARY KEY (session_id, category)
            )""",
            """CREATE TABLE findings (
                session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                tick INTEGER NOT NULL,
                time TEXT NOT NULL,
                rule TEXT NOT NULL,
                category TEXT NOT NULL,
                points INTEGER NOT NULL,
                message TEXT NOT NULL,
                evidence TEXT NOT NULL,
                sources TEXT NOT NULL,
                PRIMARY KEY (session_id, seq)
            )""",
            "CREATE INDEX findings_by_rule ON findings (rule)",
        ),
    ),
    Migration(
        2,
        "the xAPI outbox: sessions waiting to be pushed to a learning record store",
        (
            """CREATE TABLE outbox (
                session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
                queued_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_attempt_at TEXT NOT NULL DEFAULT '',
                last_error TEXT NOT NULL DEFAULT '',
                sent_at TEXT NOT NULL DEFAULT '',
                sent_to TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX outbox_pending ON outbox (sent_at, session_id)",
            # Sessions recorded before the outbox existed are queued too: none of them was ever sent.
            """INSERT INTO outbox (session_id, queued_at)
               SELECT id, ended_at FROM sessions
               WHERE trainee_id IS NOT NULL AND source != 'migrated'""",
        ),
    ),
)
"""Every migration in order; the last one's version is the schema this program writes."""

LATEST = MIGRATIONS[-1].version
"""The schema version this program reads and writes."""
