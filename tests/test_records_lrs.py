"""The push against a real LRS: Ralph (ralph-malph), file-system backend, started here on the loopback.

Ralph lives in its own virtual environment (.ci/run makes it from requirements-lrs.txt; point
RRT_LRS_PYTHON at another one). Its file-system backend writes one batch per fresh folder, so each
test starts its own server on a new folder. Without Ralph the test is skipped, except under CI, where
it must run; tests/test_records_xapi.py checks the same statements' shape in pure Python.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from records_data import record, screened_out

from game.records.store import RecordsStore
from game.records.xapi import statements
from main import main

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "trainer", "s3cret-for-tests"


def _ralph_python() -> str:
    given = os.environ.get("RRT_LRS_PYTHON")
    default = ROOT / ".venv-lrs" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    found = given or (str(default) if default.exists() else "")
    if found:
        probe = subprocess.run(
            [found, "-c", "import ralph.conf, uvicorn, fastapi, bcrypt, requests"],
            capture_output=True,
        )
        if probe.returncode == 0:
            return found
    if given or os.environ.get("CI"):
        # CI (and anyone who names an LRS environment) asked for the real server: its absence is a failure.
        pytest.fail("Ralph is not installed: .ci/run installs requirements-lrs.txt into .venv-lrs")
    pytest.skip(
        "Ralph is not installed (python -m venv .venv-lrs && .venv-lrs/bin/pip install -r requirements-lrs.txt)"
    )


@pytest.fixture
def ralph(tmp_path):
    python = _ralph_python()
    folder, auth = tmp_path / "lrs", tmp_path / "auth.json"
    folder.mkdir()
    digest = subprocess.run(
        [
            python,
            "-c",
            "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())",
            PASSWORD,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    auth.write_text(
        json.dumps(
            [
                {
                    "username": USER,
                    "hash": digest,
                    "scopes": ["all"],
                    "agent": {"mbox": "mailto:trainer@academy.example", "objectType": "Agent"},
                }
            ]
        ),
        encoding="utf-8",
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder),
        "RALPH_AUTH_FILE": str(auth),
        "RALPH_APP_DIR": str(tmp_path / "app"),
    }
    server = subprocess.Popen(
        [
            python,
            "-m",
            "uvicorn",
            "ralph.api:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/xAPI/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"Ralph did not start: {server.stderr.read().decode(errors='replace')[-2000:]}"
                    )
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(20)
        server.stderr.close()


def _stored(url: str) -> list[dict]:
    request = urllib.request.Request(
        url + "statements?limit=500",
        headers={
            "X-Experience-API-Version": "1.0.3",
            "Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
        },
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["statements"]


@pytest.mark.skipif(sys.platform == "win32", reason="process groups")
def test_ralph_stores_every_statement_once_however_often_it_is_pushed(
    ralph, tmp_path, monkeypatch, capsys
):
    db = tmp_path / "records.sqlite3"
    with RecordsStore(db) as store:
        jane = store.add_trainee("Jane Doe", "4471")
        first, second = record(jane), screened_out(jane)
        store.add_session(first)
        store.add_session(second)
    expected = statements(first) + statements(second)
    monkeypatch.setenv("RRT_LRS_PASSWORD", PASSWORD)
    push = ["records", "push", "--db", str(db), "--lrs", ralph, "--user", USER]
    assert main(push) == 0
    assert f"Sent {len(expected)} statements for 2 sessions" in capsys.readouterr().out
    stored = _stored(ralph)
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in expected)
    by_id = {s["id"]: s for s in stored}
    for sent in expected:
        kept = by_id[sent["id"]]
        assert kept["verb"] == sent["verb"] and kept["actor"]["account"] == sent["actor"]["account"]
        assert kept.get("result", {}).get("score") == sent.get("result", {}).get("score")
    # a retried push (the answer lost, or --all) is recognised: nothing is stored twice
    assert main([*push, "--all"]) == 0
    assert len(_stored(ralph)) == len(expected)
    # wrong credentials: refused, exit 2
    monkeypatch.setenv("RRT_LRS_PASSWORD", "wrong")
    assert main([*push, "--all"]) == 2
    assert "refused the credentials" in capsys.readouterr().err
