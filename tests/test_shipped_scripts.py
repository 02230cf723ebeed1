"""Every shipped script (levels/scripts/**/*.yaml) runs and meets its expectations: one test each."""

from __future__ import annotations

from pathlib import Path

import pytest
from shipped_runs import shipped_run

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "levels" / "scripts").rglob("*.yaml"))


@pytest.mark.parametrize(
    "path",
    SCRIPTS,
    ids=[path.relative_to(ROOT / "levels" / "scripts").as_posix() for path in SCRIPTS],
)
def test_the_shipped_script_meets_every_expectation(path):
    result = shipped_run(path)
    failed = [f"{path.name}:{r.line}: {r.message}" for r in result.expectations if not r.ok]
    assert failed == []
    assert result.expectations, "a shipped script should expect something"
