"""The path picture as inline SVG: the floor's tiles, the trainee's path, start and end, and casualty markers.

Drawn from the letters the record keeps (see `build.TILE_LETTERS`), so a report needs neither the level
file nor a window. Colours are chosen for paper: light floors, dark walls, a strong blue path.
"""

from __future__ import annotations

from html import escape

from game.records.model import Picture, PictureFloor

TILE = 10
"""Pixels per tile in the SVG's own coordinates (the page scales it to fit)."""

FILLS = {
    ".": "#f3f3f0",
    ",": "#e2e8d8",
    "#": "#3b3b3b",
    "=": "#9a9a9a",
    "D": "#b5793a",
    "/": "#e6c79a",
    "L": "#7d2b2b",
    "W": "#a9d2ec",
    "C": "#6f6f6f",
    "%": "url(#concealment)",
    "S": "#cfc6e6",
}
"""Tile letter -> fill; void tiles (" ") are left blank."""

LEGEND = (
    ("#", "wall (stops rounds)"),
    ("=", "partition (hides, does not stop rounds)"),
    ("C", "cover"),
    ("%", "concealment"),
    ("D", "door"),
    ("L", "locked door"),
    ("W", "window"),
    ("S", "stairs"),
)

PATH_COLOUR = "#0b57d0"
MARKER_COLOUR = "#c5221f"


def picture_svg(picture: Picture, uid: str = "p") -> str:
    """One <figure> per floor walked, each with an inline SVG; `uid` keeps ids unique in a page."""
    if not picture.floors:
        return '<p class="note">No path was recorded for this session.</p>'
    figures = [_floor_figure(floor, picture, f"{uid}-{floor.floor}") for floor in picture.floors]
    return "\n".join(figures) + _legend()


def _floor_figure(floor: PictureFloor, picture: Picture, uid: str) -> str:
    rows = floor.rows
    width = max((len(r) for r in rows), default=0) * TILE
    height = len(rows) * TILE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(floor.name or f"Floor {floor.floor}")}: the path taken">',
        "<defs>",
        f'<pattern id="{uid}-concealment" width="4" height="4" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="4" height="4" fill="#dfe6d2"/>'
        '<line x1="0" y1="0" x2="0" y2="4" stroke="#7c8a66" stroke-width="1.5"/></pattern>',
        "</defs>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            letter = row[x]
            run = 1
            while x + run < len(row) and row[x + run] == letter:
                run += 1
            fill = FILLS.get(letter, "")
            if fill.startswith("url"):
                fill = f"url(#{uid}-concealment)"
            if fill:
                parts.append(
                    f'<rect x="{x * TILE}" y="{y * TILE}" width="{run * TILE}" '
                    f'height="{TILE}" fill="{fill}"/>'
                )
            x += run
    here = [(x, y) for f, x, y in picture.path if f == floor.floor]
    centre = TILE // 2
    if len(here) >= 2:
        points = " ".join(f"{x * TILE + centre},{y * TILE + centre}" for x, y in here)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{PATH_COLOUR}" stroke-width="3" '
            'stroke-linejoin="round" stroke-linecap="round" opacity="0.9"/>'
        )
    if here:
        sx, sy = here[0]
        ex, ey = here[-1]
        parts.append(
            f'<circle cx="{sx * TILE + centre}" cy="{sy * TILE + centre}" r="5" fill="#188038" '
            'stroke="#000" stroke-width="1"><title>start</title></circle>'
        )
        parts.append(
            f'<rect x="{ex * TILE + 1}" y="{ey * TILE + 1}" width="{TILE - 2}" height="{TILE - 2}" '
            f'fill="{PATH_COLOUR}" stroke="#000" stroke-width="1"><title>end</title></rect>'
        )
    for f, x, y in picture.wounded:
        if f != floor.floor:
            continue
        cx, cy = x * TILE + centre, y * TILE + centre
        parts.append(
            f'<path d="M{cx - 4} {cy}h8M{cx} {cy - 4}v8" stroke="{MARKER_COLOUR}" '
            'stroke-width="2.5"><title>a person was wounded here</title></path>'
        )
    parts.append("</svg>")
    caption = escape(floor.name or f"Floor {floor.floor}")
    return (
        f'<figure class="path"><div class="map">{"".join(parts)}</div>'
        f"<figcaption>{caption}: the path taken (circle: start, square: end, "
        f"+: where a person was wounded)</figcaption></figure>"
    )


def _legend() -> str:
    items = []
    for letter, label in LEGEND:
        fill = FILLS[letter]
        swatch = (
            f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f'<rect width="14" height="14" fill="{fill if not fill.startswith("url") else "#b7c4a3"}" '
            'stroke="#555" stroke-width="0.5"/></svg>'
        )
        items.append(f"<li>{swatch} {escape(label)}</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'
