"""`records show`: one session as text, and its replay written for a chosen place."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from game.records.model import SessionRecord
from game.records.plain import local_time, trainee_text
from game.scoring import RATING_WORDS, SOURCES
from game.sessions.summary import MOMENTS
from game.sessions.times import seconds_clock

_LEVEL_LINE = re.compile(r"^level: .*$", re.MULTILINE)


def session_text(r: SessionRecord) -> str:
    """Everything about one session, the way the run summary prints a run."""
    variant = ", ".join(f"{g}={o}" for g, o in r.variant) or "none"
    lines = [
        f"Session {r.id}: {r.level_title}  ({r.level_id})",
        f"Trainee: {trainee_text(r)}",
        f"Date: {local_time(r.started_at, seconds=True)}; recorded by {r.source.value}"
        + (f" ({r.script_path})" if r.script_path else ""),
        f"Seed {r.seed}; variant: {variant}",
        f"Outcome: {r.end_reason or 'ended'} at {seconds_clock(r.duration_seconds)}",
        "",
        f"Rating: {r.rating} ({RATING_WORDS.get(r.rating, r.rating)}), score "
        + (
            "-" if r.score is None else f"{r.score}" + (f" of {r.max_score}" if r.max_score else "")
        ),
    ]
    width = max((len(c.title) for c in r.categories), default=0)
    for c in r.categories:
        lines.append(f"  {c.id}  {c.title:<{width}}  {c.points:>4}/{c.max_points:<4} {c.rating}")
    lines.append(f"Hard failures: {', '.join(r.hard_failures) or 'none'}")
    if not r.complete:
        lines += ["", "An imported best result: no ledger, clocks or replay were kept."]
        return "\n".join(lines)
    lines += ["", "Key times        from start"]
    for name, label in MOMENTS:
        lines.append(f"  {label:<15}{seconds_clock(r.clocks.get(name)):>10}")
    for title, items in (("Strengths", r.strengths), ("Areas for improvement", r.improvements)):
        if items:
            lines += ["", f"{title}:"] + [f"  - {item}" for item in items]
    if r.next_drill:
        lines += ["", f"Next drill: {r.next_drill}"]
    lines += ["", "Ledger:" if r.findings else "Ledger: (empty)"]
    for f in r.findings:
        sources = f"  [{', '.join(f.sources)}]" if f.sources else ""
        lines.append(f"  {f.time:>6}  {f.rule:<4} {f.points:+4d}  {f.message}{sources}")
    cited = sorted({s for f in r.findings for s in f.sources})
    if cited:
        lines += ["", "Sources:"] + [f"  [{s}] {SOURCES.get(s, '')}" for s in cited]
    lines += ["", f"event_log_sha256 {r.event_log_sha256}"]
    return "\n".join(lines)


def replay_for(record: SessionRecord, target: Path) -> str:
    """The stored replay with its `level:` pointing at the level file from where it will be saved."""
    if not record.level_path:
        return record.replay
    folder = os.path.dirname(os.path.abspath(target))
    try:
        level = Path(os.path.relpath(record.level_path, folder)).as_posix()
    except ValueError:
        level = Path(record.level_path).as_posix()
    line = "level: " + json.dumps(level)
    return _LEVEL_LINE.sub(lambda _: line, record.replay, count=1)
