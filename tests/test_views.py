"""Pictures of people handed out again: always the picture the person would make now."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.level import Description, Dress, Position, Role, Weapon
from game.core.people import Person, Views, view

CHANGES = st.sampled_from(
    [
        ("position", Position(0, 3, 4)),
        ("position", Position(1, 3, 4)),
        ("dress", Dress.UNIFORM),
        ("raid_jacket_worn", True),
        ("badge_shown", True),
        ("weapon", Weapon.HANDGUN),
        ("weapon_drawn", True),
        ("condition", "critical"),
        ("protection", "cover"),
        ("off_duty", True),
        ("description", Description(sex="female", clothing="red jacket")),
        ("kind", "teacher"),
        ("state", "flee"),
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(CHANGES, max_size=12))
def test_a_picture_handed_out_again_is_the_picture_the_person_makes_now(changes):
    person = Person("p1", Role.CIVILIAN, "student", Position(0, 1, 1))
    views = Views()
    for name, value in changes:
        setattr(person, name, value)
        assert views.of(person) == view(person)


def test_the_same_picture_is_handed_out_while_nothing_pictured_changes():
    person = Person("p1", Role.CIVILIAN, "student", Position(0, 1, 1))
    views = Views()
    first = views.of(person)
    person.state = "flee"  # not pictured: what someone is about to do does not show
    assert views.of(person) is first
    person.weapon_drawn = True
    assert views.of(person) is not first
    assert views.of(person).weapon_drawn
