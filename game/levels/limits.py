"""The limits every file and command respects, in one place: the guide, `check` and the readers quote them.

Each limit keeps a hostile or mistaken file within bounded time and memory while leaving authors far
more room than a school needs (the shipped levels use at most 84 × 44 tiles, 137 people and 10:00).
"""

from __future__ import annotations

from game.core.clock import clock_text
from game.core.level import TICK_RATE

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Largest level or script file read (2 MB; the shipped ones are under 40 KB)."""

MAX_REPLAY_BYTES = 4 * 1024 * 1024
"""Largest replay read or written: a session of the longest duration with a command on every tick
is about 1.5 MB, and MAX_COMMANDS commands of the usual size fit."""

REPLAY_FIRST_LINE = "# Rapid Response Trainer replay"
"""How a replay the game saved begins; only such a file may be larger than MAX_FILE_BYTES."""

MAX_JSON_BYTES = 4 * 1024 * 1024
"""Largest settings or records file the client reads."""

MAX_DEPTH = 40
"""Deepest nesting of lists and mappings in a file."""

MAX_NUMBER_DIGITS = 15
"""Most digits before the decimal point of a number (exact as a whole number and as a decimal)."""

MAX_WHOLE_NUMBER = 1_000_000_000
"""Largest whole number any field takes, unless the field says less."""

MAX_SEED = 2**32 - 1
"""Largest seed."""

MAX_DURATION_SECONDS = 60 * 60
"""Longest scenario (60:00); no time in a level or script may lie beyond it."""

MAX_DURATION_TICKS = MAX_DURATION_SECONDS * TICK_RATE

MAX_MAP_TILES = 160_000
"""Most tiles of a map, counting every floor at the padded width and height (400 × 400 on one floor)."""

MAX_ZONE_TILES = 2 * MAX_MAP_TILES
"""Most tiles the zones cover in all, overlaps counted twice (checks visit every tile of a zone)."""

MAX_MAP_SIDE = 1_000
"""Most tiles in one row, and most rows in one floor."""

MAX_FLOORS = 20
"""Most floors of a map."""

MAX_PEOPLE = 2_000
"""Most people in a level: the trainee, suspects, officers and every civilian of every group."""

MAX_ITEMS = 5_000
"""Most items in any list or mapping of a level (zones, legend entries, timeline entries...)."""

MAX_COMMANDS = 72_000
"""Most commands in a script or replay: two a tick, on average, over the longest duration."""

MAX_COMMANDS_PER_TICK = 20
"""Most commands given at one tick (a tenth of a second): more than anyone can press, and each may
plan a path across the whole map."""

MAX_TEXT_CHARS = 20_000
"""Longest text value (a briefing; the shipped ones are under 1,000 characters)."""

MAX_KEY_CHARS = 100
"""Longest field name or id."""

MAX_PROBLEMS = 200
"""Most problems listed for one file; the rest are counted."""

MAX_BATCH_SEEDS = 10_000
"""Most seeds in one `run --seeds` batch."""


LIMITS: tuple[tuple[str, str], ...] = (
    ("file size (level or script)", f"{MAX_FILE_BYTES // 2**20} MB"),
    ("file size (replay)", f"{MAX_REPLAY_BYTES // 2**20} MB"),
    ("map", f"{MAX_MAP_TILES:,} tiles: floors × widest row × tallest floor"),
    ("row length, rows per floor", f"{MAX_MAP_SIDE:,} tiles"),
    ("floors", f"{MAX_FLOORS}"),
    ("tiles covered by zones", f"{MAX_ZONE_TILES:,} in all (overlaps counted twice)"),
    ("people", f"{MAX_PEOPLE:,} (trainee, suspects, officers and every civilian)"),
    ("duration, and any time", clock_text(MAX_DURATION_SECONDS)),
    ("items in one list or mapping", f"{MAX_ITEMS:,}"),
    ("commands in a script or replay", f"{MAX_COMMANDS:,}; {MAX_COMMANDS_PER_TICK} at one tick"),
    ("text", f"{MAX_TEXT_CHARS:,} characters; field names and ids {MAX_KEY_CHARS}"),
    ("whole numbers", f"{MAX_WHOLE_NUMBER:,} unless a field says less; seeds {MAX_SEED:,}"),
    ("digits of a number", f"{MAX_NUMBER_DIGITS} before the decimal point"),
    ("nesting", f"{MAX_DEPTH} levels of lists and mappings"),
    ("seeds in one batch (`run --seeds`)", f"{MAX_BATCH_SEEDS:,}"),
    ("problems listed for one file", f"{MAX_PROBLEMS} (then `check` stops and says so)"),
)
"""The limits as an author reads them (the guide's table)."""
