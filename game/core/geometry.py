"""Tile geometry: lines between tiles, distances and compass bearings."""

from __future__ import annotations

import math

COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")


def line(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """The tiles on the straight line from (x0, y0) to (x1, y1), both ends included (Bresenham),
    the same tiles whichever end it is drawn from: a sees b exactly when b sees a."""
    if (x1, y1) < (x0, y0):
        return _bresenham(x1, y1, x0, y0)[::-1]
    return _bresenham(x0, y0, x1, y1)


def _bresenham(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    points = []
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx = 1 if x0 < x1 else -1
    sy = 1 if y0 < y1 else -1
    err = dx + dy
    x, y = x0, y0
    while True:
        points.append((x, y))
        if x == x1 and y == y1:
            return points
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x += sx
        if e2 <= dx:
            err += dx
            y += sy


def ray(x0: int, y0: int, x1: int, y1: int, length: int) -> list[tuple[int, int]]:
    """The tiles from (x0, y0) through (x1, y1) and on, `length` tiles in all (start excluded)."""
    dx, dy = x1 - x0, y1 - y0
    steps = max(abs(dx), abs(dy))
    if steps == 0:
        return []
    scale = length / steps
    far = (x0 + round(dx * scale), y0 + round(dy * scale))
    return line(x0, y0, far[0], far[1])[1:]


def fire_line(x0: int, y0: int, x1: int, y1: int, length: int) -> list[tuple[int, int]]:
    """The tiles a round from (x0, y0) through (x1, y1) crosses, on for `length` tiles (start left out).

    Up to the aim point it is exactly `line` between the two, so the tiles between two people are the
    same whichever of them fires; past the aim point it carries on in the same direction.
    """
    dx, dy = x1 - x0, y1 - y0
    steps = max(abs(dx), abs(dy))
    if steps == 0:
        return []
    near = line(x0, y0, x1, y1)[1:]
    if length <= steps:
        return near[:length]
    scale = length / steps
    far = (x0 + round(dx * scale), y0 + round(dy * scale))
    return near + line(x1, y1, far[0], far[1])[1:]


def distance(ax: int, ay: int, bx: int, by: int) -> float:
    """Straight-line distance in tiles."""
    return math.hypot(bx - ax, by - ay)


def bearing(ax: int, ay: int, bx: int, by: int) -> int:
    """Compass bearing in whole degrees from a to b (0 is north, up the map; 90 is east)."""
    angle = math.degrees(math.atan2(bx - ax, -(by - ay)))
    return round(angle) % 360


def compass(bearing_degrees: int) -> str:
    """The eight-point compass word for a bearing."""
    return COMPASS[round(bearing_degrees / 45) % 8]
