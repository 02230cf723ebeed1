"""The level loader: valid levels become the right dataclasses; broken ones give exact problems."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate

from game.core.level import (
    TICK_RATE,
    Condition,
    DoorState,
    Dress,
    OffDutyProtocol,
    Place,
    Position,
    Rect,
    TileKind,
    TimelineKind,
    Weapon,
    ZoneKind,
)
from game.levels import LevelError, Problem, check_paths, load_level, parse_level, resolve_asset
from game.levels.yamlsafe import MAX_BYTES

TESTS = Path(__file__).parent
BROKEN = TESTS / "broken_levels"
MINIMAL = TESTS / "fixtures" / "minimal_level.yaml"
GUIDE = TESTS.parent / "levels" / "README.md"


def problems_of(text: str | bytes, name: str = "level.yaml") -> list[str]:
    """The formatted problems of a level text (failing the test if it loads)."""
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(LevelError) as caught:
        parse_level(data, name)
    return [str(problem) for problem in caught.value.problems]


def minimal_text() -> str:
    """The minimal valid level's text."""
    return MINIMAL.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(BROKEN.glob("*.yaml")), ids=lambda path: path.stem)
def test_each_broken_level_reports_exactly_the_expected_problems(case: Path) -> None:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert problems_of(case.read_bytes(), case.name) == expected


def test_every_broken_level_has_an_expected_file_and_the_reverse() -> None:
    levels = {path.stem for path in BROKEN.glob("*.yaml")}
    expected = {path.stem for path in BROKEN.glob("*.expected")}
    assert levels == expected


def test_the_combined_broken_level_reports_three_problems_at_once() -> None:
    assert len(problems_of((BROKEN / "combined.yaml").read_bytes())) == 3


def test_the_minimal_level_loads_with_its_identity_and_hash() -> None:
    level = load_level(str(MINIMAL))
    assert level.id == "minimal"
    assert level.title == "Minimal: one corridor"
    assert level.briefing.startswith("Shots fired")
    assert level.source_path == str(MINIMAL)
    assert re.fullmatch(r"[0-9a-f]{64}", level.content_hash)
    assert level.duration == 15 * 60 * TICK_RATE
    assert level.case_note is not None and level.case_note.sources == ("S18",)


def test_the_minimal_level_pads_all_floors_to_one_size_with_void() -> None:
    level = load_level(MINIMAL)
    widths = {len(row) for floor in level.floors for row in floor.rows}
    assert widths == {12}
    assert [len(floor.rows) for floor in level.floors] == [6, 6]
    assert level.floors[1].rows[1] == "#...#       "
    assert level.floors[1].rows[5] == " " * 12


def test_the_minimal_level_merges_its_legend_over_the_default_one() -> None:
    level = load_level(MINIMAL)
    door = level.legend_entry("K")
    assert (door.kind, door.door_state, door.breach_ticks) == (
        TileKind.DOOR,
        DoorState.LOCKED,
        8 * TICK_RATE,
    )
    assert level.legend_entry("#").kind is TileKind.WALL


def test_the_minimal_level_builds_zones_with_their_floors_and_areas() -> None:
    level = load_level(MINIMAL)
    assert level.zone("parking").kind is ZoneKind.EXIT
    assert level.zone("room_104").areas == (Rect(0, 4, 4, 6, 4),)


def test_the_minimal_level_builds_people_with_converted_values() -> None:
    level = load_level(MINIMAL)
    trainee = level.trainee
    assert trainee.spawn == Place(zone="parking")
    assert (trainee.raid_jacket, trainee.arrives, trainee.weapon) == (True, 100, Weapon.HANDGUN)
    (suspect,) = level.suspects
    assert suspect.spawn == Place(at=Position(0, 8, 3))
    assert (suspect.first_shot, suspect.fire_interval, suspect.accuracy) == (200, 25, 0.4)
    assert (suspect.reactions.engage, suspect.reactions.retreat) == (2, 0)
    assert suspect.when == Condition("suspect_start", ("east",))
    (civilians,) = level.civilians
    assert (civilians.count, civilians.wounded, civilians.behaviour.freeze) == (12, "walking", 1)
    (officer,) = level.officers
    assert (officer.dress, officer.off_duty, officer.goal) == (Dress.PLAIN, True, "trainee")
    assert officer.protocol == ((OffDutyProtocol.FOLLOWS, 3), (OffDutyProtocol.CONFUSED, 1))


def test_the_minimal_level_builds_each_kind_of_timeline_entry() -> None:
    radio, degraded, restored, prompt = load_level(MINIMAL).timeline
    assert (radio.kind, radio.sender, radio.at) == (TimelineKind.RADIO, "Dispatch", 50)
    assert (degraded.kind, degraded.zone, degraded.loss, degraded.at) == (
        TimelineKind.RADIO_DEGRADED,
        "corridor",
        0.5,
        900,
    )
    assert restored.kind is TimelineKind.RADIO_RESTORED
    assert prompt.when == Condition("suspect_start", ("west",))


def test_an_unquoted_twelve_thirty_is_a_time_not_a_base_sixty_number() -> None:
    restored = load_level(MINIMAL).timeline[2]
    assert restored.at == (12 * 60 + 30) * TICK_RATE


def test_the_variants_keep_their_options_weights_and_labels() -> None:
    (group,) = load_level(MINIMAL).variants
    assert [(option.id, option.weight) for option in group.options] == [("east", 2), ("west", 1)]


def test_scoring_keeps_given_thresholds_and_defaults_the_rest() -> None:
    scoring = load_level(MINIMAL).scoring
    assert (scoring.entry_full_seconds, scoring.entry_zero_seconds) == (45, 180)


def test_a_leading_zero_number_is_text_and_the_error_says_how_to_write_it() -> None:
    text = minimal_text().replace("count: 12", "count: 012")
    assert problems_of(text) == [
        "level.yaml:57:12: civilians[0].count: expected a whole number from 1 to 2000, "
        "got text '012'; write 12 without leading zeros"
    ]


def test_one_person_may_be_written_twice_under_options_that_exclude_each_other() -> None:
    text = (BROKEN / "duplicate_person_ids.yaml").read_text(encoding="utf-8")
    level = parse_level(text.replace("[early, late]", "late").encode(), "ok.yaml")
    assert [officer.arrives for officer in level.officers] == [600, 900]


def test_an_empty_file_and_a_blank_file_are_both_reported_as_empty() -> None:
    for text in ("", "\n\n   \n"):
        [problem] = problems_of(text)
        assert "the file is empty" in problem


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(LevelError) as caught:
        load_level(big)
    assert "limited to 2,097,152 bytes" in str(caught.value)


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(LevelError) as caught:
        load_level(tmp_path / "nope.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (1, 1, "(file)")


def test_problems_format_as_file_line_column_path_message() -> None:
    problem = Problem("a.yaml", 3, 7, "zones[0].id", "bad")
    assert str(problem) == "a.yaml:3:7: zones[0].id: bad"
    assert str(LevelError([problem, Problem("a.yaml", 1, 1, "id", "x")])).splitlines() == [
        "a.yaml:1:1: id: x",
        "a.yaml:3:7: zones[0].id: bad",
    ]


def test_the_example_level_in_the_authoring_guide_loads() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    example = guide.split("## A small level", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    level = parse_level(example.encode(), "guide_example.yaml")
    assert level.id == "wing_a"


def test_a_legend_symbol_in_a_list_of_rows_is_placed_inside_its_quotes() -> None:
    text = minimal_text().replace(
        "      rows: |\n        #####\n        #...#\n",
        '      rows: ["#####", "#..q#"]\n',
    )
    [problem] = problems_of(text)
    assert problem.startswith("level.yaml:22:27: map.floors[1].rows[1]: map symbol 'q'")


def test_resolve_asset_accepts_a_file_inside_the_level_folder(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "map.png").write_bytes(b"")
    assert resolve_asset(tmp_path, "img/map.png") == (tmp_path / "img" / "map.png").resolve()


@pytest.mark.parametrize("bad", ["/etc/passwd", "../secret.png", "img/../../x", "C:\\x.png", ""])
def test_resolve_asset_refuses_absolute_and_escaping_paths(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        resolve_asset(tmp_path, bad)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_resolve_asset_refuses_a_symlink_that_leaves_the_folder(tmp_path: Path) -> None:
    level_dir = tmp_path / "levels"
    level_dir.mkdir()
    (tmp_path / "outside.png").write_bytes(b"")
    (level_dir / "link.png").symlink_to(tmp_path / "outside.png")
    with pytest.raises(ValueError, match="outside"):
        resolve_asset(level_dir, "link.png")


def test_check_paths_reads_levels_in_a_folder_and_skips_scripts_and_other_yaml(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.yaml").write_text(minimal_text(), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\nmap: {floors: []}\n", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("commands: []\n", encoding="utf-8")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "s.yaml").write_text("map: broken\n", encoding="utf-8")
    levels, problems = check_paths([str(tmp_path)])
    assert [level.id for level in levels] == ["minimal"]
    assert {Path(problem.file).name for problem in problems} == {"b.yaml"}


def test_check_paths_reports_missing_paths_unreadable_files_and_repeated_level_ids(
    tmp_path: Path,
) -> None:
    (tmp_path / "one.yaml").write_text(minimal_text(), encoding="utf-8")
    (tmp_path / "two.yaml").write_text(minimal_text(), encoding="utf-8")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00garbage")
    names = [str(tmp_path / name) for name in ("one.yaml", "two.yaml", "bin.yaml", "nope.yaml")]
    levels, problems = check_paths(names)
    assert len(levels) == 2
    messages = [(Path(p.file).name, p.message.split(" (")[0]) for p in problems]
    assert ("two.yaml", "level id 'minimal' is also used by " + names[0]) in messages
    assert ("nope.yaml", "no such file or folder") in messages
    assert any(name == "bin.yaml" and "not UTF-8" in message for name, message in messages)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_mutations_of_a_valid_level_raise_only_level_errors_with_real_places(
    data: st.DataObject,
) -> None:
    mutated = mutate(minimal_text(), data)
    try:
        parse_level(mutated, "mutated.yaml")
    except LevelError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.path and problem.message
            assert problem.file == "mutated.yaml"
