"""Parts the level's field table uses in several places: a place, a description, a variant condition,
weapons and dress."""

from __future__ import annotations

from game.core.level import (
    Description,
    Dress,
    Weapon,
)
from game.levels.builders import (
    make_place,
)
from game.levels.fieldtypes import (
    Choice,
    Field,
    FloorRef,
    Ident,
    Obj,
    Point,
    Text,
    When,
)


def enum_choice(enum: type) -> Choice:
    """A Choice over every value of an enum."""
    return Choice(tuple(member.value for member in enum), enum)


WEAPON = enum_choice(Weapon)
DRESS = enum_choice(Dress)

WHEN = Field(
    "when",
    When(),
    "Only present when the named variant group picked this option (or one of these options).",
    {"suspect_start": "east"},
)

DESCRIPTION = Obj(
    "description",
    "How a person looks, as a radio description would give it. Every part is optional text.",
    (
        Field("sex", Text(), "Sex as a witness would report it.", "male"),
        Field("build", Text(), "Build: slim, medium, heavy...", "medium"),
        Field("clothing", Text(), "What they wear.", "black hoodie, jeans"),
        Field("text", Text(), "The description as dispatch reads it out.", "white male, long gun"),
    ),
    build=Description,
)

PLACE = Obj(
    "place",
    "Where something starts: anywhere in a zone (picked by the seed), or one exact walkable tile.",
    (
        Field("zone", Ident(), "A zone id: start on a random walkable tile of that zone.", "lobby"),
        Field("at", Point(), "An exact tile [x, y]; it must be walkable.", [4, 7]),
        Field(
            "floor",
            FloorRef(),
            "The floor of `at`, by index (0 = first floor listed) or by name.",
            0,
            default=0,
        ),
    ),
    build=make_place,
    one_of=("zone", "at"),
    needs=(("floor", "at"),),
    example={"zone": "parking"},
)
