"""What every lint pass shares: the validated draft, the map as tiles, and places in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from yaml.nodes import ScalarNode, SequenceNode

from game.core.level import Place, Position, Rect, Zone
from game.levels.builders import MapDraft
from game.levels.grid import Grid
from game.levels.semantics import Checker, _related
from game.levels.validate import Context
from game.levels.yamlsafe import scalar_value


@dataclass
class Linter:
    """A checked draft with the helpers lint passes use to look at it and to report what they find."""

    draft: dict[str, object]
    ctx: Context
    lines: list[str]
    _checker: Checker | None = field(default=None, init=False)

    # -- what the level holds -------------------------------------------------------------------

    @property
    def level_map(self) -> MapDraft | None:
        """The validated map (None when the map itself had problems)."""
        level_map = self.draft.get("map")
        return level_map if isinstance(level_map, MapDraft) and level_map.floors else None

    @cached_property
    def grid(self) -> Grid | None:
        """The padded map as tiles (None without a valid map)."""
        level_map = self.level_map
        return None if level_map is None else Grid(level_map.floors, level_map.legend)

    def items(self, section: str) -> list[tuple[int, object]]:
        """(index, item) for the valid items of a top-level list."""
        return [
            (i, item) for i, item in enumerate(self.draft.get(section) or ()) if item is not None
        ]

    @cached_property
    def zones(self) -> dict[str, Zone]:
        """The valid zones by id."""
        return {zone.id: zone for _, zone in self.items("zones")}

    def raw_rows(self, floor: int) -> list[str] | None:
        """A floor's rows as written, before padding (None when they cannot be read back)."""
        node = self.ctx.nodes.get(f"map.floors[{floor}].rows")
        if isinstance(node, SequenceNode):
            rows = [item.value if isinstance(item, ScalarNode) else "" for item in node.value]
        elif isinstance(node, ScalarNode) and isinstance(scalar_value(node), str):
            rows = node.value.split("\n")
        else:
            return None
        while rows and not rows[-1]:
            rows.pop()
        return rows

    def place_tiles(self, place: Place) -> list[Position]:
        """Every walkable tile a place may put someone on (one for `at`, the zone's otherwise)."""
        grid = self.grid
        if grid is None:
            return []
        if place.at is not None:
            return [place.at] if grid.walkable(place.at) else []
        zone = self.zones.get(place.zone)
        return [] if zone is None else self.walkable_tiles(zone.areas)

    def walkable_tiles(self, areas: tuple[Rect, ...] | list[Rect]) -> list[Position]:
        """The walkable tiles of some areas that lie on the map, in a fixed order."""
        grid = self.grid
        if grid is None:
            return []
        return [
            tile
            for area in areas
            if grid.rect_inside(area)
            for tile in area.tiles()
            if grid.walkable(tile)
        ]

    def floor_name(self, floor: int) -> str:
        """A floor as `1 'Upper floor'`."""
        level_map = self.level_map
        if level_map is None or not 0 <= floor < len(level_map.floors):
            return str(floor)
        return f"{floor} {level_map.floors[floor].name!r}"

    # -- reporting ------------------------------------------------------------------------------

    @property
    def checker(self) -> Checker:
        """The cross-checker, for its places in the file."""
        if self._checker is None:
            self._checker = Checker(self.draft, self.ctx, self.lines)
        return self._checker

    def tile_place(self, position: Position) -> tuple[int, int]:
        """The line and column of a map tile in the file (its row when the column is unknown)."""
        path = f"map.floors[{position.floor}].rows"
        if path not in self.ctx.nodes:
            return 1, 1
        return self.checker.char_place(path, position.y, position.x)

    def rows_path(self, position: Position) -> str:
        """The dotted path of the map row a tile is on."""
        path = f"map.floors[{position.floor}].rows"
        listed = isinstance(self.ctx.nodes.get(path), SequenceNode)
        return f"{path}[{position.y}]" if listed else path

    def error(self, path: str, message: str) -> None:
        """Report an error at the node written for this path (unless that place has a problem)."""
        self.checker.report(path, message)

    def error_at(self, line: int, column: int, path: str, message: str) -> None:
        """Report an error at a place (unless a problem at, in or around this path exists)."""
        self.checker.report_at(line, column, path, message)

    def warn(self, path: str, message: str) -> None:
        """Report a warning at the node written for this path."""
        node = self.ctx.nodes.get(path) or self.ctx.keys.get(path)
        if node is None:
            line, column = 1, 1
        else:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.warn_at(line, column, path, message)

    def warn_at(self, line: int, column: int, path: str, message: str) -> None:
        """Report a warning at a place (unless an error at, in or around this path exists)."""
        if any(_related(problem.path, path) for problem in self.ctx.problems):
            return
        self.ctx.warn_at(line, column, path, message)

    def spawns(self) -> list[tuple[str, str, Place]]:
        """(path, who, place) for the trainee's and every officer's spawn."""
        found: list[tuple[str, str, Place]] = []
        trainee = self.draft.get("trainee")
        if trainee is not None:
            found.append(("trainee.spawn", "the trainee", trainee.spawn))
        for i, officer in self.items("officers"):
            found.append((f"officers[{i}].spawn", f"officer {officer.id!r}", officer.spawn))
        return found
