"""`--variant GROUP=OPTION`: fix one of a level's variant choices from the command line."""

from __future__ import annotations

from collections.abc import Iterable

from game.core.level import Level
from game.levels.errors import did_you_mean


def parse_variant_choices(texts: Iterable[str], level: Level) -> dict[str, str]:
    """`["suspect_start=east", ...]` as {group: option}, checked against the level; ValueError if wrong."""
    groups = {group.id: [option.id for option in group.options] for group in level.variants}
    chosen: dict[str, str] = {}
    for text in texts:
        group, equals, option = (part.strip() for part in text.partition("="))
        if not equals or not group or not option:
            raise ValueError(f"expected GROUP=OPTION such as suspect_start=east, got {text!r}")
        if group not in groups:
            listed = ", ".join(groups) or "none: the level has no variants"
            hint = did_you_mean(group, groups) or f"; its groups are: {listed}"
            raise ValueError(f"the level has no variant group {group!r}{hint}")
        if option not in groups[group]:
            hint = (
                did_you_mean(option, groups[group])
                or f"; its options are: {', '.join(groups[group])}"
            )
            raise ValueError(f"variant group {group!r} has no option {option!r}{hint}")
        if chosen.get(group, option) != option:
            raise ValueError(f"variant group {group!r} is given twice ({chosen[group]}, {option})")
        chosen[group] = option
    return chosen


def applicable_choices(chosen: dict[str, str], level: Level) -> dict[str, str]:
    """The fixed choices that fit this level (a choice made for another level is left out)."""
    options = {group.id: {option.id for option in group.options} for group in level.variants}
    return {group: option for group, option in chosen.items() if option in options.get(group, ())}
