"""The fuzz tier: mutated levels, scripts and replays must load or be refused with placed problems.

    python -m tests.fuzz --cases 100000            # the long mode (about an hour on two cores)
    python -m tests.fuzz --cases 2000 --seed 7     # a quick run; the same seed gives the same cases

Each case starts from a shipped level, a shipped script, or a replay made from a shipped script's
commands, applies one to three random mutations (broken YAML, cut files, random bytes, and hostile
values: numbers with thousands of digits, escapes that hide characters, huge rows, long lists, deep
nesting, aliases, tags...), and reads the result with the production loaders. A case passes when
it loads (a level is then stepped for a few ticks, a script run for a few seconds of game time) or
is refused with a `LevelError` whose every problem has a line, a column and one safe, bounded line
of text. Anything else, a case that runs longer than `--seconds`, or a worker that dies (its
memory is bounded by `--memory-mb`), is a failure: its input and traceback are written to `--out`.
The summary line is what the README's robustness section reports. `tests/test_fuzz.py` runs a few
hundred of the same cases in the suite.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.core.world import World  # noqa: E402
from game.levels.errors import LevelError  # noqa: E402
from game.levels.limits import MAX_PROBLEMS  # noqa: E402
from game.levels.loader import parse_level  # noqa: E402
from game.levels.printable import HIDDEN  # noqa: E402
from game.sessions.replay import replay_text  # noqa: E402
from game.sessions.runner import run_script  # noqa: E402
from game.sessions.script import load_script, parse_script  # noqa: E402

KINDS = ("level", "script", "replay")

HOSTILE_VALUES = (
    "9" * 5000,
    "-" + "9" * 4400,
    "9" * 309 + ".5",
    "0." + "1" * 5000,
    "1e999",
    ".inf",
    "-.nan",
    "0x1F",
    "0999",
    "-1",
    "-0",
    "2147483648",
    "99999999999999",
    "1.0000000001",
    "١٢٣",
    "²",
    '"\\ud800"',
    '"\\udfff tail"',
    '"\\e[2J\\e[31mred"',
    '"a\\0b"',
    '"\\u202e reversed"',
    '"\\x85 next line"',
    '"\\L\\P"',
    '"\\uFFFE"',
    '"\\t\\ttabs"',
    '"' + "A" * 30000 + '"',
    "B" * 3000,
    "99999999999:00",
    '"9999999:59"',
    '"0:60"',
    '"-1:00"',
    '"60:00"',
    '"60:01"',
    "3601",
    "[" * 60 + "]" * 60,
    "{a: " * 45 + "1" + "}" * 45,
    "&anchor 1",
    "*anchor",
    "!!python/object/apply:os.system [echo]",
    "!custom x",
    "~",
    "null",
    "yes",
    "no",
    "",
    "{}",
    "[]",
    "[1, 2, 3, 4, 5]",
    "[0, 0, 9999999, 9999999]",
    "[-1, -1]",
    "{zone: nowhere}",
    '"../../../../etc/passwd"',
    "/etc/passwd",
    "/dev/zero",
    '"levels/"',
    '"."',
    "%",
    "@",
    "`",
    "|",
    ">",
    "'",
    '"unterminated',
    "'it''s'",
    "- - - -",
    "? complex key",
    ": : :",
    "# only a comment",
    "\t",
    "\u00a0",
    "\ufeff",
    "🚓" * 300,
)
"""Values a hostile or careless author might write where a scalar goes."""

_SIGNIFICANT = list(" \t\n:-[]{}#&*!|>'\"%@,x0Q\x00é\r\u2028\x1b\\")


@dataclass(frozen=True, slots=True)
class Seed:
    """A file to mutate: what kind it is, the name it is read under, and its text."""

    kind: str
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one case did: loaded, refused (with problems), or failed (with the reason)."""

    kind: str
    result: str
    seconds: float
    failure: str = ""
    data: bytes = b""


class CaseTimeout(Exception):
    """A case ran longer than its time bound."""


def seed_files() -> list[Seed]:
    """The shipped levels and scripts, and a replay of every shipped script's commands."""
    levels = sorted((ROOT / "levels").glob("*.yaml"))
    scripts = sorted((ROOT / "levels" / "scripts").rglob("*.yaml"))
    found = [Seed("level", str(p), p.read_text(encoding="utf-8")) for p in levels]
    found += [Seed("script", str(p), p.read_text(encoding="utf-8")) for p in scripts]
    for path in scripts:
        script = load_script(path)
        name = str(path.with_name(f"replay_of_{path.stem}.yaml"))
        text = replay_text(
            name,
            script.level,
            script.seed,
            script.variant,
            script.commands,
            script.until or script.level.duration,
            title=f"Replay of {script.title}",
        )
        found.append(Seed("replay", name, text))
    return found


def mutate(text: str, rng: random.Random) -> bytes:
    """One to three random mutations of a file's text, as the bytes a loader would read."""
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        text = _one_mutation(text, rng)
    raw = text.encode("utf-8", errors="surrogatepass")
    if rng.random() < 0.08:
        index = rng.randrange(len(raw) + 1)
        raw = raw[:index] + rng.randbytes(rng.randint(1, 24)) + raw[index:]
    if rng.random() < 0.03:
        raw = raw[: rng.randrange(len(raw) + 1)]
    return raw


def _one_mutation(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True) or [""]
    kind = rng.choice(
        (
            "value",
            "value",
            "value",
            "value",
            "chars",
            "delete",
            "duplicate",
            "swap",
            "indent",
            "key",
            "widen",
            "crlf",
            "nest",
        )
    )
    if kind == "value":
        index = rng.randrange(len(lines))
        line = lines[index]
        cut = line.find(": ")
        if cut < 0:
            cut = line.find("- ")
        if cut < 0:
            return text
        end = len(line) - len(line.rstrip("\r\n"))
        tail = line[len(line) - end :] if end else ""
        lines[index] = line[: cut + 2] + rng.choice(HOSTILE_VALUES) + (tail or "\n")
        return "".join(lines)
    if kind == "chars":
        chars = list(text)
        for _ in range(rng.randint(1, 8)):
            if chars:
                chars[rng.randrange(len(chars))] = rng.choice(_SIGNIFICANT)
        return "".join(chars)
    if kind == "delete":
        start = rng.randrange(len(lines))
        return "".join(lines[:start] + lines[start + rng.randint(1, 6) :])
    if kind == "duplicate":
        start = rng.randrange(len(lines))
        block = lines[start : start + rng.randint(1, 4)]
        times = rng.choice((2, 10, 200, 3000))
        return "".join(lines[:start] + block * times + lines[start:])
    if kind == "swap":
        a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[a], lines[b] = lines[b], lines[a]
        return "".join(lines)
    if kind == "indent":
        index = rng.randrange(len(lines))
        lines[index] = rng.choice((" ", "  ", "\t", "    ")) + lines[index]
        return "".join(lines)
    if kind == "key":
        index = rng.randrange(len(lines))
        line = lines[index]
        cut = line.find(":")
        if cut <= 0:
            return text
        key = rng.choice(("id", "title", "map", "floors", "rows", "zones", "level", "tick", "at"))
        lines[index] = line[: len(line) - len(line.lstrip())] + key + line[cut:]
        return "".join(lines)
    if kind == "widen":
        rows = [i for i, line in enumerate(lines) if line.strip().startswith(("#", ",", "."))]
        if not rows:
            return text
        index = rng.choice(rows)
        body = lines[index].rstrip("\n")
        lines[index] = body + rng.choice("#.,=") * rng.choice((50, 1200, 30000)) + "\n"
        return "".join(lines)
    if kind == "crlf":
        return text.replace("\n", "\r\n")
    depth = rng.choice((30, 41, 200))
    return text + "extra: " + "[" * depth + "]" * depth + "\n"


def check(kind: str, name: str, data: bytes, levels: dict[str, object], rng: random.Random) -> str:
    """Read one mutated file as its kind; "loaded" or "refused"; raises on anything else."""
    try:
        if kind == "level":
            level = parse_level(data, name)
            _all_text_is_showable(level)
            world = World(level, rng.randrange(1, 1000))
            for _ in range(20):
                world.step()
            return "loaded"
        level = None if rng.random() < 0.25 else levels.get(name)
        script = parse_script(data, name, level)
        _all_text_is_showable(script)
        run_script(script, until=20)
        return "loaded"
    except LevelError as error:
        problems = error.problems
        assert problems, "a LevelError without problems"
        assert len(problems) <= MAX_PROBLEMS + 1, f"{len(problems)} problems listed"
        for problem in problems:
            shown = str(problem)
            assert problem.line >= 1 and problem.column >= 1, f"bad place: {shown}"
            assert problem.message, f"no message: {shown}"
            assert "\n" not in shown and "\r" not in shown, f"not one line: {shown!r}"
            assert not HIDDEN.search(shown), f"hidden characters: {shown!r}"
            assert len(shown) < 4000, f"a problem of {len(shown)} characters"
        return "refused"


def _all_text_is_showable(value: object, depth: int = 0) -> None:
    """Every text in a loaded level or script can be drawn and printed (nothing hidden in it)."""
    if isinstance(value, str):
        assert not HIDDEN.search(value), f"hidden character in loaded text {value[:60]!r}"
        value.encode("utf-8")
    elif isinstance(value, tuple | list):
        for item in value:
            _all_text_is_showable(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _all_text_is_showable(key, depth + 1)
            _all_text_is_showable(item, depth + 1)
    elif hasattr(value, "__dataclass_fields__") and depth < 12:
        for field in value.__dataclass_fields__:
            _all_text_is_showable(getattr(value, field), depth + 1)


def run_cases(first: int, count: int, base_seed: int, seconds: float) -> list[Outcome]:
    """Run cases first .. first + count - 1 in this process (each under a time bound)."""
    seeds, levels = _worker_state()
    if signal.getsignal(signal.SIGALRM) is not _on_alarm:
        signal.signal(signal.SIGALRM, _on_alarm)
    outcomes = []
    for index in range(first, first + count):
        rng = random.Random(f"{base_seed}:{index}")
        kind = KINDS[index % len(KINDS)]
        seed = rng.choice([s for s in seeds if s.kind == kind])
        data = mutate(seed.text, rng)
        started = time.process_time()
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            result = check(seed.kind, seed.name, data, levels, rng)
            failure = ""
        except CaseTimeout:
            result, failure = "failed", f"took more than {seconds} s"
        except BaseException as error:  # everything else is what the fuzzer looks for
            if isinstance(error, KeyboardInterrupt):
                raise
            result, failure = "failed", traceback.format_exc(limit=-12)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        spent = time.process_time() - started
        outcomes.append(Outcome(seed.kind, result, spent, failure, data if failure else b""))
    return outcomes


_STATE: dict[str, object] = {}


def _worker_state() -> tuple[list[Seed], dict[str, object]]:
    """The seed files and the shipped levels by script name, built once per process."""
    if not _STATE:
        seeds = seed_files()
        levels = {}
        for seed in seeds:
            if seed.kind == "script":
                levels[seed.name] = load_script(seed.name).level
        for seed in seeds:
            if seed.kind == "replay":
                levels[seed.name] = levels[seed.name.replace("replay_of_", "")]
        _STATE.update(seeds=seeds, levels=levels)
    return _STATE["seeds"], _STATE["levels"]


def _init_worker(memory_mb: int) -> None:
    """Bound the worker's memory and let the time bound interrupt a case."""
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_alarm(signum: int, frame: object) -> None:
    raise CaseTimeout


def _peak_rss_mb() -> float:
    """The largest resident memory of any finished worker, in MB (Linux reports KB)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def main(argv: list[str] | None = None) -> int:
    """Run the cases in worker processes, print the figures; exit 1 if any case failed."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--cases", type=int, default=10_000, help="how many cases (default 10,000)")
    parser.add_argument("--seed", type=int, default=1, help="the seed of the cases (default 1)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes")
    parser.add_argument("--seconds", type=float, default=10.0, help="time bound of one case")
    parser.add_argument("--memory-mb", type=int, default=1536, help="memory bound of a worker")
    parser.add_argument("--out", default="fuzz-failures", help="folder for failing inputs")
    args = parser.parse_args(argv)
    chunk = 200
    started, cpu_started = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
    outcomes: list[Outcome] = []
    crashed = 0
    next_case = 0
    while next_case < args.cases:
        try:
            with ProcessPoolExecutor(
                args.workers, initializer=_init_worker, initargs=(args.memory_mb,)
            ) as pool:
                jobs = []
                for first in range(next_case, args.cases, chunk):
                    count = min(chunk, args.cases - first)
                    jobs.append(
                        (
                            first,
                            count,
                            pool.submit(run_cases, first, count, args.seed, args.seconds),
                        )
                    )
                for first, count, job in jobs:
                    outcomes += job.result()
                    next_case = first + count
                    _progress(len(outcomes), args.cases, started)
        except BrokenProcessPool:
            crashed += 1
            outcomes.append(Outcome("?", "failed", 0.0, f"a worker died in cases {next_case}.."))
            next_case += chunk
    wall = time.monotonic() - started
    cpu_ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_ended.ru_utime + cpu_ended.ru_stime) - (cpu_started.ru_utime + cpu_started.ru_stime)
    failures = [o for o in outcomes if o.result == "failed"]
    _save_failures(failures, Path(args.out))
    counts = Counter((o.kind, o.result) for o in outcomes)
    slowest = max((o.seconds for o in outcomes), default=0.0)
    print(file=sys.stderr)
    for kind in KINDS:
        print(
            f"{kind + 's':8} {sum(v for (k, _), v in counts.items() if k == kind):>7,} cases: "
            f"{counts[(kind, 'loaded')]:,} loaded, {counts[(kind, 'refused')]:,} refused "
            f"with placed problems, {counts[(kind, 'failed')]:,} failed"
        )
    print(
        f"{len(outcomes):,} cases, {len(failures)} tracebacks or hangs, {crashed} worker crashes; "
        f"{wall:.0f} s wall, {cpu:.0f} s CPU; slowest case {slowest:.2f} s CPU; "
        f"peak worker memory {_peak_rss_mb():.0f} MB (bounds {args.seconds:g} s, {args.memory_mb} MB)"
    )
    if failures:
        print(f"failing inputs and tracebacks: {args.out}/", file=sys.stderr)
    return 1 if failures else 0


def _progress(done: int, total: int, started: float) -> None:
    if sys.stderr.isatty():
        elapsed = time.monotonic() - started
        print(f"\r{done:,} of {total:,} cases, {elapsed:.0f} s", end="", file=sys.stderr)


def _save_failures(failures: list[Outcome], folder: Path) -> None:
    if not failures:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for number, outcome in enumerate(failures[:200]):
        (folder / f"case_{number}.{outcome.kind}.yaml").write_bytes(outcome.data)
        (folder / f"case_{number}.txt").write_text(outcome.failure, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
