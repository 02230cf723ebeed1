"""People as shapes with marks, drawn by APPEARANCE (dress, jacket, badge, visible weapon, condition).

Never by role: a suspect in plain clothes with a rifle looks like any armed person in plain clothes,
which is exactly what the trainee on scene sees. Every mark is a shape, so colour is never needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.client import palette
from game.core.people import PersonView

WOUNDED_CONDITIONS = ("walking", "critical", "stable", "incapacitated", "deceased")


@dataclass(frozen=True, slots=True)
class Look:
    """What can be seen of a person: the only input of the drawing."""

    body: str  # "uniform" (square), "adult" (circle), "child" (small circle)
    jacket: bool
    badge: bool
    weapon: str  # "" when no weapon is visible, else "handgun" / "rifle"
    condition: str  # "ok" or one of WOUNDED_CONDITIONS
    is_you: bool = False


def look_of(person: PersonView, is_you: bool = False) -> Look:
    """What an onlooker can see of a person, from the drawable picture."""
    if person.dress == "uniform":
        body = "uniform"
    elif person.kind == "student":
        body = "child"
    else:
        body = "adult"
    weapon = person.weapon if person.weapon_drawn and person.weapon != "none" else ""
    badge = person.badge_shown and person.dress != "uniform"
    return Look(body, person.raid_jacket, badge, weapon, person.condition, is_you)


def draw_person(
    surface: pygame.Surface, look: Look, centre: tuple[int, int], tile: int, facing: float = 0.0
) -> pygame.Rect:
    """Draw a person centred on a pixel; returns the rectangle touched."""
    cx, cy = centre
    r = max(4, tile * 2 // 5)
    if look.is_you:
        pygame.draw.circle(surface, palette.TRAINEE_RING, centre, r + max(3, tile // 6), 2)
    down = look.condition in ("incapacitated", "deceased", "critical")
    if look.body == "uniform":
        body = pygame.Rect(0, 0, r * 2 - 1, r * 2 - 1)
        body.center = centre
        pygame.draw.rect(surface, palette.UNIFORM, body)
        pygame.draw.rect(surface, palette.OUTLINE, body, 1)
        # the chevron: the uniform's shoulder mark
        pygame.draw.lines(
            surface,
            palette.MARKER,
            False,
            [(cx - r // 2, cy - r // 4), (cx, cy + r // 4), (cx + r // 2, cy - r // 4)],
            2,
        )
    else:
        radius = r if look.body == "adult" else max(3, r * 2 // 3)
        colour = palette.PLAIN if look.body == "adult" else palette.STUDENT
        pygame.draw.circle(surface, colour, centre, radius)
        pygame.draw.circle(surface, palette.OUTLINE, centre, radius, 1)
    if look.jacket:
        band = pygame.Rect(cx - r - 3, cy - max(2, r // 4), r * 2 + 6, max(4, r // 2))
        pygame.draw.rect(surface, palette.JACKET_BAND, band)
        pygame.draw.rect(surface, palette.OUTLINE, band, 1)
    if look.badge:
        bx, by = cx + r - 1, cy - r + 1
        size = max(2, r // 3)
        pygame.draw.polygon(
            surface,
            palette.HIGHLIGHT,
            [(bx, by - size), (bx + size, by), (bx, by + size), (bx - size, by)],
        )
        pygame.draw.polygon(
            surface,
            palette.OUTLINE,
            [(bx, by - size), (bx + size, by), (bx, by + size), (bx - size, by)],
            1,
        )
    if look.weapon and not down:
        length = r + (r if look.weapon == "rifle" else r // 2)
        ex = cx + round(math.cos(facing) * length)
        ey = cy + round(math.sin(facing) * length)
        sx = cx + round(math.cos(facing) * (r - 2))
        sy = cy + round(math.sin(facing) * (r - 2))
        pygame.draw.line(surface, palette.WEAPON, (sx, sy), (ex, ey), 3)
        pygame.draw.circle(surface, palette.WEAPON, (ex, ey), 2)
    if look.condition != "ok":
        _casualty_mark(surface, look.condition, centre, r)
    return pygame.Rect(cx - r * 2, cy - r * 2, r * 4, r * 4)


def _casualty_mark(
    surface: pygame.Surface, condition: str, centre: tuple[int, int], r: int
) -> None:
    """A neutral marker over the person: a cross outline for the wounded, a box for the lost."""
    cx, cy = centre
    arm = max(2, r // 3)
    if condition == "deceased":
        box = pygame.Rect(0, 0, r * 2 + 4, r * 2 + 4)
        box.center = centre
        pygame.draw.rect(surface, palette.FOG_UNSEEN, box)
        pygame.draw.rect(surface, palette.MARKER, box, 2)
        pygame.draw.line(surface, palette.MARKER, box.midleft, box.midright, 2)
        return
    if condition == "incapacitated":
        pygame.draw.line(
            surface, palette.MARKER, (cx - r - 1, cy - r - 1), (cx + r + 1, cy + r + 1), 3
        )
        pygame.draw.line(
            surface, palette.MARKER, (cx - r - 1, cy + r + 1), (cx + r + 1, cy - r - 1), 3
        )
        return
    reach = r + (4 if condition == "critical" else 2)
    cross = [
        (cx - arm, cy - reach),
        (cx + arm, cy - reach),
        (cx + arm, cy - arm),
        (cx + reach, cy - arm),
        (cx + reach, cy + arm),
        (cx + arm, cy + arm),
        (cx + arm, cy + reach),
        (cx - arm, cy + reach),
        (cx - arm, cy + arm),
        (cx - reach, cy + arm),
        (cx - reach, cy - arm),
        (cx - arm, cy - arm),
    ]
    if condition == "critical":
        pygame.draw.polygon(surface, palette.MARKER, cross)
        pygame.draw.polygon(surface, palette.OUTLINE, cross, 1)
    else:
        pygame.draw.polygon(surface, palette.MARKER, cross, 2)
    if condition == "stable":
        pygame.draw.circle(surface, palette.MARKER, centre, reach + 3, 1)


def look_words(look: Look) -> str:
    """The appearance in words, for the hover caption ("plain clothes, rifle visible, wounded")."""
    body = {"uniform": "uniformed", "adult": "plain clothes", "child": "student"}[look.body]
    parts = [body]
    if look.jacket:
        parts.append("POLICE jacket")
    if look.badge:
        parts.append("badge shown")
    if look.weapon:
        parts.append(f"{look.weapon} visible")
    if look.condition != "ok":
        parts.append(CONDITION_WORDS.get(look.condition, look.condition))
    return ", ".join(parts)


CONDITION_WORDS = {
    "walking": "wounded, walking",
    "critical": "wounded, bleeding heavily",
    "stable": "wounded, tourniquet on",
    "incapacitated": "down",
    "deceased": "no signs of life",
}

LEGEND_LOOKS: tuple[tuple[Look, str], ...] = (
    (Look("uniform", False, False, "", "ok"), "uniformed officer (square, chevron)"),
    (Look("adult", False, False, "", "ok"), "adult, plain clothes (circle)"),
    (Look("child", False, False, "", "ok"), "student (small circle)"),
    (Look("adult", True, True, "", "ok"), "POLICE jacket (band), badge (diamond)"),
    (Look("adult", False, False, "rifle", "ok"), "weapon visible (line)"),
    (Look("adult", False, False, "", "critical"), "wounded (cross)"),
    (Look("uniform", False, False, "handgun", "ok", True), "you (ring)"),
)
"""The key to people's shapes, for the legend and the help overlay."""
