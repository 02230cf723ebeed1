"""Script times: "m:ss" from the scenario start (or whole seconds), and how runs print them."""

from __future__ import annotations

import re

from game.core.clock import TIME_TEXT, clock, clock_text, seconds_clock
from game.core.level import TICK_RATE
from game.levels.limits import MAX_DURATION_SECONDS

__all__ = ["TIME_TEXT", "clock", "parse_time", "seconds_clock"]


def parse_time(text: str) -> int:
    """Ticks from "m:ss" or whole seconds ("90"), at most the longest duration; raises ValueError
    with a readable reason."""
    value = text.strip()
    if match := TIME_TEXT.fullmatch(value):
        minutes, seconds = match.group(1).lstrip("0") or "0", int(match.group(2))
        total = int(minutes) * 60 + seconds if len(minutes) <= 6 else MAX_DURATION_SECONDS + 1
    elif re.fullmatch("[0-9]+", value, re.ASCII):
        total = int(value) if len(value.lstrip("0")) <= 9 else MAX_DURATION_SECONDS + 1
    else:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValueError(f'expected a time such as "6:00" (m:ss) or whole seconds, got {shown!r}')
    if total > MAX_DURATION_SECONDS:
        raise ValueError(
            f"the time must be at most {clock_text(MAX_DURATION_SECONDS)} (the longest duration)"
        )
    return total * TICK_RATE
