"""How far apart two people are: shared by everyone's behaviour and the trainee's orders."""

from __future__ import annotations

from game.core.geometry import distance
from game.core.people import Person


def gap(a: Person, b: Person) -> float:
    """Tiles between two people on one floor (infinite across floors)."""
    if a.position.floor != b.position.floor:
        return float("inf")
    return distance(a.position.x, a.position.y, b.position.x, b.position.y)


def near(a: Person, b: Person, reach: float) -> bool:
    """Whether two people are on one floor within `reach` tiles along each axis (a cheap box test)."""
    return (
        a.position.floor == b.position.floor
        and abs(a.position.x - b.position.x) <= reach
        and abs(a.position.y - b.position.y) <= reach
    )
