"""The script format is one table: the parser, the JSON Schema and the guide all say what it says."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest
import yaml
from schema_checks import schema_objection, schema_validator

from game.core.commands import COMMAND_TYPES, Radio
from game.levels.errors import LevelError
from game.levels.fieldtypes import Field, ListOf, MapOf, Obj
from game.scoring import RULES
from game.sessions.commandfields import (
    COMMAND_SPECS,
    CONDITION_FORMS,
    FLAG,
    REACTIVE_FIELDS,
    TIME_FIELDS,
    command_keys,
    snake_case,
)
from game.sessions.schema import SCHEMA_PATH, schema_text
from game.sessions.script import EventExpectation, Expect, parse_script
from game.sessions.scriptfields import (
    EVENT_EXPECTATION,
    EVENT_TYPES,
    EXPECT,
    SCRIPT,
    event_fields,
)
from game.sessions.scriptguide import GUIDE_PATH, update_guide
from main import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sessions"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")


def shipped_scripts() -> list[Path]:
    """Every shipped script and every script fixture (not the fixture level)."""
    paths = [*sorted((ROOT / "levels" / "scripts").rglob("*.yaml")), *sorted(FIXTURES.glob("*"))]
    return [path for path in paths if path.suffix == ".yaml" and path.name != "tiny_school.yaml"]


def mappings(spec: Obj) -> list[Obj]:
    """Every mapping of the table reachable from `spec`, each once."""
    found = [spec]
    for item in spec.fields:
        inner = item.type
        while isinstance(inner, ListOf | MapOf):
            inner = inner.item if isinstance(inner, ListOf) else inner.value
        if isinstance(inner, Obj) and all(inner is not seen for seen in found):
            found += [child for child in mappings(inner) if all(child is not s for s in found)]
    return found


def table_fields() -> list[tuple[str, Field]]:
    """(where, field) for every field of the script table: top level, expectations, replays,
    every command's keys, the reactive keys and the conditions."""
    found = [(spec.name, item) for spec in mappings(SCRIPT) for item in spec.fields]
    found += [(name, item) for name, spec in COMMAND_SPECS.items() for item in spec.fields]
    found += [(form.name, item) for form in CONDITION_FORMS for item in form.fields]
    return found


def schema_objects() -> dict[str, dict]:
    """The schema object of every mapping of the table, found by walking the table and the schema
    side by side (a mapping's schema sits where its field's type puts it)."""
    found: dict[str, dict] = {}

    def walk(spec: Obj, schema: dict) -> None:
        found[spec.name] = schema
        for item in spec.fields:
            kind, inner = item.type, schema["properties"][item.name]
            while isinstance(kind, ListOf | MapOf):
                is_list = isinstance(kind, ListOf)
                kind, inner = (
                    (kind.item, inner["items"])
                    if is_list
                    else (kind.value, inner["additionalProperties"])
                )
            if isinstance(kind, Obj):
                walk(kind, inner)

    walk(SCRIPT, SCHEMA)
    commands = SCHEMA["definitions"]["command"]["oneOf"]
    for spec, schema in zip(COMMAND_SPECS.values(), commands, strict=True):
        walk(spec, schema)
    forms = SCHEMA["definitions"]["condition"]["anyOf"][2:]
    for spec, schema in zip(CONDITION_FORMS, forms, strict=True):
        walk(spec, schema)
    return found


def resolved(schema: dict) -> dict:
    """A schema with its `$ref` (to `#/definitions/NAME`) followed."""
    while "$ref" in schema and "description" not in schema:
        schema = SCHEMA["definitions"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def problems(text: str) -> list[str]:
    with pytest.raises(LevelError) as caught:
        parse_script(text.encode("utf-8"), str(FIXTURES / "test_script.yaml"))
    return [str(problem).split("test_script.yaml:", 1)[1] for problem in caught.value.problems]


def test_the_committed_schema_is_the_one_the_table_generates_and_is_valid_draft_07():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_committed_script_guide_is_the_one_the_table_generates():
    assert update_guide(GUIDE) == GUIDE, "run: python -m game.sessions.guides"


@pytest.mark.parametrize("path", shipped_scripts(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_schema_accepts_every_shipped_script(path):
    assert schema_objection(path) == ""


def test_every_field_of_the_table_has_a_description_and_an_example():
    lacking = [f"{where}.{item.name}" for where, item in table_fields() if not item.doc]
    lacking += [f"{where}.{item.name}" for where, item in table_fields() if item.example is None]
    assert lacking == []


def test_every_field_of_the_table_is_in_the_schema_with_its_description_and_default():
    objects = schema_objects()
    for where, item in table_fields():
        properties = objects[where]["properties"]
        assert item.name in properties, f"{where}.{item.name}"
        found = resolved(properties[item.name])
        assert found["description"] == item.doc, f"{where}.{item.name}"
        assert found.get("examples") == [item.example], f"{where}.{item.name}"
    assert SCHEMA["properties"]["seed"]["default"] == SCRIPT.field("seed").default
    assert SCHEMA["properties"]["expect"]["properties"]["holds_on"]["default"] == 100


def test_every_field_of_the_table_is_in_the_guide_with_its_description():
    for where, item in table_fields():
        if where in COMMAND_SPECS and item.name in COMMAND_SPECS[where].names[:3]:
            continue  # the time keys and `do` are in the table of keys every command may carry
        shown = f"`{item.name}`" in GUIDE or f"`{{{item.name}: " in GUIDE
        assert shown, f"{where}.{item.name}"
        assert " ".join(item.doc.replace("|", "\\|").split()) in " ".join(GUIDE.split()), (
            f"{where}.{item.name}"
        )
    for item in (*TIME_FIELDS, *REACTIVE_FIELDS):
        assert f"| `{item.name}` |" in GUIDE


def test_every_rule_id_event_type_and_condition_word_is_described_in_the_schema_and_guide():
    described: dict[str, str] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "const" in node and node.get("description"):
                described[node["const"]] = node["description"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(SCHEMA)
    names = [rule.id for rule in RULES] + list(EVENT_TYPES) + list(FLAG.values)
    assert [name for name in names if not described.get(name)] == []
    assert [name for name in names if f"| `{name}` |" not in GUIDE] == []
    assert RULES[0].title in described[RULES[0].id]


def test_every_command_of_the_core_is_in_the_table_with_every_field_it_has():
    for cls in COMMAND_TYPES:
        name = snake_case(cls.__name__)
        keys = set(command_keys(name))
        if cls is Radio:
            assert keys >= {"kind", "location", "requests", "status"}
            continue
        for f in fields(cls):
            wanted = {"tile", "floor"} if "Position" in str(f.type) else {f.name}
            assert wanted <= keys, (name, f.name)
    assert set(COMMAND_SPECS) == {snake_case(cls.__name__) for cls in COMMAND_TYPES}


def test_the_defaults_the_table_states_are_the_ones_the_parser_gives():
    script = parse_script(b"level: tiny_school.yaml\n", str(FIXTURES / "test_script.yaml"))
    assert script.seed == SCRIPT.field("seed").default
    assert script.title == SCRIPT.field("title").default
    assert script.expect == Expect() and Expect().holds_on == EXPECT.field("holds_on").default
    event = EventExpectation("ShotFired")
    assert event.count_min == EVENT_EXPECTATION.field("count_min").default


def test_the_schema_lets_where_name_only_the_fields_of_its_event_type():
    good = {
        "level": "x.yaml",
        "expect": {"events": [{"type": "ShotFired", "where": {"hit": True}}]},
    }
    schema_validator().validate(good)
    bad = {"level": "x.yaml", "expect": {"events": [{"type": "ShotFired", "where": {"zone": "a"}}]}}
    with pytest.raises(jsonschema.ValidationError):
        schema_validator().validate(bad)
    assert "zone" not in event_fields(EVENT_TYPES["ShotFired"])


WRONG_SCRIPTS = (
    ("levle: tiny_school.yaml\nlevel: tiny_school.yaml\n", "1:1: levle: unknown field 'levle'"),
    ("level: tiny_school.yaml\nseed: many\n", "2:7: seed: expected a whole number"),
    ("level: tiny_school.yaml\nuntil: 0\n", "2:8: until: the time must be more than 0"),
    (
        "level: tiny_school.yaml\ncommands:\n  - {at: 1, do: draw_weapon, speed: 2}\n",
        "3:30: commands[0].speed: unknown field 'speed' for draw_weapon",
    ),
    (
        "level: tiny_school.yaml\ncommands:\n  - {at: 1, do: set_pace, pace: sprint}\n",
        "3:33: commands[0].pace: expected one of 'walk', 'run'",
    ),
    (
        "level: tiny_school.yaml\ncommands:\n  - {at: 1, do: move, dx: 2, dy: 0}\n",
        "3:27: commands[0].dx: must be from -1 to 1",
    ),
    (
        "level: tiny_school.yaml\ncommands:\n  - {do: fire, target: suspect, when: {sess: attacker}}\n",
        "3:40: commands[0].when.sess: unknown condition 'sess'",
    ),
    (
        "level: tiny_school.yaml\nexpect: {ledger_has: [Z9]}\n",
        "2:23: expect.ledger_has[0]: no rubric rule 'Z9'",
    ),
    (
        "level: tiny_school.yaml\nexpect:\n  events: [{type: ShotFired, count_min: -1}]\n",
        "3:41: expect.events[0].count_min: must be from 0",
    ),
    ("level: tiny_school.yaml\nexpect: {holds_on: 0}\n", "2:20: expect.holds_on: expected a share"),
    (
        "level: tiny_school.yaml\ncommands:\n  - {at: 1, do: mvoe}\n",
        "3:17: commands[0].do: unknown command 'mvoe'; did you mean 'move'?",
    ),
    (
        "level: tiny_school.yaml\ncommands:\n  - {at: 1, do: fire, direction: up}\n",
        "3:34: commands[0].direction: expected one of 'north'",
    ),
    (
        "level: tiny_school.yaml\ncommands:\n  - {at: 1, tick: 10, do: stop}\n",
        "3:13: commands[0].tick: write only one of: at, tick",
    ),
    (
        "level: tiny_school.yaml\ncommands:\n  - {do: stop, every: 0}\n",
        "3:23: commands[0].every: the period must be from 0.1 to 3600 seconds",
    ),
    (
        "level: tiny_school.yaml\nexpect: {points: {Z9: 1}}\n",
        "2:19: expect.points.Z9: no rubric rule",
    ),
    (
        "level: tiny_school.yaml\nexpect:\n  events: [{type: ShotFired, where: {zone: a}}]\n",
        "3:38: expect.events[0].where.zone: ShotFired has no field 'zone'",
    ),
    (
        "level: tiny_school.yaml\nreplay: {level_sha256: abc, recorded: 5}\n",
        "2:24: replay.level_sha256: expected a SHA-256",
    ),
)


@pytest.mark.parametrize(("text", "problem"), WRONG_SCRIPTS)
def test_a_wrong_script_fails_the_schema_and_the_parser_at_its_place(text, problem):
    with pytest.raises(jsonschema.ValidationError):
        schema_validator().validate(yaml.safe_load(text))
    found = problems(text)
    assert any(line.startswith(problem) for line in found), found


def test_an_unknown_key_or_a_wrong_type_makes_run_exit_2_with_file_line_and_column(
    tmp_path, capsys
):
    level = (FIXTURES / "tiny_school.yaml").read_text(encoding="utf-8")
    (tmp_path / "tiny_school.yaml").write_text(level, encoding="utf-8")
    script = tmp_path / "bad.yaml"
    script.write_text(
        "level: tiny_school.yaml\nseed: 3\ncommands:\n  - {at: '0:01', do: draw_weapon, fast: true}\n"
        "  - {at: '0:02', do: set_pace, pace: 7}\n",
        encoding="utf-8",
    )
    assert main(["run", "--script", str(script)]) == 2
    err = capsys.readouterr().err
    assert f"{script}:4:35: commands[0].fast: unknown field 'fast' for draw_weapon" in err
    assert f"{script}:5:38: commands[1].pace: expected one of 'walk', 'run'" in err
    assert "Traceback" not in err
