"""What dispatch says is written apart from how the suspect looks: partial, wrong, changed on the
timeline, and "matches the description" follows what the trainee was told."""

from __future__ import annotations

from game.core.level import Description
from tests.scene_text import BASE, load, problems, swap

OFFICERS = "officers:\n"


def told(*entries: str) -> str:
    return swap(BASE, OFFICERS, "timeline:\n" + "".join(entries) + OFFICERS)


WRONG = (
    '  - at: "0:05"\n'
    '    radio: {text: "Male in a red jacket.", description: {sex: male, clothing: red jacket}}\n'
)


def test_a_radio_message_may_carry_a_description_apart_from_the_suspects_look() -> None:
    level = load(told(WRONG))
    assert level.timeline[0].description == Description(sex="male", clothing="red jacket")
    assert level.suspects[0].description.clothing == "grey hoodie"


def test_a_description_may_name_the_suspect_it_is_about() -> None:
    entry = (
        '  - at: "0:05"\n'
        "    radio: {text: Update., description: {clothing: grey hoodie}, about: suspect}\n"
    )
    assert load(told(entry)).timeline[0].about == "suspect"


def test_about_an_unknown_suspect_is_an_error_with_a_hint() -> None:
    entry = '  - at: "0:05"\n    radio: {text: U., description: {sex: male}, about: suspekt}\n'
    errors, _ = problems(told(entry))
    assert [p.path for p in errors] == ["timeline[0].radio.about"]
    assert "did you mean 'suspect'" in errors[0].message


def test_about_without_a_description_is_an_error() -> None:
    errors, _ = problems(told('  - at: "0:05"\n    radio: {text: U., about: suspect}\n'))
    assert [p.path for p in errors] == ["timeline[0].radio.about"]
