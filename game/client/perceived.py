"""People in words, by what the trainee could see or hear of them: "the man in the black t-shirt,
handgun in hand". Never an id, a role, or anything else the trainee could not perceive.

Every text the client shows about a person is made here, from the public picture (`PersonView`):
dress, sex, build and clothing as a witness would give them, a jacket, a badge, a weapon in hand, a
visible wound. `kind` is read only to tell a child (a student) from an adult; `role`, `off_duty` and
the person's id never reach a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.geometry import bearing, compass, distance
from game.core.level import Position
from game.core.people import PersonView

CONDITION_WORDS = {
    "walking": "wounded, walking",
    "critical": "wounded, bleeding heavily",
    "stable": "wounded, tourniquet on",
    "incapacitated": "down",
    "deceased": "no signs of life",
}

NEAR_TILES = 4
CLOSE_TILES = 12


def noun(person: PersonView) -> str:
    """What the person is at a glance: man, woman, student, or person."""
    if person.kind == "student" and person.dress != "uniform":
        return "student"
    return {"male": "man", "female": "woman"}.get(person.sex.strip().lower(), "person")


def describe(person: PersonView, article: str = "the") -> str:
    """A person in a few words: "the man in the black t-shirt, handgun in hand"."""
    words = f"{article} {noun(person)}".strip()
    if person.dress == "uniform":
        words += " in police uniform"
    elif person.raid_jacket:
        words += " in a POLICE raid jacket"
    elif person.clothing.strip():
        words += f" in the {person.clothing.strip().lower()}"
    elif noun(person) != "student":
        words += " in plain clothes"
    extras = []
    if person.weapon_drawn and person.weapon != "none":
        extras.append(f"{person.weapon} in hand")
    if person.badge_shown and person.dress != "uniform":
        extras.append("badge showing")
    if person.condition != "ok":
        extras.append(CONDITION_WORDS.get(person.condition, "wounded"))
    return ", ".join([words, *extras])


def tooltip_lines(person: PersonView) -> list[str]:
    """The tooltip over a person: who they look like, then dress, build, hands and condition."""
    lines = [_capital(describe(person, article=""))]
    if person.dress == "uniform":
        lines.append("Dress: police uniform")
    else:
        clothing = person.clothing.strip() or "not described"
        lines.append(
            f"Clothing: {clothing}" + ("; POLICE raid jacket" if person.raid_jacket else "")
        )
    if person.build.strip():
        lines.append(f"Build: {person.build.strip()}")
    if person.weapon_drawn and person.weapon != "none":
        lines.append(f"Hands: {person.weapon} in hand")
    else:
        lines.append("Hands: no weapon in hand")
    if person.badge_shown and person.dress != "uniform":
        lines.append("Badge: showing")
    if person.condition != "ok":
        lines.append(f"Condition: {CONDITION_WORDS.get(person.condition, 'wounded')}")
    return lines


def sighting_words(person: PersonView) -> str:
    """A sighting as a radio description slot could carry it ("male, black t-shirt, handgun")."""
    parts = [{"male": "male", "female": "female"}.get(person.sex.strip().lower(), "")]
    parts.append(
        "uniform" if person.dress == "uniform" else (person.clothing.strip() or "plain clothes")
    )
    if person.weapon_drawn and person.weapon != "none":
        parts.append(person.weapon)
    return ", ".join(p for p in parts if p)


def direction_words(here: Position | None, there: Position) -> str:
    """Where a place is from the trainee: "close, to the east", "upstairs", "right beside you"."""
    if here is None:
        return ""
    if there.floor != here.floor:
        return "on the floor above" if there.floor > here.floor else "on the floor below"
    dist = distance(here.x, here.y, there.x, there.y)
    if dist < 1.5:
        return "right beside you"
    side = compass(bearing(here.x, here.y, there.x, there.y))
    reach = "close" if dist <= NEAR_TILES else ("nearby" if dist <= CLOSE_TILES else "further off")
    return f"{reach}, to the {side}"


@dataclass
class Senses:
    """What the trainee perceives now: where they stand and who is in sight."""

    here: Position | None = None
    in_sight: dict[str, PersonView] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    """Where people are, used only for the direction of a sound they make (never shown as a tile)."""

    def who(self, person_id: str, unseen: str = "someone") -> str:
        """The person in words if the trainee can see them, else `unseen`."""
        person = self.in_sight.get(person_id)
        return describe(person) if person is not None else unseen

    def where(self, person_id: str, at: Position | None = None) -> str:
        """Which way a person (or a place) is from the trainee, in words ('' when unknown)."""
        seen = self.in_sight.get(person_id)
        there = at or self.positions.get(person_id) or (seen.position if seen else None)
        return direction_words(self.here, there) if there is not None else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_ARTICLES = ("the ", "a ", "an ")


def redact_ids(text: str, names: dict[str, str]) -> str:
    """Text with every person's id replaced by how they looked ("hit class_c.2" -> "hit the student").

    A defence for text made elsewhere (the rubric's sentences): an id that is also a plain word
    ("suspect") is left alone where it reads as that word ("the suspect").
    """
    import re

    for person_id in sorted(names, key=len, reverse=True):
        pattern = re.compile(rf"(?<![\w.]){re.escape(person_id)}(?![\w.]*\w)")
        out, last = [], 0
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 4) : match.start()].lower()
            if any(before.endswith(article) for article in _ARTICLES):
                continue
            out += [text[last : match.start()], names[person_id]]
            last = match.end()
        text = "".join(out) + text[last:]
    return text
