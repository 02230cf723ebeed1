"""The guides say what the code does: generated sections in step, and every key named is the key bound."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from game.client.settings import DEFAULT_BINDINGS
from game.client.tutorial import TUTORIALS
from game.client.tutorial import words as step_words
from game.scoring import RULES
from game.scoring.clocks import MOMENTS
from game.sessions.guides import (
    CLOCK_USES,
    CLOCK_WORDS,
    GUIDE_PATH,
    reference_markdown,
    update_guide,
)

ROOT = Path(__file__).resolve().parent.parent

ACTION_PHRASES: tuple[tuple[str, str], ...] = (
    ("take cover", "cover"),
    ("leave cover", "cover"),
    ("challenge", "challenge"),
    ("drop it", "challenge"),
    ("radio", "radio"),
    ("initial report", "radio"),
    ("draw", "weapon"),
    ("holster", "weapon"),
    ("fire", "fire"),
    ("tourniquet", "tourniquet"),
    ("breach", "breach"),
    ("direct", "direct"),
    ("comply", "comply"),
    ('"police!"', "announce"),
    ("raid jacket", "jacket"),
    ("badge", "badge"),
    ("toward the gunfire", "advance"),
    ("open the door", "door"),
    ("close the door", "door"),
)
"""What an example says a key does, and the action of the key map that does it."""

KEY_MENTION = re.compile(r"\b(?:[Pp]ress|then|[Hh]it) ([A-Z])\b")


def key_claims(text: str) -> list[tuple[str, str, str]]:
    """(key, action it is said to do, the sentence) for every "press K ... to do X" in a text."""
    claims = []
    for match in KEY_MENTION.finditer(text):
        rest = text[match.end() : match.end() + 160]
        sentence = re.split(r"(?<=[.!?])\s|\bthen [A-Z]\b|\n\n", rest)[0].lower()
        found = [(sentence.find(p), action) for p, action in ACTION_PHRASES if p in sentence]
        if found:
            claims.append((match.group(1), min(found)[1], match.group(0) + rest[:60]))
    return claims


def guide_texts() -> dict[str, str]:
    """Every guide and every shipped level's prompts."""
    texts = {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in (
            ROOT / "README.md",
            ROOT / "levels" / "README.md",
            ROOT / "levels" / "scripts" / "README.md",
        )
        if path.exists()
    }
    for level in sorted((ROOT / "levels").glob("*.yaml")):
        data = yaml.safe_load(level.read_text(encoding="utf-8"))
        prompts = [e["prompt"] for e in data.get("timeline") or [] if "prompt" in e]
        texts[str(level.relative_to(ROOT))] = "\n\n".join(prompts)
    for level_id, guided in TUTORIALS.items():
        steps = [step_words(step.text, DEFAULT_BINDINGS) for step in guided.steps]
        steps += [
            step_words(hint, DEFAULT_BINDINGS) for step in guided.steps for _, hint in step.hints
        ]
        texts[f"walk-through of {level_id}"] = "\n\n".join(steps)
    return texts


def test_the_generated_sections_of_the_level_guide_are_up_to_date():
    text = GUIDE_PATH.read_text(encoding="utf-8")
    assert update_guide(text) == text, "run: python -m game.sessions.guides"


def test_the_guide_explains_every_rule_id_of_the_rubric():
    generated = reference_markdown()
    for rule in RULES:
        assert f"| `{rule.id}` | {rule.category} | {rule.title} |" in generated


def test_every_clock_moment_is_explained_and_every_time_rule_exists():
    assert set(CLOCK_WORDS) == set(MOMENTS)
    assert set(CLOCK_USES) <= {rule.id for rule in RULES}
    generated = reference_markdown()
    assert all(f"| `{moment}` |" in generated for moment in MOMENTS)


def test_the_guide_says_a_self_dispatching_detective_is_off_duty_true():
    generated = reference_markdown()
    assert "`dress: plain`" in generated and "`off_duty: true`" in generated
    assert "| officers[] | `off_duty` |" in generated


def test_the_key_checker_catches_a_wrong_key():
    assert key_claims("Press C next to a column to take cover.") == [
        ("C", "cover", "Press C next to a column to take cover.")
    ]
    bound = {key for key in DEFAULT_BINDINGS["cover"]}
    assert "c" not in bound


def test_every_key_named_in_an_example_is_the_key_bound_to_that_action():
    wrong = []
    for name, text in guide_texts().items():
        for key, action, words in key_claims(text):
            if key.lower() not in DEFAULT_BINDINGS[action]:
                wrong.append(
                    f"{name}: {words!r}: {action} is {DEFAULT_BINDINGS[action]}, not {key}"
                )
    assert wrong == []


def test_the_guides_name_keys_at_all():
    # The checker is not vacuous: the shipped guides and prompts do name keys for actions.
    claims = [claim for text in guide_texts().values() for claim in key_claims(text)]
    assert len(claims) >= 3
