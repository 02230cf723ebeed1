"""xAPI statements for each session, their shape, derived ids, the outbox and the push to an LRS."""

from __future__ import annotations

import copy
import json
import socket
from dataclasses import replace

import pytest
from lrs_fake import FakeLRS
from records_data import other_run, record, screened_out

from game.records.model import Trainee
from game.records.store import RecordsStore
from game.records.xapi import VERBS, extension, iso_duration, statement_id, statements
from game.records.xapi_check import batch_problems, problems
from main import main


def test_a_session_gives_launched_completed_and_passed_or_failed():
    made = record()
    found = statements(made)
    verbs = [s["verb"]["id"] for s in found]
    assert verbs == [
        VERBS["launched"],
        VERBS["completed"],
        VERBS["passed" if made.rating != "U" else "failed"],
    ]
    assert batch_problems(found) == []
    final = found[-1]["result"]
    assert final["score"] == {
        "scaled": round(made.score / 1000, 4),
        "raw": made.score,
        "min": 0,
        "max": 1000,
    }
    assert final["success"] is (made.rating != "U") and final["completion"] is True
    assert final["duration"] == iso_duration(made.duration_seconds)
    rule_ids = final["extensions"][extension("rule-ids")]
    assert rule_ids == list(dict.fromkeys(f.rule for f in made.findings)) and "A1" in rule_ids
    assert found[0]["actor"] == {
        "objectType": "Agent",
        "name": "Jane Doe",
        "account": {"homePage": "https://rapid-response-trainer.invalid/trainees", "name": "4471"},
    }
    assert len({s["context"]["registration"] for s in found}) == 1


def test_each_screen_out_is_a_failed_statement_of_its_own():
    made = screened_out()
    found = statements(made)
    assert [s["verb"]["display"]["en-US"] for s in found] == [
        "launched",
        "failed",
        "completed",
        "failed",
    ]
    screen = found[1]
    assert screen["object"]["id"].endswith("/rules/HF1")
    assert screen["result"]["success"] is False
    assert screen["result"]["extensions"][extension("rule-id")] == "HF1"
    assert screen["context"]["contextActivities"]["parent"][0]["id"] == found[0]["object"]["id"]
    assert screen["timestamp"] == "2026-11-03T09:00:12Z"
    assert found[-1]["result"]["success"] is False
    assert batch_problems(found) == []


def test_statement_ids_come_from_the_event_log_and_the_trainee_never_from_chance():
    first, again = statements(record()), statements(record())
    assert [s["id"] for s in first] == [s["id"] for s in again]
    assert first == again
    other_seed = statements(record(run=other_run()))
    other_person = statements(record(Trainee(0, "Bob Smith", "77")))
    other_page = statements(record(), homepage="https://academy.example/staff")
    ids = [{s["id"] for s in found} for found in (first, other_seed, other_person, other_page)]
    assert all(a.isdisjoint(b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    assert first[0]["id"] == statement_id(
        record(), "https://rapid-response-trainer.invalid/trainees", "launched"
    )


def test_anonymous_practice_and_imported_results_have_no_statements():
    assert statements(record(None)) == []
    assert statements(replace(record(), event_log_sha256="")) == []


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda s: s.pop("actor"), "missing actor"),
        (lambda s: s["actor"].pop("account"), "exactly one identifier"),
        (lambda s: s.update(id="not-a-uuid"), "id: not a UUID"),
        (lambda s: s["verb"].update(id="launched"), "verb.id: not an absolute IRI"),
        (lambda s: s["verb"].update(display={"en US": "x"}), "not a language tag"),
        (lambda s: s["result"]["score"].update(scaled=1.5), "between -1 and 1"),
        (lambda s: s["result"]["score"].update(raw=2000), "raw: must lie between"),
        (lambda s: s["result"].update(duration="6 minutes"), "ISO 8601 duration"),
        (lambda s: s["result"].update(success="yes"), "true or false"),
        (lambda s: s.update(timestamp="2026-11-03 09:00"), "ISO 8601 timestamp"),
        (lambda s: s["result"]["extensions"].update(rules=[]), "not an absolute IRI"),
        (lambda s: s.update(colour="red"), "unknown property 'colour'"),
        (lambda s: s["actor"]["account"].update(homePage="academy"), "http(s) URL"),
        (lambda s: s["context"].update(registration="x"), "registration: not a UUID"),
    ],
)
def test_the_shape_check_finds_what_an_lrs_would_refuse(change, problem):
    statement = copy.deepcopy(statements(record())[-1])
    assert problems(statement) == []
    change(statement)
    assert any(problem in p for p in problems(statement)), problems(statement)


def test_durations_are_iso_8601():
    assert [iso_duration(s) for s in (0, 0.5, 59.99, 360, 3723.25)] == [
        "PT0S",
        "PT0.5S",
        "PT59.99S",
        "PT6M",
        "PT1H2M3.25S",
    ]


@pytest.fixture
def two_sessions(tmp_path):
    path = tmp_path / "records.sqlite3"
    with RecordsStore(path) as store:
        jane = store.add_trainee("Jane Doe", "4471")
        store.add_session(record(jane))
        store.add_session(screened_out(jane))
        store.add_session(record(None))
    return path


def _push(db, url, *extra, password="s3cret", monkeypatch=None):
    monkeypatch.setenv("RRT_LRS_PASSWORD", password)
    return main(["records", "push", "--db", str(db), "--lrs", url, "--user", "trainer", *extra])


def test_a_push_delivers_the_outbox_once_and_a_retry_duplicates_nothing(
    two_sessions, monkeypatch, capsys
):
    with FakeLRS() as lrs:
        assert _push(two_sessions, lrs.url, monkeypatch=monkeypatch) == 0
        assert len(lrs.stored) == 7 and len(lrs.requests) == 1
        sent = lrs.requests[0]
        assert sent["path"] == "/xapi/statements"
        headers = {k.lower(): v for k, v in sent["headers"].items()}
        assert headers["x-experience-api-version"] == "1.0.3"
        assert headers["authorization"].startswith("Basic ")
        assert batch_problems(json.loads(sent["body"])) == []
        assert _push(two_sessions, lrs.url, monkeypatch=monkeypatch) == 0
        assert "outbox is empty" in capsys.readouterr().out
        assert _push(two_sessions, lrs.url, "--all", monkeypatch=monkeypatch) == 0
        assert len(lrs.stored) == 7 and len(lrs.requests) == 2
    with RecordsStore(two_sessions) as store:
        assert store.outbox_state() == {"pending": 0, "sent": 2}


def test_an_lrs_that_fails_keeps_the_sessions_for_the_next_push(two_sessions, monkeypatch, capsys):
    with FakeLRS() as lrs:
        lrs.answers = [503]
        assert _push(two_sessions, lrs.url, monkeypatch=monkeypatch) == 1
        err = capsys.readouterr().err
        assert "HTTP 503" in err and "2 sessions were not delivered" in err
        assert "Jane" not in err and "4471" not in err
        with RecordsStore(two_sessions) as store:
            assert store.outbox() == [1, 2] and store.outbox_rows()[0][2] == "1"
        # the LRS stored the batch but its answer was lost: the retry is recognised
        lrs.answers, lrs.store_anyway = [500], True
        assert _push(two_sessions, lrs.url, monkeypatch=monkeypatch) == 1
        assert len(lrs.stored) == 7
        assert _push(two_sessions, lrs.url, monkeypatch=monkeypatch) == 0
        assert len(lrs.stored) == 7
    with RecordsStore(two_sessions) as store:
        assert store.outbox() == []


def test_refused_credentials_exit_2_and_send_nothing_again(two_sessions, monkeypatch, capsys):
    with FakeLRS() as lrs:
        assert _push(two_sessions, lrs.url, password="wrong", monkeypatch=monkeypatch) == 2
        assert "refused the credentials" in capsys.readouterr().err
        assert lrs.stored == {}


def test_an_offline_machine_keeps_its_outbox(two_sessions, monkeypatch, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert _push(two_sessions, f"http://127.0.0.1:{port}/xapi", monkeypatch=monkeypatch) == 1
    assert "cannot reach the LRS" in capsys.readouterr().err
    with RecordsStore(two_sessions) as store:
        assert store.outbox() == [1, 2]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--lrs", "ftp://lrs.example/xapi"], "expected an http(s) address"),
        (["--lrs", "http://lrs.example:99999/"], "port"),
        (["--lrs", "https://lrs.example/xapi?x=1"], "without ?query"),
        (["--lrs", "https://lrs.example/xapi", "--user", "trainer"], "RRT_LRS_PASSWORD"),
        (["--lrs", "https://lrs.example/xapi", "--batch", "0"], "--batch"),
        (["--lrs", "https://lrs.example/xapi", "--homepage", "academy"], "--homepage"),
        (["--lrs", "https://lrs.example/xapi", "--since", "yesterday"], "--since"),
    ],
)
def test_bad_push_arguments_exit_2_with_a_reason(two_sessions, monkeypatch, capsys, args, message):
    monkeypatch.delenv("RRT_LRS_PASSWORD", raising=False)
    assert main(["records", "push", "--db", str(two_sessions), *args]) == 2
    assert message in capsys.readouterr().err


def test_credentials_in_the_address_are_used_and_never_printed(two_sessions, monkeypatch, capsys):
    monkeypatch.delenv("RRT_LRS_PASSWORD", raising=False)
    with FakeLRS() as lrs:
        url = lrs.url.replace("http://", "http://trainer:s3cret@")
        assert main(["records", "push", "--db", str(two_sessions), "--lrs", url]) == 0
        assert len(lrs.stored) == 7
    out = capsys.readouterr()
    assert "s3cret" not in out.out + out.err
