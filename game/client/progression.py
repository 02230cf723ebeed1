"""The training progression: the order the menu offers the shipped levels in, orientation first.

One home for the order. Levels not named here (an instructor's own) follow, alphabetically by file.
"""

from __future__ import annotations

TRAINING_ORDER: tuple[tuple[str, str], ...] = (
    ("orientation", "Learn the controls"),
    ("wing_a", "Solo entry to the gunfire"),
    ("locked_classroom", "A locked door between you and the threat"),
    ("silent_building", "No shots heard: a deliberate search"),
    ("plainclothes_hallway", "Identify before you fire"),
    ("off_duty", "You in plain clothes"),
    ("joint_entry", "Entering with other officers"),
    ("campus_sro", "A campus with several buildings"),
    ("after_the_threat", "After the threat: casualty care"),
)
"""(level id, what the step teaches), in the order a trainee should take them."""


def step_of(level_id: str) -> int | None:
    """A level's place in the progression (1-based), or None when it is not in it."""
    for index, (known, _) in enumerate(TRAINING_ORDER, start=1):
        if known == level_id:
            return index
    return None


def teaches(level_id: str) -> str:
    """What a progression step teaches ('' for a level outside the progression)."""
    return dict(TRAINING_ORDER).get(level_id, "")


def progression_key(level_id: str | None, file_name: str) -> tuple[int, str]:
    """Sort key: progression levels in order, then the rest by file name."""
    step = step_of(level_id) if level_id else None
    return (step if step is not None else len(TRAINING_ORDER) + 1, file_name)
