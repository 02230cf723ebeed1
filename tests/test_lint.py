"""`check` catches the mistakes the field table cannot see, each at its place, with the hint that fixes it."""

from __future__ import annotations

import io
import json
from pathlib import Path

from scene_text import problems as lint
from scene_text import swap

from game.levels.errors import Problem
from game.sessions.checking import check_command, check_files

TESTS = Path(__file__).parent
LEVELS = TESTS.parent / "levels"
BASE = (TESTS / "fixtures" / "two_storey.yaml").read_text(encoding="utf-8")


def where(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


def test_the_clean_two_storey_level_has_no_errors_and_no_warnings() -> None:
    assert lint(BASE) == ([], [])


def test_every_shipped_level_checks_without_errors_or_warnings() -> None:
    report = check_files([str(LEVELS)])
    assert report.levels >= 9
    assert [str(p) for p in report.problems] == []


def test_a_row_one_character_short_mid_floor_is_a_warning_at_the_end_of_the_row() -> None:
    errors, warnings = lint(swap(BASE, ",#SS....C.....#,", ",#SS....C....#,"))
    assert errors == []
    [warning] = warnings
    assert warning.is_warning
    assert where(warning) == (14, 9 + 15)
    assert "map row 3 is 1 character shorter" in warning.message
    assert "make the row 16 characters long" in warning.message
    assert str(warning).startswith("level.yaml:14:24: warning: map.floors[0].rows: ")


def test_a_row_two_characters_long_on_the_upper_floor_is_a_warning_at_the_first_extra() -> None:
    errors, warnings = lint(swap(BASE, "#SS.....D....#\n", "#SS.....D....#..\n"))
    assert errors == []
    [warning] = warnings
    assert where(warning) == (23, 9 + 15)
    assert "2 characters longer" in warning.message


def test_a_short_shape_on_purpose_at_the_edge_of_a_floor_is_not_reported() -> None:
    # The top row of an L-shaped building is much shorter than the rest: a shape, not a slip.
    assert (
        lint(swap(BASE, "        ,,,,,,,,,,,,,,,,\n        ,####", "        ,,,,,\n        ,####"))[
            1
        ]
        == []
    )


def test_a_door_in_open_floor_is_an_error_at_the_door() -> None:
    errors, _ = lint(swap(BASE, ",#............#,", ",#....D.......#,"))
    [error] = errors
    assert where(error) == (15, 9 + 6)
    assert "the door at [6, 4] stands in open floor" in error.message
    assert "wall left and right, or above and below" in error.message


def test_doors_side_by_side_in_a_wall_are_fine() -> None:
    assert lint(swap(BASE, ",######/#######,", ",######//######,")) == ([], [])


def test_stairs_with_no_stairs_on_the_next_floor_are_errors_on_both_floors() -> None:
    text = swap(BASE, "#SS.....#....#\n         #SS.....D", "#.SS....#....#\n         #.SS....D")
    errors, _ = lint(text)
    messages = [(where(e), e.message) for e in errors]
    assert len(errors) == 2
    (ground_place, ground), (upper_place, upper) = sorted(messages)
    assert ground_place == (13, 9 + 2)
    assert "stairs at [2, 2] on floor 0 'Ground floor' (and 1 more stair tiles" in ground
    assert "floor 1 'Upper floor' has floor there" in ground
    assert upper_place == (22, 9 + 4)
    assert "stairs at [4, 2] on floor 1 'Upper floor'" in upper
    assert "draw S there too" in upper


def test_stairs_on_a_single_floor_map_are_a_stairwell_and_not_reported() -> None:
    upper = BASE.index("    - name: Upper floor")
    text = BASE[:upper] + BASE[BASE.index("zones:") :]
    text = text.replace("floor: Upper floor, area: [2, 2, 8, 4]", "area: [2, 2, 8, 4]")
    text = text.replace("floor: 1, area: [10, 2, 13, 4]", "area: [9, 2, 13, 4]")
    errors, warnings = lint(text)
    assert not any("stairs" in p.message for p in errors + warnings)


def test_a_zone_drawn_mostly_over_walls_is_an_error_at_its_area() -> None:
    errors, _ = lint(swap(BASE, "area: [2, 2, 13, 4]", "area: [1, 5, 14, 5]"))
    [error] = errors
    assert error.path == "zones[1].area"
    assert "zone 'hall': 93% of the area [1, 5, 14, 5] is wall or nothing" in error.message
    assert "x is the column and y the row" in error.message


def test_a_zone_drawn_around_a_room_with_its_walls_is_fine() -> None:
    assert lint(swap(BASE, "area: [10, 2, 13, 4]", "area: [9, 1, 14, 5]")) == ([], [])


def test_a_trainee_sealed_in_a_room_is_an_error_at_the_spawn() -> None:
    text = swap(BASE, "#SS.....D....#", "#SS.....#....#")
    text = swap(text, "spawn: {zone: lot}\nsuspects", "spawn: {at: [11, 3], floor: 1}\nsuspects")
    text = swap(
        text,
        "spawn: {zone: room_201}\n    description",
        "spawn: {zone: upper_hall}\n    description",
    )
    errors, _ = lint(text)
    sealed = [e for e in errors if e.path == "trainee.spawn"]
    [error] = sealed
    assert (
        "the trainee is sealed in: the 12 tiles reachable from [11, 3] on floor 1" in error.message
    )
    assert "hold no exit and no suspect" in error.message
    assert "add a door (D)" in error.message


def test_a_building_without_a_way_in_keeps_the_trainee_and_officers_from_the_suspect() -> None:
    errors, _ = lint(swap(BASE, ",######/#######,", ",##############,"))
    messages = {e.path: e.message for e in errors}
    assert "the trainee cannot reach suspect 'suspect'" in messages["suspects[0].spawn"]
    assert "officer 'unit_2' cannot reach its goal" in messages["officers[0].spawn"]
    assert "no suspect (its goal is the gunfire)" in messages["officers[0].spawn"]


def test_a_spawn_zone_partly_sealed_off_is_a_warning() -> None:
    text = swap(BASE, "spawn: {zone: lot}\nsuspects", "spawn: {zone: hall}\nsuspects")
    text = swap(text, ",#SS..........#,", ",#SS.....#..#.#,")
    text = swap(text, ",#SS....C.....#,", ",#SS....C.##..#,")
    errors, warnings = lint(text)
    assert errors == []
    [warning] = warnings
    assert warning.path == "trainee.spawn"
    assert (
        "2 of the 31 tiles the trainee may start on are sealed off (around [10, 2]"
        in warning.message
    )


def test_a_tab_in_a_map_row_says_use_spaces_at_the_tab() -> None:
    errors, _ = lint(swap(BASE, ",#SS....C.....#,", ",#SS.\t..C.....#,"))
    [error] = errors
    assert where(error) == (14, 9 + 5)
    assert "a tab in a map row; use spaces" in error.message
    assert "legend" not in error.message


def test_many_mistakes_are_reported_at_once() -> None:
    text = swap(BASE, ",#SS....C.....#,", ",#SS....C....#,")
    text = swap(text, ",#............#,", ",#....D.......#,")
    text = swap(text, "area: [2, 2, 13, 4]", "area: [1, 5, 14, 5]")
    errors, warnings = lint(text)
    assert len(errors) == 2 and len(warnings) == 1


# -- the check command ------------------------------------------------------------------------------


def run_check(paths: list[str], strict: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = check_command(paths, strict=strict, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_check_passes_with_warnings_and_strict_makes_them_errors(tmp_path: Path) -> None:
    level = tmp_path / "ragged.yaml"
    level.write_text(swap(BASE, ",#SS....C.....#,", ",#SS....C....#,"), encoding="utf-8")
    status, out, err = run_check([str(level)])
    assert status == 0
    assert f"{level}:14:24: warning: map.floors[0].rows: map row 3" in err
    assert "1 level checked: no errors, 1 warning" in out
    status, out, err = run_check([str(level)], strict=True)
    assert status == 2
    assert f"{level}:14:24: map.floors[0].rows: map row 3" in err
    assert "1 problem found." in err


def test_check_given_a_script_says_it_is_a_script_and_what_to_run(tmp_path: Path) -> None:
    (tmp_path / "level.yaml").write_text(BASE, encoding="utf-8")
    script = tmp_path / "good.yaml"
    script.write_text(
        "level: level.yaml\ncommands:\n"
        '  - {at: "1:00", do: advance_to_gunfire}\n'
        '  - {at: "0:30", do: draw_weapon}\n'
        "expect: {rating: {min: S}}\n",
        encoding="utf-8",
    )
    status, _, err = run_check([str(script)])
    assert status == 2
    assert f"{script}:1:1: (file): this is a script" in err
    assert f"python main.py run --script {script} --check-only" in err
    assert (
        f"{script}:4:5: warning: commands[1]: this command at 0:30 is written after one at 1:00 (line 3)"
        in err
    )
    assert "level" not in err.split("\n")[0].split("not a level")[1].split(";")[0]


def test_check_says_what_it_was_given_when_it_is_not_a_level(tmp_path: Path) -> None:
    tiled = tmp_path / "school.tmj"
    tiled.write_text(json.dumps({"tiledversion": "1.10", "layers": [], "tilewidth": 32}))
    picture = tmp_path / "map.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    notes = tmp_path / "notes.yaml"
    notes.write_text("owner: me\ntodo: [walls]\n", encoding="utf-8")
    status, _, err = run_check([str(tiled), str(picture), str(notes)])
    assert status == 2
    assert (
        f"{tiled}:1:1: (file): this is a Tiled map, not a level; turn it into a level with `python main.py import-tiled {tiled} -o school.yaml`"
        in err
    )
    assert f"{picture}:1:1: (file): this is a PNG picture, not a level" in err
    assert (
        f"{notes}:1:1: (file): this is a YAML mapping of 2 keys, with none of a level's briefing, map, trainee, zones, not a level"
        in err
    )
    assert "3 problems found." in err


def test_a_folder_check_skips_scripts_silently(tmp_path: Path) -> None:
    (tmp_path / "level.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "s.yaml").write_text("level: level.yaml\ncommands: []\n", encoding="utf-8")
    status, out, _ = run_check([str(tmp_path)])
    assert status == 0 and "1 level checked: all good." in out
