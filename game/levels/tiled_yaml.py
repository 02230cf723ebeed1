"""Writing a converted Tiled map as level YAML: readable rows, a legend only for what is new."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from game.core.level import DEFAULT_LEGEND, TileKind

SYMBOL_POOL = "ABEFGHIJKMNOPQRTUXYZabcdefghijkmnopqrstuvwxyz0123456789&+-;<>?@^~"
"""Symbols for tiles the default legend has no symbol for (in this order)."""
MAP_FIELDS = ("id", "title", "briefing", "duration")


@dataclass(frozen=True, slots=True)
class TileLook:
    """What one tile stands for, as a legend entry would write it."""

    kind: TileKind
    name: str = ""
    state: str = ""
    breach_seconds: float | None = None


def level_yaml(level: dict[str, object], symbols: dict[TileLook, str], source: str) -> str:
    """The level as YAML text: readable map rows, a legend for the symbols the map needs."""
    floors = level.pop("map")
    legend: dict[str, dict[str, object]] = {}
    rows_by_floor = []
    for floor_name, tiles in floors:
        rows_by_floor.append(
            (floor_name, ["".join(_symbol(look, symbols, legend) for look in row) for row in tiles])
        )
    head = {key: level.pop(key) for key in MAP_FIELDS if key in level}
    out = [
        "# yaml-language-server: $schema=../schema/level.schema.json",
        f"# Imported from the Tiled map {Path(source).name} by `python main.py import-tiled`.",
        "# Add the timeline (dispatch, prompts), variants and scoring here, then `python main.py check`.",
        *(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in head.items()),
        "map:",
    ]
    if legend:
        out.append("  legend:")
        for symbol, entry in legend.items():
            out.append(f"    {json.dumps(symbol)}: {_flow(entry)}")
    out.append("  floors:")
    for floor_name, rows in rows_by_floor:
        out.append(f"    - name: {json.dumps(floor_name)}")
        out.append("      rows: |2")
        out += [f"        {row}" for row in rows]
    out.append(_dump(level).rstrip("\n"))
    return "\n".join(out) + "\n"


def _symbol(
    look: TileLook | None, symbols: dict[TileLook, str], legend: dict[str, dict[str, object]]
) -> str:
    """The map character for a tile, from the default legend when it has one, else a new one."""
    if look is None:
        return " "
    if look in symbols:
        return symbols[look]
    default = _default_symbol(look)
    if default:
        symbols[look] = default
        return default
    used = {entry.symbol for entry in DEFAULT_LEGEND} | set(symbols.values())
    symbol = next(s for s in SYMBOL_POOL if s not in used)
    entry: dict[str, object] = {"kind": look.kind.value}
    if look.name:
        entry["name"] = look.name
    if look.state:
        entry["state"] = look.state
    if look.breach_seconds is not None:
        entry["breach_seconds"] = look.breach_seconds
    legend[symbol] = entry
    symbols[look] = symbol
    return symbol


def _default_symbol(look: TileLook) -> str:
    """The default legend's symbol for a look, when one means exactly that."""
    for entry in DEFAULT_LEGEND:
        if entry.kind is not look.kind:
            continue
        if look.name and look.name != entry.name:
            continue
        door_differs = (look.state or "closed") != entry.door_state.value
        if look.kind is TileKind.DOOR and (door_differs or look.breach_seconds is not None):
            continue
        return entry.symbol
    return ""


def _dump(data: dict[str, object]) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
    )


def _flow(entry: dict[str, object]) -> str:
    return (
        "{"
        + ", ".join(
            f"{key}: {json.dumps(value) if isinstance(value, str) else value}"
            for key, value in entry.items()
        )
        + "}"
    )
