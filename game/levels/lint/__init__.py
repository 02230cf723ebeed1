"""Lint: the mistakes a level can make that the field table cannot see, every one at once.

Built as renpy's lint is: after the fields have been checked, each lint pass looks at the whole level
and reports every slip it finds, each with its place in the file and the hint that fixes it. A pass
reports an error for what cannot be meant (a door standing in open floor, stairs that lead nowhere, a
trainee sealed in a room) and a warning for what the format allows on purpose but is usually a slip
(a map row one character short in the middle of a floor, a zone drawn mostly over walls). Warnings do
not stop a level from loading; `check` shows them and `check --strict` fails on them.

To add a pass, write a function `(Linter) -> None` in one of this package's modules and list it in
`PASSES`; report with `linter.error(...)` / `linter.warn(...)` (or their `_at` forms for a place).
"""

from __future__ import annotations

from collections.abc import Callable

from game.levels.lint.map_checks import check_doors, check_ragged_rows, check_stairs, check_zones
from game.levels.lint.places import Linter
from game.levels.lint.reach import check_people_can_move
from game.levels.lint.scenes import check_scene_plans
from game.levels.validate import Context

PASSES: tuple[Callable[[Linter], None], ...] = (
    check_ragged_rows,
    check_doors,
    check_stairs,
    check_zones,
    check_people_can_move,
    check_scene_plans,
)
"""Every lint pass, in the order their findings are usually read (map first, then people)."""


def lint_level(draft: dict[str, object], ctx: Context, lines: list[str]) -> None:
    """Run every lint pass over a checked draft: errors go to `ctx.problems`, warnings to `ctx.warnings`."""
    linter = Linter(draft, ctx, lines)
    for lint_pass in PASSES:
        lint_pass(linter)


__all__ = ["PASSES", "Linter", "lint_level"]
