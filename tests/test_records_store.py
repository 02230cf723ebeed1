"""The records database: every session kept whole, in one transaction, migrated, and never lost to a kill."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

import pytest
from records_data import JANE, record, screened_out

from game.records import store as store_module
from game.records.folders import data_dir, database_path
from game.records.migrations import LATEST, MIGRATIONS
from game.records.model import Source
from game.records.store import Query, RecordsError, RecordsStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path):
    with RecordsStore(tmp_path / "records.sqlite3") as opened:
        yield opened


def test_a_session_round_trips_with_everything_it_holds(store):
    jane = store.add_trainee("Jane Doe", "4471")
    made = record(jane)
    session_id, new = store.add_session(made)
    assert new and session_id == 1
    back = store.session(session_id)
    for f in fields(made):
        if f.name != "id":
            assert getattr(back, f.name) == getattr(made, f.name), f.name
    assert back.findings and back.categories and back.replay.startswith("# Rapid Response")
    assert back.picture.path and back.picture.floors
    assert back.level_id == "tiny_school" and back.seed == 7


def test_the_same_run_for_the_same_trainee_is_one_session(store):
    jane = store.add_trainee("Jane Doe", "4471")
    assert store.add_session(record(jane)) == (1, True)
    assert store.add_session(record(jane)) == (1, False)
    bob = store.add_trainee("Bob Smith")
    assert store.add_session(record(bob)) == (2, True)
    assert len(store.sessions()) == 2


def test_trainee_profiles_are_found_by_name_and_badge_in_any_case(store):
    jane = store.add_trainee(" Jane   Doe ", "4471")
    assert jane.name == "Jane Doe"
    assert store.add_trainee("JANE DOE", "4471") == jane
    other = store.add_trainee("Jane Doe", "9000")
    assert other != jane
    assert store.find_trainees("jane doe") == [jane, other]
    assert store.find_trainees("jane doe", "9000") == [other]


@pytest.mark.parametrize(
    "name, badge, reason",
    [
        ("", "", "cannot be empty"),
        ("x" * 81, "", "at most 80"),
        ("Jane\x07Doe", "", "U+0007"),
        ("Jane\u202eeoD", "", "U+202E"),
        ("Jane\ud800", "", "U+D800"),
        ("Jane Doe", "12;DROP", "letters, digits"),
        ("Jane Doe", "1" * 33, "at most 32"),
    ],
)
def test_a_bad_name_or_badge_is_refused_with_the_reason(store, name, badge, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        store.add_trainee(name, badge)
    assert store.trainees() == []


def test_the_database_lives_in_the_user_data_folder_and_honours_xdg(monkeypatch, tmp_path):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert database_path() == tmp_path / "xdg" / "rapid-response-trainer" / "records.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / ".local" / "share" / "rapid-response-trainer"
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert data_dir() == tmp_path / "local" / "rapid-response-trainer"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_database_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "new" / "records.sqlite3"
    with RecordsStore(path) as opened:
        opened.add_session(record(opened.add_trainee("Jane Doe")))
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o077 == 0


def test_an_older_database_is_migrated_and_its_sessions_queued(tmp_path, monkeypatch):
    path = tmp_path / "records.sqlite3"
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:1])
    monkeypatch.setattr(store_module, "LATEST", 1)
    with RecordsStore(path) as old:
        assert old.schema_version == 1
        jane = old.add_trainee("Jane Doe")
    monkeypatch.undo()
    # a version-1 program wrote its sessions without an outbox: do the same by hand
    made = record(jane)
    with RecordsStore(tmp_path / "scratch.sqlite3") as scratch:
        scratch.add_trainee("Jane Doe")
        scratch.add_session(made)
    with sqlite3.connect(path) as raw:
        raw.execute("ATTACH ? AS scratch", (str(tmp_path / "scratch.sqlite3"),))
        for table in ("sessions", "categories", "findings"):
            raw.execute(f"INSERT INTO {table} SELECT * FROM scratch.{table}")
        raw.commit()
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "outbox" not in tables
    with RecordsStore(path) as current:
        assert current.schema_version == LATEST == 2
        assert current.outbox() == [1]
        assert current.session(1).trainee.name == "Jane Doe"
        assert current.session(1).findings == made.findings


def test_a_database_from_a_newer_program_is_refused_clearly(tmp_path):
    path = tmp_path / "records.sqlite3"
    RecordsStore(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {LATEST + 5}")
    with pytest.raises(RecordsError, match=f"newer version.*schema {LATEST + 5}"):
        RecordsStore(path)


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path):
    path = tmp_path / "records.sqlite3"
    path.write_bytes(b"this is a text file, not SQLite\n" * 100)
    with pytest.raises(RecordsError, match="not a records database"):
        RecordsStore(path)
    assert path.read_bytes().startswith(b"this is a text file")


def test_a_failed_write_leaves_nothing_half_stored(store):
    jane = store.add_trainee("Jane Doe")
    made = record(jane)
    broken = replace(
        made, findings=(*made.findings, made.findings[0].__class__(1, "0:00", "X", "A", 1, None))
    )
    with pytest.raises(RecordsError):
        store.add_session(broken)
    assert store.sessions() == [] and store.outbox() == []
    assert store.add_session(made) == (1, True)


def test_queries_select_by_trainee_level_and_time(store):
    jane, bob = store.add_trainee("Jane Doe", "4471"), store.add_trainee("Bob Smith")
    store.add_session(record(jane))
    store.add_session(replace(screened_out(jane), started_at="2026-11-05T10:00:00Z"))
    store.add_session(replace(record(bob), started_at="2026-11-04T10:00:00Z"))
    store.add_session(replace(record(None), level_id="other", started_at="2026-11-06T10:00:00Z"))
    assert [s.id for s in store.sessions()] == [1, 3, 2, 4]
    assert [s.id for s in store.sessions(Query(trainee_name="JANE DOE"))] == [1, 2]
    assert [s.id for s in store.sessions(Query(trainee_name="Jane Doe", badge="0"))] == []
    assert [s.id for s in store.sessions(Query(anonymous=True))] == [4]
    assert [s.id for s in store.sessions(Query(level="other"))] == [4]
    window = Query(since="2026-11-04T00:00:00Z", until="2026-11-06T00:00:00Z")
    assert [s.id for s in store.sessions(window)] == [3, 2]
    brief = store.sessions(Query(ids=(2,)), details=False)[0]
    assert brief.hard_failures == ("HF1",) and brief.findings == () and brief.replay == ""
    # the best result is the best rating first (a screen-out caps a higher score), then the score
    best = store.best_by_level(jane.id)
    assert best == {"tiny_school": {"score": record().score, "rating": record().rating, "seed": 7}}


def test_only_attributed_sessions_wait_in_the_outbox(store):
    store.add_session(record(store.add_trainee("Jane Doe")))
    store.add_session(record(None))
    assert store.outbox() == [1]
    store.mark_failed([1], "offline")
    assert store.outbox() == [1] and store.outbox_rows()[0][2:] == ("1", "offline")
    store.mark_sent([1], "https://lrs.example/xapi/")
    assert store.outbox() == [] and store.outbox(include_sent=True) == [1]
    assert store.outbox_state() == {"pending": 0, "sent": 1}


def test_the_earlier_records_file_is_imported_once(tmp_path, store):
    legacy = tmp_path / "records.json"
    legacy.write_text(
        json.dumps(
            {
                "wing_a": {"score": 82.0, "rating": "S", "seed": 11},
                "campus_sro": {"score": 40, "rating": "U", "seed": 3},
                "bad_rating": {"score": 50, "rating": "Z", "seed": 1},
                "bad_score": {"score": "lots", "rating": "P", "seed": 1},
                "nan": {"score": float("nan"), "rating": "P", "seed": 1},
                "bool_seed": {"score": 10, "rating": "P", "seed": True},
                "not_a_dict": 5,
            }
        ),
        encoding="utf-8",
    )
    assert store.import_legacy(legacy) == 2
    assert store.import_legacy(legacy) == 0
    imported = store.sessions()
    assert [(s.level_id, s.score, s.rating, s.seed) for s in imported] == [
        ("campus_sro", 40, "U", 3),
        ("wing_a", 82, "S", 11),
    ]
    assert all(s.source is Source.MIGRATED and s.trainee is None for s in imported)
    assert store.outbox() == []
    assert store.best_by_level(None)["wing_a"]["score"] == 82
    assert legacy.exists()


def test_a_broken_earlier_records_file_imports_nothing_and_breaks_nothing(tmp_path, store):
    legacy = tmp_path / "records.json"
    legacy.write_bytes(b"\xff\xfe{not json")
    assert store.import_legacy(legacy) == 0
    assert store.import_legacy(tmp_path / "missing.json") == 0


CHILD = """
import sys
from dataclasses import replace
sys.path[:0] = [{root!r}, {tests!r}]
from records_data import record
from game.records.store import RecordsStore
store = RecordsStore({path!r})
base = record(store.add_trainee("Jane Doe"))
print("ready", flush=True)
for i in range(100000):
    store.add_session(replace(base, key=f"{{base.key}}-{{i}}"))
    print(i + 1, flush=True)
"""


def test_a_killed_process_loses_no_session_it_had_committed(tmp_path):
    path = tmp_path / "records.sqlite3"
    code = CHILD.format(root=str(ROOT), tests=str(ROOT / "tests"), path=str(path))
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    committed = 0
    deadline = time.monotonic() + 120
    try:
        assert child.stdout.readline().strip() == "ready"
        while committed < 25 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            committed = int(line)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert committed >= 25
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with RecordsStore(path) as reopened:
        kept = reopened.sessions()
        # every session the child saw committed is there, and each is whole
        assert len(kept) >= committed
        assert all(len(s.findings) == len(kept[0].findings) > 0 for s in kept)
        assert all(len(s.categories) == 6 for s in kept)
        assert reopened.outbox() == [s.id for s in kept]
    assert {s.trainee.name for s in kept} == {JANE.name}
