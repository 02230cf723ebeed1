"""The local records database: one SQLite file, every write one transaction, the schema migrated on open.

SQLite in WAL mode with `synchronous=FULL`: a session is either wholly stored or not at all, and a
process killed at any moment loses nothing committed before it. The file is created readable by its
owner only, since it holds personal training records.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from game.records.build import utc_now
from game.records.migrations import LATEST, MIGRATIONS
from game.records.model import (
    CategoryRecord,
    Finding,
    Picture,
    PictureFloor,
    SessionRecord,
    Source,
    Trainee,
)
from game.records.names import check_badge, check_name

BUSY_SECONDS = 10.0
"""How long a write waits for another process (the client, a `run`) to finish its transaction."""


class RecordsError(Exception):
    """A records database that cannot be opened, read or written; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class Query:
    """Which sessions: by trainee (id, or name and badge), anonymous ones, level, and time (UTC ISO)."""

    trainee_id: int | None = None
    trainee_name: str | None = None
    badge: str | None = None
    anonymous: bool = False
    level: str | None = None
    since: str | None = None
    until: str | None = None
    ids: tuple[int, ...] = ()


class RecordsStore:
    """An open records database."""

    def __init__(self, path: Path, create: bool = True) -> None:
        self.path = Path(path)
        self._db = _connect(self.path, create)
        try:
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    # -- opening and closing -----------------------------------------------------------------

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> RecordsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- trainees ------------------------------------------------------------------------------

    def trainees(self) -> list[Trainee]:
        """Every trainee profile, by name."""
        rows = self._read(
            "SELECT id, name, badge FROM trainees ORDER BY name COLLATE NOCASE, badge"
        )
        return [Trainee(*row) for row in rows]

    def trainee(self, trainee_id: int) -> Trainee | None:
        """One trainee profile by id."""
        rows = self._read("SELECT id, name, badge FROM trainees WHERE id = ?", (trainee_id,))
        return Trainee(*rows[0]) if rows else None

    def find_trainees(self, name: str, badge: str | None = None) -> list[Trainee]:
        """The profiles with this name (any case), and this badge when one is given."""
        sql = "SELECT id, name, badge FROM trainees WHERE name = ? COLLATE NOCASE"
        params: list[object] = [name.strip()]
        if badge is not None:
            sql += " AND badge = ? COLLATE NOCASE"
            params.append(badge.strip())
        return [Trainee(*row) for row in self._read(sql + " ORDER BY badge", params)]

    def add_trainee(self, name: str, badge: str = "") -> Trainee:
        """The profile with this name and badge, created if it is new; ValueError for a bad name or badge."""
        name, badge = check_name(name), check_badge(badge)
        with self._transaction():
            found = self._db.execute(
                "SELECT id, name, badge FROM trainees "
                "WHERE name = ? COLLATE NOCASE AND badge = ? COLLATE NOCASE",
                (name, badge),
            ).fetchone()
            if found:
                return Trainee(*found)
            cursor = self._db.execute(
                "INSERT INTO trainees (name, badge, created_at) VALUES (?, ?, ?)",
                (name, badge, utc_now()),
            )
            return Trainee(int(cursor.lastrowid), name, badge)

    def session_counts(self) -> dict[int | None, int]:
        """How many sessions each trainee has (None: anonymous practice and imported results)."""
        rows = self._read("SELECT trainee_id, COUNT(*) FROM sessions GROUP BY trainee_id")
        return {trainee_id: count for trainee_id, count in rows}

    # -- sessions ------------------------------------------------------------------------------

    def add_session(self, record: SessionRecord) -> tuple[int, bool]:
        """Store a session in one transaction; (its id, True) or (the id already stored, False)."""
        trainee_id = record.trainee.id if record.trainee else None
        with self._transaction():
            found = self._db.execute(
                "SELECT id FROM sessions WHERE session_key = ?", (record.key,)
            ).fetchone()
            if found:
                return int(found[0]), False
            cursor = self._db.execute(
                f"INSERT INTO sessions ({', '.join(_SESSION_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_SESSION_COLUMNS))})",
                _session_row(record, trainee_id),
            )
            session_id = int(cursor.lastrowid)
            self._db.executemany(
                "INSERT INTO categories VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (session_id, c.id, c.title, c.capability, c.points, c.max_points, c.rating)
                    for c in record.categories
                ],
            )
            self._db.executemany(
                "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        session_id,
                        seq,
                        f.tick,
                        f.time,
                        f.rule,
                        f.category,
                        f.points,
                        f.message,
                        _json(list(f.evidence)),
                        _json(list(f.sources)),
                    )
                    for seq, f in enumerate(record.findings)
                ],
            )
            if trainee_id is not None and record.source is not Source.MIGRATED:
                self._db.execute(
                    "INSERT INTO outbox (session_id, queued_at) VALUES (?, ?)",
                    (session_id, utc_now()),
                )
        return session_id, True

    def session(self, session_id: int) -> SessionRecord | None:
        """One session with everything it holds."""
        found = self.sessions(Query(ids=(session_id,)))
        return found[0] if found else None

    def sessions(self, query: Query = Query(), details: bool = True) -> list[SessionRecord]:
        """The sessions a query selects, oldest first; without `details`, no ledger, replay or picture."""
        where, params = _where(query)
        columns = ", ".join(f"s.{c}" for c in _SESSION_COLUMNS)
        rows = self._read(
            f"SELECT s.id, {columns}, t.name, t.badge FROM sessions s "
            f"LEFT JOIN trainees t ON t.id = s.trainee_id {where} ORDER BY s.started_at, s.id",
            params,
        )
        if not rows:
            return []
        ids = [row[0] for row in rows]
        categories = self._children(
            "SELECT session_id, category, title, capability, points, max_points, rating "
            "FROM categories WHERE session_id IN ({}) ORDER BY session_id, category",
            ids,
        )
        findings = (
            self._children(
                "SELECT session_id, tick, time, rule, category, points, message, evidence, sources "
                "FROM findings WHERE session_id IN ({}) ORDER BY session_id, seq",
                ids,
            )
            if details
            else {}
        )
        return [_record(row, categories, findings, details) for row in rows]

    def best_by_level(self, trainee_id: int | None) -> dict[str, dict[str, object]]:
        """Level id -> the trainee's best result, best rating then score; None: anonymous."""
        who = "s.trainee_id IS NULL" if trainee_id is None else "s.trainee_id = ?"
        params = () if trainee_id is None else (trainee_id,)
        rows = self._read(
            "SELECT s.level_id, s.score, s.rating, s.seed FROM sessions s "
            f"WHERE {who} AND s.score IS NOT NULL ORDER BY {_RATING_ORDER}, s.score DESC, s.started_at, s.id",
            params,
        )
        best: dict[str, dict[str, object]] = {}
        for level_id, score, rating, seed in rows:
            best.setdefault(level_id, {"score": score, "rating": rating, "seed": seed})
        return best

    # -- the xAPI outbox -----------------------------------------------------------------------

    def outbox(self, include_sent: bool = False, query: Query | None = None) -> list[int]:
        """Session ids waiting to be pushed (or every queued one), oldest first."""
        where, params = _where(query or Query())
        sent = "" if include_sent else " AND o.sent_at = ''"
        joiner = " AND " if where else " WHERE "
        rows = self._read(
            "SELECT o.session_id FROM outbox o JOIN sessions s ON s.id = o.session_id "
            f"LEFT JOIN trainees t ON t.id = s.trainee_id {where}{joiner}1 = 1{sent} "
            "ORDER BY s.started_at, s.id",
            params,
        )
        return [row[0] for row in rows]

    def mark_sent(self, session_ids: list[int], lrs: str) -> None:
        """Note that these sessions' statements reached an LRS."""
        now = utc_now()
        with self._transaction():
            self._db.executemany(
                "UPDATE outbox SET sent_at = ?, sent_to = ?, last_error = '', "
                "attempts = attempts + 1, last_attempt_at = ? WHERE session_id = ?",
                [(now, lrs, now, i) for i in session_ids],
            )

    def mark_failed(self, session_ids: list[int], error: str) -> None:
        """Note a failed attempt; the sessions stay in the outbox."""
        now = utc_now()
        with self._transaction():
            self._db.executemany(
                "UPDATE outbox SET last_error = ?, attempts = attempts + 1, last_attempt_at = ? "
                "WHERE session_id = ?",
                [(error[:500], now, i) for i in session_ids],
            )

    def outbox_rows(self) -> list[tuple[str, str, str, str]]:
        """The pending sessions as (id, queued at, attempts, last error) for `records outbox`."""
        rows = self._read(
            "SELECT session_id, queued_at, attempts, last_error FROM outbox "
            "WHERE sent_at = '' ORDER BY session_id"
        )
        return [
            (str(i), queued, str(attempts), error or "-") for i, queued, attempts, error in rows
        ]

    def outbox_state(self) -> dict[str, int]:
        """How many queued sessions are pending and how many were sent."""
        pending, sent = self._read(
            "SELECT COALESCE(SUM(sent_at = ''), 0), COALESCE(SUM(sent_at != ''), 0) FROM outbox"
        )[0]
        return {"pending": int(pending), "sent": int(sent)}

    # -- the earlier records file and small settings ------------------------------------------

    def import_legacy(self, path: Path) -> int:
        """Import the best results of the earlier records.json once; returns how many were new."""
        from game.levels.files import read_bounded
        from game.levels.limits import MAX_JSON_BYTES
        from game.records.legacy import legacy_sessions

        try:
            data = read_bounded(path, MAX_JSON_BYTES, "records file")
        except OSError:
            return 0
        marker = f"legacy:{path.name}"
        digest = hashlib.sha256(data).hexdigest()
        if self.meta(marker) == digest:
            return 0
        added = 0
        for record in legacy_sessions(data, path):
            added += self.add_session(record)[1]
        self.set_meta(marker, digest)
        return added

    def meta(self, key: str) -> str | None:
        """A small stored setting (e.g. the last trainee chosen in the client)."""
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a small setting."""
        with self._transaction():
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- internals -----------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise RecordsError(_explain(self.path, error)) from None
        try:
            yield
        except sqlite3.Error as error:
            self._db.execute("ROLLBACK")
            raise RecordsError(_explain(self.path, error)) from None
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._db.execute("ROLLBACK")
            raise RecordsError(_explain(self.path, error)) from None

    def _read(self, sql: str, params: object = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise RecordsError(_explain(self.path, error)) from None

    def _children(self, sql: str, ids: list[int]) -> dict[int, list[tuple]]:
        out: dict[int, list[tuple]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in self._read(sql.format(", ".join("?" * len(chunk))), chunk):
                out.setdefault(row[0], []).append(row[1:])
        return out

    def _migrate(self) -> None:
        version = self.schema_version
        if version > LATEST:
            raise RecordsError(
                f"{self.path}: this records database was written by a newer version of the program "
                f"(schema {version}; this one knows up to {LATEST}); update the program to open it"
            )
        for migration in MIGRATIONS:
            if migration.version <= version:
                continue
            with self._transaction():
                for statement in migration.statements:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {migration.version}")


_RATING_ORDER = "CASE s.rating WHEN 'P' THEN 0 WHEN 'S' THEN 1 WHEN 'M' THEN 2 ELSE 3 END"
"""Best rating first: a screen-out caps the rating whatever the points."""

_SESSION_COLUMNS = (
    "session_key",
    "trainee_id",
    "source",
    "level_id",
    "level_title",
    "level_path",
    "level_sha256",
    "script_path",
    "seed",
    "variant",
    "started_at",
    "ended_at",
    "ticks",
    "tick_rate",
    "end_reason",
    "score",
    "max_score",
    "rating",
    "hard_failures",
    "clocks",
    "benchmarks",
    "casualties",
    "strengths",
    "improvements",
    "next_drill",
    "event_log_sha256",
    "replay",
    "picture",
    "findings_count",
    "app_version",
)


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    """Open (or create, owner-only) the database file with the durability settings."""
    if not path.exists():
        if not create:
            raise RecordsError(f"{path}: no records database here yet")
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            pass
        except OSError as error:
            raise RecordsError(
                f"{path}: cannot create the records database: {error.strerror or error}"
            ) from None
    if path.is_dir():
        raise RecordsError(f"{path}: is a folder, not a records database")
    try:
        db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except sqlite3.Error as error:
        raise RecordsError(_explain(path, error)) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        db.close()
        raise RecordsError(_explain(path, error)) from None
    return db


def _explain(path: Path, error: sqlite3.Error) -> str:
    """A database error as a sentence for the user (never the SQL or the values)."""
    text = str(error)
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in text:
        return f"{path}: not a records database (the file is not SQLite, or it is damaged)"
    if "locked" in text or "busy" in text:
        return f"{path}: the records database is busy (another program is writing); try again"
    if "readonly" in text:
        return f"{path}: the records database is read-only"
    if "disk" in text or "full" in text:
        return f"{path}: cannot write the records database: {text}"
    if "malformed" in text or "corrupt" in text:
        return f"{path}: the records database is damaged ({text})"
    return f"{path}: records database error: {text}"


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _session_row(record: SessionRecord, trainee_id: int | None) -> tuple:
    picture = {
        "floors": [
            {"floor": f.floor, "name": f.name, "rows": list(f.rows)} for f in record.picture.floors
        ],
        "path": [list(p) for p in record.picture.path],
        "wounded": [list(p) for p in record.picture.wounded],
    }
    return (
        record.key,
        trainee_id,
        record.source.value,
        record.level_id,
        record.level_title,
        record.level_path,
        record.level_sha256,
        record.script_path,
        record.seed,
        _json(dict(record.variant)),
        record.started_at,
        record.ended_at,
        record.ticks,
        record.tick_rate,
        record.end_reason,
        record.score,
        record.max_score,
        record.rating,
        _json(list(record.hard_failures)),
        _json(record.clocks),
        _json(list(record.benchmarks)),
        _json(record.casualties),
        _json(list(record.strengths)),
        _json(list(record.improvements)),
        record.next_drill,
        record.event_log_sha256,
        zlib.compress(record.replay.encode("utf-8"), 6),
        _json(picture),
        len(record.findings),
        record.app_version,
    )


def _record(
    row: tuple,
    categories: dict[int, list[tuple]],
    findings: dict[int, list[tuple]],
    details: bool,
) -> SessionRecord:
    session_id, *values, name, badge = row
    v = dict(zip(_SESSION_COLUMNS, values, strict=True))
    trainee = Trainee(v["trainee_id"], name, badge) if v["trainee_id"] is not None else None
    picture = Picture()
    if details:
        p = json.loads(v["picture"])
        picture = Picture(
            tuple(PictureFloor(f["floor"], f["name"], tuple(f["rows"])) for f in p["floors"]),
            tuple(tuple(x) for x in p["path"]),
            tuple(tuple(x) for x in p["wounded"]),
        )
    return SessionRecord(
        id=session_id,
        key=v["session_key"],
        source=Source(v["source"]),
        level_id=v["level_id"],
        level_title=v["level_title"],
        level_path=v["level_path"],
        level_sha256=v["level_sha256"],
        seed=v["seed"],
        variant=tuple(sorted(json.loads(v["variant"]).items())),
        started_at=v["started_at"],
        ended_at=v["ended_at"],
        ticks=v["ticks"],
        tick_rate=v["tick_rate"],
        end_reason=v["end_reason"],
        score=v["score"],
        max_score=v["max_score"],
        rating=v["rating"],
        hard_failures=tuple(json.loads(v["hard_failures"])),
        categories=tuple(CategoryRecord(*c) for c in categories.get(session_id, [])),
        findings=tuple(
            Finding(
                tick,
                time,
                rule,
                category,
                points,
                message,
                tuple(json.loads(ev)),
                tuple(json.loads(src)),
            )
            for tick, time, rule, category, points, message, ev, src in findings.get(session_id, [])
        ),
        clocks=json.loads(v["clocks"]),
        benchmarks=tuple(json.loads(v["benchmarks"])),
        casualties=json.loads(v["casualties"]),
        strengths=tuple(json.loads(v["strengths"])),
        improvements=tuple(json.loads(v["improvements"])),
        next_drill=v["next_drill"],
        event_log_sha256=v["event_log_sha256"],
        replay=_replay(v["replay"]) if details else "",
        picture=picture,
        script_path=v["script_path"],
        app_version=v["app_version"],
        trainee=trainee,
    )


def _replay(stored: bytes | str) -> str:
    """The replay text from its stored form (zlib-compressed UTF-8: a replay shrinks about 12 times)."""
    if isinstance(stored, str):
        return stored
    return zlib.decompress(stored).decode("utf-8") if stored else ""


def _where(query: Query) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if query.trainee_id is not None:
        clauses.append("s.trainee_id = ?")
        params.append(query.trainee_id)
    if query.trainee_name is not None:
        clauses.append("t.name = ? COLLATE NOCASE")
        params.append(query.trainee_name.strip())
    if query.badge is not None:
        clauses.append("t.badge = ? COLLATE NOCASE")
        params.append(query.badge.strip())
    if query.anonymous:
        clauses.append("s.trainee_id IS NULL")
    if query.level is not None:
        clauses.append("s.level_id = ?")
        params.append(query.level)
    if query.since is not None:
        clauses.append("s.started_at >= ?")
        params.append(query.since)
    if query.until is not None:
        clauses.append("s.started_at < ?")
        params.append(query.until)
    if query.ids:
        clauses.append(f"s.id IN ({', '.join('?' * len(query.ids))})")
        params.extend(query.ids)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
