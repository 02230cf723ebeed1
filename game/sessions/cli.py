"""`python main.py run`: run a level headless, print the outcome, exit 0 / 1 (an expectation failed)
/ 2 (a bad level, script or argument: problems as file:line:col, never a traceback)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from game.levels.errors import LevelError
from game.levels.loader import load_level
from game.sessions.batch import BatchResult, batch_text, parse_seeds, run_batch
from game.sessions.replay import save_replay
from game.sessions.runner import RunResult, run_level, run_script
from game.sessions.script import load_script
from game.sessions.summary import result_to_dict, summary_text
from game.sessions.times import parse_time
from game.sessions.variants import parse_variant_choices

OK, FAILED, BAD_INPUT = 0, 1, 2
"""Exit statuses: every expectation held; one failed; the level, script or arguments are bad."""


def run_command(
    args: argparse.Namespace, after: Callable[[RunResult | BatchResult], int] | None = None
) -> int:
    """Carry out `run` for parsed arguments (level, script, seed, seeds, until, json, save).

    `after` sees the finished run or batch (to record it, or write a report) and returns an exit
    status; the worse of the two statuses is returned.
    """
    level_arg, script_arg = getattr(args, "level", None), getattr(args, "script", None)
    seed, seeds_arg = getattr(args, "seed", None), getattr(args, "seeds", None)
    save, as_json = getattr(args, "save", None), bool(getattr(args, "json", False))
    if not level_arg and not script_arg:
        return _usage("give a level file, or --script SCRIPT (the script names its level)")
    if getattr(args, "check_only", False):
        from game.sessions.checking import check_only_command

        if not script_arg:
            return _usage("--check-only checks a script: give --script SCRIPT")
        return check_only_command(
            script_arg, level_arg, strict=bool(getattr(args, "strict", False))
        )
    if seed is not None and seeds_arg:
        return _usage("give either --seed or --seeds, not both")
    if seeds_arg and save:
        return _usage("--save records one session; it does not go with --seeds")
    try:
        until = parse_time(args.until) if getattr(args, "until", None) else None
    except ValueError as error:
        return _usage(f"--until: {error}")
    try:
        seeds = parse_seeds(seeds_arg) if seeds_arg else None
    except ValueError as error:
        return _usage(f"--seeds: {error}")
    if until == 0:
        return _usage("--until: the time must be more than 0:00")
    try:
        level = _load_level(level_arg) if level_arg else None
        script = load_script(script_arg, level=level) if script_arg else None
    except LevelError as error:
        return _problems(error)
    level = level or script.level
    try:
        variant = parse_variant_choices(getattr(args, "variant", None) or (), level)
    except ValueError as error:
        return _usage(f"--variant: {error}")
    if (
        script is not None
        and level_arg
        and script.level_path
        and Path(script.level_path).resolve() != Path(level_arg).resolve()
    ):
        print(
            f"note: running {script.path} against {level_arg} (the script names {script.level_path})",
            file=sys.stderr,
        )
    if seeds is not None:
        batch = run_batch(level, seeds, script=script, until=until, variant=variant)
        _print(
            json.dumps(batch.as_dict(), indent=2, ensure_ascii=False)
            if as_json
            else batch_text(batch)
        )
        return max(OK if batch.ok else FAILED, after(batch) if after else OK)
    if script is not None:
        result = run_script(script, seed=seed, until=until, level=level, variant=variant)
    else:
        result = run_level(level, seed=1 if seed is None else seed, until=until, variant=variant)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in script.warnings if script is not None else ():
        print(problem, file=sys.stderr)
    if save:
        title = f"Replay of {script.title or script.path}" if script is not None else ""
        try:
            save_replay(
                save,
                level,
                result.seed,
                result.variant,
                result.commands,
                result.ticks,
                title=title,
                event_log_sha256=result.event_log_sha256,
            )
        except OSError as error:
            print(f"{save}: cannot save the replay: {error.strerror or error}", file=sys.stderr)
            return BAD_INPUT
        print(f"saved the session as a replay script: {save}", file=sys.stderr)
    if as_json:
        _print(json.dumps(result_to_dict(result), indent=2, ensure_ascii=False))
    else:
        _print(summary_text(result, ascii_only=not _can_print("✓✗")))
    return max(OK if result.ok else FAILED, after(result) if after else OK)


def _load_level(path: str):
    """Load the level given on the command line, hinting when it is really a script."""
    try:
        return load_level(path)
    except LevelError as error:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            raise error from None
        if re.search(r"^(commands|expect):", text, re.MULTILINE):
            print(f"note: {path} looks like a script; run it with --script {path}", file=sys.stderr)
        raise


def _problems(error: LevelError) -> int:
    """Print every problem (file:line:col: path: message) and return the bad-input status."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
    return BAD_INPUT


def _usage(message: str) -> int:
    """Print a usage error and return the bad-input status."""
    print(f"run: {message}", file=sys.stderr)
    return BAD_INPUT


def _can_print(text: str) -> bool:
    """Whether stdout can encode these characters."""
    try:
        text.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _print(text: str) -> None:
    """Print to stdout, replacing what its encoding cannot show."""
    encoding = sys.stdout.encoding or "utf-8"
    print(text.encode(encoding, errors="replace").decode(encoding, errors="replace"))
