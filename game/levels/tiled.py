"""Tiled maps as levels: a `.tmj` or `.tmx` map drawn in the Tiled editor becomes a level's YAML text.

The conventions (see levels/README.md, "Maps from Tiled"):

* every **tile layer** is a floor, lowest first, named as the layer; an empty cell is void;
* every tile of the tilesets has a custom property **`kind`** (floor, ground, wall, partition, door,
  window, cover, concealment, stairs, void) and may have `name`, and for doors `state` and
  `breach_seconds`;
* **object layers** hold zones, spawns and doors, each object's *class* (type) saying which: `zone`
  (a rectangle; properties `kind`, optional `id`; its name is the radio name), `trainee`, `suspect`,
  `civilians`, `officer` (a point or rectangle; the name is the person's id, other properties become
  the person's fields), and `door` (on a tile; properties `state`, `breach_seconds`); an object layer's
  floor is its `floor` property, else the tile layer just before it.

Every problem is reported at once with its place in the map file.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from game.core.level import DoorState, TileKind, ZoneKind
from game.levels.errors import FILE_PATH, LevelError, Problem, did_you_mean
from game.levels.tiled_yaml import TileLook, level_yaml

MAX_MAP_BYTES = 20 * 1024 * 1024
"""Tiled maps larger than this are refused before parsing."""
GID_MASK = 0x1FFFFFFF
"""Tiled keeps flip flags in the top bits of a tile's gid."""
PEOPLE_CLASSES = {
    "trainee": "trainee",
    "suspect": "suspects",
    "civilians": "civilians",
    "officer": "officers",
}
CLASSES = ("zone", "door", *PEOPLE_CLASSES)
DESCRIPTION_PARTS = ("sex", "build", "clothing")


@dataclass
class Conversion:
    """The level being built from a map, and the problems found on the way."""

    source: str
    text: str
    problems: list[Problem] = field(default_factory=list)
    symbols: dict[TileLook, str] = field(default_factory=dict)

    def report(self, anchor: str, message: str, near: str = "") -> None:
        """Record a problem at the first place `anchor` appears in the file (after `near`, if given)."""
        line, column = _find(self.text, anchor, near)
        self.problems.append(Problem(self.source, line, column, FILE_PATH, message))


def tiled_to_level_text(path: str | Path) -> str:
    """The level YAML for a Tiled map; raises LevelError (with places in the map file) when it cannot."""
    import pytiled_parser

    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_MAP_BYTES:
            raise LevelError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        FILE_PATH,
                        f"the map is {size:,} bytes; maps are limited to {MAX_MAP_BYTES:,}",
                    )
                ]
            )
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise LevelError(
            [Problem(name, 1, 1, FILE_PATH, f"cannot read the map: {error.strerror or error}")]
        ) from None
    except UnicodeDecodeError:
        raise LevelError(
            [
                Problem(
                    name,
                    1,
                    1,
                    FILE_PATH,
                    "the map is not UTF-8 text; save it from Tiled as .tmj (JSON) or .tmx (XML)",
                )
            ]
        ) from None
    if name.lower().endswith((".tmj", ".json")):
        try:
            json.loads(text)
        except ValueError as error:
            line, column = getattr(error, "lineno", 1), getattr(error, "colno", 1)
            raise LevelError(
                [
                    Problem(
                        name,
                        line,
                        column,
                        FILE_PATH,
                        f"the map is not valid JSON: {getattr(error, 'msg', error)}",
                    )
                ]
            ) from None
    try:
        tiled = pytiled_parser.parse_map(Path(path))
    except (
        Exception
    ) as error:  # the parser raises many kinds (KeyError, TypeError, ...) for bad maps
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        raise LevelError(
            [
                Problem(
                    name,
                    1,
                    1,
                    FILE_PATH,
                    f"Tiled cannot read this map ({detail}); open and save it in Tiled again",
                )
            ]
        ) from None
    conversion = Conversion(name, text)
    level = _convert(tiled, conversion, Path(name).stem)
    if conversion.problems:
        raise LevelError(conversion.problems)
    return level_yaml(level, conversion.symbols, name)


def _convert(tiled, c: Conversion, stem: str) -> dict[str, object]:
    """The level as plain data from a parsed map."""
    from pytiled_parser import LayerGroup, ObjectLayer, TileLayer

    if tiled.infinite:
        c.report(
            '"infinite"', "infinite maps are not supported: untick Infinite in the map's properties"
        )
        return {}
    if tiled.orientation != "orthogonal":
        c.report(
            "orientation", f"the map is {tiled.orientation}; levels are orthogonal (square tiles)"
        )
        return {}
    looks = _tile_looks(tiled, c)
    layers = _flatten(tiled.layers, LayerGroup)
    floors: list[tuple[str, list[list[TileLook | None]]]] = []
    object_layers = []
    for layer in layers:
        if isinstance(layer, TileLayer):
            floors.append((layer.name, _floor_tiles(layer, looks, tiled, c)))
        elif isinstance(layer, ObjectLayer):
            object_layers.append((len(floors) - 1, layer))
    if not floors:
        c.report(
            '"layers"', "the map has no tile layer: each tile layer is one floor of the building"
        )
        return {}
    names = [name for name, _ in floors]
    meta = tiled.properties or {}
    level: dict[str, object] = {
        "id": _ident(str(meta.get("id", stem))) or "imported_level",
        "title": str(meta.get("title", stem.replace("_", " ").title())),
        "briefing": str(
            meta.get("briefing", f"Imported from the Tiled map {stem}; write the briefing here.")
        ),
    }
    if "duration" in meta:
        level["duration"] = str(meta["duration"])
    zones: list[dict[str, object]] = []
    people: dict[str, list[dict[str, object]]] = {
        section: [] for section in PEOPLE_CLASSES.values()
    }
    tile_w, tile_h = tiled.tile_size.width, tiled.tile_size.height
    for before, layer in object_layers:
        floor = _layer_floor(layer, max(before, 0), names, c)
        for obj in layer.tiled_objects:
            _object(obj, floor, names, tile_w, tile_h, floors, zones, people, c)
    trainees = people.pop("trainee")
    if not trainees:
        c.report(
            '"objects"',
            "the map has no trainee: add a point object of class trainee where they start",
        )
    elif len(trainees) > 1:
        c.report('"trainee"', "the map has more than one trainee object; keep one")
    level["map"] = floors
    level["zones"] = zones
    if trainees:
        trainee = dict(trainees[0])
        trainee.pop("id", None)
        level["trainee"] = trainee
    for section, items in people.items():
        if items:
            level[section] = items
    return level


def _tile_looks(tiled, c: Conversion) -> dict[int, TileLook]:
    """Every tile gid with the `kind` property, as a TileLook."""
    looks: dict[int, TileLook] = {}
    kinds = [kind.value for kind in TileKind]
    for firstgid, tileset in sorted(tiled.tilesets.items()):
        for local_id, tile in sorted((tileset.tiles or {}).items()):
            props = tile.properties or {}
            near = f'"{tileset.name}"'
            kind = props.get("kind")
            if kind is None:
                continue
            if kind not in kinds:
                hint = did_you_mean(str(kind), kinds) or f"; one of: {', '.join(kinds)}"
                c.report(
                    f'"{kind}"',
                    f"tile {local_id} of tileset {tileset.name!r}: kind {kind!r} is not a tile kind{hint}",
                    near,
                )
                continue
            state = str(props.get("state", ""))
            if state and state not in [s.value for s in DoorState]:
                c.report(
                    f'"{state}"',
                    f"tile {local_id} of tileset {tileset.name!r}: state {state!r} is not open, closed or locked",
                    near,
                )
                state = ""
            breach = props.get("breach_seconds")
            looks[firstgid + local_id] = TileLook(
                TileKind(kind),
                str(props.get("name", "")),
                state,
                float(breach) if breach is not None else None,
            )
    return looks


def _floor_tiles(
    layer, looks: dict[int, TileLook], tiled, c: Conversion
) -> list[list[TileLook | None]]:
    """A tile layer's cells as looks (None for empty cells); unknown tiles are reported once each."""
    width, height = tiled.map_size.width, tiled.map_size.height
    data = layer.data or []
    missing: set[int] = set()
    grid: list[list[TileLook | None]] = []
    for y in range(height):
        row = data[y] if y < len(data) else []
        cells: list[TileLook | None] = []
        for x in range(width):
            gid = (row[x] if x < len(row) else 0) & GID_MASK
            if gid == 0:
                cells.append(None)
            elif gid in looks:
                cells.append(looks[gid])
            else:
                missing.add(gid)
                cells.append(None)
        grid.append(cells)
    for gid in sorted(missing):
        tileset, local = _tileset_of(tiled, gid)
        c.report(
            f'"{layer.name}"',
            f"layer {layer.name!r} uses tile {local} of tileset {tileset!r}, which has no `kind` "
            "property; in Tiled's tileset editor give the tile a custom property kind (floor, "
            "wall, door, ...)",
        )
    return grid


def _object(obj, floor, names, tile_w, tile_h, floors, zones, people, c: Conversion) -> None:
    """One object of an object layer: a zone, a door or a person's start."""
    from pytiled_parser.tiled_object import Point, Rectangle

    cls = (obj.class_ or "").strip().lower()
    anchor, props = f'"id": {obj.id}', dict(obj.properties or {})
    floor = _prop_floor(props.pop("floor", None), floor, names, c, anchor)
    if cls not in CLASSES:
        hint = did_you_mean(cls, CLASSES) or f"; one of: {', '.join(CLASSES)}"
        c.report(
            anchor, f"object {obj.id} ({obj.name or 'no name'}) has class {cls or '(none)'!r}{hint}"
        )
        return
    x1 = math.floor(obj.coordinates.x / tile_w)
    y1 = math.floor(obj.coordinates.y / tile_h)
    rect = (
        isinstance(obj, Rectangle)
        and not isinstance(obj, Point)
        and obj.size.width > 0
        and obj.size.height > 0
    )
    x2 = math.ceil((obj.coordinates.x + obj.size.width) / tile_w) - 1 if rect else x1
    y2 = math.ceil((obj.coordinates.y + obj.size.height) / tile_h) - 1 if rect else y1
    height, width = len(floors[0][1]), len(floors[0][1][0]) if floors[0][1] else 0
    if not (0 <= x1 <= x2 < width and 0 <= y1 <= y2 < height):
        c.report(anchor, f"object {obj.id} ({obj.name or cls}) lies outside the map")
        return
    if cls == "zone":
        if not rect:
            c.report(anchor, f"zone {obj.name or obj.id!r} is a point; draw zones as rectangles")
            return
        kind = props.pop("kind", None)
        kinds = [k.value for k in ZoneKind]
        if kind not in kinds:
            hint = did_you_mean(str(kind), kinds) if kind else ""
            c.report(
                anchor,
                f"zone {obj.name or obj.id!r} needs a kind property, one of {', '.join(kinds)}{hint}",
            )
            return
        zone: dict[str, object] = {
            "id": _ident(str(props.pop("id", obj.name))) or f"zone_{obj.id}",
            "name": obj.name or str(props.get("id", f"Zone {obj.id}")),
            "kind": kind,
        }
        if floor:
            zone["floor"] = names[floor]
        zone["area"] = [x1, y1, x2, y2]
        zones.append(zone)
        return
    if cls == "door":
        tiles = floors[floor][1]
        here = tiles[y1][x1]
        state = str(props.get("state", "closed"))
        if state not in [s.value for s in DoorState]:
            c.report(anchor, f"door {obj.id}: state {state!r} is not open, closed or locked")
            return
        breach = props.get("breach_seconds")
        tiles[y1][x1] = TileLook(
            TileKind.DOOR,
            obj.name or (here.name if here else ""),
            state,
            float(breach) if breach is not None else None,
        )
        return
    person = _person(cls, obj, props, floor, names, x1, y1)
    people[PEOPLE_CLASSES[cls]].append(person)


def _person(
    cls: str, obj, props: dict, floor: int, names: list[str], x: int, y: int
) -> dict[str, object]:
    """A person's fields from an object: its name as id, its start, and its other properties."""
    person: dict[str, object] = {}
    if cls != "trainee":
        person["id"] = _ident(obj.name or "") or f"{cls}_{obj.id}"
    zone = props.pop("zone", None)
    if zone:
        person["spawn"] = {"zone": str(zone)}
    else:
        spawn: dict[str, object] = {"at": [x, y]}
        if floor:
            spawn["floor"] = names[floor]
        person["spawn"] = spawn
    description = {part: str(props.pop(part)) for part in DESCRIPTION_PARTS if part in props}
    if "description" in props:
        description["text"] = str(props.pop("description"))
    if description:
        person["description"] = description
    if "route" in props:
        person["route"] = [
            part.strip() for part in str(props.pop("route")).split(",") if part.strip()
        ]
    for key, value in sorted(props.items()):
        person[key] = value if isinstance(value, bool | int | float) else str(value)
    return person


def _flatten(layers, group_type) -> list:
    found = []
    for layer in layers:
        if isinstance(layer, group_type):
            found += _flatten(layer.layers or [], group_type)
        else:
            found.append(layer)
    return found


def _layer_floor(layer, default: int, names: list[str], c: Conversion) -> int:
    return _prop_floor((layer.properties or {}).get("floor"), default, names, c, f'"{layer.name}"')


def _prop_floor(value, default: int, names: list[str], c: Conversion, anchor: str) -> int:
    """A floor from a `floor` property (a layer name or an index), or the default."""
    if value is None or value == "":
        return default
    if isinstance(value, int) and 0 <= value < len(names):
        return value
    if str(value) in names:
        return names.index(str(value))
    c.report(
        anchor, f"no floor {value!r}: the floors are the tile layers {', '.join(map(repr, names))}"
    )
    return default


def _tileset_of(tiled, gid: int) -> tuple[str, int]:
    first = max((f for f in tiled.tilesets if f <= gid), default=1)
    return tiled.tilesets[first].name if first in tiled.tilesets else "?", gid - first


def _ident(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", text.strip().lower()).strip("_")


def _find(text: str, anchor: str, near: str = "") -> tuple[int, int]:
    """The 1-based line and column of `anchor` in the text (after `near`), else 1:1."""
    start = text.find(near) if near else 0
    index = text.find(anchor, max(start, 0))
    if index < 0 and anchor.startswith('"id": '):
        match = re.search(r'\bid="' + re.escape(anchor.split(": ")[1]) + '"', text)
        index = match.start() if match else -1
    if index < 0:
        index = text.find(anchor.strip('"'))
    if index < 0:
        return 1, 1
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
