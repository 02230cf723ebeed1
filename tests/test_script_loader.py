"""Script files: read as strictly as levels, every problem with its file:line:col and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core.commands import (
    COMMAND_TYPES,
    AnnouncePolice,
    DrawWeapon,
    Fire,
    MoveTo,
    OpenDoor,
    Radio,
    SetPace,
    command_name,
)
from game.core.level import TICK_RATE, Position
from game.levels.errors import LevelError
from game.levels.limits import MAX_DURATION_SECONDS
from game.sessions.replay import replay_text
from game.sessions.script import load_script, parse_script
from game.sessions.scriptcommands import COMMANDS, command_to_yaml
from game.sessions.times import clock, parse_time

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
LEVEL = FIXTURES / "tiny_school.yaml"


def problems_of(text: str) -> list[str]:
    """The problems of a script (written next to the fixture level) as printed lines."""
    with pytest.raises(LevelError) as caught:
        parse_script(text.encode("utf-8"), str(FIXTURES / "test_script.yaml"))
    return [str(problem) for problem in caught.value.problems]


def script_of(text: str):
    """A script from text, checked against the fixture level."""
    return parse_script(text.encode("utf-8"), str(FIXTURES / "test_script.yaml"))


def one_problem(text: str) -> str:
    """The single problem of a script, without its file name."""
    found = problems_of(text)
    assert len(found) == 1, found
    return found[0].split("test_script.yaml:", 1)[1]


def test_the_good_fixture_script_loads_with_its_level_seed_variant_and_commands_in_time_order():
    script = load_script(FIXTURES / "good.yaml")
    assert script.level.id == "tiny_school"
    assert Path(script.level_path).resolve() == LEVEL.resolve()
    assert script.seed == 7 and script.seed_given
    assert script.variant == (("backup", "on_time"),)
    ticks = [command.tick for command in script.commands]
    assert ticks == sorted(ticks) and ticks[0] == 2 * TICK_RATE
    assert script.commands[0].command == DrawWeapon()
    assert script.commands[1].command == SetPace("run")
    radio = script.commands[2].command
    assert radio == Radio.of(
        "initial_report",
        location="corridor",
        shots="active",
        description="male, black hoodie",
        requests="backup, ems",
    )
    assert script.commands[3].command == MoveTo(zone="corridor")
    assert script.expect.casualties.max == 3


def test_commands_keep_file_order_within_one_tick_and_accept_exact_ticks():
    script = script_of(
        "level: tiny_school.yaml\n"
        "commands:\n"
        "  - {at: '0:05', do: announce_police}\n"
        "  - {tick: 3, do: draw_weapon}\n"
        "  - {tick: 50, do: fire, target: suspect}\n"
    )
    assert [(c.tick, c.command) for c in script.commands] == [
        (3, DrawWeapon()),
        (50, AnnouncePolice()),
        (50, Fire("suspect")),
    ]


def test_a_script_needs_only_its_level():
    script = script_of("level: tiny_school.yaml\n")
    assert script.commands == () and script.expect.empty and script.seed == 1
    assert not script.seed_given and script.until is None


def test_every_command_class_has_a_script_name_the_core_agrees_with():
    instances = {cls: _example(cls) for cls in COMMAND_TYPES}
    for cls, instance in instances.items():
        assert COMMANDS[command_name(instance)] is cls


def test_every_command_survives_a_trip_through_replay_text_and_back(tmp_path):
    from game.levels.loader import load_level

    level = load_level(LEVEL)
    commands = [(10 + index, _example(cls)) for index, cls in enumerate(COMMAND_TYPES)]
    path = tmp_path / "replay.yaml"
    path.write_text(replay_text(path, level, 3, {"backup": "late"}, commands, 400))
    script = load_script(path)
    assert [(c.tick, c.command) for c in script.commands] == commands
    assert script.replay.recorded == 400 and script.replay.level_sha256 == level.content_hash
    assert script.variant == (("backup", "late"),)


def test_tiles_are_written_as_tile_and_floor():
    assert command_to_yaml(MoveTo(target=Position(0, 3, 4))) == {"do": "move_to", "tile": [3, 4]}
    assert command_to_yaml(OpenDoor(Position(1, 2, 3))) == {
        "do": "open_door",
        "tile": [2, 3],
        "floor": 1,
    }
    assert command_to_yaml(MoveTo(zone="lobby")) == {"do": "move_to", "zone": "lobby"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "level: tiny_school.yaml\ntitel: x\n",
            "2:1: titel: unknown field 'titel'; did you mean 'title'?",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: draw_wepon}\n",
            "3:22: commands[0].do: unknown command 'draw_wepon'; did you mean 'draw_weapon'?",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: move_to, zon: corridor}\n",
            "3:31: commands[0].zon: unknown field 'zon' for move_to; did you mean 'zone'?",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: fire, target: suspekt}\n",
            "3:36: commands[0].target: no person 'suspekt' in the level; did you mean 'suspect'?",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: fire, target: class_a.9}\n",
            "3:36: commands[0].target: no person 'class_a.9' in the level; "
            "group 'class_a' has class_a.1 to class_a.4",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: move_to, zone: coridor}\n",
            "3:37: commands[0].zone: the level has no zone 'coridor'; did you mean 'corridor'?",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: radio, kind: update, shots: yes}\n",
            "3:50: commands[0].shots: expected one of 'active', 'stopped', 'none', 'unknown', "
            "got text 'yes'",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: radio, kind: request, requests: 'ems, swat'}\n",
            "3:54: commands[0].requests: unknown request 'swat'; "
            "one of: backup, ems, rtf, perimeter, command, staging, ccp",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: open_door, tile: [3, 3]}\n",
            "3:39: commands[0].tile: tile [3, 3] on floor 0 is floor, not a door",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: move_to, tile: [0, 2]}\n",
            "3:37: commands[0].tile: tile [0, 2] on floor 0 is wall: nobody can stand there",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:02', do: direct_civilians, exit_zone: room_a}\n",
            "3:51: commands[0].exit_zone: 'room_a' is a room, not an exit, staging area or ccp",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '9:00', do: stop}\n",
            "3:5: commands[0]: this command at 9:00 comes after the run ends at 4:00 "
            "(the level's duration)",
        ),
        (
            "level: tiny_school.yaml\nuntil: '1:00'\ncommands:\n  - {at: '1:30', do: stop}\n",
            "4:5: commands[0]: this command at 1:30 comes after the run ends at 1:00 (`until`)",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {do: stop}\n",
            '3:5: commands[0].at: required field is missing: when, e.g. at: "0:35"',
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:3', do: stop}\n",
            '3:10: commands[0].at: expected a time ("m:ss" such as "1:30", or whole seconds), '
            "got text '0:3'; write 0:03",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:03', tick: 30, do: stop}\n",
            "3:18: commands[0].tick: write only one of: at, tick",
        ),
        (
            "level: tiny_school.yaml\ncommands:\n  - {at: '0:03', do: stop, pace: run}\n",
            "3:28: commands[0].pace: unknown field 'pace' for stop; stop takes no fields",
        ),
        (
            "level: tiny_school.yaml\nvariant: {backup: erly}\n",
            "2:19: variant.backup: group 'backup' has no option 'erly'; options: late, on_time",
        ),
        (
            "level: tiny_school.yaml\nvariant: {bakup: late}\n",
            "2:11: variant.bakup: the level has no variant group 'bakup'; did you mean 'backup'?",
        ),
        (
            "level: tiny_school.yaml\nseed: '7'\n",
            "2:7: seed: expected a whole number of 0 or more, got text '7'",
        ),
        (
            "level: tiny_school.yaml\nexpect: {rating: {min: Q}}\n",
            "2:24: expect.rating.min: expected one of 'P', 'S', 'M', 'U', got text 'Q'",
        ),
        (
            "level: tiny_school.yaml\nexpect: {rating: {min: P, max: U}}\n",
            "2:18: expect.rating: min P is better than max U (P is best, U worst)",
        ),
        (
            "level: tiny_school.yaml\nexpect: {events: [{type: ThreatStoped}]}\n",
            "2:26: expect.events[0].type: no event type 'ThreatStoped'; did you mean 'ThreatStopped'?",
        ),
        (
            "level: tiny_school.yaml\nexpect: {events: [{type: ShotFired, where: {shootr: trainee}}]}\n",
            "2:45: expect.events[0].where.shootr: ShotFired has no field 'shootr'; "
            "did you mean 'shooter'?",
        ),
        (
            "level: tiny_school.yaml\nexpect: {events: [{type: ShotFired, after: '2:00', before: '1:00'}]}\n",
            "2:19: expect.events[0]: after (2:00) must be earlier than before (1:00)",
        ),
        (
            "level: tiny_school.yaml\nexpect: {casualties: {max: 3, mx: 4}}\n",
            "2:31: expect.casualties.mx: unknown field 'mx'; did you mean 'max'?",
        ),
        ("level: nowhere.yaml\n", "1:8: level: no level file at 'nowhere.yaml' (looked for"),
        (
            "title: x\n",
            "1:1: level: required field is missing: the level file, relative to this script",
        ),
        ("", "1:1: (file): the file is empty; a script needs at least `level:`"),
        (
            "- a\n",
            "1:1: (file): this is not a script file: it holds a list, not a mapping of script "
            "fields (level, title, seed, variant, until...)",
        ),
        ("level: tiny_school.yaml\nseed: &s 3\n", "2:7: (file): anchors and aliases"),
        (
            "level: tiny_school.yaml\nseed: 3\nseed: 4\n",
            "3:1: seed: duplicate key 'seed' (first at line 2",
        ),
        ("level: [\n", "2:1: (file): "),
    ],
)
def test_a_bad_script_names_the_place_the_field_and_what_is_wrong(text, expected):
    assert one_problem(text).startswith(expected)


def test_every_problem_of_a_script_is_reported_at_once():
    found = problems_of(
        "level: tiny_school.yaml\n"
        "seed: x\n"
        "commands:\n"
        "  - {at: '0:01', do: jump}\n"
        "  - {at: '0:02', do: fire, target: nobody}\n"
        "expect: {score: {min: 10, max: 5}}\n"
    )
    assert [line.split(":")[1] for line in found] == ["2", "4", "5", "6"]


def test_a_level_with_problems_is_reported_with_the_levels_own_places(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(LEVEL.read_text().replace("kind: corridor", "kind: coridor"))
    script = tmp_path / "s.yaml"
    script.write_text("level: broken.yaml\n")
    with pytest.raises(LevelError) as caught:
        load_script(script)
    printed = [str(p) for p in caught.value.problems]
    assert any(
        line.startswith(f"{script}:1:8: level: the level 'broken.yaml' has problems")
        for line in printed
    )
    assert any(line.startswith(f"{broken}:") and "coridor" in line for line in printed)


def test_a_given_level_overrides_the_scripts_own():
    from game.levels.loader import load_level

    level = load_level(LEVEL)
    script = parse_script(
        b"commands: [{at: '0:01', do: draw_weapon}]\n", "/elsewhere/s.yaml", level
    )
    assert script.level is level and len(script.commands) == 1


def test_a_missing_script_file_is_a_problem_not_a_crash(tmp_path):
    with pytest.raises(LevelError) as caught:
        load_script(tmp_path / "none.yaml")
    assert "cannot read the file" in str(caught.value)


def test_times_read_as_minutes_and_seconds_from_the_scenario_start():
    assert parse_time("0:35") == 35 * TICK_RATE
    assert parse_time("12:00") == 720 * TICK_RATE
    assert parse_time("90") == 90 * TICK_RATE
    for bad in ("1:5", "abc", "1:60", "-3", ""):
        with pytest.raises(ValueError):
            parse_time(bad)
    assert clock(355) == "0:35.5" and clock(350) == "0:35" and clock(6000) == "10:00"


@given(st.integers(min_value=0, max_value=MAX_DURATION_SECONDS))
def test_a_whole_second_time_prints_and_reads_back_the_same(seconds):
    assert parse_time(clock(seconds * TICK_RATE)) == seconds * TICK_RATE


def _example(cls: type) -> object:
    """An instance of a command class with plausible field values for the fixture level."""
    from dataclasses import MISSING, fields

    examples = {
        "dx": 1,
        "dy": 0,
        "pace": "walk",
        "zone": "corridor",
        "exit_zone": "parking",
        "kind": "update",
        "slots": (("location", "room_a"), ("description", 'tall, "red" coat, café')),
    }
    values = {}
    for f in fields(cls):
        if f.name in examples:
            values[f.name] = examples[f.name]
        elif "Position" in str(f.type):
            values[f.name] = Position(0, 4, 5) if cls is not MoveTo else None
        elif f.name == "target":
            values[f.name] = "class_b.2"
        elif f.default is MISSING:
            values[f.name] = "x"
    if cls is MoveTo:
        values = {"target": Position(0, 5, 3)}
    return cls(**values)


def test_the_committed_script_schema_is_up_to_date():
    from game.sessions.schema import SCHEMA_PATH, schema_text

    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "run: python -m game.sessions.schema"
    )


def test_every_shipped_and_fixture_script_fits_the_schema():
    from schema_checks import schema_objection

    root = Path(__file__).resolve().parent.parent
    paths = [
        *sorted((root / "levels" / "scripts").rglob("*.yaml")),
        *sorted(FIXTURES.glob("*.yaml")),
    ]
    scripts = [p for p in paths if p.name != LEVEL.name]
    assert [schema_objection(path) for path in scripts] == [""] * len(scripts)
