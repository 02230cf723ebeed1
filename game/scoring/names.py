"""How the debrief names people: by what the trainee could see of them and what they turned out to be.

The sentences never show a person's id (doctrine of the product: no id reaches the screen); evidence
strings, which cite events for instructors and tools, keep them.
"""

from __future__ import annotations

from game.core.events import Appearance
from game.scoring.facts import Facts


def attacker(f: Facts, suspect: str) -> str:
    """ "the attacker", or "attacker 2" when there were several."""
    if len(f.suspects) <= 1 or suspect not in f.suspects:
        return "the attacker"
    return f"attacker {f.suspects.index(suspect) + 1}"


def person(role: str, seen: Appearance | None = None) -> str:
    """Someone by role and look: "the officer in plain clothes", "the armed civilian", "a civilian"."""
    if role == "suspect":
        return "the attacker"
    if role == "trainee":
        return "you"
    if role == "officer":
        if seen is not None and seen.dress != "uniform":
            return "the officer in plain clothes"
        return "the uniformed officer"
    if seen is not None and seen.weapon != "none":
        return "the armed civilian"
    return "a civilian"


def people(count: int, noun: str = "person") -> str:
    """ "1 person", "3 people" (or another noun with a plain s)."""
    if noun == "person":
        return f"{count} {'person' if count == 1 else 'people'}"
    return f"{count} {noun}{'' if count == 1 else 's'}"


def shooter(f: Facts, shooter_id: str, role: str) -> str:
    """Who fired or wounded: "you", "the attacker", "another officer"."""
    if shooter_id == "trainee":
        return "you"
    if role == "suspect" or shooter_id in f.suspects:
        return attacker(f, shooter_id)
    if role == "officer":
        return "another officer"
    return "someone"
