"""Rapid Response Trainer: the command line.

python main.py                 open the menu and play (same as `play`)
python main.py play LEVEL      play one level
python main.py check PATH...   check level files; file:line:col errors, exit 2 on any
python main.py render LEVEL    draw a level's map to a PNG without a window
python main.py run LEVEL       run a level headless, with a script of decisions
python main.py replay FILE     review a saved session: timeline, perspectives, notes, retry
python main.py explore LEVEL   try response strategies over seeds: can it be done well?
python main.py import-tiled M  turn a Tiled map into a level file
python main.py records ...     training records: list, show, export, push to an LRS
python main.py bench           print performance figures
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one subcommand; returns the process exit status."""
    from game.levels.console import OutputError, finish, guarded_output, say, silence_output
    from game.sessions.collector import collect_less_often

    collect_less_often()

    parser = _parser(_program_name())
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", *(argv or [])])
    with guarded_output():
        try:
            status = args.handler(args)
            finish()
            return status
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            # The reader went away (`run ... | head`): stop quietly, as command-line tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except OutputError as error:
            # Output on a full disk or a closed log: say so where it can be said, then exit 2.
            with contextlib.suppress(OutputError, BrokenPipeError):
                say(f"{args.command}: {error}; the output is incomplete", err=True)
            silence_output()
            return 2


def _play(args: argparse.Namespace) -> int:
    from game.client.app import play

    return play(
        level_path=args.level,
        seed=args.seed,
        fullscreen=args.fullscreen,
        variant=args.variant,
        watch=args.watch,
    )


def _check(args: argparse.Namespace) -> int:
    from game.sessions.checking import check_command

    return check_command(args.paths, strict=args.strict, watch=args.watch)


def _render(args: argparse.Namespace) -> int:
    from game.client.map_render import render_command

    return render_command(args.level, args.output, floor=args.floor, seed=args.seed)


def _run(args: argparse.Namespace) -> int:
    from game.sessions.cli import run_command

    after = []
    if args.trainee is not None or args.badge is not None:
        from game.records.recording import trainee_recorder

        recorder = trainee_recorder(args.trainee, args.badge, batch=bool(args.seeds))
        if isinstance(recorder, int):
            return recorder
        after.append(recorder)
    if args.junit:
        from game.sessions.junit import junit_reporter

        reporter = junit_reporter(args.junit)
        if isinstance(reporter, int):
            return reporter
        after.append(reporter)
    return run_command(args, after=lambda run: max((hook(run) for hook in after), default=0))


def _replay(args: argparse.Namespace) -> int:
    from game.sessions.times import parse_time

    try:
        at = parse_time(args.at) if args.at else 0
    except ValueError as error:
        print(f"replay: --at: {error}", file=sys.stderr)
        return 2
    from game.client.app import review

    return review(args.file, at=at, perspective=args.view, fullscreen=args.fullscreen)


def _records(args: argparse.Namespace) -> int:
    from game.client.settings import config_dir
    from game.records.cli import records_command

    return records_command(args, legacy=config_dir() / "records.json")


def _explore(args: argparse.Namespace) -> int:
    from game.sessions.explore import explore_command

    return explore_command(args)


def _import_tiled(args: argparse.Namespace) -> int:
    from game.sessions.importing import import_tiled_command

    return import_tiled_command(args.map, args.output, force=args.force)


def _bench(args: argparse.Namespace) -> int:
    """The headless figures (game/sessions), then the client's (game/client), printed together."""
    import json

    from game.sessions.bench import (
        FIGURES,
        headless_benchmarks,
        headless_lines,
        largest,
        machine,
        shipped_levels,
    )
    from game.sessions.bench_hashes import fingerprints_command

    if args.fingerprints:
        return fingerprints_command(args.fingerprints, args.against, args.workers)
    only = frozenset(args.only.split(",")) if args.only else frozenset((*FIGURES, "client"))
    unknown = only - {*FIGURES, "client"}
    if unknown:
        print(f"bench: --only: unknown figure {sorted(unknown)[0]!r}", file=sys.stderr)
        return 2
    figures: dict[str, object] = {"machine": machine()}
    figures |= headless_benchmarks(quick=args.quick, only=only)
    if "client" in only:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        try:
            from game.client.benchmark import client_benchmarks
        except ImportError as error:  # a headless machine may have no client
            figures["client"] = {"error": f"client not available: {error}"}
        else:
            figures["client"] = client_benchmarks(largest(shipped_levels()), quick=args.quick)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    lines = [f"Machine: {figures['machine']}", *headless_lines(figures)]
    if "client" in figures:
        if "error" in figures["client"]:
            lines.append(f"Client: {figures['client']['error']}")
        else:
            from game.client.benchmark import client_lines

            lines += client_lines(figures["client"])
    print("\n".join(lines))
    return 0


def _program_name() -> str:
    """How the user called the program: `python main.py`, or the installed `rrt` command."""
    called = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return "python main.py" if called in ("", "main.py", "-c", "__main__.py") else called


def _parser(prog: str = "python main.py") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Rapid Response Trainer: first-responder training for active-shooter incidents in schools.",
    )
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    play = sub.add_parser("play", help="open the menu, or play one level (the default)")
    play.add_argument("level", nargs="?", help="a level file; without it the menu opens")
    play.add_argument("--seed", type=int, default=None, help="the variation seed (default: random)")
    play.add_argument("--fullscreen", action="store_true", help="start in full screen")
    play.add_argument(
        "--variant",
        action="append",
        metavar="GROUP=OPTION",
        help="fix one of the level's variant choices (repeatable), e.g. suspect_start=east",
    )
    play.add_argument(
        "--watch",
        action="store_true",
        help="reload the level each time its file is saved, on the same seed",
    )
    play.set_defaults(command="play", handler=_play)

    check = sub.add_parser("check", help="check level files and folders; errors as file:line:col")
    check.add_argument("paths", nargs="+", help="level files or folders of levels")
    check.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 2 on any)"
    )
    check.add_argument(
        "--watch", action="store_true", help="check again every time a file is saved"
    )
    check.set_defaults(command="check", handler=_check)

    render = sub.add_parser("render", help="draw a level's map to a PNG without a window")
    render.add_argument("level", help="the level file")
    render.add_argument("-o", "--output", required=True, help="the PNG file to write")
    render.add_argument(
        "--floor", default=None, help="draw only this floor, by number or name (default: all)"
    )
    render.add_argument("--seed", type=int, default=1, help="seed for where people are placed")
    render.set_defaults(command="render", handler=_render)

    run = sub.add_parser("run", help="run a level headless, with a script of decisions")
    run.add_argument("level", nargs="?", help="the level file (optional with --script)")
    run.add_argument("--script", help="a script of timed commands and expectations")
    run.add_argument(
        "--seed", type=int, default=None, help="the seed (default: the script's, or 1)"
    )
    run.add_argument("--seeds", help="a batch of seeds, e.g. 1-200")
    run.add_argument("--until", help='stop at this time, e.g. "6:00"')
    run.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    run.add_argument("--save", help="save the session as a replay script to this file")
    run.add_argument(
        "--variant",
        action="append",
        metavar="GROUP=OPTION",
        help="fix one of the level's variant choices (repeatable), e.g. suspect_start=east",
    )
    run.add_argument(
        "--check-only",
        action="store_true",
        help="check the script and its level without running it",
    )
    run.add_argument("--strict", action="store_true", help="with --check-only: warnings are errors")
    run.add_argument("--trainee", help="record the session for this trainee profile (the name)")
    run.add_argument("--badge", help="the trainee's badge or employee number (with --trainee)")
    run.add_argument("--junit", metavar="FILE", help="write the expectations as JUnit XML for CI")
    run.set_defaults(command="run", handler=_run)

    replay = sub.add_parser(
        "replay", help="review a saved session: its timeline, three perspectives, notes, retry"
    )
    replay.add_argument("file", help="a replay saved by the game or by run --save (or any script)")
    replay.add_argument("--at", help='start at this moment, e.g. "2:30"')
    replay.add_argument(
        "--view",
        choices=("truth", "trainee", "suspect"),
        default="truth",
        help="the perspective to start in (default: truth, the instructor's bird's-eye view)",
    )
    replay.add_argument("--fullscreen", action="store_true", help="start in full screen")
    replay.set_defaults(command="replay", handler=_replay)

    from game.records.cli import add_parser as add_records_parser

    add_records_parser(sub, handler=_records)

    explore = sub.add_parser(
        "explore",
        help="try a family of response strategies on a level over seeds and report their ratings",
    )
    explore.add_argument("level", help="the level file")
    explore.add_argument(
        "--seeds", default=None, help="how many seeds per strategy (default 10), or e.g. 1-30"
    )
    explore.add_argument(
        "--strategy", action="append", help="only this strategy (repeatable); default: all"
    )
    explore.add_argument("--until", help='stop each run at this time, e.g. "6:00"')
    explore.add_argument("--json", action="store_true", help="print one JSON object")
    explore.set_defaults(command="explore", handler=_explore)

    tiled = sub.add_parser("import-tiled", help="turn a Tiled map (.tmj or .tmx) into a level file")
    tiled.add_argument("map", help="the Tiled map")
    tiled.add_argument("-o", "--output", required=True, help="the level YAML to write")
    tiled.add_argument("--force", action="store_true", help="overwrite the output if it exists")
    tiled.set_defaults(command="import-tiled", handler=_import_tiled)

    bench = sub.add_parser("bench", help="measure speed: loading, headless runs, drawing, start-up")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions")
    bench.add_argument(
        "--only",
        metavar="NAMES",
        help="some figures, comma-separated: load, setup, headless, batch, scaling, campus, soak, "
        "review, client",
    )
    bench.add_argument(
        "--fingerprints",
        metavar="SEEDS",
        help="instead of figures: print a fingerprint (event log and assessment) of every shipped "
        'script on each of these seeds ("1-40")',
    )
    bench.add_argument(
        "--against",
        metavar="FILE",
        help="with --fingerprints: compare with fingerprints printed before; exit 1 if any differs",
    )
    bench.add_argument("--workers", type=int, help="with --fingerprints: processes to use")
    bench.set_defaults(command="bench", handler=_bench)
    return parser


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
