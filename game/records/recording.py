"""`run --trainee NAME [--badge NUMBER]`: record a headless run as a session of a trainee profile.

Everything that can be wrong (the name, the badge, an ambiguous profile, a damaged database) is found
before the run starts, so a bad argument costs nothing and exits 2 at once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from game.records.build import session_from_result, utc_now
from game.records.folders import database_path
from game.records.model import Source
from game.records.names import check_badge, check_name
from game.records.store import RecordsError, RecordsStore

BAD_INPUT = 2


def trainee_recorder(
    name: str | None, badge: str | None, batch: bool, database: Path | None = None
) -> Callable[[object], int] | int:
    """A hook that records the run for this trainee, or the exit status 2 after saying what is wrong."""
    if name is None:
        return _fail("--badge goes with --trainee NAME")
    if batch:
        return _fail("--trainee records one session; it does not go with --seeds")
    try:
        name = check_name(name)
    except ValueError as error:
        return _fail(f"--trainee: {error}")
    try:
        badge = None if badge is None else check_badge(badge)
    except ValueError as error:
        return _fail(f"--badge: {error}")
    path = database or database_path()
    try:
        with RecordsStore(path) as store:
            profiles = store.find_trainees(name, badge)
    except RecordsError as error:
        return _fail(str(error))
    if badge is None and len(profiles) > 1:
        badges = ", ".join(p.badge or "(none)" for p in profiles)
        return _fail(
            f"--trainee: {len(profiles)} profiles have this name (badges {badges}); "
            "say which with --badge"
        )
    started = utc_now()

    def record(result: object) -> int:
        try:
            with RecordsStore(path) as store:
                trainee = profiles[0] if profiles else store.add_trainee(name, badge or "")
                session = session_from_result(
                    result, trainee, started_at=started, source=Source.RUN
                )
                session_id, new = store.add_session(session)
        except RecordsError as error:
            return _fail(f"the run was not recorded: {error}")
        if new:
            print(f"recorded as session {session_id} in the training records", file=sys.stderr)
        else:
            print(
                f"already recorded as session {session_id} (the same run for the same trainee)",
                file=sys.stderr,
            )
        return 0

    return record


def _fail(message: str) -> int:
    print(f"run: {message}", file=sys.stderr)
    return BAD_INPUT
