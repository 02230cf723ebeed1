"""`import-tiled`: a Tiled map becomes a level that `check` passes and that plays; bad maps are placed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.levels.errors import LevelError
from game.levels.loader import load_level
from game.levels.tiled import tiled_to_level_text
from game.sessions.runner import run_level
from main import main

SAMPLE = Path(__file__).parent / "fixtures" / "tiled" / "school.tmj"


def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def write_map(tmp_path: Path, data: dict, name: str = "map.tmj") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def objects(data: dict) -> list[dict]:
    return data["layers"][1]["objects"]


def test_the_sample_map_imports_into_a_level_that_checks_clean_and_plays(tmp_path, capsys):
    out = tmp_path / "school.yaml"
    assert main(["import-tiled", str(SAMPLE), "-o", str(out)]) == 0
    assert "is a valid level" in capsys.readouterr().out
    warnings = []
    level = load_level(out, warnings)
    assert warnings == []
    assert level.id == "tiled_school" and level.title == "Imported: a small school"
    assert [f.name for f in level.floors] == ["Ground floor"]
    assert {z.id for z in level.zones} == {"lot", "hall", "room_101", "room_102", "north_walk"}
    assert level.suspects[0].route == ("hall", "room_101")
    assert level.civilians[0].count == 6 and level.officers[0].id == "unit_2"
    door = level.legend_entry(level.floors[0].rows[4][5])
    assert (door.kind.value, door.door_state.value, door.name) == (
        "door",
        "locked",
        "Room 101 door",
    )
    result = run_level(level, seed=1, until=600)
    assert result.events and result.ticks == 600
    assert main(["check", str(out)]) == 0


def test_an_existing_level_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "school.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    assert main(["import-tiled", str(SAMPLE), "-o", str(out)]) == 2
    assert "exists" in capsys.readouterr().err and out.read_text() == "keep me\n"
    assert main(["import-tiled", str(SAMPLE), "-o", str(out), "--force"]) == 0


def test_a_map_that_is_not_json_is_reported_at_the_place_of_the_mistake(tmp_path, capsys):
    broken = tmp_path / "broken.tmj"
    broken.write_text('{\n  "width": 16,\n  "height": 10,,\n}\n', encoding="utf-8")
    out = tmp_path / "x.yaml"
    assert main(["import-tiled", str(broken), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:3:16: (file): the map is not valid JSON" in err
    assert not out.exists()


def test_a_tile_without_a_kind_a_zone_without_a_kind_and_a_wrong_class_are_all_reported(tmp_path):
    data = sample()
    data["tilesets"][0]["tiles"][2]["properties"] = []
    zone = objects(data)[1]
    zone["properties"] = [p for p in zone["properties"] if p["name"] != "kind"]
    objects(data)[6]["type"] = "suspekt"
    path = write_map(tmp_path, data)
    with pytest.raises(LevelError) as caught:
        tiled_to_level_text(path)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 3
    text = path.read_text(encoding="utf-8")
    for problem in caught.value.problems:
        assert problem.line > 1 and problem.column >= 1
        assert text.splitlines()[problem.line - 1][problem.column - 1 :].startswith('"')
    joined = "\n".join(messages)
    assert "uses tile 2 of tileset 'school', which has no `kind` property" in joined
    assert "zone 'Main hall' needs a kind property" in joined
    assert "has class 'suspekt'; did you mean 'suspect'?" in joined


def test_a_map_without_a_trainee_says_how_to_add_one(tmp_path):
    data = sample()
    data["layers"][1]["objects"] = [o for o in objects(data) if o["type"] != "trainee"]
    with pytest.raises(LevelError, match="add a point object of class trainee"):
        tiled_to_level_text(write_map(tmp_path, data))


def test_an_unknown_tile_kind_has_a_hint(tmp_path):
    data = sample()
    data["tilesets"][0]["tiles"][1]["properties"][0]["value"] = "wal"
    with pytest.raises(LevelError, match="kind 'wal' is not a tile kind; did you mean 'wall'"):
        tiled_to_level_text(write_map(tmp_path, data))


def test_a_tmx_map_imports_too(tmp_path):
    tmx = tmp_path / "tiny.tmx"
    tmx.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" renderorder="right-down" width="5" height="4" tilewidth="16" tileheight="16" infinite="0" nextlayerid="3" nextobjectid="4">
 <tileset firstgid="1" name="t" tilewidth="16" tileheight="16" tilecount="3" columns="3">
  <image source="t.png" width="48" height="16"/>
  <tile id="0"><properties><property name="kind" value="ground"/></properties></tile>
  <tile id="1"><properties><property name="kind" value="wall"/></properties></tile>
  <tile id="2"><properties><property name="kind" value="floor"/></properties></tile>
 </tileset>
 <layer id="1" name="Ground" width="5" height="4">
  <data encoding="csv">
1,1,1,1,1,
2,3,3,3,2,
2,3,3,3,2,
1,1,1,1,1
</data>
 </layer>
 <objectgroup id="2" name="Objects">
  <object id="1" name="Way out" type="zone" x="0" y="0" width="80" height="16"><properties><property name="kind" value="exit"/></properties></object>
  <object id="2" name="Hall" type="zone" x="16" y="16" width="48" height="32"><properties><property name="kind" value="corridor"/></properties></object>
  <object id="3" type="trainee" x="8" y="8"><point/></object>
 </objectgroup>
</map>
""",
        encoding="utf-8",
    )
    text = tiled_to_level_text(tmx)
    assert ",,,,," in text and "kind: exit" in text and "at: [0, 0]" in text
