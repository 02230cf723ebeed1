"""`run --trainee` and `python main.py records`: list, show, export; every bad input a sentence and exit 2."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from game.records.folders import database_path
from game.records.store import RecordsStore
from game.sessions.runner import run_script
from game.sessions.script import load_script
from main import main

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
GOOD = FIXTURES / "good.yaml"


def _record(capsys, *extra: str, script: Path = GOOD, status: int = 0) -> str:
    assert main(["run", "--script", str(script), "--trainee", "Jane Doe", *extra]) == status
    return capsys.readouterr().err


def test_run_with_a_trainee_records_the_session_once(capsys):
    err = _record(capsys, "--badge", "4471")
    assert "recorded as session 1" in err and "Jane" not in err
    assert "already recorded as session 1" in _record(capsys, "--badge", "4471")
    # another seed is another session (this one misses an expectation of the script: exit 1)
    assert "recorded as session 2" in _record(capsys, "--badge", "4471", "--seed", "4", status=1)
    with RecordsStore(database_path()) as store:
        sessions = store.sessions()
        assert [s.trainee.label for s in sessions] == ["Jane Doe (badge 4471)"] * 2
        assert sessions[0].script_path == str(GOOD) and sessions[0].source.value == "run"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--trainee", "Jane", "--seeds", "1-3"], "does not go with --seeds"),
        (["--badge", "4471"], "--badge goes with --trainee"),
        (["--trainee", "  "], "cannot be empty"),
        (["--trainee", "Jane\x1b[31m"], "U+001B"),
        (["--trainee", "Jane", "--badge", "12<34"], "--badge"),
    ],
)
def test_bad_trainee_arguments_exit_2_before_the_run(capsys, args, message):
    assert main(["run", "--script", str(GOOD), *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Key times" not in captured.out
    assert not database_path().exists() or not RecordsStore(database_path()).sessions()


def test_an_ambiguous_trainee_name_asks_for_the_badge(capsys):
    with RecordsStore(database_path()) as store:
        store.add_trainee("Jane Doe", "1")
        store.add_trainee("Jane Doe", "2")
    assert main(["run", "--script", str(GOOD), "--trainee", "jane doe"]) == 2
    assert "say which with --badge" in capsys.readouterr().err
    assert "recorded as session 1" in _record(capsys, "--badge", "2")


def test_records_list_and_show(capsys):
    _record(capsys, "--badge", "4471")
    assert main(["records", "list"]) == 0
    out = capsys.readouterr().out
    assert "Jane Doe (badge 4471)" in out and "tiny_school" in out and "1 session." in out
    assert main(["records", "list", "--json", "--trainee", "JANE DOE"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in listed] == [1] and "ledger" not in listed[0]
    assert main(["records", "list", "--level", "wing_a"]) == 0
    assert "No sessions match." in capsys.readouterr().out
    assert main(["records", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Session 1:" in out and "Ledger:" in out and "Sources:" in out
    assert main(["records", "show", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ledger"]


def test_a_stored_replay_plays_back_the_same_event_log(capsys, tmp_path):
    _record(capsys)
    replay = tmp_path / "elsewhere" / "session.yaml"
    assert main(["records", "show", "1", "--replay", str(replay)]) == 0
    capsys.readouterr()
    again = run_script(load_script(replay))
    assert again.reproduced is True
    with RecordsStore(database_path()) as store:
        assert again.event_log_sha256 == store.session(1).event_log_sha256


@pytest.mark.parametrize(
    "args, message",
    [
        (["records"], "give an action"),
        (["records", "show", "x1"], "expected a session number"),
        (["records", "show", "99"], "no session 99"),
        (["records", "list", "--since", "30/11/2026"], "--since: expected a day"),
        (["records", "list", "--since", "2026-12-02", "--until", "2026-12-01"], "after --until"),
        (["records", "list", "--anonymous", "--trainee", "x"], "--anonymous does not go"),
        (["records", "export", "--format", "pdf", "-o", "x"], "invalid choice"),
    ],
)
def test_bad_records_arguments_exit_2_with_a_reason(capsys, args, message):
    _record(capsys)
    with pytest.raises(SystemExit) if "pdf" in args else _nothing():
        status = main(args)
        assert status == 2
    assert message in capsys.readouterr().err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_every_export_format_is_written(capsys, tmp_path):
    _record(capsys, "--badge", "4471")
    for fmt in ("csv", "json", "xapi", "html"):
        target = tmp_path / f"out.{fmt}"
        assert (
            main(["records", "export", "--format", fmt, "-o", str(target), "--trainee", "Jane Doe"])
            == 0
        )
        assert target.stat().st_size > 0
    err = capsys.readouterr().err
    assert "wrote 1 session to" in err and "ledger entries to" in err and "xAPI statements" in err
    rows = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert len(list(csv.DictReader(rows))) == 1
    assert (tmp_path / "out-findings.csv").exists()
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert document["format"] == "rapid-response-trainer-records" and len(document["sessions"]) == 1
    assert len(json.loads((tmp_path / "out.xapi").read_text(encoding="utf-8"))) == 3
    assert (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_export_never_overwrites_the_database_or_a_folder(capsys, tmp_path):
    _record(capsys)
    for target in (database_path(), tmp_path):
        assert main(["records", "export", "--format", "json", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "the records database itself" in err and "is a folder" in err
    assert RecordsStore(database_path()).sessions()


def test_a_damaged_database_is_a_sentence_not_a_traceback(capsys):
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(4096))
    assert main(["records", "list"]) == 2
    err = capsys.readouterr().err
    assert "not a records database" in err and "Traceback" not in err
    assert main(["run", "--script", str(GOOD), "--trainee", "Jane"]) == 2
    assert "not a records database" in capsys.readouterr().err


def test_the_earlier_records_file_appears_in_the_list(capsys):
    legacy = Path(os.environ["XDG_CONFIG_HOME"]) / "rapid-response-trainer" / "records.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(
        json.dumps({"wing_a": {"score": 82, "rating": "S", "seed": 11}}), encoding="utf-8"
    )
    assert main(["records", "list"]) == 0
    out = capsys.readouterr().out
    assert "(imported, unattributed)" in out and "wing_a" in out
    assert main(["records", "list"]) == 0
    assert capsys.readouterr().out.count("wing_a") == 1


@pytest.mark.parametrize(
    "since, until, shown",
    [
        ("0001-01-01", "9999-12-31", "1 session."),
        ("9999-12-31", "9999-12-31", "No sessions match."),
    ],
)
def test_the_first_and_last_days_of_the_calendar_are_valid_filters(capsys, since, until, shown):
    _record(capsys)
    assert main(["records", "list", "--since", since, "--until", until]) == 0
    assert shown in capsys.readouterr().out
