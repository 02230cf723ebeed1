"""Lint pass over people: the trainee and every officer can get out of where they start.

The loader already checks that civilians can reach an exit. Here the trainee must be able to reach
the suspects (and is "sealed in" when neither a suspect nor an exit can be reached), and every
officer must be able to reach its goal. Doors of every state count as passable (a locked door can be
breached), and stairs link floors, exactly as movement does.
"""

from __future__ import annotations

from collections import deque

from game.core.level import Position, TileKind, ZoneKind
from game.levels.grid import Grid
from game.levels.lint.places import Linter

Tile = tuple[int, int, int]


def check_people_can_move(linter: Linter) -> None:
    """Report a trainee or officer sealed in, and a suspect the trainee cannot reach."""
    grid = linter.grid
    if grid is None:
        return
    region = regions(grid)
    exits = {
        region[_key(t)]
        for zone in linter.zones.values()
        if zone.kind is ZoneKind.EXIT
        for t in linter.walkable_tiles(zone.areas)
    }
    suspects = [
        (i, s.id, _regions_of(region, linter.place_tiles(s.spawn) + _route_tiles(linter, s)))
        for i, s in linter.items("suspects")
    ]
    threat = set().union(*(found for _, _, found in suspects)) if suspects else set()
    trainee_regions: set[int] = set()
    for path, who, place in linter.spawns():
        tiles = linter.place_tiles(place)
        if not tiles:
            continue
        if who == "the trainee":
            goals, goal_words = exits | threat, "no exit and no suspect"
        else:
            goals, goal_words = _officer_goals(linter, path, region, threat, exits)
        if not goals:
            continue
        free = _report_sealed(linter, path, who, tiles, region, goals, goal_words)
        if who == "the trainee":
            trainee_regions = free
    if trainee_regions:
        for i, suspect_id, found in suspects:
            if found and not found & trainee_regions:
                linter.error(
                    f"suspects[{i}].spawn",
                    f"the trainee cannot reach suspect {suspect_id!r}: no path through floor, "
                    "doors or stairs leads from the trainee's start to this suspect's start or "
                    "route; add a door or stairs, or move one of them",
                )


def regions(grid: Grid) -> dict[Tile, int]:
    """Every walkable tile's connected region (4-way moves, doors of any state, stairs between floors)."""
    walk = grid.walkable_grid
    stair_symbols = {symbol for symbol, kind in grid.kinds.items() if kind is TileKind.STAIRS}
    stairs = [[[c in stair_symbols for c in row] for row in floor.rows] for floor in grid.floors]
    floors, width, height = len(grid.floors), grid.width, grid.height
    label: dict[Tile, int] = {}
    for f in range(floors):
        for y in range(height):
            for x in range(width):
                if not walk[f][y][x] or (f, x, y) in label:
                    continue
                number = len(label)
                label[(f, x, y)] = number
                queue = deque([(f, x, y)])
                while queue:
                    cf, cx, cy = queue.popleft()
                    steps = [(cf, cx + 1, cy), (cf, cx - 1, cy), (cf, cx, cy + 1), (cf, cx, cy - 1)]
                    if stairs[cf][cy][cx]:
                        steps += [(g, cx, cy) for g in (cf - 1, cf + 1) if 0 <= g < floors]
                    for sf, sx, sy in steps:
                        if (
                            0 <= sx < width
                            and 0 <= sy < height
                            and walk[sf][sy][sx]
                            and (sf == cf or stairs[sf][sy][sx])
                            and (sf, sx, sy) not in label
                        ):
                            label[(sf, sx, sy)] = number
                            queue.append((sf, sx, sy))
    return label


def _report_sealed(
    linter: Linter,
    path: str,
    who: str,
    tiles: list[Position],
    region: dict[Tile, int],
    goals: set[int],
    goal_words: str,
) -> set[int]:
    """Report a start (or part of one) from which no goal can be reached; the regions that can."""
    sealed = [t for t in tiles if region[_key(t)] not in goals]
    free = {region[_key(t)] for t in tiles} - {region[_key(t)] for t in sealed}
    if not sealed:
        return free
    first = sealed[0]
    size = sum(1 for number in region.values() if number == region[_key(first)])
    where = f"[{first.x}, {first.y}]"
    if len(linter.level_map.floors) > 1:
        where += f" on floor {linter.floor_name(first.floor)}"
    tiles_words = f"the {size} tile{'s' if size != 1 else ''} reachable from {where}"
    if len(sealed) == len(tiles) and who == "the trainee":
        linter.error(
            path,
            f"the trainee is sealed in: {tiles_words} hold {goal_words}, and no door or opening "
            "leads out; add a door (D) in the wall, or move the start",
        )
    elif len(sealed) == len(tiles):
        linter.error(
            path,
            f"{who} cannot reach its goal from its start: {tiles_words} hold {goal_words}; "
            "add a door (D) or stairs on the way, or move the start or the goal",
        )
    else:
        linter.warn(
            path,
            f"{len(sealed)} of the {len(tiles)} tiles {who} may start on are sealed off (around "
            f"{where}: {goal_words} can be reached from there); a seed may start them there, so "
            "open that part up or start them with `at:` on one tile",
        )
    return free


def _officer_goals(
    linter: Linter, path: str, region: dict[Tile, int], threat: set[int], exits: set[int]
) -> tuple[set[int], str]:
    """The regions an officer's goal lies in, and how to say it cannot reach them."""
    index = int(path.split("[")[1].split("]")[0])
    officer = dict(linter.items("officers"))[index]
    if officer.goal == "gunfire":
        return (threat or exits), "no suspect (its goal is the gunfire)"
    if officer.goal == "trainee":
        trainee = linter.draft.get("trainee")
        tiles = linter.place_tiles(trainee.spawn) if trainee is not None else []
        return _regions_of(region, tiles), "not the trainee (its goal)"
    zone = linter.zones.get(officer.goal)
    if zone is None:
        return set(), ""
    return _regions_of(
        region, linter.walkable_tiles(zone.areas)
    ), f"not zone {zone.id!r} (its goal)"


def _route_tiles(linter: Linter, suspect: object) -> list[Position]:
    """The walkable tiles of every zone on a suspect's route."""
    tiles: list[Position] = []
    for zone_id in suspect.route:
        zone = linter.zones.get(zone_id)
        if zone is not None:
            tiles += linter.walkable_tiles(zone.areas)
    return tiles


def _regions_of(region: dict[Tile, int], tiles: list[Position]) -> set[int]:
    """The regions some tiles lie in."""
    return {region[_key(t)] for t in tiles if _key(t) in region}


def _key(position: Position) -> Tile:
    return (position.floor, position.x, position.y)
