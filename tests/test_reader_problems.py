"""Every way a script, a replay block or a level field can be wrong gets its own placed problem.

The readers of untrusted files are the most trusted parsers, so each of their refusals is tested here:
one line of YAML in, the exact path and the gist of the message out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.levels import LevelError, parse_level
from game.levels.fields import LEVEL
from game.sessions.script import (
    Bounds,
    EventExpectation,
    RatingBounds,
    parse_script,
)

SESSIONS = Path(__file__).parent / "fixtures" / "sessions"
SCRIPT_NAME = str(SESSIONS / "probe.yaml")
MINIMAL = (Path(__file__).parent / "fixtures" / "minimal_level.yaml").read_text(encoding="utf-8")


def script_problems(body: str) -> list[tuple[str, str]]:
    """(path, message) of every problem of a script on the tiny school with this body."""
    with pytest.raises(LevelError) as caught:
        parse_script(f"level: tiny_school.yaml\n{body}\n".encode(), SCRIPT_NAME)
    return [(p.path, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("body", "path", "gist"),
    [
        ("commands: 5", "commands", "expected a list of commands"),
        ("commands:\n  - 5", "commands[0]", "expected a command such as"),
        ("commands:\n  - {at: '0:01'}", "commands[0].do", "required field is missing"),
        ("commands:\n  - {do: stop}", "commands[0].at", "required field is missing: when"),
        ("commands:\n  - {at: '0:01', tick: 3, do: stop}", "commands[0].tick", "only one of"),
        ("commands:\n  - {at: '0:01', do: 7}", "commands[0].do", "expected text"),
        ("commands:\n  - {at: '0:01', do: fly}", "commands[0].do", "unknown command 'fly'"),
        (
            "commands:\n  - {at: '0:01', do: stop, zone: x}",
            "commands[0].zone",
            "stop takes no fields",
        ),
        ("commands:\n  - {at: '0:01', do: move_to}", "commands[0]", "needs a zone or a tile"),
        (
            "commands:\n  - {at: '0:01', do: move_to, zone: corridor, tile: [1, 3]}",
            "commands[0].tile",
            "only one of: zone, tile",
        ),
        (
            "commands:\n  - {at: '0:01', do: move_to, zone: gym}",
            "commands[0].zone",
            "no zone 'gym'",
        ),
        (
            "commands:\n  - {at: '0:01', do: move_to, floor: 0}",
            "commands[0].floor",
            "only goes with",
        ),
        (
            "commands:\n  - {at: '0:01', do: move_to, tile: [99, 99]}",
            "commands[0].tile",
            "off the map",
        ),
        (
            "commands:\n  - {at: '0:01', do: move_to, tile: [0, 2]}",
            "commands[0].tile",
            "nobody can stand",
        ),
        (
            "commands:\n  - {at: '0:01', do: open_door, tile: [1, 3]}",
            "commands[0].tile",
            "not a door",
        ),
        (
            "commands:\n  - {at: '0:01', do: move_to, tile: [1, 3], floor: 9}",
            "commands[0].floor",
            "no floor 9",
        ),
        ("commands:\n  - {at: '0:01', do: move, dx: 2, dy: 0}", "commands[0].dx", "from -1 to 1"),
        ("commands:\n  - {at: '0:01', do: move}", "commands[0].dx", "required field is missing"),
        (
            "commands:\n  - {at: '0:01', do: fire, target: nobody}",
            "commands[0].target",
            "no person",
        ),
        (
            "commands:\n  - {at: '0:01', do: fire, target: class_a.9}",
            "commands[0].target",
            "class_a.1 to",
        ),
        (
            "commands:\n  - {at: '0:01', do: direct_civilians, exit_zone: room_a}",
            "commands[0].exit_zone",
            "not an exit",
        ),
        ("commands:\n  - {at: '0:01', do: radio}", "commands[0].kind", "required field is missing"),
        (
            "commands:\n  - {at: '0:01', do: radio, kind: update, requests: [pizza]}",
            "commands[0].requests",
            "expected one of",
        ),
        (
            "commands:\n  - {at: '0:01', do: radio, kind: update, requests: 'backup, pizza'}",
            "commands[0].requests",
            "unknown request 'pizza'",
        ),
        (
            "commands:\n  - {at: '0:01', do: radio, kind: update, requests: 5}",
            "commands[0].requests",
            "expected text",
        ),
        ("commands:\n  - {at: '9:00', do: stop}", "commands[0]", "after the run ends"),
        ("until: '0:10'\ncommands:\n  - {at: '0:20', do: stop}", "commands[0]", "`until`"),
        ("expect: 5", "expect", "expected a mapping of expectations"),
        ("expect: {grade: P}", "expect.grade", "unknown field 'grade'"),
        ("expect: {rating: {min: U, max: P, mid: S}}", "expect.rating.mid", "unknown field"),
        ("expect: {rating: {}}", "expect.rating", "needs min, max or both"),
        ("expect: {rating: [P]}", "expect.rating", "expected a value or {min"),
        ("expect: {rating: {min: P, max: U}}", "expect.rating", "better than max"),
        ("expect: {score: {min: 9, max: 1}}", "expect.score", "more than max"),
        ("expect: {categories: [A]}", "expect.categories", "expected a mapping {category"),
        ("expect: {categories: {Z: P}}", "expect.categories.Z", "no rubric category 'Z'"),
        ("expect: {points: [A1]}", "expect.points", "expected a mapping {rule"),
        ("expect: {points: {ZZ9: 1}}", "expect.points.ZZ9", "no rubric rule 'ZZ9'"),
        ("expect: {ledger_has: [ZZ9]}", "expect.ledger_has[0]", "no rubric rule"),
        ("expect: {ledger_has: A1}", "expect.ledger_has", "expected a list"),
        ("expect: {hard_failures: [A1]}", "expect.hard_failures[0]", "no rubric rule"),
        ("expect: {events: 5}", "expect.events", "expected a list of event expectations"),
        ("expect: {events: [5]}", "expect.events[0]", "expected a mapping such as"),
        ("expect: {events: [{before: '1:00'}]}", "expect.events[0].type", "required field"),
        ("expect: {events: [{type: Teleported}]}", "expect.events[0].type", "no event type"),
        ("expect: {events: [{type: 5}]}", "expect.events[0].type", "expected text"),
        ("expect: {events: [{type: ShotFired, when: 1}]}", "expect.events[0].when", "unknown"),
        (
            "expect: {events: [{type: ShotFired, where: 5}]}",
            "expect.events[0].where",
            "{field: value}",
        ),
        (
            "expect: {events: [{type: ShotFired, where: {colour: red}}]}",
            "expect.events[0].where.colour",
            "has no field",
        ),
        (
            "expect: {events: [{type: ShotFired, where: {shooter: [a]}}]}",
            "expect.events[0].where.shooter",
            "expected a plain value",
        ),
        (
            "expect: {events: [{type: ShotFired, never: true, count_min: 1}]}",
            "expect.events[0].never",
            "either never: true or count_min",
        ),
        (
            "expect: {events: [{type: ShotFired, count_min: 3, count_max: 1}]}",
            "expect.events[0]",
            "count_min 3 is more than count_max 1",
        ),
        (
            "expect: {events: [{type: ShotFired, after: '2:00', before: '1:00'}]}",
            "expect.events[0]",
            "must be earlier than before",
        ),
        ("expect: {events: [{type: ShotFired, after: x}]}", "expect.events[0].after", "a time"),
        (
            "expect: {events: [{type: ShotFired, count_min: x}]}",
            "expect.events[0].count_min",
            "whole",
        ),
        (
            "expect: {events: [{type: ShotFired, never: maybe}]}",
            "expect.events[0].never",
            "true or false",
        ),
        ("expect: {event_log_sha256: abc}", "expect.event_log_sha256", "expected a SHA-256"),
        ("expect: {event_log_sha256: 5}", "expect.event_log_sha256", "expected text"),
        ("replay: 5", "replay", "expected a mapping (level_sha256, recorded)"),
        ("replay: {recorded: 5, extra: 1}", "replay.extra", "unknown field"),
        ("replay: {recorded: 5}", "replay.level_sha256", "required field is missing"),
        ("variant: 5", "variant", "expected a mapping {group: option}"),
        ("variant: {weather: rain}", "variant.weather", "no variant group 'weather'"),
        ("variant: {backup: never}", "variant.backup", "has no option 'never'"),
        ("variant: {backup: 5}", "variant.backup", "expected text"),
        ("colour: red", "colour", "unknown field 'colour'"),
        (
            "commands:\n" + "  - {tick: 5, do: stop}\n" * 21,
            "commands[20]",
            "more than 20 commands at 0:00.5",
        ),
        ("commands:\n" + "  - {tick: 5, do: stop}\n" * 72_001, "commands[72000]", "at most 72,000"),
    ],
)
def test_each_script_mistake_is_reported_at_its_field(body, path, gist):
    found = script_problems(body)
    assert any(p == path and gist in m for p, m in found), found


def test_a_script_without_a_level_or_with_a_broken_one_says_so(tmp_path):
    with pytest.raises(LevelError, match="required field is missing: the level file"):
        parse_script(b"title: x\n", str(tmp_path / "s.yaml"))
    with pytest.raises(LevelError, match=r"no level file at 'nowhere\.yaml'"):
        parse_script(b"level: nowhere.yaml\n", str(tmp_path / "s.yaml"))
    with pytest.raises(LevelError, match="expected text"):
        parse_script(b"level: 5\n", str(tmp_path / "s.yaml"))
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n")
    with pytest.raises(LevelError, match="has problems"):
        parse_script(b"level: broken.yaml\n", str(tmp_path / "s.yaml"))


def test_empty_sections_of_a_script_are_nothing_to_do():
    script = parse_script(b"level: tiny_school.yaml\ncommands:\nexpect:\nvariant:\n", SCRIPT_NAME)
    assert script.commands == () and script.expect.empty and script.variant == ()


def test_expectations_read_back_in_words():
    assert RatingBounds("S", "P").text() == "from S to P"
    assert RatingBounds("M", "M").text() == "exactly M"
    assert RatingBounds(None, "S").text() == "at most S"
    assert Bounds(1, 2.5).text() == "from 1 to 2.5" and Bounds(None, 3).text() == "at most 3"
    assert Bounds(4, None).text() == "at least 4" and Bounds(2, 2).text() == "exactly 2"
    event = EventExpectation("ShotFired", (("shooter", "suspect"),), after=10, before=600)
    assert event.text() == "ShotFired (shooter=suspect) at least once from 0:01 before 1:00"
    assert (
        EventExpectation("ShotFired", count_min=2, count_max=2).text().endswith("exactly 2 times")
    )
    assert EventExpectation("ShotFired", count_min=1, count_max=3).text().endswith("1 to 3 times")
    assert EventExpectation("ShotFired", count_min=3).text().endswith("at least 3 times")
    assert EventExpectation("ShotFired", count_min=0, count_max=0).text().endswith("never")


def test_a_rule_that_is_not_scored_is_named_with_its_reason():
    from game.scoring import NOT_SCORED

    if not NOT_SCORED:
        pytest.skip("every rule of the rubric is scored")
    rule_id = NOT_SCORED[0][0]
    found = script_problems(f"expect: {{ledger_has: [{rule_id}]}}")
    assert any("is not scored" in message for _, message in found)


def level_problems(old: str, new: str) -> list[tuple[str, str]]:
    """(path, message) of the problems of the minimal level with one piece of text replaced."""
    assert old in MINIMAL
    with pytest.raises(LevelError) as caught:
        parse_level(MINIMAL.replace(old, new, 1).encode(), "probe.yaml")
    return [(p.path, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "path", "gist"),
    [
        ("K: {kind", "KK: {kind", "map.legend.KK", "a map symbol is one character"),
        ("raid_jacket: true", "raid_jacket: 1", "trainee.raid_jacket", "expected true or false"),
        (
            "engage: 2, retreat: 0",
            "engage: 0, retreat: 0, surrender: 0",
            "suspects[0].reactions",
            "must not all be 0",
        ),
        (
            "spawn: {zone: parking}\n  raid",
            "spawn: {zone: parking, floor: 1}\n  raid",
            "trainee.spawn.floor",
            "only goes with",
        ),
        ("scoring:\n", "? [a, b]\n: 1\nscoring:\n", "(root)", "a key must be a plain name"),
        ("  legend:\n", "  legend: 5\n  x:\n", "map.legend", "expected a mapping"),
        (
            "rows: |\n        #####",
            "rows: 5\n      x: |\n        #####",
            "map.floors[1].rows",
            "map rows",
        ),
        (
            "rows: |\n        #####\n        #...#",
            "rows: ['', '']",
            "map.floors[1].rows",
            "no rows",
        ),
        (
            "rows: |\n        #####\n        #...#",
            "rows: [5]",
            "map.floors[1].rows[0]",
            "expected text",
        ),
        ("area: [2, 2, 9, 2]", "area: [9, 2, 2, 2]", "zones[1].area", "x1 must not exceed x2"),
        (
            "area: [2, 2, 9, 2]",
            "area: [2, 2, 9, 2000000000]",
            "zones[1].area",
            "a tile number is at most",
        ),
        ("floor: Ground floor", "floor: Basement", "zones[2].floor", "no floor named 'Basement'"),
        ("floor: Ground floor", "floor: 7", "zones[2].floor", "no floor 7"),
        ("floor: Ground floor", "floor: [0]", "zones[2].floor", "a floor index or floor name"),
        (
            "when: {suspect_start: [east]}",
            "when: {suspect_start: east, x: y}",
            "suspects[0].when",
            "one variant group",
        ),
        (
            "when: {suspect_start: [east]}",
            "when: {Suspect Start: east}",
            "suspects[0].when.Suspect Start",
            "an id",
        ),
        (
            "when: {suspect_start: [east]}",
            "when: {suspect_start: [5]}",
            "suspects[0].when.suspect_start[0]",
            "expected text",
        ),
        ("arrives: 0:10", "arrives: '0:5'", "trainee.arrives", "write 0:05"),
        ("arrives: 0:10", "arrives: 1.5", "trainee.arrives", "seconds must be whole"),
        ('duration: "15:00"', 'duration: "0:00"', "duration", "must be more than 0"),
        (
            "fire_interval: 2.5",
            "fire_interval: 0.01",
            "suspects[0].fire_interval",
            "at least 0.1 seconds",
        ),
        (
            "fire_interval: 2.5",
            "fire_interval: fast",
            "suspects[0].fire_interval",
            "a number of seconds",
        ),
        ("accuracy: 0.4", "accuracy: 4", "suspects[0].accuracy", "from 0 to 1"),
        ("count: 12", "count: 0", "civilians[0].count", "from 1 to 2000"),
        ("count: 12", "count: twelve", "civilians[0].count", "a whole number"),
        ("weight: 2", "weight: 0", "variants[0].options[0].weight", "must be from 1 to"),
        ("id: minimal", "id: Minimal Level", "id", "try 'minimal_level'"),
        ("id: minimal", "id: " + "a" * 101, "id", "at most 100 allowed"),
        ("kind: exit", "kind: exitt", "zones[0].kind", "did you mean 'exit'"),
        ("kind: exit", "kind: 5", "zones[0].kind", "expected one of"),
        ("zones:\n", "zones: {a: 1}\nx:\n", "zones", "expected a list"),
        ("goal: trainee", "goal: corridorr", "officers[0].goal", "did you mean 'corridor'"),
    ],
)
def test_each_level_mistake_is_reported_at_its_field(old, new, path, gist):
    found = level_problems(old, new)
    assert any(p == path and gist in m for p, m in found), found


def test_a_level_field_table_lookup_names_a_missing_field():
    assert LEVEL.field("title").name == "title"
    with pytest.raises(KeyError):
        LEVEL.field("colour")
