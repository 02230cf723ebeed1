"""Lint passes over the map: ragged rows, doors in open floor, stairs that lead nowhere, zones on walls."""

from __future__ import annotations

from game.core.level import Position, Rect, TileKind
from game.levels.lint.places import Linter

SOLID_BESIDE_DOOR = frozenset(
    {
        TileKind.WALL,
        TileKind.PARTITION,
        TileKind.WINDOW,
        TileKind.DOOR,
        TileKind.COVER,
        TileKind.CONCEALMENT,
        TileKind.VOID,
    }
)
"""What a door may be set in: a door needs such tiles on both sides (left and right, or above and below)."""

WALL_LIKE = frozenset({TileKind.WALL, TileKind.PARTITION, TileKind.WINDOW, TileKind.VOID})
"""Tiles no zone is meant to cover much of: walls, partitions, windows and nothing."""

MOSTLY = 0.5
"""A zone area is "mostly over walls" when more than this share of its tiles are wall-like."""


def check_ragged_rows(linter: Linter) -> None:
    """Warn about a row whose length breaks the line of the rows around it (the walls after it shift)."""
    level_map = linter.level_map
    if level_map is None:
        return
    for index in range(len(level_map.floors)):
        rows = linter.raw_rows(index)
        if rows is None or len(rows) < 3:
            continue
        lengths = [len(row) for row in rows]
        for y, length in enumerate(lengths):
            width = _line_width(lengths, y)
            if width is None or length == width:
                continue
            position = Position(index, min(length, width), y)
            if length < width:
                # Just after the row's last character, where the missing one would go.
                line, column = linter.tile_place(Position(index, max(length - 1, 0), y))
                column += 1 if length else 0
            else:
                line, column = linter.tile_place(Position(index, width, y))
            _report_ragged(linter, position, line, column, length, width)


def check_doors(linter: Linter) -> None:
    """A door stands in a wall: solid tiles on both sides, left and right or above and below."""
    grid = linter.grid
    if grid is None:
        return
    for f, floor in enumerate(grid.floors):
        for y, row in enumerate(floor.rows):
            for x, symbol in enumerate(row):
                if grid.kinds.get(symbol) is not TileKind.DOOR:
                    continue
                if _set_in_wall(grid, Position(f, x, y)):
                    continue
                line, column = linter.tile_place(Position(f, x, y))
                linter.error_at(
                    line,
                    column,
                    linter.rows_path(Position(f, x, y)),
                    f"the door at [{x}, {y}] stands in open floor: nothing solid on both sides; "
                    "a door goes in a gap of a wall (wall left and right, or above and below), "
                    "so move it into the wall or draw the wall around it",
                )


def check_stairs(linter: Linter) -> None:
    """Stairs on a map of several floors meet stairs at the same x, y on the floor above or below."""
    grid = linter.grid
    if grid is None or len(grid.floors) < 2:
        return
    for f in range(len(grid.floors)):
        lone = [p for p in _tiles_of(grid, f, TileKind.STAIRS) if not _has_partner(grid, p)]
        for block in _blocks(lone):
            first = block[0]
            line, column = linter.tile_place(first)
            more = f" (and {len(block) - 1} more stair tiles next to it)" if len(block) > 1 else ""
            neighbours = [g for g in (f - 1, f + 1) if 0 <= g < len(grid.floors)]
            there = "; ".join(
                f"floor {linter.floor_name(g)} has {grid.kind(Position(g, first.x, first.y)).value} there"
                for g in neighbours
            )
            linter.error_at(
                line,
                column,
                linter.rows_path(first),
                f"the stairs at [{first.x}, {first.y}] on floor {linter.floor_name(f)}{more} lead "
                f"nowhere: {there}; stairs connect only to stairs at the same x, y on the next "
                "floor, so draw S there too or move these stairs",
            )


def check_zones(linter: Linter) -> None:
    """A zone area is not drawn mostly over walls (a zone drawn around a room, walls included, is fine)."""
    grid = linter.grid
    if grid is None:
        return
    for i, zone in linter.items("zones"):
        listed = f"zones[{i}].areas" in linter.ctx.nodes
        for j, area in enumerate(zone.areas):
            if not grid.rect_inside(area):
                continue
            share = _wall_share(grid, area)
            if share <= MOSTLY or _outlines_a_room(grid, area):
                continue
            path = f"zones[{i}].areas[{j}]" if listed else f"zones[{i}].area"
            walkable = sum(1 for tile in area.tiles() if grid.walkable(tile))
            linter.error(
                path,
                f"zone {zone.id!r}: {round(share * 100)}% of the area "
                f"[{area.x1}, {area.y1}, {area.x2}, {area.y2}] is wall or nothing "
                f"({walkable} walkable tile{'s' if walkable != 1 else ''}); check its corners: "
                "x is the column and y the row, counted from 0 at the top-left of the rows",
            )


# -- helpers -------------------------------------------------------------------------------------


def _line_width(lengths: list[int], y: int) -> int | None:
    """The length the rows around row y agree on, or None when they do not agree or it is an edge."""
    above = lengths[y - 1] if y > 0 else None
    below = lengths[y + 1] if y + 1 < len(lengths) else None
    if above is not None and below is not None:
        return above if above == below and above > 0 else None
    # The first or last row: compare with the two rows next to it, and only small slips.
    pair = lengths[1:3] if above is None else lengths[-3:-1]
    if len(pair) == 2 and pair[0] == pair[1] and 0 < abs(pair[0] - lengths[y]) <= 2:
        return pair[0]
    return None


def _report_ragged(
    linter: Linter, position: Position, line: int, column: int, length: int, width: int
) -> None:
    """The warning for one ragged row."""
    short = length < width
    count = abs(width - length)
    chars = f"{count} character{'s' if count != 1 else ''}"
    if short:
        what = (
            f"map row {position.y} is {chars} shorter than the rows above and below it "
            f"({length} instead of {width}): it is padded with void from x {length}, so anything "
            "you meant after a missing character has shifted left"
        )
    else:
        what = (
            f"map row {position.y} is {chars} longer than the rows above and below it "
            f"({length} instead of {width}): anything after an extra character has shifted right"
        )
    linter.warn_at(
        line,
        column,
        linter.rows_path(position),
        f"{what}; make the row {width} characters long (if the shape is on purpose, end the row "
        "with the void symbol explicitly)",
    )


def _set_in_wall(grid, at: Position) -> bool:
    """Whether a door tile has solid tiles on both sides along one axis."""

    def solid(dx: int, dy: int) -> bool:
        return grid.kind(Position(at.floor, at.x + dx, at.y + dy)) in SOLID_BESIDE_DOOR

    return (solid(-1, 0) and solid(1, 0)) or (solid(0, -1) and solid(0, 1))


def _tiles_of(grid, floor: int, kind: TileKind) -> list[Position]:
    """Every tile of a kind on a floor, row by row."""
    return [
        Position(floor, x, y)
        for y, row in enumerate(grid.floors[floor].rows)
        for x, symbol in enumerate(row)
        if grid.kinds.get(symbol) is kind
    ]


def _has_partner(grid, at: Position) -> bool:
    """Whether stairs at this tile meet stairs on the floor above or below."""
    return any(
        grid.kind(Position(g, at.x, at.y)) is TileKind.STAIRS for g in (at.floor - 1, at.floor + 1)
    )


def _blocks(tiles: list[Position]) -> list[list[Position]]:
    """Tiles grouped into 4-way connected blocks, each in row order, blocks by their first tile."""
    left = set(tiles)
    blocks = []
    for start in tiles:
        if start not in left:
            continue
        left.discard(start)
        block, queue = [start], [start]
        while queue:
            here = queue.pop()
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                step = Position(here.floor, here.x + dx, here.y + dy)
                if step in left:
                    left.discard(step)
                    block.append(step)
                    queue.append(step)
        blocks.append(sorted(block, key=lambda p: (p.y, p.x)))
    return blocks


def _wall_share(grid, area: Rect) -> float:
    """The share of an area's tiles that are wall-like."""
    tiles = area.tiles()
    return sum(1 for tile in tiles if grid.kind(tile) in WALL_LIKE) / len(tiles)


def _outlines_a_room(grid, area: Rect) -> bool:
    """Whether the area is a room drawn with its walls: walls on the border, little wall inside."""
    if area.x2 - area.x1 < 2 or area.y2 - area.y1 < 2:
        return False
    inner = Rect(area.floor, area.x1 + 1, area.y1 + 1, area.x2 - 1, area.y2 - 1)
    return _wall_share(grid, inner) <= 0.25
