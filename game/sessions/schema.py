"""Generate the script JSON Schema (draft-07) from the script's field table; `python -m game.sessions.schema`.

The schema checks shapes only (field names, types, command names and their keys, rule ids, event
types and their fields); `load_script` also checks everything against the level (zones, people,
variants, tiles).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.levels.schema import DRAFT_07, field_schema, object_schema, type_schema
from game.sessions.commandfields import (
    COMMAND_SPECS,
    CONDITION_TYPE,
    REACTIVE_FIELDS,
    REACTIVE_KEYS,
    TIME_FIELDS,
    TIME_KEYS,
)
from game.sessions.scriptfields import EVENT_TYPES, RULE, SCRIPT, event_fields

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "script.schema.json"
"""Where the generated schema is committed."""


def script_schema() -> dict:
    """The whole script file's JSON Schema as a dict."""
    schema: dict = {
        "$schema": DRAFT_07,
        "$id": "script.schema.json",
        "title": "Rapid Response Trainer level script",
    }
    schema |= object_schema(SCRIPT)
    expect = schema["properties"]["expect"]
    expect["properties"]["events"]["items"]["allOf"] = _where_by_type()
    condition = type_schema(CONDITION_TYPE)
    schema["definitions"] = {
        "command": {
            "description": "One command: when (`at` or `tick`), what (`do`) and its keys, and "
            "optionally `when`, `until` and `every`.",
            "oneOf": [command_schema(name) for name in COMMAND_SPECS],
        },
        "condition": {"description": CONDITION_TYPE.what} | condition,
    }
    for item in (*TIME_FIELDS, *REACTIVE_FIELDS):
        schema["definitions"][item.name] = field_schema(item)
    rule = type_schema(RULE)
    schema["properties"] = _hoisted(schema["properties"], rule, "#/definitions/rule")
    schema["definitions"]["rule"] = {"description": "A rule of the rubric, by id."} | rule
    return schema


def command_schema(name: str) -> dict:
    """One command's schema: `at` or `tick` (or a reactive key), `do: NAME` and its own keys; the keys
    every command may carry are defined once (`definitions`)."""
    schema = object_schema(COMMAND_SPECS[name])
    for item in (*TIME_FIELDS, *REACTIVE_FIELDS):
        schema["properties"][item.name] = {"$ref": f"#/definitions/{item.name}"}
    timed = {"anyOf": [{"required": [key]} for key in TIME_KEYS]}
    reactive = {"anyOf": [{"required": [key]} for key in REACTIVE_KEYS]}
    schema["not"] = {"required": list(TIME_KEYS)}
    schema["anyOf"] = [timed, reactive]
    return schema


def schema_text() -> str:
    """The schema as the committed file's text."""
    return json.dumps(script_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write the schema to schema/script.schema.json."""
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


def _hoisted(node: object, shared: dict, ref: str) -> object:
    """The schema with every copy of `shared` replaced by a reference to its one definition."""
    if node == shared:
        return {"$ref": ref}
    if isinstance(node, dict):
        return {key: _hoisted(value, shared, ref) for key, value in node.items()}
    if isinstance(node, list):
        return [_hoisted(value, shared, ref) for value in node]
    return node


def _where_by_type() -> list[dict]:
    """For each event type, the fields its `where` may name (the event class's own fields)."""
    rules = []
    for name, cls in EVENT_TYPES.items():
        names = [item for item in event_fields(cls) if item != "tick"]
        rules.append(
            {
                "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                "then": {"properties": {"where": {"propertyNames": {"enum": names}}}},
            }
        )
    return rules


if __name__ == "__main__":
    sys.exit(main())
