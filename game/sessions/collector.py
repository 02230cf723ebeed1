"""How often the program's processes look for garbage in reference cycles (the `gc` module)."""

from __future__ import annotations

import gc

YOUNG_COLLECTION_AFTER = 20_000
"""New container objects (lists, tuples, people, positions...) between two young collections.

Python's default, 700, suits programs that keep few objects. A run makes its long-lived working
sets in bursts (the steps out of the cells of a map, the paths found, the field toward the
exits), and each burst set off dozens of collections that walked the same survivors again: on
the generated campus they took about a fifth of a ten-minute run. Garbage in cycles waits a
little longer to be freed, a few megabytes at most."""


def collect_less_often() -> None:
    """Set this process's collector for runs (idempotent: every process of the program calls it)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_AFTER, middle, old)
