"""`python main.py run`: run a level headless, print the outcome, exit 0 / 1 (an expectation failed)
/ 2 (a bad level, script or argument: problems as file:line:col, never a traceback)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from game.levels.console import OutputError, say
from game.levels.errors import LevelError
from game.levels.files import special_kind
from game.levels.limits import MAX_SEED
from game.levels.loader import load_level
from game.levels.printable import printable
from game.sessions.batch import BatchResult, batch_text, parse_seeds, run_batch
from game.sessions.replay import is_replay, save_replay
from game.sessions.runner import RunResult, run_level, run_script
from game.sessions.script import load_script
from game.sessions.summary import result_to_dict, summary_text
from game.sessions.times import parse_time
from game.sessions.variants import parse_variant_choices

OK, FAILED, BAD_INPUT = 0, 1, 2
"""Exit statuses: every expectation held; one failed; the level, script or arguments are bad."""

SCRIPT_FIELDS = ("commands", "expect", "replay")
"""Fields only a script has: a "level" with them is a script given in the level's place."""


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
    if seeds_arg and save is not None:
        return _usage("--save records one session; it does not go with --seeds")
    if seed is not None and not 0 <= seed <= MAX_SEED:
        return _usage(f"--seed: a seed is a whole number from 0 to {MAX_SEED:,}")
    if save is not None and not save.strip():
        return _usage("--save needs a file name for the replay")
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
    if save is not None:
        inputs = [level_arg, script_arg, script.level_path if script else None]
        refusal = save_refusal(save, [path for path in inputs if path])
        if refusal:
            return _usage(f"--save {printable(save, 300)}: {refusal}")
    if (
        script is not None
        and level_arg
        and script.level_path
        and Path(script.level_path).resolve() != Path(level_arg).resolve()
    ):
        say(
            f"note: running {script.path} against {level_arg} (the script names {script.level_path})",
            err=True,
        )
    if seeds is not None:
        batch = run_batch(
            level, seeds, script=script, until=until, variant=variant, progress=_progress_meter()
        )
        say(
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
        say(f"warning: {warning}", err=True)
    for problem in script.warnings if script is not None else ():
        say(str(problem), err=True)
    if save is not None:
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
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or error
            say(f"{save}: cannot save the replay: {reason}", err=True)
            return BAD_INPUT
        say(f"saved the session as a replay script: {save}", err=True)
    if as_json:
        say(json.dumps(result_to_dict(result), indent=2, ensure_ascii=False))
    else:
        say(summary_text(result, ascii_only=not _can_print("✓✗")))
    return max(OK if result.ok else FAILED, after(result) if after else OK)


def save_refusal(target: str, inputs: list[str]) -> str:
    """Why a replay may not be written to `target` ("" when it may): never over an input of the run,
    a special file, a folder, or a file that is not one of our replays."""
    path = Path(target)
    kind = special_kind(path)
    if kind:
        return f"is {kind}, not a file"
    if not path.exists():
        return ""
    for given in inputs:
        try:
            same = os.path.samefile(path, given)
        except (OSError, ValueError):
            same = False
        if same:
            return f"that is {given}, which this run reads; choose another file for the replay"
    if path.stat().st_size and not is_replay(path):
        return "the file exists and is not a replay; choose another name (nothing was overwritten)"
    return ""


def _load_level(path: str):
    """Load the level given on the command line, hinting when it is really a script."""
    try:
        return load_level(path)
    except LevelError as error:
        if any(problem.path in SCRIPT_FIELDS for problem in error.problems):
            say(f"note: {path} looks like a script; run it with --script {path}", err=True)
        raise


def _progress_meter():
    """A progress line on stderr for a batch when stderr is a terminal (None in logs and pipes)."""
    stream = sys.stderr
    if stream is None or not getattr(stream, "isatty", lambda: False)() or os.environ.get("CI"):
        return None
    started = time.monotonic()
    shown = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - shown[0] < 0.25:
            return
        shown[0] = now
        elapsed = now - started
        left = elapsed / done * (total - done) if done else 0.0
        line = f"\r  {done:,} of {total:,} seeds run, {elapsed:.0f} s; about {left:.0f} s left "
        with contextlib.suppress(OSError, OutputError):
            stream.write(line if done < total else "\r" + " " * len(line) + "\r")
            stream.flush()

    return report


def _problems(error: LevelError) -> int:
    """Print every problem (file:line:col: path: message) and return the bad-input status."""
    for problem in error.problems:
        say(str(problem), err=True)
    count = len(error.problems)
    say(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
    return BAD_INPUT


def _usage(message: str) -> int:
    """Print a usage error and return the bad-input status."""
    say(f"run: {message}", err=True)
    return BAD_INPUT


def _can_print(text: str) -> bool:
    """Whether stdout can encode these characters."""
    try:
        text.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
