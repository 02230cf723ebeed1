"""The size limits of a level, checked before anything large is built: the map in tiles, the people.

The map is measured on the composed nodes, before the floors are padded to one width and height, so
a small file cannot make the loader build a huge grid.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.levels.errors import LevelError
from game.levels.limits import MAX_FLOORS, MAX_MAP_SIDE, MAX_MAP_TILES, MAX_PEOPLE, MAX_ZONE_TILES
from game.levels.validate import Context


def check_map_size(root: MappingNode, ctx: Context, lines: list[str]) -> None:
    """Raise LevelError when the map, padded, would exceed the limits (nothing is built first)."""
    floors = child(child(root, "map"), "floors")
    if not isinstance(floors, SequenceNode):
        return
    problems_before = len(ctx.problems)
    if len(floors.value) > MAX_FLOORS:
        ctx.report(
            floors.value[MAX_FLOORS],
            f"map.floors[{MAX_FLOORS}]",
            f"a map has at most {MAX_FLOORS} floors; this one has {len(floors.value):,}",
        )
    width = height = 0
    for index, floor in enumerate(floors.value[:MAX_FLOORS]):
        rows = child(floor, "rows")
        lengths = _row_lengths(rows)
        path = f"map.floors[{index}].rows"
        if len(lengths) > MAX_MAP_SIDE:
            ctx.report(
                rows,
                path,
                f"this floor has {len(lengths):,} rows; a floor has at most {MAX_MAP_SIDE:,}",
            )
        longest = max(lengths, default=0)
        if longest > MAX_MAP_SIDE:
            y = lengths.index(longest)
            line, column = _row_place(rows, y, lines)
            ctx.report_at(
                line,
                column,
                path,
                f"row {y} is {longest:,} tiles long; a row has at most {MAX_MAP_SIDE:,} tiles",
            )
        width, height = max(width, longest), max(height, len(lengths))
    count = min(len(floors.value), MAX_FLOORS)
    tiles = count * width * height
    if len(ctx.problems) == problems_before and tiles > MAX_MAP_TILES:
        ctx.report(
            floors,
            "map.floors",
            f"the map pads to {count} floor{'s' if count != 1 else ''} × {width:,} × {height:,} "
            f"= {tiles:,} tiles (every floor is padded to the widest row and the tallest floor); "
            f"a map has at most {MAX_MAP_TILES:,} tiles",
        )
    if len(ctx.problems) > problems_before:
        raise LevelError(ctx.problems)


def check_people(draft: dict[str, object], ctx: Context) -> None:
    """Raise LevelError when the level holds more people than the limit (before the cross-checks)."""
    counts = {
        section: len(node.value) if isinstance(node := ctx.nodes.get(section), SequenceNode) else 0
        for section in ("suspects", "officers", "civilians")
    }
    civilians = sum(
        group.count if group is not None else 1 for group in draft.get("civilians") or ()
    )
    total = 1 + counts["suspects"] + counts["officers"] + civilians
    if total <= MAX_PEOPLE:
        return
    where = max(
        ("civilians", "suspects", "officers"),
        key=lambda s: civilians if s == "civilians" else counts[s],
    )
    node = ctx.nodes.get(where) or ctx.nodes[""]
    ctx.report(
        node,
        where,
        f"the level has {total:,} people (the trainee, {counts['suspects']:,} suspects, "
        f"{counts['officers']:,} officers and {civilians:,} civilians); "
        f"a level has at most {MAX_PEOPLE:,}",
    )
    raise LevelError(ctx.problems)


def check_zone_area(draft: dict[str, object], ctx: Context) -> None:
    """Raise LevelError when the zones together cover more tiles of the map than the limit (every
    check of a zone visits its tiles, so a few thousand zones over a large map would take hours)."""
    level_map = draft.get("map")
    floors = getattr(level_map, "floors", ())
    if not floors:
        return
    width, height = len(floors[0].rows[0]) if floors[0].rows else 0, len(floors[0].rows)
    total = 0
    for zone in draft.get("zones") or ():
        for rect in zone.areas if zone is not None else ():
            inside_x = min(rect.x2, width - 1) - max(rect.x1, 0) + 1
            inside_y = min(rect.y2, height - 1) - max(rect.y1, 0) + 1
            total += max(0, inside_x) * max(0, inside_y)
    if total <= MAX_ZONE_TILES:
        return
    node = ctx.nodes.get("zones") or ctx.nodes[""]
    ctx.report(
        node,
        "zones",
        f"the zones cover {total:,} tiles of the map in all (counting overlaps); zones cover at "
        f"most {MAX_ZONE_TILES:,}",
    )
    raise LevelError(ctx.problems)


def child(node: Node | None, key: str) -> Node | None:
    """The value under a key of a mapping node, if any."""
    if not isinstance(node, MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value
    return None


def _row_lengths(rows: Node | None) -> list[int]:
    """The length of each row as written (trailing empty rows dropped, as the validator does)."""
    if isinstance(rows, ScalarNode):
        lengths = [len(row) for row in rows.value.split("\n")]
    elif isinstance(rows, SequenceNode):
        lengths = [len(item.value) if isinstance(item, ScalarNode) else 0 for item in rows.value]
    else:
        return []
    while lengths and not lengths[-1]:
        lengths.pop()
    return lengths


def _row_place(rows: Node, y: int, lines: list[str]) -> tuple[int, int]:
    """The 1-based line and column where row y starts in the file."""
    if isinstance(rows, SequenceNode):
        mark = rows.value[y].start_mark
        return mark.line + 1, mark.column + 1
    mark = rows.start_mark
    if isinstance(rows, ScalarNode) and rows.style in ("|", ">"):
        index = mark.line + 1 + y
        if index < len(lines):
            line = lines[index]
            return index + 1, len(line) - len(line.lstrip(" ")) + 1
    return mark.line + 1, mark.column + 1
