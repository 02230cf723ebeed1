"""A run as a short human summary, and as one JSON-ready dict (`run --json`)."""

from __future__ import annotations

import dataclasses
import enum

from game.core.events import event_to_dict
from game.sessions.expectations import ledger_line
from game.sessions.runner import RunResult
from game.sessions.times import clock, seconds_clock

MOMENTS = (
    ("shot0", "first shot"),
    ("dispatch", "dispatch"),
    ("arrival", "arrival"),
    ("entry", "entry"),
    ("contact", "contact"),
    ("threat_stopped", "threat stopped"),
    ("first_care", "first care"),
)
"""The key moments of a run, in the order they usually happen, with their printed names."""

PASS, FAIL = "✓", "✗"


def summary_text(result: RunResult, ascii_only: bool = False) -> str:
    """The human summary: level, seed, outcome, key times, rating, ledger, expectations."""
    ok_mark, fail_mark = ("ok", "FAIL") if ascii_only else (PASS, FAIL)
    level = result.level
    a = result.assessment
    lines = [f"{level.title}  ({level.source_path})"]
    if result.script is not None:
        title = f" - {result.script.title}" if result.script.title else ""
        lines.append(f"Script: {result.script.path}{title}")
    variant = ", ".join(f"{g}={o}" for g, o in result.variant) or "none"
    lines.append(f"Seed {result.seed}; variant: {variant}")
    ended = result.events[-1].tick if result.events else result.ticks
    reason = result.end_reason or "running"
    lines.append(
        f"Outcome: {reason}" if result.stopped_early else f"Outcome: {reason} at {clock(ended)}"
    )
    for warning in result.warnings:
        lines.append(f"Warning: {warning}")
    lines += ["", "Key times        from start  from dispatch  from arrival"]
    clocks = result.clocks
    from_dispatch, from_arrival = clocks.from_dispatch(), clocks.from_arrival()
    for name, label in MOMENTS:
        at = getattr(clocks, name, None)
        lines.append(
            f"  {label:<15}{seconds_clock(at):>10}"
            f"{_since(from_dispatch.get(name)):>15}{_since(from_arrival.get(name)):>14}"
        )
    c = result.casualties
    lines += [
        "",
        f"Casualties: {_people(c.civilians_wounded, 'civilian')} wounded "
        f"({c.civilians_critical} critical, "
        f"{c.civilians_deceased} deceased); officers wounded {c.officers_wounded}; "
        f"trainee {'wounded' if c.trainee_wounded else 'unhurt'}; suspects down {c.suspects_down}",
        f"Rating: {a.rating} ({a.rating_words}), score {a.score}",
    ]
    width = max((len(category.title) for category in a.categories), default=0)
    for category in a.categories:
        lines.append(
            f"  {category.id}  {category.title:<{width}}  {category.points:>4}/{category.max_points:<4}"
            f" {category.rating}"
        )
    failures = ", ".join(a.hard_failures) or "none"
    lines.append(f"Hard failures: {failures}")
    lines.append("Ledger:" if a.ledger else "Ledger: (empty)")
    lines += [f"  {ledger_line(entry)}" for entry in a.ledger]
    if result.expectations:
        held = sum(1 for r in result.expectations if r.ok)
        lines += ["", f"Expectations: {held} of {len(result.expectations)} hold"]
        for r in result.expectations:
            where = f"  ({_script_name(result)}:{r.line})" if r.line and not r.ok else ""
            lines.append(f"  {ok_mark if r.ok else fail_mark} {r.message}{where}")
    lines.append(f"event_log_sha256 {result.event_log_sha256}")
    return "\n".join(lines)


def result_to_dict(result: RunResult, with_events: bool = True) -> dict[str, object]:
    """The run as one JSON-ready object (the `run --json` output)."""
    a = result.assessment
    clocks = result.clocks
    out: dict[str, object] = {
        "level": result.level.id,
        "level_title": result.level.title,
        "level_path": result.level.source_path,
        "level_sha256": result.level.content_hash,
        "script": result.script.path if result.script else None,
        "seed": result.seed,
        "variant": dict(result.variant),
        "ticks": result.ticks,
        "tick_rate": result.tick_rate,
        "end_reason": result.end_reason,
        "clocks": {name: getattr(clocks, name, None) for name, _ in MOMENTS},
        "clocks_from_dispatch": clocks.from_dispatch(),
        "clocks_from_arrival": clocks.from_arrival(),
        "score": a.score,
        "rating": a.rating,
        "rating_words": a.rating_words,
        "categories": [plain(category) for category in a.categories],
        "ledger": [plain(entry) for entry in a.ledger],
        "hard_failures": list(a.hard_failures),
        "casualties": result.casualties.as_dict(),
        "expectations": [r.as_dict() for r in result.expectations],
        "ok": result.ok,
        "warnings": list(result.warnings),
        "event_log_sha256": result.event_log_sha256,
    }
    if result.script is not None and result.script.replay is not None:
        out["replay"] = {
            "level_sha256": result.script.replay.level_sha256,
            "level_changed": result.script.replay.level_sha256 != result.level.content_hash,
            "recorded": result.script.replay.recorded,
            "reproduced": result.reproduced,
        }
    if with_events:
        out["events"] = [event_to_dict(event) for event in result.events]
    return out


def plain(value: object) -> object:
    """A JSON-ready copy of scoring's values (dataclasses, tuples, enums)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, float):
        return round(value, 3)
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def _people(count: int, noun: str) -> str:
    """ "1 civilian", "3 civilians"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _since(seconds: float | None) -> str:
    """A time counted from another moment, "+m:ss"."""
    return seconds_clock(seconds, signed=True)


def _script_name(result: RunResult) -> str:
    """The script's path for `file:line` pointers."""
    return result.script.path if result.script else "script"
