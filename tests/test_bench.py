"""The benchmark's tools: fingerprints that prove a speed-up changed nothing, and its generated levels."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from game.core.layouts import connected_parts
from game.core.level import Position
from game.core.pathfinding import DistanceFrom, cell_distance_field
from game.core.world import World
from game.levels import parse_level
from game.scoring.terrain import _LevelMap
from game.sessions.bench_hashes import compare, fingerprint_lines
from game.sessions.bench_levels import generated_campus_yaml, generated_level_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
GOOD = FIXTURES / "good.yaml"


def test_fingerprints_name_each_run_and_repeat_exactly():
    first = fingerprint_lines([GOOD], [1, 2], workers=1)
    again = fingerprint_lines([GOOD], [1, 2], workers=2)
    assert first == again and len(first) == 2
    assert [line.split()[:2] for line in first] == [["sessions/good", "1"], ["sessions/good", "2"]]
    assert compare(first, again) == []


def test_a_changed_run_shows_in_the_comparison():
    lines = fingerprint_lines([GOOD], [1, 2], workers=1)
    changed = [lines[0], lines[1].replace(lines[1].split()[2], "0" * 16)]
    assert compare(lines, changed) == [f"- {lines[1]}\n+ {changed[1]}"]
    assert compare(lines, lines[:1]) == ["2 runs before, 1 after"]


def test_the_generated_campus_is_a_valid_level_of_the_asked_size_and_crowd():
    level = parse_level(generated_campus_yaml().encode(), "campus.yaml")
    rows = level.floors[0].rows
    assert (len(rows[0]), len(rows)) == (300, 200)
    assert sum(group.count for group in level.civilians) == 600
    world = World(level, seed=1)
    for _ in range(80):
        world.step()
    assert any(type(e).__name__ == "ShotFired" for e in world.log)


def test_resumed_path_searches_give_the_full_fields_costs():
    level = parse_level(generated_level_yaml(30, 5).encode(), "gen.yaml")
    terrain = _LevelMap(level)
    building = terrain.building
    walk = [c for c, ok in enumerate(connected_parts(building)) if ok >= 0]
    origin = walk[len(walk) // 2]
    full = cell_distance_field(building, [building.position_of(origin)])
    search = DistanceFrom(building, origin)
    for cell in reversed(walk):  # far cells first, then near ones from what is already searched
        assert search.cost_to(cell) == full.get(cell)
    for a, b in zip(walk[::7], walk[3::11], strict=False):
        pa, pb = building.position_of(a), building.position_of(b)
        expected = cell_distance_field(building, [pb]).get(a)
        assert terrain.path_cost(pa, pb) == expected == terrain.path_cost(pb, pa)


def test_a_tile_in_another_part_of_the_map_has_no_path_cost():
    level = parse_level(generated_level_yaml(30, 5).encode(), "gen.yaml")
    walled = replace(level, floors=(replace(level.floors[0], rows=_walled(level.floors[0].rows)),))
    terrain = _LevelMap(walled)
    west, east = Position(0, 2, 4), Position(0, 27, 4)
    assert terrain.path_cost(west, east) is None
    assert terrain.path_cost(west, Position(0, 12, 4)) == 100


def _walled(rows: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(row[:15] + "#" + row[16:] for row in rows)
