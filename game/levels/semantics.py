"""Checks across the whole level: references, ids, map symbols, positions, exits and variants."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node, ScalarNode, SequenceNode

from game.core.clock import tick_clock
from game.core.level import (
    Condition,
    Place,
    Position,
    Rect,
    VariantGroup,
    Zone,
    ZoneKind,
)
from game.levels.assets import resolve_asset
from game.levels.builders import MapDraft
from game.levels.errors import did_you_mean
from game.levels.grid import Grid
from game.levels.validate import Context

OFFICER_GOALS = ("gunfire", "trainee")
"""Officer goals that are not zone ids."""

PEOPLE = ("suspects", "civilians", "officers")


@dataclass(slots=True)
class Checker:
    """Runs the cross-checks over a validated draft, reporting at most one problem per place."""

    draft: dict[str, object]
    ctx: Context
    lines: list[str]

    def run(self) -> None:
        """Run every cross-check."""
        level_map = self.draft.get("map")
        grid = None
        if isinstance(level_map, MapDraft) and level_map.floors:
            grid = Grid(level_map.floors, level_map.legend)
            self.check_symbols(level_map)
        self.check_unique_ids()
        self.check_zone_references()
        self.check_conditions()
        self.check_times()
        self.check_scene_references()
        self.check_assets()
        if grid is not None:
            self.check_zones_on_map(grid)
            self.check_spawn_tiles(grid)
            self.check_exits(grid)

    def check_symbols(self, level_map: MapDraft) -> None:
        """Every map character is in the legend (reported at its first place on each floor)."""
        known = {entry.symbol for entry in level_map.legend}
        for index, floor in enumerate(level_map.floors):
            path = f"map.floors[{index}].rows"
            found: dict[str, list[tuple[int, int]]] = {}
            for y, row in enumerate(floor.rows):
                for x, symbol in enumerate(row):
                    if symbol not in known:
                        found.setdefault(symbol, []).append((y, x))
            for symbol, places in found.items():
                y, x = places[0]
                line, column = self.char_place(path, y, x)
                more = f" ({len(places) - 1} more on this floor)" if len(places) > 1 else ""
                hint = did_you_mean(symbol, known) if symbol.isalpha() else ""
                message = (
                    f"map symbol {symbol!r} is not in the legend{hint}; add it under map.legend"
                )
                if symbol == "\t" and "\t" not in known:
                    message = (
                        "a tab in a map row; use spaces (each character is one tile, and an "
                        "editor shows a tab as several)"
                    )
                self.report_at(
                    line, column, f"{path}[{y}]" if self._listed(path) else path, message + more
                )

    def check_assets(self) -> None:
        """Files the level names (a briefing floor plan, radio clips) exist inside its folder."""
        named = [("briefing_image", self.draft.get("briefing_image"))]
        named += [(f"timeline[{i}].radio.clip", e.clip) for i, e in self._items("timeline")]
        folder = Path(self.ctx.file).resolve().parent
        for path, name in named:
            if not name:
                continue
            try:
                target = resolve_asset(folder, name)
            except ValueError as error:
                self.report(path, str(error))
                continue
            if not target.is_file():
                self.report(path, f"no file {name!r} next to the level (in {folder.name}/)")

    def check_unique_ids(self) -> None:
        """Zone ids, people's ids, variant group ids and option ids are unique."""
        self._unique([(f"zones[{i}].id", zone.id) for i, zone in self._items("zones")], "zone id")
        people = [
            (f"{section}[{i}].id", person.id, person.when)
            for section in PEOPLE
            for i, person in self._items(section)
        ]
        self._unique_people(people)
        groups = list(self._items("variants"))
        self._unique([(f"variants[{i}].id", group.id) for i, group in groups], "variant group id")
        for i, group in groups:
            options = [
                (f"variants[{i}].options[{j}].id", o.id) for j, o in enumerate(group.options)
            ]
            self._unique(options, "option id")

    def check_zone_references(self) -> None:
        """Every zone id named anywhere exists."""
        zone_ids = self.zone_ids()
        known = set(zone_ids)
        for path, zone_id in self._zone_references():
            if zone_id not in known:
                hint = did_you_mean(zone_id, zone_ids)
                self.report(path, f"unknown zone {zone_id!r}{hint}")
        for i, officer in self._items("officers"):
            goal = officer.goal
            if goal not in OFFICER_GOALS and goal not in known:
                hint = did_you_mean(goal, (*OFFICER_GOALS, *zone_ids))
                self.report(
                    f"officers[{i}].goal",
                    f"unknown goal {goal!r}{hint}; use gunfire, trainee or a zone id",
                )

    def check_conditions(self) -> None:
        """Every `when` names an existing variant group and its options."""
        groups: dict[str, VariantGroup] = {group.id: group for _, group in self._items("variants")}
        for section in (*PEOPLE, "timeline"):
            for i, item in self._items(section):
                if item.when is not None:
                    self._check_condition(f"{section}[{i}].when", item.when, groups)

    def check_scene_references(self) -> None:
        """A radio description names an existing suspect; an armed group's challenge weights are not all 0."""
        suspect_ids = sorted({suspect.id for _, suspect in self._items("suspects")})
        for i, entry in self._items("timeline"):
            if entry.about and entry.about not in suspect_ids:
                hint = did_you_mean(entry.about, suspect_ids)
                known = f"; the suspects are: {', '.join(suspect_ids)}" if not hint else ""
                if not suspect_ids:
                    known = "; the level has no suspects"
                self.report(
                    f"timeline[{i}].radio.about", f"unknown suspect {entry.about!r}{hint}{known}"
                )
        for i, group in self._items("civilians"):
            if not group.challenge:
                self.report(f"civilians[{i}].challenge", "the weights must not all be 0")

    def check_times(self) -> None:
        """Timed things happen before the level ends."""
        duration = self.draft.get("duration", 6000)
        timed = [(f"timeline[{i}].at", entry.at) for i, entry in self._items("timeline")]
        timed += [(f"officers[{i}].arrives", o.arrives) for i, o in self._items("officers")]
        timed += [(f"suspects[{i}].first_shot", s.first_shot) for i, s in self._items("suspects")]
        timed += [
            (f"suspects[{i}].barricade_at", s.barricade_at)
            for i, s in self._items("suspects")
            if s.barricade_at
        ]
        trainee = self.draft.get("trainee")
        if trainee is not None:
            timed.append(("trainee.arrives", trainee.arrives))
        for path, ticks in timed:
            if ticks >= duration:
                self.report(
                    path,
                    f"{tick_clock(ticks)} is not before the level ends (duration {tick_clock(duration)})",
                )

    def check_zones_on_map(self, grid: Grid) -> None:
        """Zone areas lie inside the map and every zone has a walkable tile."""
        for i, zone in self._items("zones"):
            bad = False
            for j, rect in enumerate(zone.areas):
                if not grid.rect_inside(rect):
                    listed = self._has(f"zones[{i}].areas")
                    path = f"zones[{i}].areas[{j}]" if listed else f"zones[{i}].area"
                    self.report(
                        path,
                        f"area [{rect.x1}, {rect.y1}, {rect.x2}, {rect.y2}] is outside the map "
                        f"(x 0..{grid.width - 1}, y 0..{grid.height - 1})",
                    )
                    bad = True
            walk = grid.walkable_grid
            if not bad and not any(
                walk[r.floor][y][x]
                for r in zone.areas
                for y in range(r.y1, r.y2 + 1)
                for x in range(r.x1, r.x2 + 1)
            ):
                self.report(f"zones[{i}]", f"zone {zone.id!r} has no walkable tile")

    def check_spawn_tiles(self, grid: Grid) -> None:
        """Spawns given as `at` are on the map and walkable."""
        for path, place in self._places():
            at = place.at
            if at is None:
                continue
            if not grid.inside(at):
                self.report(
                    f"{path}.at",
                    f"tile [{at.x}, {at.y}] is outside the map "
                    f"(x 0..{grid.width - 1}, y 0..{grid.height - 1})",
                )
            elif not grid.walkable(at):
                kind = grid.kind(at).value
                self.report(
                    f"{path}.at",
                    f"tile [{at.x}, {at.y}] is {kind}, not walkable; "
                    "spawn on floor, ground, stairs or a door",
                )

    def check_exits(self, grid: Grid) -> None:
        """Every civilian group can reach a zone of kind exit."""
        civilians = list(self._items("civilians"))
        if not civilians:
            return
        zones = {zone.id: zone for _, zone in self._items("zones")}
        exits = [
            tile for zone in zones.values() if zone.kind is ZoneKind.EXIT for tile in _tiles(zone)
        ]
        reach = grid.reachable(exits)
        known: dict[tuple[Rect, ...], tuple[bool, bool]] = {}
        for i, group in civilians:
            place = group.spawn
            zone = zones.get(place.zone)
            if place.at is not None:
                areas = (Rect(place.at.floor, place.at.x, place.at.y, place.at.x, place.at.y),)
            else:
                areas = tuple(zone.areas) if zone is not None else ()
            if areas not in known:  # once per zone: many groups may start in one large zone
                known[areas] = _walkable_and_reaching(grid, areas, reach)
            walkable, reaching = known[areas]
            if walkable and not reaching:
                if not exits:
                    message = "civilians need a zone of kind exit; the level has none"
                else:
                    message = (
                        "no zone of kind exit can be reached from here (doors count as passable)"
                    )
                self.report(f"civilians[{i}].spawn", message)

    def zone_ids(self) -> list[str]:
        """Every zone id written in the file (even in zones with other problems)."""
        ids = []
        for i in range(len(self.draft.get("zones") or ())):
            node = self.ctx.nodes.get(f"zones[{i}].id")
            if isinstance(node, ScalarNode):
                ids.append(node.value)
        return ids

    def char_place(self, path: str, y: int, x: int) -> tuple[int, int]:
        """The 1-based line and column of a map character in the file."""
        node = self.ctx.nodes[path]
        if isinstance(node, SequenceNode):
            node = node.value[y] if y < len(node.value) else node
            if isinstance(node, ScalarNode):
                return self._inline_place(node, x)
        elif isinstance(node, ScalarNode):
            if node.style in ("|", ">"):
                line_index = node.start_mark.line + 1 + y
                raw = node.value.split("\n")[y]
                if node.style == "|" and line_index < len(self.lines):
                    line = self.lines[line_index]
                    if line.endswith(raw):
                        return line_index + 1, len(line) - len(raw) + x + 1
            elif y == 0:
                return self._inline_place(node, x)
        return node.start_mark.line + 1, node.start_mark.column + 1

    def report(self, path: str, message: str) -> None:
        """Report at the node written for this path (or its key), unless the place has a problem."""
        node = self.ctx.nodes.get(path) or self.ctx.keys.get(path) or self._nearest(path)
        mark = node.start_mark
        self.report_at(mark.line + 1, mark.column + 1, path, message)

    def report_at(self, line: int, column: int, path: str, message: str) -> None:
        """Report at a place unless a problem at this path, inside it or around it exists."""
        if any(_related(problem.path, path) for problem in self.ctx.problems):
            return
        self.ctx.report_at(line, column, path, message)

    def _inline_place(self, node: ScalarNode, x: int) -> tuple[int, int]:
        """The place of character x of a one-line scalar (exact when written without escapes)."""
        mark = node.start_mark
        offset = 0 if node.style is None else 1
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        if line[mark.column + offset :].startswith(node.value.split("\n")[0]):
            return mark.line + 1, mark.column + offset + x + 1
        return mark.line + 1, mark.column + 1

    def _check_condition(self, path: str, when: Condition, groups: dict[str, VariantGroup]) -> None:
        """Report an unknown group or option in one condition."""
        child = f"{path}.{when.group}"
        group = groups.get(when.group)
        if group is None:
            hint = did_you_mean(when.group, groups)
            known = f"; the variant groups are: {', '.join(groups)}" if groups and not hint else ""
            if not groups:
                known = "; the level has no variants"
            node = self.ctx.keys.get(child) or self.ctx.nodes[path]
            mark = node.start_mark
            self.report_at(
                mark.line + 1,
                mark.column + 1,
                child,
                f"unknown variant group {when.group!r}{hint}{known}",
            )
            return
        option_ids = [option.id for option in group.options]
        listed = isinstance(self.ctx.nodes.get(child), SequenceNode)
        for k, option in enumerate(when.options):
            if option not in option_ids:
                hint = (
                    did_you_mean(option, option_ids)
                    or f"; the options are: {', '.join(option_ids)}"
                )
                self.report(
                    f"{child}[{k}]" if listed else child,
                    f"unknown option {option!r} of variant group {group.id!r}{hint}",
                )

    def _zone_references(self) -> list[tuple[str, str]]:
        """(path, zone id) for every zone named outside the zones list."""
        refs = [(f"{path}.zone", place.zone) for path, place in self._places() if place.zone]
        for i, suspect in self._items("suspects"):
            refs += [(f"suspects[{i}].route[{j}]", zone) for j, zone in enumerate(suspect.route)]
            if suspect.barricade_zone:
                refs.append((f"suspects[{i}].barricade_zone", suspect.barricade_zone))
        trainee = self.draft.get("trainee")
        if trainee is not None and trainee.on_scene:
            refs.append(("trainee.on_scene", trainee.on_scene))
        for i, group in self._items("civilians"):
            if group.shelter_zone:
                refs.append((f"civilians[{i}].shelter_zone", group.shelter_zone))
        for i, entry in self._items("timeline"):
            if entry.zone:
                refs.append((f"timeline[{i}].{entry.kind.value}.zone", entry.zone))
        return refs

    def _places(self) -> list[tuple[str, Place]]:
        """(path, place) for every spawn."""
        places = []
        trainee = self.draft.get("trainee")
        if trainee is not None:
            places.append(("trainee.spawn", trainee.spawn))
        for section in PEOPLE:
            places += [(f"{section}[{i}].spawn", p.spawn) for i, p in self._items(section)]
        return places

    def _unique(self, items: list[tuple[str, str]], noun: str) -> None:
        """Report every repeat of an id, naming the first."""
        first: dict[str, str] = {}
        for path, value in items:
            if value in first:
                self.report(path, f"duplicate {noun} {value!r} (first used at {first[value]})")
            else:
                first[value] = path

    def _unique_people(self, people: list[tuple[str, str, Condition | None]]) -> None:
        """Report a repeated person id unless every pair sharing it can never be present together."""
        for index, (path, person_id, when) in enumerate(people):
            for first, other_id, other_when in people[:index]:
                if other_id == person_id and not _exclusive(when, other_when):
                    self.report(
                        path,
                        f"duplicate person id {person_id!r} (first used at {first}); an id may "
                        "repeat only under `when` options of one variant group that exclude each other",
                    )
                    break

    def _items(self, section: str) -> list[tuple[int, object]]:
        """(index, item) for the valid items of a top-level list."""
        return [
            (i, item) for i, item in enumerate(self.draft.get(section) or ()) if item is not None
        ]

    def _has(self, path: str) -> bool:
        """Whether the file wrote something at this path."""
        return path in self.ctx.nodes

    def _listed(self, path: str) -> bool:
        """Whether the node at this path is a list."""
        return isinstance(self.ctx.nodes.get(path), SequenceNode)

    def _nearest(self, path: str) -> Node:
        """The node of the closest enclosing path that was written."""
        while path:
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
            if path in self.ctx.nodes:
                return self.ctx.nodes[path]
        return self.ctx.nodes[""]


def check_level(draft: dict[str, object], ctx: Context, lines: list[str]) -> None:
    """Run every cross-check on a validated draft, adding problems to the context."""
    Checker(draft, ctx, lines).run()


def _tiles(zone: Zone | None) -> list[Position]:
    """Every tile of a zone (none for an unknown zone)."""
    return [] if zone is None else [tile for rect in zone.areas for tile in rect.tiles()]


def _walkable_and_reaching(
    grid: Grid, areas: tuple[Rect, ...], reach: set[tuple[int, int, int]]
) -> tuple[bool, bool]:
    """Whether some areas hold a walkable tile, and whether one of those lies in `reach`."""
    walk = grid.walkable_grid
    walkable = [
        (a.floor, x, y)
        for a in areas
        if grid.rect_inside(a)
        for y in range(a.y1, a.y2 + 1)
        for x in range(a.x1, a.x2 + 1)
        if walk[a.floor][y][x]
    ]
    return bool(walkable), any(tile in reach for tile in walkable)


def _exclusive(a: Condition | None, b: Condition | None) -> bool:
    """Whether two conditions can never hold in the same run (one group, no shared option)."""
    return (
        a is not None
        and b is not None
        and a.group == b.group
        and not set(a.options) & set(b.options)
    )


def _related(a: str, b: str) -> bool:
    """Whether one dotted path is the other or lies inside it."""
    return a == b or b.startswith((a + ".", a + "[")) or a.startswith((b + ".", b + "["))
