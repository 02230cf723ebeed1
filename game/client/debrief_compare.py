"""What the debrief adds for a reviewed session: the instructor's notes, and for a retry, its findings
beside the original run's (the two runs are the same up to the moment the retry started)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.client import palette
from game.client.debrief_data import DebriefData, LedgerRow
from game.client.layout import Row
from game.core.clock import clock_text
from game.core.level import TICK_RATE


def notes_rows(notes: Sequence[object]) -> list[Row]:
    """The instructor's notes, by time."""
    if not notes:
        return []
    rows = [Row(gap=8), Row("Instructor notes", "heading", palette.ACCENT)]
    for note in notes:
        text = " ".join(str(note.text).split())
        rows.append(Row(f"{clock_text(note.tick / TICK_RATE)}  {text}", "small", palette.HIGHLIGHT))
    return rows


def comparison_rows(data: DebriefData, original: DebriefData, tick: int) -> list[Row]:
    """This retry's result against the original's, category by category."""
    at = clock_text(tick / TICK_RATE)
    rows = [Row(gap=8), Row(f"Retry from {at}, beside the original run", "heading", palette.ACCENT)]
    rows.append(
        Row(
            f"Both runs are the same up to {at}. Original {_result(original)}; "
            f"this retry {_result(data)}.",
            "small",
        )
    )
    if data.available and original.available:
        rows.append(Row("Category", "small", palette.TEXT_DIM, right="original / retry"))
        before = {title: (points, rating) for title, points, _, rating in original.categories}
        for title, points, max_points, rating in data.categories:
            old, old_rating = before.get(title, (0, "?"))
            colour = (
                palette.GOOD
                if points > old
                else (palette.WARNING if points < old else palette.TEXT)
            )
            rows.append(
                Row(
                    title,
                    "small",
                    colour,
                    right=f"{old} {old_rating} / {points} {rating} of {max_points}",
                )
            )
    return rows


def original_rows(original: DebriefData, tick: int, words: Callable[[str], str]) -> list[Row]:
    """The side column for a retry: the original run's findings from the retry's moment on."""
    at = clock_text(tick / TICK_RATE)
    rows = [Row("The original run", "heading", palette.ACCENT), Row(_result(original), "small")]
    later = [entry for entry in original.ledger if entry.tick >= tick]
    rows.append(
        Row(f"Its findings from {at} on (the retry's are on the left):", "small", palette.TEXT_DIM)
    )
    for entry in later:
        rows.append(
            Row(
                f"{entry.time}  {entry.points:+d}  {entry.rule}: {words(entry.message)}",
                "small",
                _colour(entry),
            )
        )
    if not later:
        rows.append(Row("(none after this moment)", "small", palette.TEXT_DIM))
    return [*rows, Row(gap=8)]


def _result(data: DebriefData) -> str:
    if not data.available:
        return "not scored"
    score = f"{data.score:.0f}" if isinstance(data.score, int | float) else "?"
    return f"{data.rating_words} ({data.rating}), {score} points"


def _colour(entry: LedgerRow) -> tuple[int, int, int]:
    if entry.points > 0:
        return palette.GOOD
    return palette.WARNING if entry.points < 0 else palette.TEXT
