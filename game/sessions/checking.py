"""`python main.py check`: levels (and scripts given by mistake) checked, warnings, --strict, --watch."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.levels.check import check_paths
from game.levels.errors import FILE_PATH, LevelError, Problem
from game.levels.identify import identify
from game.levels.watch import FileWatch, wait_for_change, yaml_files
from game.sessions.script import load_script

OK, BAD_INPUT = 0, 2


@dataclass(slots=True)
class CheckReport:
    """What one check found: how many levels and scripts were read, and every problem and warning."""

    levels: int = 0
    scripts: int = 0
    problems: list[Problem] = field(default_factory=list)

    def errors(self, strict: bool = False) -> list[Problem]:
        """The problems that fail the check (warnings too when strict)."""
        return [p for p in self.problems if strict or not p.is_warning]

    def warnings(self) -> list[Problem]:
        """The warnings."""
        return [p for p in self.problems if p.is_warning]


def check_files(paths: list[str]) -> CheckReport:
    """Check levels named or found in folders; a script named by mistake is checked as a script too."""
    report = CheckReport()
    level_paths: list[str] = []
    for name in paths:
        if Path(name).is_file() and identify(name).kind == "script":
            _check_script_given(name, report)
        else:
            level_paths.append(name)
    if level_paths:
        levels, problems = check_paths(level_paths)
        report.levels += len(levels)
        report.problems += problems
    report.problems.sort()
    return report


def check_script_file(path: str) -> tuple[object | None, list[Problem]]:
    """A script and its level checked without running: (the script or None, problems and warnings)."""
    warnings: list[Problem] = []
    try:
        script = load_script(path)
    except LevelError as error:
        return None, list(error.problems)
    warnings += script.warnings
    level_warnings: list[Problem] = []
    try:
        from game.levels.loader import load_level

        load_level(script.level_path, level_warnings)
    except LevelError:
        pass
    return script, sorted(set(warnings + level_warnings))


def check_command(
    paths: list[str],
    strict: bool = False,
    watch: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    wait: Callable[[FileWatch], list[str]] = wait_for_change,
    rounds: int | None = None,
) -> int:
    """Run `check` (once, or again after every save with --watch); returns the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    status = _check_once(paths, strict, out, err)
    if not watch:
        return status
    watcher = FileWatch(lambda: _watched(paths))
    done = 0
    print(f"watching {', '.join(paths)} for changes (Ctrl+C to stop)", file=out, flush=True)
    while rounds is None or done < rounds:
        changed = wait(watcher)
        done += 1
        stamp = time.strftime("%H:%M:%S")
        print(f"\n[{stamp}] {', '.join(changed)} changed; checking again", file=out, flush=True)
        status = _check_once(paths, strict, out, err)
    return status


def summary_line(report: CheckReport, strict: bool) -> str:
    """The closing line: counts of what was checked and of errors and warnings."""
    things = _count(report.levels, "level")
    if report.scripts:
        things += f" and {_count(report.scripts, 'script')}"
    errors = len(report.errors(strict))
    warnings = 0 if strict else len(report.warnings())
    if errors:
        tail = f"; {_count(warnings, 'warning')}" if warnings else ""
        return f"{_count(errors, 'problem')} found{tail}."
    if warnings:
        return f"{things} checked: no errors, {_count(warnings, 'warning')} (--strict makes them errors)."
    return f"{things} checked: all good."


def _check_once(paths: list[str], strict: bool, out: TextIO, err: TextIO) -> int:
    report = check_files(paths)
    for problem in report.problems:
        shown = problem.as_error() if strict else problem
        print(shown, file=err)
    failed = bool(report.errors(strict))
    print(summary_line(report, strict), file=err if failed else out, flush=True)
    return BAD_INPUT if failed else OK


def _check_script_given(name: str, report: CheckReport) -> None:
    """A script given to `check`: say so (an error: check reads levels) and show its own problems."""
    kind = identify(name)
    report.problems.append(Problem(name, 1, 1, FILE_PATH, kind.message()))
    _, problems = check_script_file(name)
    report.scripts += 1
    report.problems += problems


def _watched(paths: list[str]) -> list[str]:
    """The files a watching check looks at: those named, folders' levels, and scripts' levels."""
    files = yaml_files(paths)
    for name in list(files):
        if Path(name).is_file() and identify(name).kind == "script":
            try:
                files.append(load_script(name).level_path)
            except LevelError:
                continue
    return list(dict.fromkeys(files))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def check_only_command(
    script_path: str,
    level_path: str | None = None,
    strict: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """`run --script S --check-only`: check a script and its level without running; the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    level = None
    if level_path:
        from game.levels.loader import load_level

        level_warnings: list[Problem] = []
        try:
            level = load_level(level_path, level_warnings)
        except LevelError as error:
            for problem in error.problems:
                print(problem, file=err)
            print(f"{_count(len(error.problems), 'problem')} found.", file=err)
            return BAD_INPUT
    problems: list[Problem]
    if level is None:
        script, problems = check_script_file(script_path)
    else:
        try:
            script = load_script(script_path, level=level)
            problems = sorted(set(script.warnings) | set(level_warnings))
        except LevelError as error:
            script, problems = None, list(error.problems)
    for problem in problems:
        print(problem.as_error() if strict else problem, file=err)
    errors = [p for p in problems if strict or not p.is_warning]
    if errors or script is None:
        print(f"{_count(len(errors), 'problem')} found.", file=err)
        return BAD_INPUT
    commands = _count(len(script.commands), "command")
    expectations = _count(_expectation_count(script.expect), "expectation")
    warnings = len(problems)
    tail = f", {_count(warnings, 'warning')}" if warnings else ""
    print(
        f"{script.path}: script checked against {script.level.source_path}: {commands}, "
        f"{expectations}; no errors{tail}.",
        file=out,
    )
    return OK


def _expectation_count(expect: object) -> int:
    """How many expectations a script's `expect:` holds (as the run would check them)."""
    count = 0
    for name in ("rating", "score", "casualties", "hard_failures"):
        count += getattr(expect, name) is not None
    count += bool(expect.event_log_sha256)
    for name in ("categories", "ledger_has", "ledger_lacks", "points", "events"):
        count += len(getattr(expect, name))
    return count
