"""`python main.py records`: list, show, export (csv, json, xapi, html), push to an LRS, the outbox, trainees.

Exit statuses: 0 done; 1 a push that could not deliver everything (the rest stays in the outbox);
2 bad input (an unknown session, a bad date or address, a damaged database), always with a sentence
and never a traceback. Messages count sessions and name them by id; they never print a trainee's
results unless the command is asked to show them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

OK, UNDELIVERED, BAD_INPUT = 0, 1, 2

FORMATS = ("csv", "json", "xapi", "html")


def add_parser(
    commands: argparse._SubParsersAction, handler: Callable[[argparse.Namespace], int]
) -> None:
    """Add `records` and its actions to the program's command parser; `handler` runs them."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", help="the records database file (default: records.sqlite3 in the user data folder)"
    )
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--trainee", help="only this trainee's sessions (the name, any case)")
    filters.add_argument("--badge", help="only the trainee with this badge or employee number")
    filters.add_argument(
        "--anonymous", action="store_true", help="only anonymous practice and imported results"
    )
    filters.add_argument("--level", help="only sessions of this level id (e.g. wing_a)")
    filters.add_argument("--since", help="only sessions on or after this day (YYYY-MM-DD, local)")
    filters.add_argument("--until", help="only sessions on or before this day (YYYY-MM-DD, local)")

    records = commands.add_parser(
        "records", help="training records: list, show, export, push to an LRS"
    )
    records.set_defaults(
        command="records", handler=handler, records_action=_no_action, records_parser=records
    )
    actions = records.add_subparsers(title="actions", metavar="ACTION")

    listing = actions.add_parser(
        "list", parents=[common, filters], help="one line per session, oldest first"
    )
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.set_defaults(records_action=_list)

    show = actions.add_parser("show", parents=[common], help="everything about one session")
    show.add_argument("id", help="the session's number (see `records list`)")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.add_argument("--replay", metavar="FILE", help="also save the session as a replay script")
    show.set_defaults(records_action=_show)

    export = actions.add_parser(
        "export", parents=[common, filters], help="write sessions as CSV, JSON, xAPI or HTML"
    )
    export.add_argument("--format", required=True, choices=FORMATS, help="the file format")
    export.add_argument(
        "-o",
        "--output",
        required=True,
        help="the file to write (CSV also writes NAME-findings.csv)",
    )
    export.add_argument("--homepage", help="xAPI: the trainee accounts' homePage URL")
    export.set_defaults(records_action=_export)

    push = actions.add_parser(
        "push", parents=[common, filters], help="send the outbox's xAPI statements to an LRS"
    )
    push.add_argument(
        "--lrs", required=True, help="the LRS's xAPI base URL, e.g. https://lrs/xapi/"
    )
    push.add_argument("--user", default="", help="basic-auth user (password from RRT_LRS_PASSWORD)")
    push.add_argument("--homepage", help="the trainee accounts' homePage URL")
    push.add_argument(
        "--all",
        action="store_true",
        help="send already sent sessions again (the LRS ignores repeats)",
    )
    push.add_argument(
        "--batch", type=int, default=None, help="statements per request (default 200)"
    )
    push.set_defaults(records_action=_push)

    outbox = actions.add_parser(
        "outbox", parents=[common], help="sessions waiting to be pushed, and the last error"
    )
    outbox.set_defaults(records_action=_outbox)

    trainees = actions.add_parser(
        "trainees", parents=[common], help="the trainee profiles and their session counts"
    )
    trainees.set_defaults(records_action=_trainees)


def records_command(args: argparse.Namespace, legacy: Path | None = None) -> int:
    """Carry out a `records` action; `legacy` is the earlier records.json to import once."""
    from game.records.store import RecordsError

    try:
        return args.records_action(args, legacy)
    except RecordsError as error:
        return _fail(str(error))


# -- actions -----------------------------------------------------------------------------------


def _no_action(args: argparse.Namespace, legacy: Path | None) -> int:
    args.records_parser.print_usage(sys.stderr)
    return _fail("give an action: list, show, export, push, outbox or trainees")


def _list(args: argparse.Namespace, legacy: Path | None) -> int:
    from game.records.plain import local_time, session_to_dict, trainee_text

    query = _query(args)
    if query is None:
        return BAD_INPUT
    store = _open(args, legacy)
    if store is None:
        _print("[]" if args.json else "No sessions recorded yet.")
        return OK
    with store:
        found = store.sessions(query, details=False)
    if args.json:
        _print(
            json.dumps(
                [session_to_dict(r, details=False) for r in found], indent=2, ensure_ascii=False
            )
        )
        return OK
    if not found:
        _print("No sessions match." if _filtered(args) else "No sessions recorded yet.")
        return OK
    rows = [
        (
            str(r.id),
            local_time(r.started_at),
            trainee_text(r),
            r.level_id,
            str(r.seed),
            r.rating,
            "-" if r.score is None else str(r.score),
            ", ".join(r.hard_failures) or "-",
        )
        for r in found
    ]
    header = ("ID", "Date", "Trainee", "Level", "Seed", "Rating", "Score", "Screen-outs")
    _print(_columns(header, rows, right=(0, 4, 6)))
    _print(f"{len(found)} session{'s' if len(found) != 1 else ''}.")
    return OK


def _show(args: argparse.Namespace, legacy: Path | None) -> int:
    from game.records.plain import session_to_dict
    from game.records.show import replay_for, session_text

    session_id = _session_id(args.id)
    if session_id is None:
        return BAD_INPUT
    store = _open(args, legacy)
    record = None
    if store is not None:
        with store:
            record = store.session(session_id)
    if record is None:
        return _fail(f"no session {session_id} in the records (see `records list`)")
    if args.replay:
        if not record.replay:
            return _fail(f"session {session_id} has no replay (an imported best result)")
        target = Path(args.replay)
        if problem := _output_problem(target, args):
            return _fail(problem)
        from game.sessions.replay import write_atomically

        try:
            write_atomically(target, replay_for(record, target))
        except OSError as error:
            return _fail(f"{target}: cannot write the replay: {error.strerror or error}")
        print(f"saved session {session_id} as a replay script: {target}", file=sys.stderr)
    if args.json:
        _print(json.dumps(session_to_dict(record), indent=2, ensure_ascii=False))
    else:
        _print(session_text(record))
    return OK


def _export(args: argparse.Namespace, legacy: Path | None) -> int:
    from game.records.build import utc_now
    from game.records.plain import FORMAT, FORMAT_VERSION, session_to_dict
    from game.sessions.replay import write_atomically

    query = _query(args)
    if query is None:
        return BAD_INPUT
    target = Path(args.output)
    if problem := _output_problem(target, args):
        return _fail(problem)
    homepage = _homepage(args)
    if homepage is None:
        return BAD_INPUT
    store = _open(args, legacy)
    found = []
    if store is not None:
        with store:
            found = store.sessions(query)
    noun = f"{len(found)} session{'s' if len(found) != 1 else ''}"
    try:
        if args.format == "csv":
            from game.records.export_csv import findings_path, write_csv

            if problem := _output_problem(findings_path(target), args):
                return _fail(problem)
            _, findings, count = write_csv(found, target)
            _note(f"wrote {noun} to {target} and {count} ledger entries to {findings}")
        elif args.format == "json":
            document = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "exported_at": utc_now(),
                "sessions": [session_to_dict(r) for r in found],
            }
            write_atomically(target, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
            _note(f"wrote {noun} to {target}")
        elif args.format == "xapi":
            from game.records.xapi import exportable, statements

            chosen = [r for r in found if exportable(r)]
            made = [s for r in chosen for s in statements(r, homepage)]
            write_atomically(target, json.dumps(made, indent=2, ensure_ascii=False) + "\n")
            left = len(found) - len(chosen)
            extra = f"; left out {left} without a trainee or a full assessment" if left else ""
            _note(
                f"wrote {len(made)} xAPI statements for {len(chosen)} sessions to {target}{extra}"
            )
        else:
            from game.records.export_html import report_html

            write_atomically(target, report_html(found))
            _note(f"wrote the after-action report of {noun} to {target}")
    except OSError as error:
        return _fail(f"{target}: cannot write the export: {error.strerror or error}")
    if not found:
        _note("no sessions match: the file holds none")
    return OK


def _push(args: argparse.Namespace, legacy: Path | None) -> int:
    from game.records.lrs import MAX_BATCH, PushError, endpoint, push

    query = _query(args)
    if query is None:
        return BAD_INPUT
    homepage = _homepage(args)
    if homepage is None:
        return BAD_INPUT
    batch = MAX_BATCH if args.batch is None else args.batch
    if not 1 <= batch <= 10_000:
        return _fail("--batch: give a number of statements from 1 to 10000")
    try:
        target = endpoint(args.lrs, args.user, os.environ.get("RRT_LRS_PASSWORD", ""))
    except PushError as error:
        return _fail(str(error))
    if target.username and not target.password:
        return _fail(
            f"--user {target.username}: give the password in the RRT_LRS_PASSWORD variable"
        )
    if target.password and target.statements_url.startswith("http:") and not target.loopback:
        _note("warning: sending the password without encryption (http); use https")
    store = _open(args, legacy)
    if store is None:
        _print("Nothing to push: no sessions recorded yet.")
        return OK
    with store:
        report = push(store, target, homepage, include_sent=args.all, query=query, batch_size=batch)
        state = store.outbox_state()
    if not report.sent_sessions and not report.kept_sessions:
        skipped = len(report.skipped_sessions)
        extra = f" ({skipped} queued sessions have nothing to send)" if skipped else ""
        _print(f"Nothing to push: the outbox is empty{extra}.")
        return OK
    if report.sent_sessions:
        _print(
            f"Sent {report.statements} statements for {len(report.sent_sessions)} sessions "
            f"to {target.shown} in {report.requests} request{'s' if report.requests != 1 else ''}."
        )
    if report.problem:
        _note(report.problem)
        missed = len(report.kept_sessions)
        _note(
            f"{missed} session{'s were' if missed != 1 else ' was'} not delivered; "
            f"{state['pending']} wait in the outbox for the next push"
        )
        return BAD_INPUT if report.refused else UNDELIVERED
    return OK


def _outbox(args: argparse.Namespace, legacy: Path | None) -> int:
    store = _open(args, legacy)
    if store is None:
        _print("The outbox is empty: no sessions recorded yet.")
        return OK
    from game.records.plain import local_time

    with store:
        state = store.outbox_state()
        rows = [(i, local_time(q), n, e) for i, q, n, e in store.outbox_rows()]
    _print(f"{state['pending']} sessions waiting, {state['sent']} sent.")
    if rows:
        header = ("ID", "Queued", "Attempts", "Last error")
        _print(_columns(header, rows, right=(0, 2)))
    return OK


def _trainees(args: argparse.Namespace, legacy: Path | None) -> int:
    store = _open(args, legacy)
    if store is None:
        _print("No trainee profiles yet.")
        return OK
    with store:
        people = store.trainees()
        counts = store.session_counts()
    rows = [(str(t.id), t.name, t.badge or "-", str(counts.get(t.id, 0))) for t in people]
    if None in counts:
        rows.append(("-", "(anonymous practice and imported results)", "-", str(counts[None])))
    if not rows:
        _print("No trainee profiles yet.")
        return OK
    _print(_columns(("ID", "Name", "Badge", "Sessions"), rows, right=(0, 3)))
    return OK


# -- helpers -----------------------------------------------------------------------------------


def _open(args: argparse.Namespace, legacy: Path | None):
    """The records store, or None when there is none yet (and nothing earlier to import)."""
    from game.records.folders import database_path
    from game.records.store import RecordsStore

    path = Path(args.db) if getattr(args, "db", None) else database_path()
    has_legacy = legacy is not None and legacy.is_file() and not getattr(args, "db", None)
    if not path.exists() and not has_legacy:
        if getattr(args, "db", None):
            from game.records.store import RecordsError

            raise RecordsError(f"{path}: no records database here")
        return None
    store = RecordsStore(path)
    if has_legacy:
        store.import_legacy(legacy)
    return store


def _query(args: argparse.Namespace):
    """The filters as a store query; None (after printing why) when one is bad."""
    from game.records.store import Query

    try:
        since = _day(args.since, "--since") if args.since else None
        until = _day(args.until, "--until", end=True) if args.until else None
    except ValueError as error:
        _fail(str(error))
        return None
    if since and until and since >= until:
        _fail("--since is after --until: no day lies between them")
        return None
    if args.anonymous and (args.trainee or args.badge):
        _fail("--anonymous does not go with --trainee or --badge")
        return None
    return Query(
        trainee_name=args.trainee,
        badge=args.badge,
        anonymous=args.anonymous,
        level=args.level,
        since=since,
        until=until,
    )


def _day(text: str, option: str, end: bool = False) -> str:
    """A local calendar day as the UTC instant it starts (or, with `end`, the one after it ends)."""
    from datetime import timedelta

    from game.records.build import utc_text

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{option}: expected a day such as 2026-11-30, got {text!r}") from None
    if end:
        if day == date.max:
            return "9999-12-31T23:59:59Z"
        day += timedelta(days=1)
    try:
        return utc_text(datetime(day.year, day.month, day.day).astimezone())
    except (ValueError, OverflowError, OSError):  # the local zone cannot reach year 1 or 9999
        return f"{day.isoformat()}T00:00:00Z"


def _session_id(text: str) -> int | None:
    value = text.strip().lstrip("#")
    if not value.isdigit() or len(value) > 18:
        _fail(f"expected a session number such as 12 (see `records list`), got {text!r}")
        return None
    return int(value)


def _homepage(args: argparse.Namespace) -> str | None:
    from game.records.xapi import DEFAULT_HOMEPAGE

    page = getattr(args, "homepage", None)
    if not page:
        return DEFAULT_HOMEPAGE
    if not page.startswith(("http://", "https://")) or any(c.isspace() for c in page):
        _fail(
            f"--homepage: expected an http(s) URL such as https://academy.example/staff, got {page!r}"
        )
        return None
    return page


def _output_problem(target: Path, args: argparse.Namespace) -> str:
    """Why an output file cannot be written ('' when it can)."""
    from game.records.folders import database_path

    if target.is_dir():
        return f"{target}: is a folder; give a file name"
    database = Path(args.db) if getattr(args, "db", None) else database_path()
    try:
        same = target.resolve() in {
            database.resolve(),
            Path(f"{database}-wal").resolve(),
            Path(f"{database}-shm").resolve(),
        }
    except OSError:
        same = False
    if same:
        return f"{target}: is the records database itself; give another file"
    return ""


def _filtered(args: argparse.Namespace) -> bool:
    return any(
        getattr(args, name, None)
        for name in ("trainee", "badge", "anonymous", "level", "since", "until")
    )


def _columns(
    header: tuple[str, ...], rows: list[tuple[str, ...]], right: tuple[int, ...] = ()
) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            str(cell).rjust(widths[i]) if i in right else str(cell).ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _fail(message: str) -> int:
    print(f"records: {message}", file=sys.stderr)
    return BAD_INPUT


def _note(message: str) -> None:
    print(message, file=sys.stderr)


def _print(text: str) -> None:
    """Print to stdout, replacing what its encoding cannot show."""
    encoding = sys.stdout.encoding or "utf-8"
    print(text.encode(encoding, errors="replace").decode(encoding, errors="replace"))
