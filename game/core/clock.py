"""Game time as people read and write it: "m:ss" from the scenario start. The one home of the format."""

from __future__ import annotations

import re

from game.core.level import TICK_RATE

NEVER = 2**62
"""A tick no run reaches (what is due at it never happens)."""
TIME_TEXT = re.compile(r"(\d+):([0-5]\d)", re.ASCII)
"""The one time notation of levels and scripts: minutes and two-digit seconds."""


def clock_text(seconds: float) -> str:
    """Whole seconds as "m:ss" (fractions dropped, never below 0:00)."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def tick_clock(tick: int) -> str:
    """A tick as "m:ss" from the scenario start (whole seconds)."""
    return clock_text(max(0, tick) // TICK_RATE)


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


def clock(ticks: int) -> str:
    """A tick count as "m:ss", with tenths only when the time is not a whole second."""
    return seconds_clock(ticks / TICK_RATE)
