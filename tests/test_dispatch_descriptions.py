"""What dispatch says is written apart from how the suspect looks: partial, wrong, changed on the
timeline, and "matches the description" follows what the trainee was told."""

from __future__ import annotations

from game.core.commands import Challenge
from game.core.events import ChallengeIssued
from game.core.level import Description
from game.scoring.evidence import perceived
from tests.scene_text import BASE, load, of, problems, run, swap

OFFICERS = "officers:\n"
NEAR = swap(BASE, "trainee:\n  spawn: {zone: lot}\n", "trainee:\n  spawn: {zone: room_201}\n")
NEAR = swap(NEAR, '    first_shot: "0:10"\n', '    first_shot: "7:00"\n')
NEAR = swap(NEAR, "    route: [upper_hall]\n", "")


def told(*entries: str, base: str = "") -> str:
    return swap(base or NEAR, OFFICERS, "timeline:\n" + "".join(entries) + OFFICERS)


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


def sighting_matches(text: str, ticks: int, seed: int = 1) -> list[bool]:
    """Whether each challenge of the suspect found them matching the description."""
    world = run(load(text), ticks, {t: [Challenge("suspect")] for t in range(0, ticks, 10)}, seed)
    return [e.seen.matches_description for e in of(world, ChallengeIssued) if e.by == "trainee"]


def test_without_radio_descriptions_the_suspect_matches_his_own_look_from_the_start() -> None:
    assert set(sighting_matches(NEAR, 30)) == {True}


def test_a_wrong_description_does_not_match_the_suspect_until_it_is_corrected() -> None:
    fixed = (
        '  - at: "0:02"\n'
        "    radio: {text: Correction., description: {clothing: Grey Hoodie}, about: suspect}\n"
    )
    text = told(WRONG, fixed)
    text = text.replace('at: "0:05"', 'at: "0:00"')
    matches = sighting_matches(text, 40)
    assert matches[0] is False and matches[-1] is True


def test_a_description_that_gives_no_look_matches_no_one() -> None:
    entry = '  - at: "0:00"\n    radio: {text: "Shots fired.", description: {text: unknown}}\n'
    assert set(sighting_matches(told(entry), 30)) == {False}


def test_the_debrief_evidence_says_what_the_trainee_was_told() -> None:
    world = run(load(told(WRONG.replace('"0:05"', '"0:00"'))), 12, {11: [Challenge("suspect")]})
    challenge = next(e for e in of(world, ChallengeIssued) if e.by == "trainee")
    assert "does not match the description" in perceived(challenge.seen)
