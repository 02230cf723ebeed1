"""The camera: which part of the map the view shows, following the trainee, clamped to the map."""

from __future__ import annotations


class Camera:
    """Maps world pixels to screen pixels for a view rectangle smaller than the map."""

    def __init__(self, view_size: tuple[int, int], map_size: tuple[int, int]) -> None:
        self.view_w, self.view_h = view_size
        self.map_w, self.map_h = map_size
        self.x = 0.0
        self.y = 0.0

    def follow(self, px: float, py: float) -> None:
        """Centre on a world pixel, keeping the map edge at the view edge (or centring a small map)."""
        self.x = _clamp(px - self.view_w / 2, self.map_w - self.view_w)
        self.y = _clamp(py - self.view_h / 2, self.map_h - self.view_h)

    def to_screen(self, px: float, py: float) -> tuple[int, int]:
        """World pixel -> view pixel."""
        return round(px - self.x), round(py - self.y)

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        """View pixel -> world pixel."""
        return sx + self.x, sy + self.y


def _clamp(value: float, limit: float) -> float:
    if limit <= 0:
        return limit / 2
    return min(max(value, 0.0), limit)
