"""Small hand-built levels for tests: a world in three lines, without YAML."""

from __future__ import annotations

from dataclasses import replace

from game.core.level import (
    DEFAULT_LEGEND,
    Description,
    Floor,
    Level,
    Place,
    Position,
    Rect,
    Trainee,
    Zone,
    ZoneKind,
)

HALLWAY = (
    ",,,,,,,,,,,,,,,,,,,,",
    ",V,,,,,,,,,,,,,,,,,,",
    "####/###############",
    "#..................#",
    "#..................#",
    "####D######D####D###",
    "#.....#.....=......#",
    "#.....#.....=......#",
    "####################",
)
"""A parking lot (row 0-1), an entrance door, a corridor (rows 3-4) and three rooms below it."""


def zones_for_hallway() -> tuple[Zone, ...]:
    """Zones of `HALLWAY`."""
    return (
        Zone("parking", "Parking lot", ZoneKind.OUTSIDE, (Rect(0, 0, 0, 19, 1),)),
        Zone("exit_front", "Front entrance", ZoneKind.EXIT, (Rect(0, 10, 0, 12, 0),)),
        Zone("corridor", "Main corridor", ZoneKind.CORRIDOR, (Rect(0, 1, 3, 18, 4),)),
        Zone("room_a", "Room A", ZoneKind.ROOM, (Rect(0, 1, 6, 5, 7),)),
        Zone("room_b", "Room B", ZoneKind.ROOM, (Rect(0, 7, 6, 11, 7),)),
        Zone("room_c", "Room C", ZoneKind.ROOM, (Rect(0, 13, 6, 18, 7),)),
    )


def make_level(**changes) -> Level:
    """The hallway level with the trainee in the parking lot, changed by keyword fields of `Level`."""
    level = Level(
        id="test_hallway",
        title="Test hallway",
        briefing="A test.",
        source_path="<test>",
        floors=(Floor("Ground floor", HALLWAY),),
        legend=DEFAULT_LEGEND,
        zones=zones_for_hallway(),
        trainee=Trainee(spawn=Place(at=Position(0, 4, 0))),
        duration=3000,
    )
    return replace(level, **changes)


SUSPECT_LOOK = Description(sex="male", clothing="black hoodie", text="male, black hoodie, rifle")
