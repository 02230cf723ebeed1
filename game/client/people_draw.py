"""People as shapes with marks, drawn by APPEARANCE (dress, jacket, badge, visible weapon, condition).

Never by role: a suspect in plain clothes with a rifle looks like any armed person in plain clothes,
which is exactly what the trainee on scene sees. Every mark is a shape, so colour is never needed:
a weapon in hand is a long barrel plus a warning triangle over the head; a casualty is a first-aid
disc beside the body (never a bare cross, which reads as the mouse cursor); someone down lies flat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.client import palette
from game.core.people import PersonView

WOUNDED_CONDITIONS = ("walking", "critical", "stable", "incapacitated", "deceased")
DOWN_CONDITIONS = ("incapacitated", "deceased", "critical")


@dataclass(frozen=True, slots=True)
class Look:
    """What can be seen of a person: the only input of the drawing."""

    body: str  # "uniform" (square), "adult" (circle), "child" (small circle)
    jacket: bool
    badge: bool
    weapon: str  # "" when no weapon is visible, else "handgun" / "rifle" / "long gun"
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
    down = look.condition in DOWN_CONDITIONS
    _body(surface, look, centre, r, down)
    if look.jacket:
        band = pygame.Rect(cx - r - 3, cy - max(2, r // 4), r * 2 + 6, max(4, r // 2))
        pygame.draw.rect(surface, palette.JACKET_BAND, band)
        pygame.draw.rect(surface, palette.OUTLINE, band, 1)
    if look.badge:
        bx, by = cx + r - 1, cy - r + 1
        size = max(2, r // 3)
        diamond = [(bx, by - size), (bx + size, by), (bx, by + size), (bx - size, by)]
        pygame.draw.polygon(surface, palette.HIGHLIGHT, diamond)
        pygame.draw.polygon(surface, palette.OUTLINE, diamond, 1)
    if look.weapon and not down:
        _weapon(surface, look.weapon, centre, r, facing)
    if look.condition != "ok":
        _casualty_mark(surface, look.condition, centre, r)
    return pygame.Rect(cx - r * 2, cy - r * 2 - r, r * 4, r * 5)


def _body(surface: pygame.Surface, look: Look, centre: tuple[int, int], r: int, down: bool) -> None:
    cx, cy = centre
    if look.body == "uniform":
        body = pygame.Rect(0, 0, r * 2 - 1, (r if down else r * 2) - 1)
        body.center = centre
        pygame.draw.rect(surface, palette.UNIFORM, body)
        pygame.draw.rect(surface, palette.OUTLINE, body, 1)
        if not down:
            # the chevron: the uniform's shoulder mark
            chevron = [(cx - r // 2, cy - r // 4), (cx, cy + r // 4), (cx + r // 2, cy - r // 4)]
            pygame.draw.lines(surface, palette.MARKER, False, chevron, 2)
        return
    radius = r if look.body == "adult" else max(3, r * 2 // 3)
    colour = palette.PLAIN if look.body == "adult" else palette.STUDENT
    if down:
        # lying down: a flat oval instead of the upright circle
        oval = pygame.Rect(0, 0, radius * 2 + 2, max(4, radius))
        oval.center = centre
        pygame.draw.ellipse(surface, colour, oval)
        pygame.draw.ellipse(surface, palette.OUTLINE, oval, 1)
        return
    pygame.draw.circle(surface, colour, centre, radius)
    pygame.draw.circle(surface, palette.OUTLINE, centre, radius, 1)


def _weapon(
    surface: pygame.Surface, weapon: str, centre: tuple[int, int], r: int, facing: float
) -> None:
    """A weapon in hand: a thick barrel toward where they face and a warning triangle overhead."""
    cx, cy = centre
    length = r + (r + r // 2 if weapon in ("rifle", "long gun") else r // 2 + 2)
    ex = cx + round(math.cos(facing) * length)
    ey = cy + round(math.sin(facing) * length)
    sx = cx + round(math.cos(facing) * (r - 2))
    sy = cy + round(math.sin(facing) * (r - 2))
    pygame.draw.line(surface, palette.OUTLINE, (sx, sy), (ex, ey), 5)
    pygame.draw.line(surface, palette.WEAPON_LINE, (sx, sy), (ex, ey), 3)
    pygame.draw.circle(surface, palette.OUTLINE, (ex, ey), 3)
    side = max(5, r)
    top = cy - r - side - 2
    triangle = [(cx, top), (cx + side * 0.6, top + side), (cx - side * 0.6, top + side)]
    pygame.draw.polygon(surface, palette.ARMED, triangle)
    pygame.draw.polygon(surface, palette.OUTLINE, triangle, 2)
    pygame.draw.line(surface, palette.OUTLINE, (cx, top + side * 0.35), (cx, top + side * 0.7), 2)


def _casualty_mark(
    surface: pygame.Surface, condition: str, centre: tuple[int, int], r: int
) -> None:
    """A first-aid disc beside the person (a cross inside a filled disc), varied by condition."""
    cx, cy = centre
    disc = max(4, r * 2 // 3 + 1)
    mx, my = cx + r, cy - r
    if condition == "deceased":
        box = pygame.Rect(0, 0, r * 2 + 4, r * 2 + 4)
        box.center = centre
        pygame.draw.rect(surface, palette.FOG_UNSEEN, box)
        pygame.draw.rect(surface, palette.MARKER, box, 2)
        pygame.draw.line(surface, palette.MARKER, box.midleft, box.midright, 2)
        return
    filled = condition in ("critical", "incapacitated")
    pygame.draw.circle(surface, palette.CASUALTY if filled else palette.PANEL, (mx, my), disc)
    pygame.draw.circle(surface, palette.OUTLINE, (mx, my), disc + 1, 1)
    pygame.draw.circle(surface, palette.CASUALTY, (mx, my), disc, 2)
    arm = max(2, disc * 2 // 3)
    mark = palette.MARKER if filled else palette.CASUALTY
    if condition == "incapacitated":
        pygame.draw.line(surface, mark, (mx - arm, my - arm), (mx + arm, my + arm), 2)
        pygame.draw.line(surface, mark, (mx - arm, my + arm), (mx + arm, my - arm), 2)
        return
    pygame.draw.line(surface, mark, (mx - arm, my), (mx + arm, my), 2)
    pygame.draw.line(surface, mark, (mx, my - arm), (mx, my + arm), 2)
    if condition == "critical":
        pygame.draw.circle(surface, palette.CASUALTY, (mx, my), disc + 4, 1)
    elif condition == "stable":
        # the tourniquet: a band under the disc
        pygame.draw.rect(surface, palette.OUTLINE, (mx - disc, my + disc + 2, disc * 2, 3))


LEGEND_LOOKS: tuple[tuple[Look, str], ...] = (
    (Look("uniform", False, False, "", "ok", True), "you (ring)"),
    (Look("uniform", False, False, "", "ok"), "police uniform (square, chevron)"),
    (Look("adult", False, False, "", "ok"), "adult in plain clothes (circle)"),
    (Look("child", False, False, "", "ok"), "student (small circle)"),
    (Look("adult", True, True, "", "ok"), "POLICE jacket (band), badge (diamond)"),
    (Look("adult", False, False, "handgun", "ok"), "weapon in hand (barrel, triangle)"),
    (Look("adult", False, False, "", "walking"), "wounded, walking (open disc)"),
    (Look("adult", False, False, "", "critical"), "bleeding heavily (full disc, ring)"),
    (Look("adult", False, False, "", "stable"), "tourniquet on (disc, band)"),
    (Look("adult", False, False, "", "incapacitated"), "down (lying, disc with X)"),
)
"""The key to people's shapes, for the legend overlay."""
