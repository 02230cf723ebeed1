"""Script times: "m:ss" from the scenario start (or whole seconds), and how runs print them."""

from __future__ import annotations

import re

from game.core.level import TICK_RATE
from game.levels.limits import MAX_DURATION_SECONDS, clock_text

TIME_TEXT = re.compile(r"(\d+):([0-5]\d)", re.ASCII)
"""The one time notation of scripts: minutes and two-digit seconds from the scenario start."""


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


def clock(ticks: int) -> str:
    """A tick count as "m:ss", with tenths only when the time is not a whole second."""
    return seconds_clock(ticks / TICK_RATE)


def seconds_clock(seconds: float | None, signed: bool = False) -> str:
    """Seconds as "m:ss" ("m:ss.s" when fractional); "-" for None; "+m:ss" when signed."""
    if seconds is None:
        return "-"
    sign = ""
    if signed:
        sign = "-" if seconds < 0 else "+"
    elif seconds < 0:
        sign = "-"
    tenths = round(abs(seconds) * 10)
    minutes, rest = divmod(tenths, 600)
    whole, tenth = divmod(rest, 10)
    text = f"{sign}{minutes}:{whole:02d}"
    return f"{text}.{tenth}" if tenth else text
