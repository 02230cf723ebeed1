"""The camera: starts centred on the trainee and follows with a dead zone, so the view holds still
while the trainee moves near its middle (and the person under the cursor stays under it)."""

from __future__ import annotations

DEAD_ZONE = 0.3
"""The share of the view's width and height, around its centre, the trainee may move in unfollowed."""


class Camera:
    """Maps world pixels to view pixels; remembers where it looks between frames."""

    def __init__(
        self,
        view_size: tuple[int, int],
        map_size: tuple[int, int],
        dead_zone: float = DEAD_ZONE,
    ) -> None:
        self.view_w, self.view_h = view_size
        self.map_w, self.map_h = map_size
        self.dead_zone = dead_zone
        self.cx = map_size[0] / 2
        self.cy = map_size[1] / 2

    @property
    def x(self) -> float:
        """The world pixel at the view's left edge."""
        return self.cx - self.view_w / 2

    @property
    def y(self) -> float:
        """The world pixel at the view's top edge."""
        return self.cy - self.view_h / 2

    def resize(self, view_size: tuple[int, int], map_size: tuple[int, int]) -> None:
        """A new view or map size (window resized, zoom changed), keeping the same place in the middle."""
        if map_size != (self.map_w, self.map_h) and self.map_w and self.map_h:
            self.cx *= map_size[0] / self.map_w
            self.cy *= map_size[1] / self.map_h
        self.view_w, self.view_h = view_size
        self.map_w, self.map_h = map_size

    def centre_on(self, px: float, py: float) -> None:
        """Look straight at a world pixel."""
        self.cx, self.cy = px, py
        self._keep_on_map()

    def follow(self, px: float, py: float) -> None:
        """Move only as far as needed to keep the pixel inside the dead zone around the centre."""
        half_w = self.view_w * self.dead_zone / 2
        half_h = self.view_h * self.dead_zone / 2
        if px > self.cx + half_w:
            self.cx = px - half_w
        elif px < self.cx - half_w:
            self.cx = px + half_w
        if py > self.cy + half_h:
            self.cy = py - half_h
        elif py < self.cy - half_h:
            self.cy = py + half_h
        self._keep_on_map()

    def to_screen(self, px: float, py: float) -> tuple[int, int]:
        """World pixel -> view pixel."""
        return round(px - self.x), round(py - self.y)

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        """View pixel -> world pixel."""
        return sx + self.x, sy + self.y

    def _keep_on_map(self) -> None:
        # The middle of the view never leaves the map, so an edge of the map can be centred but
        # the view never drifts off into nothing.
        self.cx = min(max(self.cx, 0.0), float(self.map_w))
        self.cy = min(max(self.cy, 0.0), float(self.map_h))
